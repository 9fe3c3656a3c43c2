import type { Metadata, MetadataValue } from './types.ts';

/**
 * Provider-neutral metadata filter compiler (MongoDB-style operators, the common core of the documented dialects).
 *
 * Semantic choices, each deliberate:
 * - `{}` matches everything; `{ field: value }` is shorthand for `{ field: { $eq: value } }`.
 * - Several fields in one object, and several operators on one field, are ANDed.
 * - Field names are plain keys: `a.b` is the key "a.b", not a path (providers that nest pre-process the filter).
 *   Only own properties of the metadata count, so `constructor` or `__proto__` never match by accident.
 * - `$eq` on an array-valued field is true when any element equals; equality is strict (no coercion, 1 ≠ "1" ≠ true).
 * - `$ne` is NOT `$eq`: true on a missing field and on an array holding no equal element.
 * - `$in` is `$eq` against any listed value; `$nin` is NOT `$in` (true on a missing field). Both need non-empty arrays.
 * - `$exists: true` means the key is present, whatever its value (null included).
 * - `$gt/$gte/$lt/$lte` (numericOperators only) compare finite numbers; a non-number field never matches; an array field
 *   matches when any numeric element does.
 * - Without numericOperators ("string-only" dialect) `$eq/$ne/$in/$nin` accept only strings; with it also finite numbers
 *   and booleans. null is never a valid operand (use `$exists`).
 * - `$and/$or` take non-empty arrays of filters. Depth counts filter objects: the root is 1, each `$and/$or` element one
 *   more. The item count adds one per field condition, per `$in/$nin` element and per `$and/$or` element.
 */

export class FilterError extends Error {
  constructor(
    /** Where in the filter the problem is, e.g. `filter.$and[1].year.$gt`. */
    readonly path: string,
    detail: string,
  ) {
    super(`Invalid filter at ${path}: ${detail}`);
    this.name = 'FilterError';
  }
}

export interface CompileFilterOptions {
  /** Allow `$gt/$gte/$lt/$lte` and number/boolean operands. */
  numericOperators: boolean;
  /** Maximum nesting depth of filter objects. Default 8. */
  maxDepth?: number;
  /** Maximum number of conditions and list items. Default 1024. */
  maxItems?: number;
}

export type MetadataPredicate = (metadata: Metadata | undefined) => boolean;

type Scalar = string | number | boolean;
type Field = MetadataValue | undefined;

const FIELD_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$exists', '$gt', '$gte', '$lt', '$lte']);
const NUMERIC_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

export function compileFilter(filter: unknown, opts: CompileFilterOptions): MetadataPredicate {
  const ctx: Ctx = { numeric: opts.numericOperators, maxDepth: opts.maxDepth ?? 8, maxItems: opts.maxItems ?? 1024, items: 0 };
  const test = compileObject(filter, 'filter', 1, ctx);
  return (metadata) => test(metadata ?? EMPTY);
}

interface Ctx {
  numeric: boolean;
  maxDepth: number;
  maxItems: number;
  items: number;
}

type Test = (m: Metadata) => boolean;

const EMPTY: Metadata = Object.freeze({}) as Metadata;
const TRUE: Test = () => true;

