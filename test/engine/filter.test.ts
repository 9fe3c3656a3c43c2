import { describe, expect, it } from 'vitest';
import { compileFilter, FilterError } from '../../simulator/engine/filter.ts';
import type { Metadata } from '../../simulator/engine/types.ts';

const numeric = { numericOperators: true };
const stringOnly = { numericOperators: false };

const docs: Record<string, Metadata | undefined> = {
  a: { genre: 'drama', year: 1999, tags: ['x', 'y'], ok: true, 'a.b': 'dotted' },
  b: { genre: 'comedy', year: 2005, tags: ['y'], ok: false, note: null },
  c: { genre: 'drama', year: 2021, scores: [3, 9] },
  d: {},
  e: undefined,
};

function matching(filter: unknown, opts = numeric): string[] {
  const test = compileFilter(filter, opts);
  return Object.entries(docs)
    .filter(([, m]) => test(m))
    .map(([k]) => k);
}

describe('compileFilter semantics', () => {
  it('empty filter matches everything, including missing metadata', () => {
    expect(matching({})).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('shorthand is $eq; several fields are ANDed', () => {
    expect(matching({ genre: 'drama' })).toEqual(['a', 'c']);
    expect(matching({ genre: { $eq: 'drama' } })).toEqual(['a', 'c']);
    expect(matching({ genre: 'drama', year: 1999 })).toEqual(['a']);
  });

  it('$eq on an array field is true when any element equals', () => {
    expect(matching({ tags: 'y' })).toEqual(['a', 'b']);
    expect(matching({ tags: { $in: ['x', 'q'] } })).toEqual(['a']);
    expect(matching({ scores: { $gt: 5 } })).toEqual(['c']);
  });

  it('$ne and $nin are true on missing fields and on arrays without the value', () => {
    expect(matching({ genre: { $ne: 'drama' } })).toEqual(['b', 'd', 'e']);
    expect(matching({ tags: { $ne: 'x' } })).toEqual(['b', 'c', 'd', 'e']);
    expect(matching({ genre: { $nin: ['drama', 'comedy'] } })).toEqual(['d', 'e']);
  });

  it('equality is strict: no coercion between strings, numbers and booleans', () => {
    expect(matching({ year: '1999' })).toEqual([]);
    expect(matching({ ok: true })).toEqual(['a']);
    expect(matching({ ok: { $in: [false, 1] } })).toEqual(['b']);
  });

  it('$exists looks at key presence (null counts as present)', () => {
    expect(matching({ note: { $exists: true } })).toEqual(['b']);
    expect(matching({ tags: { $exists: false } })).toEqual(['c', 'd', 'e']);
  });

  it('numeric comparisons on numbers only', () => {
    expect(matching({ year: { $gt: 1999 } })).toEqual(['b', 'c']);
    expect(matching({ year: { $gte: 1999, $lt: 2021 } })).toEqual(['a', 'b']);
    expect(matching({ year: { $lte: 1999 } })).toEqual(['a']);
    expect(matching({ genre: { $gt: 0 } })).toEqual([]);
  });

  it('$and / $or nest', () => {
    expect(matching({ $or: [{ genre: 'comedy' }, { year: { $gt: 2020 } }] })).toEqual(['b', 'c']);
    expect(matching({ $and: [{ genre: 'drama' }, { $or: [{ ok: true }, { scores: 3 }] }] })).toEqual(['a', 'c']);
    expect(matching({ genre: 'drama', $or: [{ year: 2021 }, { year: 1 }] })).toEqual(['c']);
  });

  it('dotted names are plain keys, and prototype keys never match', () => {
    expect(matching({ 'a.b': 'dotted' })).toEqual(['a']);
    expect(matching({ constructor: { $exists: true } })).toEqual([]);
    expect(matching({ toString: { $ne: 'x' } })).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('string-only dialect accepts string operands', () => {
    expect(matching({ genre: { $in: ['comedy'] } }, stringOnly)).toEqual(['b']);
    expect(matching({ $or: [{ genre: 'comedy' }, { tags: { $nin: ['y'] } }] }, stringOnly)).toEqual(['b', 'c', 'd', 'e']);
  });
});

describe('compileFilter errors', () => {
  const bad: [string, unknown, object, RegExp][] = [
    ['non-object filter', [], numeric, /filter: expected an object, got an array/],
    ['null filter', null, numeric, /filter: expected an object, got null/],
    ['unknown operator', { year: { $regex: 'x' } }, numeric, /filter\.year\.\$regex: unknown operator/],
    ['misplaced logical operator', { year: { $and: [] } }, numeric, /filter\.year\.\$and/],
    ['unknown top-level operator', { $not: { a: 'b' } }, numeric, /filter\.\$not: unknown or misplaced operator/],
    ['non-operator key in operator object', { year: { gt: 1 } }, numeric, /filter\.year\.gt: expected an operator/],
    ['empty operator object', { year: {} }, numeric, /filter\.year: empty operator object/],
    ['empty $in', { genre: { $in: [] } }, numeric, /filter\.genre\.\$in: \$in needs a non-empty array/],
    ['$nin not an array', { genre: { $nin: 'drama' } }, numeric, /filter\.genre\.\$nin/],
    ['empty $and', { $and: [] }, numeric, /filter\.\$and: \$and needs a non-empty array/],
    ['$or of non-objects', { $or: ['a'] }, numeric, /filter\.\$or\[0\]: expected an object/],
    ['$exists non-boolean', { genre: { $exists: 1 } }, numeric, /\$exists needs a boolean/],
    ['$gt on a string', { year: { $gt: '1999' } }, numeric, /filter\.year\.\$gt: \$gt needs a finite number/],
    ['$lt NaN', { year: { $lt: Number.NaN } }, numeric, /got NaN/],
    ['null operand', { genre: null }, numeric, /filter\.genre: expected a string, finite number or boolean, got null/],
    ['array shorthand', { tags: ['x'] }, numeric, /filter\.tags: expected .* got an array/],
    ['nested object operand', { genre: { $eq: { a: 1 } } }, numeric, /filter\.genre\.\$eq/],
    ['empty field name', { '': 'x' }, numeric, /empty field name/],
    ['numeric operator in string-only dialect', { year: { $gte: 1 } }, stringOnly, /filter\.year\.\$gte: operator \$gte is not supported/],
    ['number operand in string-only dialect', { year: 1999 }, stringOnly, /filter\.year: expected a string, got number/],
    ['boolean in $in in string-only dialect', { ok: { $in: ['a', true] } }, stringOnly, /filter\.ok\.\$in\[1\]: expected a string, got boolean/],
  ];

  it.each(bad)('%s', (_, filter, opts, message) => {
    const compile = (): unknown => compileFilter(filter, opts as { numericOperators: boolean });
    expect(compile).toThrow(FilterError);
    expect(compile).toThrow(message);
  });

  it('FilterError carries the path', () => {
    try {
      compileFilter({ $and: [{ a: 'x' }, { b: { $gt: 'y' } }] }, numeric);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FilterError);
      expect((e as FilterError).path).toBe('filter.$and[1].b.$gt');
      expect((e as FilterError).name).toBe('FilterError');
    }
  });

  it('enforces the depth limit (default 8)', () => {
    const nest = (depth: number): unknown => (depth === 1 ? { a: 'x' } : { $and: [nest(depth - 1)] });
    expect(() => compileFilter(nest(8), numeric)).not.toThrow();
    expect(() => compileFilter(nest(9), numeric)).toThrow(/nesting deeper than 8/);
    expect(() => compileFilter(nest(3), { ...numeric, maxDepth: 2 })).toThrow(FilterError);
  });

  it('enforces the item limit (default 1024)', () => {
    const list = (n: number): string[] => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(() => compileFilter({ a: { $in: list(1023) } }, numeric)).not.toThrow(); // 1 condition + 1023 items
    expect(() => compileFilter({ a: { $in: list(1024) } }, numeric)).toThrow(/more than 1024/);
    const many = { $or: Array.from({ length: 20 }, (_, i) => ({ [`f${i}`]: 'x' })) };
    expect(() => compileFilter(many, { ...numeric, maxItems: 39 })).toThrow(FilterError);
    expect(() => compileFilter(many, { ...numeric, maxItems: 40 })).not.toThrow();
  });
});
