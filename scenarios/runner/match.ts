/**
 * Partial expectations. A literal object matches when each listed key matches (other keys are ignored: scenarios
 * assert only what clients rely on); an array matches element by element with the same length; primitives compare
 * exactly. An object whose keys all start with `$` is a matcher:
 *
 *   $pattern: regex        $type: string|number|integer|boolean|object|array|null
 *   $present: true         $absent: true        $oneOf: [v, …]      $not: v
 *   $length: n | {min,max} $unordered: [v, …]   $contains: [v, …]
 *   $gt / $gte / $lt / $lte: n
 *
 * Every mismatch is reported with its path (`body.vectors[0].key`), not just the first.
 */
import type { FieldDiff } from './types.ts';

const MATCHERS = new Set(['$pattern', '$type', '$present', '$absent', '$oneOf', '$not', '$length', '$unordered', '$contains', '$gt', '$gte', '$lt', '$lte']);

export function isMatcher(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export class MatcherError extends Error {
  override name = 'MatcherError';
}

/** Returns the differences between `actual` and the expectation (empty when it matches). `undefined` = absent. */
export function match(expected: unknown, actual: unknown, path: string): FieldDiff[] {
  if (isMatcher(expected)) return matchOperators(expected, actual, path);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [diff(path, expected, actual, `expected an array, got ${kind(actual)}`)];
    const out: FieldDiff[] = [];
    if (actual.length !== expected.length) out.push(diff(`${path}.length`, expected.length, actual.length, `expected ${expected.length} item(s), got ${actual.length}`));
    const n = Math.min(actual.length, expected.length);
    for (let i = 0; i < n; i++) out.push(...match(expected[i], actual[i], `${path}[${i}]`));
    return out;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [diff(path, expected, actual, `expected an object, got ${kind(actual)}`)];
    }
    const out: FieldDiff[] = [];
    for (const [k, v] of Object.entries(expected)) out.push(...match(v, (actual as Record<string, unknown>)[k], join(path, k)));
    return out;
  }
  if (actual === undefined) return [diff(path, expected, undefined, 'missing')];
  return Object.is(expected, actual) || expected === actual ? [] : [diff(path, expected, actual, `expected ${show(expected)}, got ${show(actual)}`)];
}

function matchOperators(m: Record<string, unknown>, actual: unknown, path: string): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const [op, arg] of Object.entries(m)) {
    if (!MATCHERS.has(op)) throw new MatcherError(`${path}: unknown matcher ${op}`);
    switch (op) {
      case '$present':
        if ((actual !== undefined) !== (arg !== false)) out.push(diff(path, arg ? 'present' : 'absent', actual, arg ? 'missing' : 'expected absent'));
        break;
      case '$absent':
        if ((actual === undefined) !== (arg !== false)) out.push(diff(path, 'absent', actual, `expected absent, got ${show(actual)}`));
        break;
      case '$pattern':
        if (typeof actual !== 'string' || !new RegExp(String(arg)).test(actual)) out.push(diff(path, `/${String(arg)}/`, actual, `expected to match /${String(arg)}/, got ${show(actual)}`));
        break;
      case '$type':
        if (kind(actual) !== arg && !(arg === 'integer' && Number.isInteger(actual)) && !(arg === 'number' && kind(actual) === 'integer')) {
          out.push(diff(path, arg, kind(actual), `expected ${String(arg)}, got ${kind(actual)}`));
        }
        break;
      case '$oneOf': {
        const options = arg as unknown[];
        if (!options.some((o) => match(o, actual, path).length === 0)) out.push(diff(path, { $oneOf: options }, actual, `expected one of ${options.map(show).join(', ')}, got ${show(actual)}`));
        break;
      }
      case '$not':
        if (match(arg, actual, path).length === 0) out.push(diff(path, { $not: arg }, actual, `expected anything but ${show(arg)}`));
        break;
      case '$length': {
        const len = typeof actual === 'string' || Array.isArray(actual) ? actual.length : undefined;
        if (len === undefined) {
          out.push(diff(path, { $length: arg }, actual, `expected a string or array, got ${kind(actual)}`));
          break;
        }
        const { min, max } = typeof arg === 'number' ? { min: arg, max: arg } : (arg as { min?: number; max?: number });
        if ((min !== undefined && len < min) || (max !== undefined && len > max)) {
          out.push(diff(`${path}.length`, typeof arg === 'number' ? arg : `${min ?? 0}..${max ?? '∞'}`, len, `length ${len} is outside ${min ?? 0}..${max ?? '∞'}`));
        }
        break;
      }
      case '$unordered':
      case '$contains': {
        if (!Array.isArray(actual)) {
          out.push(diff(path, { [op]: arg }, actual, `expected an array, got ${kind(actual)}`));
          break;
        }
        const wanted = arg as unknown[];
        if (op === '$unordered' && actual.length !== wanted.length) out.push(diff(`${path}.length`, wanted.length, actual.length, `expected ${wanted.length} item(s), got ${actual.length}`));
        const free = actual.map((_, i) => i);
        wanted.forEach((w, wi) => {
          const at = free.findIndex((i) => match(w, actual[i], path).length === 0);
          if (at === -1) out.push(diff(`${path}[?${wi}]`, w, undefined, `no item matches ${show(w)}`));
          else free.splice(at, 1);
        });
        break;
      }
      default: {
        const n = arg as number;
        const ok = typeof actual === 'number' && (op === '$gt' ? actual > n : op === '$gte' ? actual >= n : op === '$lt' ? actual < n : actual <= n);
        if (!ok) out.push(diff(path, { [op]: n }, actual, `expected ${op.slice(1)} ${n}, got ${show(actual)}`));
      }
    }
  }
  return out;
}

function join(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function diff(field: string, expected: unknown, actual: unknown, message: string): FieldDiff {
  return { field, expected, actual, message };
}

function kind(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
