/**
 * Volatile-field normalisation shared by adapters (LocalStack-style transformers): mask values that change on every
 * call (request ids, timestamps, mutation ids) and put logical names back in place of run-prefixed resource names,
 * so that two runs — or a simulator and a recording of the real service — compare field by field.
 */
import type { ExchangeResponse, FieldDiff, NormalisedResponse } from './types.ts';

export const MASK = '<volatile>';

/** Masks each path: `Error.RequestId`, `indexes[*].createTime`, `result.mutationId`. Missing paths are ignored. */
export function maskPaths(value: unknown, paths: string[]): unknown {
  let out = structuredClone(value);
  for (const path of paths) out = maskOne(out, path.split('.'));
  return out;
}

function maskOne(node: unknown, parts: string[]): unknown {
  if (parts.length === 0 || node === null || typeof node !== 'object') return node;
  const [head, ...rest] = parts as [string, ...string[]];
  const arr = /^(.*)\[\*\]$/.exec(head);
  const obj = node as Record<string, unknown>;
  if (arr) {
    const list = arr[1] === '' ? node : obj[arr[1]!];
    if (!Array.isArray(list)) return node;
    const mapped = list.map((item) => (rest.length === 0 ? MASK : maskOne(item, rest)));
    if (arr[1] === '') return mapped;
    obj[arr[1]!] = mapped;
    return node;
  }
  if (!(head in obj)) return node;
  obj[head] = rest.length === 0 ? MASK : maskOne(obj[head], rest);
  return node;
}

/** Replaces every occurrence of each key by its value in all strings (longest keys first). */
export function replaceStrings<T>(value: T, replacements: Record<string, string>): T {
  const pairs = Object.entries(replacements)
    .filter(([from]) => from.length > 0)
    .sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return value;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return pairs.reduce((s, [from, to]) => s.split(from).join(to), v);
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    return v;
  };
  return visit(value) as T;
}

/**
 * An adapter's normalised answer: the stable headers only, a JSON body with its volatile paths masked (any other
 * body through `text`, default as is), then run-specific strings replaced by their logical names.
 */
export function normaliseResponse(
  res: ExchangeResponse,
  how: { stableHeaders: readonly string[]; volatilePaths: string[]; replacements: Record<string, string>; text?: (body: string) => string },
): NormalisedResponse {
  const headers: Record<string, string> = {};
  for (const h of how.stableHeaders) if (res.headers[h] !== undefined) headers[h] = res.headers[h]!;
  let body: unknown = res.body === '' ? null : res.body;
  try {
    if (res.body) body = maskPaths(JSON.parse(res.body), how.volatilePaths);
  } catch {
    if (how.text) body = how.text(res.body);
  }
  return replaceStrings({ status: res.status, headers, body }, how.replacements);
}

/** Exact, two-way comparison for replay: every differing, missing or extra field. */
export function deepDiff(expected: unknown, actual: unknown, path: string): FieldDiff[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: FieldDiff[] = [];
    if (expected.length !== actual.length) out.push({ field: `${path}.length`, expected: expected.length, actual: actual.length, message: 'different length' });
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) out.push(...deepDiff(expected[i], actual[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    const out: FieldDiff[] = [];
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const p = `${path}.${k}`;
      if (!(k in actual)) out.push({ field: p, expected: expected[k], actual: undefined, message: 'missing' });
      else if (!(k in expected)) out.push({ field: p, expected: undefined, actual: actual[k], message: 'not in the recording' });
      else out.push(...deepDiff(expected[k], actual[k], p));
    }
    return out;
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [{ field: path, expected, actual, message: `recorded ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}` }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