function compileObject(filter: unknown, path: string, depth: number, ctx: Ctx): Test {
  if (!isPlainObject(filter)) throw new FilterError(path, `expected an object, got ${describe(filter)}`);
  if (depth > ctx.maxDepth) throw new FilterError(path, `nesting deeper than ${ctx.maxDepth}`);
  const tests: Test[] = [];
  for (const [key, value] of Object.entries(filter)) {
    const keyPath = `${path}.${key}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new FilterError(keyPath, `${key} needs a non-empty array of filters, got ${describe(value)}`);
      }
      const parts = value.map((sub, i) => {
        count(ctx, keyPath);
        return compileObject(sub, `${keyPath}[${i}]`, depth + 1, ctx);
      });
      tests.push(key === '$and' ? (m) => parts.every((t) => t(m)) : (m) => parts.some((t) => t(m)));
    } else if (key.startsWith('$')) {
      throw new FilterError(keyPath, `unknown or misplaced operator ${key}`);
    } else if (key === '') {
      throw new FilterError(keyPath, 'empty field name');
    } else {
      tests.push(compileField(key, value, keyPath, ctx));
    }
  }
  return all(tests);
}

function compileField(field: string, spec: unknown, path: string, ctx: Ctx): Test {
  if (!isPlainObject(spec)) {
    // Shorthand equality.
    count(ctx, path);
    const operand = scalarOperand(spec, path, ctx);
    return (m) => fieldEquals(get(m, field), operand);
  }
  const entries = Object.entries(spec);
  if (entries.length === 0) throw new FilterError(path, 'empty operator object');
  const tests: Test[] = [];
  for (const [op, operand] of entries) {
    const opPath = `${path}.${op}`;
    if (!FIELD_OPERATORS.has(op)) {
      throw new FilterError(opPath, op.startsWith('$') ? `unknown operator ${op}` : `expected an operator, got key "${op}"`);
    }
    if (NUMERIC_OPERATORS.has(op) && !ctx.numeric) throw new FilterError(opPath, `operator ${op} is not supported`);
    count(ctx, opPath);
    tests.push(compileOperator(field, op, operand, opPath, ctx));
  }
  return all(tests);
}

function compileOperator(field: string, op: string, operand: unknown, path: string, ctx: Ctx): Test {
  switch (op) {
    case '$eq': {
      const v = scalarOperand(operand, path, ctx);
      return (m) => fieldEquals(get(m, field), v);
    }
    case '$ne': {
      const v = scalarOperand(operand, path, ctx);
      return (m) => !fieldEquals(get(m, field), v);
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand) || operand.length === 0) {
        throw new FilterError(path, `${op} needs a non-empty array, got ${describe(operand)}`);
      }
      const values = operand.map((v, i) => {
        count(ctx, path);
        return scalarOperand(v, `${path}[${i}]`, ctx);
      });
      const set = new Set<Scalar>(values);
      const inSet = (m: Metadata): boolean => fieldIn(get(m, field), set);
      return op === '$in' ? inSet : (m) => !inSet(m);
    }
    case '$exists': {
      if (typeof operand !== 'boolean') throw new FilterError(path, `$exists needs a boolean, got ${describe(operand)}`);
      return operand ? (m) => Object.hasOwn(m, field) : (m) => !Object.hasOwn(m, field);
    }
    default: {
      // $gt $gte $lt $lte
      if (typeof operand !== 'number' || !Number.isFinite(operand)) {
        throw new FilterError(path, `${op} needs a finite number, got ${describe(operand)}`);
      }
      const cmp = comparator(op, operand);
      return (m) => {
        const v = get(m, field);
        if (typeof v === 'number') return cmp(v);
        return Array.isArray(v) && v.some((e) => typeof e === 'number' && cmp(e));
      };
    }
  }
}

function comparator(op: string, x: number): (v: number) => boolean {
  switch (op) {
    case '$gt':
      return (v) => v > x;
    case '$gte':
      return (v) => v >= x;
    case '$lt':
      return (v) => v < x;
    default:
      return (v) => v <= x;
  }
}

function scalarOperand(value: unknown, path: string, ctx: Ctx): Scalar {
  if (typeof value === 'string') return value;
  if (ctx.numeric && typeof value === 'boolean') return value;
  if (ctx.numeric && typeof value === 'number' && Number.isFinite(value)) return value;
  const allowed = ctx.numeric ? 'a string, finite number or boolean' : 'a string';
  throw new FilterError(path, `expected ${allowed}, got ${describe(value)}`);
}

function fieldEquals(v: Field, x: Scalar): boolean {
  if (v === x) return true;
  return Array.isArray(v) && v.includes(x);
}

function fieldIn(v: Field, set: ReadonlySet<Scalar>): boolean {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return set.has(v);
  return Array.isArray(v) && v.some((e) => (typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean') && set.has(e));
}

function get(m: Metadata, field: string): Field {
  return Object.hasOwn(m, field) ? m[field] : undefined;
}

function all(tests: Test[]): Test {
  if (tests.length === 0) return TRUE;
  if (tests.length === 1) return tests[0] as Test;
  return (m) => {
    for (const t of tests) if (!t(m)) return false;
    return true;
  };
}

function count(ctx: Ctx, path: string): void {
  if (++ctx.items > ctx.maxItems) throw new FilterError(path, `more than ${ctx.maxItems} conditions or items`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v;
}
