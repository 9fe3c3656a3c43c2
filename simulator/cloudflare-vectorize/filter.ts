/**
 * Vectorize's metadata filter dialect (fact sheet §5), compiled to a predicate over a vector's *indexed* snapshot
 * (property path → value recorded by a metadata index when the vector was written).
 *
 * Why not simulator/engine/filter.ts: Vectorize allows `null` operands and string ranges ($lt on strings), has no
 * $and/$or/$exists, and keys are dot paths; the engine's dialect differs on each point (see the report).
 *
 * Semantics, each deliberate:
 * - `{k: v}` is `{k: {$eq: v}}`; several keys and several operators on one key are ANDed; there is no OR.
 * - Only indexed properties exist for the filter: a vector that has no indexed value for `k` matches no condition on
 *   `k` (not even $ne/$nin), because Vectorize answers filters from the property's index.
 * - Equality is strict (1 ≠ "1" ≠ true); ranges compare numbers with numbers and strings with strings (UTF-16 order).
 * - Strings are compared on their first 64 UTF-8 bytes, as they are indexed (fact sheet §4).
 */
import { truncateUtf8 } from './model.ts';

export type Indexed = Record<string, string | number | boolean>;
export type FilterPredicate = (indexed: Indexed | undefined) => boolean;
type Scalar = string | number | boolean | null;

const OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$lt', '$lte', '$gt', '$gte']);
const MAX_FILTER_BYTES = 2048;
const MAX_KEY_CHARS = 512;

export class CfFilterError extends Error {}

export function compileCfFilter(filter: unknown): FilterPredicate {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) throw new CfFilterError('filter must be an object');
  const entries = Object.entries(filter as Record<string, unknown>);
  if (entries.length === 0) throw new CfFilterError('filter must not be empty');
  const bytes = Buffer.byteLength(JSON.stringify(filter));
  if (bytes >= MAX_FILTER_BYTES) throw new CfFilterError(`filter is ${bytes} bytes as compact JSON; it must be under ${MAX_FILTER_BYTES}`);
  const tests: Test[] = [];
  for (const [key, spec] of entries) {
    if (key === '') throw new CfFilterError('filter keys must not be empty');
    if (key.length > MAX_KEY_CHARS) throw new CfFilterError(`filter key "${key.slice(0, 32)}…" is longer than ${MAX_KEY_CHARS} characters`);
    if (key.includes('"')) throw new CfFilterError(`filter key ${JSON.stringify(key)} must not contain '"'`);
    if (key.startsWith('$')) throw new CfFilterError(`filter key "${key}" must not start with '$' (no top-level operators such as $and/$or)`);
    if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
      const ops = Object.entries(spec as Record<string, unknown>);
      if (ops.length === 0) throw new CfFilterError(`filter.${key} has no operator`);
      for (const [op, operand] of ops) tests.push(compileOperator(key, op, operand));
    } else {
      tests.push(compileOperator(key, '$eq', spec));
    }
  }
  return (indexed) => {
    if (indexed === undefined) return false;
    for (const t of tests) if (!t(indexed)) return false;
    return true;
  };
}

type Test = (indexed: Indexed) => boolean;

function compileOperator(key: string, op: string, operand: unknown): Test {
  const where = `filter.${key}.${op}`;
  if (!OPERATORS.has(op)) throw new CfFilterError(`${where}: unsupported operator (supported: ${[...OPERATORS].join(' ')})`);
  const get = (m: Indexed) => (Object.hasOwn(m, key) ? m[key] : undefined);
  switch (op) {
    case '$eq':
    case '$ne': {
      const x = scalar(operand, where);
      return op === '$eq' ? (m) => get(m) === x : (m) => { const v = get(m); return v !== undefined && v !== x; };
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand) || operand.length === 0) throw new CfFilterError(`${where} needs a non-empty array`);
      const set = new Set<Scalar>(operand.map((v, i) => scalar(v, `${where}[${i}]`)));
      return op === '$in' ? (m) => { const v = get(m); return v !== undefined && set.has(v); } : (m) => { const v = get(m); return v !== undefined && !set.has(v); };
    }
    default: {
      const x = scalar(operand, where);
      if (typeof x !== 'number' && typeof x !== 'string') throw new CfFilterError(`${where} needs a number or a string`);
      const cmp = comparator(op, x);
      return (m) => {
        const v = get(m);
        return typeof v === typeof x && cmp(v as string | number);
      };
    }
  }
}

function comparator(op: string, x: string | number): (v: string | number) => boolean {
  if (op === '$lt') return (v) => v < x;
  if (op === '$lte') return (v) => v <= x;
  if (op === '$gt') return (v) => v > x;
  return (v) => v >= x;
}

function scalar(v: unknown, where: string): Scalar {
  if (typeof v === 'string') return truncateUtf8(v, 64);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean' || v === null) return v;
  throw new CfFilterError(`${where}: expected a string, number, boolean or null, got ${Array.isArray(v) ? 'an array' : typeof v}`);
}
