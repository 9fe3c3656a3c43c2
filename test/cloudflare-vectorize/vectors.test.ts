/** Data-plane behaviour (fact sheet §2.1, §3, §4, §4.1, §5): writes, limits, scores, filters, reads, cursors. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, API, axis, createIndex, expectCfError, expectConforms, inProcessCloudflare, indexPath, ndjson, raw, settle, type Vec } from '../helpers/cloudflare.ts';

const { sim, clock, client } = inProcessCloudflare();
const acct = { account_id: ACCOUNT };
const opts = () => sim.cloudflareVectorize.options;

const post = (name: string, suffix: string, body: unknown) =>
  raw(API, 'POST', indexPath(name, suffix), { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const put = (name: string, kind: 'insert' | 'upsert', body: string, query = '') =>
  raw(API, 'POST', indexPath(name, `/${kind}${query}`), { headers: { 'content-type': 'application/x-ndjson' }, body });
async function seed(name: string, vectors: Vec[], config: Parameters<typeof createIndex>[2] = {}) {
  await createIndex(client, name, config);
  const res = await put(name, 'upsert', ndjson(vectors));
  expect(res.status, res.text).toBe(200);
  settle(sim, clock);
}
const get = async (name: string, ids: string[]) => (await post(name, '/get_by_ids', { ids })).json.result as { id: string; values: number[]; metadata?: unknown; namespace?: string }[];
const query = async (name: string, body: Record<string, unknown>) => {
  const res = await post(name, '/query', body);
  expect(res.status, res.text).toBe(200);
  expectConforms('QueryVectors', res);
  return res.json.result as { count: number; matches: { id: string; score: number; values?: number[]; metadata?: unknown; namespace?: string }[] };
};

describe('insert and upsert', () => {
  it('insert leaves existing ids unchanged; upsert replaces values, metadata and namespace wholesale (fact sheet §3)', async () => {
    await seed('w-semantics', [{ id: 'a', values: axis(0), metadata: { v: 1 }, namespace: 'n1' }]);
    await put('w-semantics', 'insert', ndjson([{ id: 'a', values: axis(1), metadata: { v: 2 } }, { id: 'b', values: axis(2) }]));
    settle(sim, clock);
    expect(await get('w-semantics', ['a', 'b'])).toEqual([{ id: 'a', values: axis(0), metadata: { v: 1 }, namespace: 'n1' }, { id: 'b', values: axis(2) }]);
    await put('w-semantics', 'upsert', ndjson([{ id: 'a', values: axis(3) }]));
    settle(sim, clock);
    expect(await get('w-semantics', ['a'])).toEqual([{ id: 'a', values: axis(3) }]);
  });

  it('within one batch insert keeps the first occurrence of an id and upsert the last (fact sheet §3, simulator choice)', async () => {
    await createIndex(client, 'w-dupes');
    await put('w-dupes', 'insert', ndjson([{ id: 'i', values: axis(0) }, { id: 'i', values: axis(1) }]));
    await put('w-dupes', 'upsert', ndjson([{ id: 'u', values: axis(0) }, { id: 'u', values: axis(1) }]));
    settle(sim, clock);
    expect((await get('w-dupes', ['i', 'u'])).map((v) => v.values)).toEqual([axis(0), axis(1)]);
  });

  it('values are stored as float32 and come back as the shortest decimal of that float32 (fact sheet §3)', async () => {
    const values = axis(0, 0.1, 1 / 3);
    await seed('w-float', [{ id: 'f', values }]);
    const [v] = await get('w-float', ['f']);
    expect(v!.values[0]).toBe(0.1);
    expect(v!.values[1]).toBe(0.33333334);
  });

  it('multipart/form-data with a `vectors` part is accepted like raw NDJSON; without that part it is 40023 (fact sheet §3: Wrangler, docs Python example)', async () => {
    await createIndex(client, 'w-multipart');
    const form = new FormData();
    form.append('vectors', new Blob([ndjson([{ id: 'm', values: axis(4) }])], { type: 'application/x-ndjson' }), 'vectors.ndjson');
    const ok = await fetch(`${API}${indexPath('w-multipart', '/insert')}`, { method: 'POST', headers: { authorization: 'Bearer test' }, body: form });
    expect(ok.status).toBe(200);
    const wrong = new FormData();
    wrong.append('body', new Blob([ndjson([{ id: 'x', values: axis(0) }])]), 'vectors.ndjson');
    const bad = await fetch(`${API}${indexPath('w-multipart', '/insert')}`, { method: 'POST', headers: { authorization: 'Bearer test' }, body: wrong });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { code: number }[] }).errors[0]!.code).toBe(40023);
    settle(sim, clock);
    expect(await get('w-multipart', ['m', 'x'])).toEqual([{ id: 'm', values: axis(4) }]);
  });

  it('unparsable-behavior: error (default) fails the whole request with 40023; discard drops bad lines and keeps the rest; other values are 40026 (fact sheet §3)', async () => {
    await createIndex(client, 'w-unparsable');
    const body = `${JSON.stringify({ id: 'good', values: axis(0) })}\n{not json\n${JSON.stringify({ id: 'novalues' })}\n`;
    const err = await put('w-unparsable', 'insert', body);
    expectCfError(err, 400, 40023);
    expect(err.json.errors[0]!.message).toContain('line 2');
    expectCfError(await put('w-unparsable', 'insert', body, '?unparsable-behavior=sometimes'), 400, 40026);
    expect((await put('w-unparsable', 'insert', body, '?unparsable-behavior=discard')).status).toBe(200);
    settle(sim, clock);
    expect((await client.vectorize.indexes.info('w-unparsable', acct))!.vectorCount).toBe(1);
  });

  it('ids are at most 64 UTF-8 bytes (40008 "id too long"); multi-byte ids within the limit round-trip (fact sheet §4, §7.2)', async () => {
    await createIndex(client, 'w-ids');
    const ok = `${'€'.repeat(21)}a`; // 64 bytes, 22 characters
    const tooLong = '€'.repeat(22); // 66 bytes
    const res = await put('w-ids', 'upsert', ndjson([{ id: 'plain', values: axis(0) }, { id: tooLong, values: axis(1) }]));
    expectCfError(res, 400, 40008);
    expect(res.json.errors[0]!.message).toBe('id too long; max is 64 bytes, got 66 bytes');
    expect((await put('w-ids', 'upsert', ndjson([{ id: ok, values: axis(1) }, { id: '向量-🙂', values: axis(2) }]))).status).toBe(200);
    settle(sim, clock);
    expect((await get('w-ids', [ok, '向量-🙂', 'plain'])).map((v) => v.id)).toEqual([ok, '向量-🙂']);
    await post('w-ids', '/delete_by_ids', { ids: ['向量-🙂'] });
    settle(sim, clock);
    expect((await get('w-ids', [ok, '向量-🙂'])).map((v) => v.id)).toEqual([ok]);
  });

  it('a vector of the wrong dimension fails the batch with 40012 and the service\'s wording (observed error)', async () => {
    await createIndex(client, 'w-dims');
    const res = await put('w-dims', 'upsert', ndjson([{ id: 'a', values: axis(0) }, { id: 'b', values: [1, 2, 3] }]));
    expectCfError(res, 400, 40012);
    expect(res.json.errors[0]!.message).toBe('invalid vector for id="b", expected 32 dimensions, and got 3 dimensions');
  });

  it('metadata: at most 10 KiB; keys non-empty without "." or \'"\' and not starting with "$"; values string, number, boolean, string[] or objects (fact sheet §3) — 40010', async () => {
    await createIndex(client, 'w-meta');
    const big = { text: 'x'.repeat(10 * 1024) };
    for (const metadata of [big, { 'a.b': 1 }, { $x: 1 }, { 'q"': 1 }, { '': 1 }, { n: null }, { mixed: ['a', 1] }, { deep: { 'x.y': 1 } }]) {
      const res = await put('w-meta', 'upsert', ndjson([{ id: 'm', values: axis(0), metadata }]));
      expectCfError(res, 400, 40010);
    }
    const fine = { s: 's', n: 1.5, b: true, tags: ['a', 'b'], nested: { k: 'v' } };
    expect((await put('w-meta', 'upsert', ndjson([{ id: 'm', values: axis(0), metadata: fine }]))).status).toBe(200);
    settle(sim, clock);
    expect((await get('w-meta', ['m']))[0]!.metadata).toEqual(fine);
  });

  it('a batch over maxVectorsPerBatch (5000 over HTTP) is 40009 and enqueues nothing (fact sheet §4)', async () => {
    await createIndex(client, 'w-batch');
    opts().maxVectorsPerBatch = 3;
    try {
      expectCfError(await put('w-batch', 'upsert', ndjson(Array.from({ length: 4 }, (_, i) => ({ id: `v${i}`, values: axis(i) })))), 400, 40009);
    } finally {
      opts().maxVectorsPerBatch = 5000;
    }
    expect(sim.cloudflareVectorize.state.pendingSummary().find((s) => s.index === 'w-batch')!.pending).toBe(0);
  });

  it('namespaces: stored per vector, returned by get_by_ids and query, filter queries, at most 64 bytes (40011) (fact sheet §2.1, §4)', async () => {
    await seed('w-ns', [{ id: 'a', values: axis(0), namespace: 'one' }, { id: 'b', values: axis(0, 0.9), namespace: 'two' }, { id: 'c', values: axis(0, 0.8) }]);
    expect((await query('w-ns', { vector: axis(0), topK: 5, namespace: 'two' })).matches).toEqual([{ id: 'b', score: 1, namespace: 'two' }]);
    expect((await query('w-ns', { vector: axis(0), topK: 5 })).matches.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expectCfError(await put('w-ns', 'upsert', ndjson([{ id: 'd', values: axis(0), namespace: 'n'.repeat(65) }])), 400, 40011);
  });
});

describe('scores and ordering per metric (fact sheet §4.1)', () => {
  it('cosine: similarity in [-1, 1], identical 1, orthogonal 0, opposite -1, descending', async () => {
    await seed('s-cos', [{ id: 'same', values: axis(0, 2) }, { id: 'ortho', values: axis(1) }, { id: 'opp', values: axis(0, -1) }], { metric: 'cosine' });
    const { matches } = await query('s-cos', { vector: axis(0), topK: 3 });
    expect(matches.map((m) => [m.id, m.score])).toEqual([['same', 1], ['ortho', 0], ['opp', -1]]);
  });

  it('euclidean: L2 distance (not squared by default), 0 for identical, ascending; euclideanSquared switches (open question)', async () => {
    const three = axis(0, 3);
    three[1] = 4;
    await seed('s-l2', [{ id: 'same', values: axis(0, 0) }, { id: 'far', values: three }], { metric: 'euclidean' });
    const { matches } = await query('s-l2', { vector: axis(0, 0), topK: 2 });
    expect(matches.map((m) => [m.id, m.score])).toEqual([['same', 0], ['far', 5]]);
  });

  it('dot-product: documented as the negative dot product, more negative = more similar, ascending; dotProductScore "positive" flips sign and order', async () => {
    await seed('s-dot', [{ id: 'big', values: axis(0, 3) }, { id: 'small', values: axis(0, 1) }, { id: 'neg', values: axis(0, -2) }], { metric: 'dot-product' });
    const neg = await query('s-dot', { vector: axis(0, 2), topK: 3 });
    expect(neg.matches.map((m) => [m.id, m.score])).toEqual([['big', -6], ['small', -2], ['neg', 4]]);
    opts().dotProductScore = 'positive';
    try {
      const pos = await query('s-dot', { vector: axis(0, 2), topK: 3 });
      expect(pos.matches.map((m) => [m.id, m.score])).toEqual([['big', 6], ['small', 2], ['neg', -4]]);
    } finally {
      opts().dotProductScore = 'negative';
    }
  });
});

describe('query', () => {
  it('topK defaults to 5, is capped at 100, and at 50 with returnValues or returnMetadata "all" (fact sheet §4: service 50, docs 20; 40025)', async () => {
    await seed('q-topk', Array.from({ length: 8 }, (_, i) => ({ id: `v${i}`, values: axis(i) })));
    expect((await query('q-topk', { vector: axis(0) })).count).toBe(5);
    const over = await post('q-topk', '/query', { vector: axis(0), topK: 101 });
    expectCfError(over, 400, 40025);
    expect(over.json.errors[0]!.message).toBe('max top K is 100, but got 101');
    expect((await post('q-topk', '/query', { vector: axis(0), topK: 100, returnMetadata: 'indexed' })).status).toBe(200);
    expect((await post('q-topk', '/query', { vector: axis(0), topK: 50, returnValues: true })).status).toBe(200);
    const heavy = await post('q-topk', '/query', { vector: axis(0), topK: 51, returnMetadata: 'all' });
    expectCfError(heavy, 400, 40025);
    expect(heavy.json.errors[0]!.message).toContain('max top K is 50');
    opts().topKMaxWithValuesOrMetadata = 20; // the docs' figure
    try {
      expectCfError(await post('q-topk', '/query', { vector: axis(0), topK: 21, returnValues: true }), 400, 40025);
    } finally {
      opts().topKMaxWithValuesOrMetadata = 50;
    }
  });

  it('returnMetadata none / indexed / all and returnValues shape each match (fact sheet §2.1)', async () => {
    await createIndex(client, 'q-return');
    await client.vectorize.indexes.metadataIndex.create('q-return', { ...acct, propertyName: 'a.b', indexType: 'string' });
    await put('q-return', 'upsert', ndjson([{ id: 'x', values: axis(0), metadata: { a: { b: 'hit', c: 1 }, other: true } }]));
    settle(sim, clock);
    expect((await query('q-return', { vector: axis(0), topK: 1 })).matches[0]).toEqual({ id: 'x', score: 1 });
    expect((await query('q-return', { vector: axis(0), topK: 1, returnMetadata: 'indexed' })).matches[0]).toEqual({ id: 'x', score: 1, metadata: { 'a.b': 'hit' } });
    expect((await query('q-return', { vector: axis(0), topK: 1, returnMetadata: 'all', returnValues: true })).matches[0]).toEqual({
      id: 'x', score: 1, values: axis(0), metadata: { a: { b: 'hit', c: 1 }, other: true },
    });
  });

  it('query by vectorId uses the stored vector; an unknown vectorId is 40013; both or neither of vector/vectorId is 40026 (fact sheet §2.1)', async () => {
    await seed('q-byid', [{ id: 'a', values: axis(0) }, { id: 'b', values: axis(0, 1, 0.1) }, { id: 'c', values: axis(5) }]);
    expect((await query('q-byid', { vectorId: 'a', topK: 2 })).matches.map((m) => m.id)).toEqual(['a', 'b']);
    expectCfError(await post('q-byid', '/query', { vectorId: 'nope' }), 400, 40013);
    expectCfError(await post('q-byid', '/query', { vectorId: 'a', vector: axis(0) }), 400, 40026);
    expectCfError(await post('q-byid', '/query', { topK: 1 }), 400, 40026);
    expectCfError(await post('q-byid', '/query', { vector: [1, 2] }), 400, 40012);
  });

  it('filters: $eq $ne $in $nin $lt $lte $gt $gte, implicit $eq, dot-nesting, strings and numbers, applied before topK (fact sheet §5)', async () => {
    await createIndex(client, 'q-filter');
    for (const [p, t] of [['genre', 'string'], ['year', 'number'], ['meta.lang', 'string'], ['ok', 'boolean']] as const) {
      await client.vectorize.indexes.metadataIndex.create('q-filter', { ...acct, propertyName: p, indexType: t });
    }
    await put('q-filter', 'upsert', ndjson([
      { id: 'a', values: axis(0), metadata: { genre: 'drama', year: 1990, meta: { lang: 'en' }, ok: true } },
      { id: 'b', values: axis(1), metadata: { genre: 'comedy', year: 2000, meta: { lang: 'fr' }, ok: false } },
      { id: 'c', values: axis(2), metadata: { genre: 'horror', year: 2010, meta: { lang: 'en' } } },
      { id: 'd', values: axis(3), metadata: { year: '2020' } },
    ]));
    settle(sim, clock);
    const hit = async (filter: unknown) => (await query('q-filter', { vector: axis(3), topK: 10, filter })).matches.map((m) => m.id).sort();
    expect(await hit({ genre: 'drama' })).toEqual(['a']);
    expect(await hit({ genre: { $eq: 'comedy' } })).toEqual(['b']);
    expect(await hit({ genre: { $ne: 'drama' } })).toEqual(['b', 'c']); // d has no indexed genre
    expect(await hit({ genre: { $in: ['drama', 'horror'] } })).toEqual(['a', 'c']);
    expect(await hit({ genre: { $nin: ['drama'] } })).toEqual(['b', 'c']);
    expect(await hit({ year: { $gte: 2000, $lt: 2010 } })).toEqual(['b']);
    expect(await hit({ year: { $gt: 1990 } })).toEqual(['b', 'c']); // "2020" is a string: not indexed by a number index
    expect(await hit({ year: { $lte: 1990 } })).toEqual(['a']);
    expect(await hit({ genre: { $lt: 'drama' } })).toEqual(['b']);
    expect(await hit({ 'meta.lang': 'en', ok: true })).toEqual(['a']);
    expect(await hit({ ok: false })).toEqual(['b']);
    const top1 = await query('q-filter', { vector: axis(0), topK: 1, filter: { genre: 'horror' } });
    expect(top1.matches.map((m) => m.id)).toEqual(['c']); // filter before topK
  });

  it('filters only see properties with a metadata index: an unindexed property matches nothing (fact sheet §5)', async () => {
    await seed('q-unindexed', [{ id: 'a', values: axis(0), metadata: { colour: 'red' } }]);
    expect((await query('q-unindexed', { vector: axis(0), filter: { colour: 'red' } })).matches).toEqual([]);
  });

  it('invalid filters are 40006: $or/$and, unknown operators, empty filter, $-keys, quotes, empty $in, 2048 bytes or more (fact sheet §5)', async () => {
    await seed('q-badfilter', [{ id: 'a', values: axis(0) }]);
    const bad = [{ $or: [{ a: 1 }] }, { a: { $regex: 'x' } }, {}, { $and: [] }, { 'a"b': 1 }, { a: { $in: [] } }, { a: { $gt: true } }, { a: 'x'.repeat(2048) }, { a: { $eq: [1] } }];
    for (const filter of bad) expectCfError(await post('q-badfilter', '/query', { vector: axis(0), filter }), 400, 40006);
  });
});

describe('get_by_ids, delete_by_ids, list', () => {
  it('get_by_ids: at most 20 ids (21 → 40007 "too many ids in payload; max id count is 20, got 21"), request order, unknown ids absent, duplicates once (fact sheet §2.1, §4)', async () => {
    await seed('r-get', [{ id: 'a', values: axis(0) }, { id: 'b', values: axis(1) }]);
    expect((await get('r-get', ['b', 'zz', 'a', 'b'])).map((v) => v.id)).toEqual(['b', 'a']);
    const over = await post('r-get', '/get_by_ids', { ids: Array.from({ length: 21 }, (_, i) => `i${i}`) });
    expectCfError(over, 400, 40007);
    expect(over.json.errors[0]!.message).toBe('too many ids in payload; max id count is 20, got 21');
    expectConforms('GetVectorsByIds', over);
  });

  it('delete_by_ids: exactly 100 ids are accepted, 101 are 40007 and enqueue nothing (seed 003; fact sheet §4)', async () => {
    await seed('r-del', [{ id: 'a', values: axis(0) }]);
    const hundred = Array.from({ length: 100 }, (_, i) => `id-${i}`);
    const ok = await post('r-del', '/delete_by_ids', { ids: hundred });
    expect(ok.status).toBe(200);
    expectConforms('DeleteVectorsByIds', ok);
    const over = await post('r-del', '/delete_by_ids', { ids: [...hundred, 'a'] });
    expectCfError(over, 400, 40007);
    expect(over.json.errors[0]!.message).toBe('too many ids in payload; max id count is 100, got 101');
    settle(sim, clock);
    expect((await get('r-del', ['a'])).length).toBe(1);
  });

  it('delete_by_ids with no ids: accepted as an empty mutation by default; emptyDeleteIds "reject" answers 40026 (fact sheet §4 open question)', async () => {
    await createIndex(client, 'r-empty');
    const ok = await post('r-empty', '/delete_by_ids', {});
    expect(ok.status).toBe(200);
    expect((ok.json.result as { mutationId: string }).mutationId).toHaveLength(36);
    opts().emptyDeleteIds = 'reject';
    try {
      expectCfError(await post('r-empty', '/delete_by_ids', { ids: [] }), 400, 40026);
    } finally {
      opts().emptyDeleteIds = 'accept';
    }
  });

  it('list: count 1–1000 (else 40026), cursors continue in id order and expire after listCursorTtlMs (40015) (fact sheet §2.1)', async () => {
    await seed('r-list', ['c', 'a', 'b'].map((id, i) => ({ id, values: axis(i) })));
    const first = await raw(API, 'GET', indexPath('r-list', '/list?count=2'));
    expectConforms('ListVectors', first);
    const page = first.json.result as { vectors: { id: string }[]; nextCursor: string; cursorExpirationTimestamp: string; isTruncated: boolean; totalCount: number };
    expect(page).toMatchObject({ vectors: [{ id: 'a' }, { id: 'b' }], isTruncated: true, totalCount: 3 });
    expect(Date.parse(page.cursorExpirationTimestamp)).toBe(clock.now() + 3_600_000);
    const second = await raw(API, 'GET', indexPath('r-list', `/list?count=2&cursor=${page.nextCursor}`));
    expect(second.json.result).toMatchObject({ vectors: [{ id: 'c' }], isTruncated: false, nextCursor: null, cursorExpirationTimestamp: null });
    expectCfError(await raw(API, 'GET', indexPath('r-list', '/list?count=0')), 400, 40026);
    expectCfError(await raw(API, 'GET', indexPath('r-list', '/list?count=1001')), 400, 40026);
    expectCfError(await raw(API, 'GET', indexPath('r-list', '/list?cursor=garbage')), 400, 40015);
    clock.advance(3_600_000);
    expectCfError(await raw(API, 'GET', indexPath('r-list', `/list?cursor=${page.nextCursor}`)), 400, 40015);
  });
});
