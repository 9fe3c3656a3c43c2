/** Partial expectations, templates and volatile-field normalisation (scenarios/runner/{match,template,normalise}.ts). */
import { describe, expect, it } from 'vitest';
import { match } from '../../scenarios/runner/match.ts';
import { deepDiff, MASK, maskPaths, replaceStrings } from '../../scenarios/runner/normalise.ts';
import { resolveTemplates, TemplateError } from '../../scenarios/runner/template.ts';

describe('partial expectations', () => {
  it('objects match the listed keys only; arrays element by element; every mismatch is reported with its path', () => {
    const actual = { vectors: [{ key: 'a', distance: 0.5 }, { key: 'b' }], extra: true };
    expect(match({ vectors: [{ key: 'a' }, { key: 'b' }] }, actual, 'body')).toEqual([]);
    const diffs = match({ vectors: [{ key: 'x' }], missing: 1 }, actual, 'body');
    expect(diffs.map((d) => d.field)).toEqual(['body.vectors.length', 'body.vectors[0].key', 'body.missing']);
  });

  it('matchers: $pattern $type $absent $present $length $unordered $contains $oneOf $not and comparisons', () => {
    const v = { id: 'ABC123', n: 3, list: ['x', 'y', 'z'] };
    expect(match({ id: { $pattern: '^[A-Z0-9]+$' }, n: { $type: 'integer', $gte: 3, $lt: 4 }, gone: { $absent: true }, list: { $length: { min: 1, max: 3 } } }, v, 'b')).toEqual([]);
    expect(match({ list: { $unordered: ['z', 'x', 'y'] } }, v, 'b')).toEqual([]);
    expect(match({ list: { $contains: ['y'] } }, v, 'b')).toEqual([]);
    expect(match({ n: { $oneOf: [1, 3] }, id: { $not: 'x' } }, v, 'b')).toEqual([]);
    expect(match({ list: { $unordered: ['z', 'q', 'y'] } }, v, 'b').map((d) => d.message)).toEqual(['no item matches "q"']);
    expect(match({ id: { $present: true }, gone: { $present: true } }, v, 'b').map((d) => d.field)).toEqual(['b.gone']);
    expect(match({ n: { $gt: 5 } }, v, 'b')[0]!.message).toBe('expected gt 5, got 3');
    expect(() => match({ n: { $huh: 1 } }, v, 'b')).toThrow(/unknown matcher \$huh/);
  });
});

describe('templates', () => {
  it('replaces {{names}} and expands $keys, $vectors and $concat; unknown names are errors', () => {
    expect(resolveTemplates({ b: '{{main}}', arn: 'acs:x:{{var.region}}:{{main}}' }, { main: 'vc1-0-main', 'var.region': 'cn-hangzhou' })).toEqual({ b: 'vc1-0-main', arn: 'acs:x:cn-hangzhou:vc1-0-main' });
    expect(resolveTemplates({ $keys: { prefix: 'k', count: 3, start: 5 } }, {})).toEqual(['k5', 'k6', 'k7']);
    expect(resolveTemplates({ $concat: [{ $keys: { prefix: 'k', count: 2 } }, ['dup', 'dup']] }, {})).toEqual(['k0', 'k1', 'dup', 'dup']);
    expect(resolveTemplates({ $vectors: { keys: ['a', 'b'], dimension: 2 } }, {})).toEqual([{ key: 'a', data: { float32: [1, 2] } }, { key: 'b', data: { float32: [2, 3] } }]);
    expect(() => resolveTemplates('{{nope}}', {})).toThrow(TemplateError);
  });
});

describe('normalisation', () => {
  it('masks volatile paths (with [*]) and puts logical names back', () => {
    const body = { Error: { RequestId: 'R1', Code: 'X', BucketName: 'vc9-3-main' }, indexes: [{ createTime: 't1', indexName: 'a' }, { createTime: 't2' }] };
    const masked = maskPaths(body, ['Error.RequestId', 'indexes[*].createTime', 'not.there']);
    expect(masked).toEqual({ Error: { RequestId: MASK, Code: 'X', BucketName: 'vc9-3-main' }, indexes: [{ createTime: MASK, indexName: 'a' }, { createTime: MASK }] });
    expect(body.Error.RequestId).toBe('R1');
    expect(replaceStrings(masked, { 'vc9-3-main': '{{main}}' })).toMatchObject({ Error: { BucketName: '{{main}}' } });
  });

  it('deepDiff reports differing, missing and extra fields both ways', () => {
    const d = deepDiff({ a: 1, b: { c: [1, 2] }, gone: true }, { a: 2, b: { c: [1] }, extra: 1 }, 'r');
    expect(d.map((x) => x.field).sort()).toEqual(['r.a', 'r.b.c.length', 'r.extra', 'r.gone']);
  });
});
