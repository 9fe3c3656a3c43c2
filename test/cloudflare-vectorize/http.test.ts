/**
 * The same simulator over real HTTP on 127.0.0.1 (node:http front end, the SDK's own fetch): the official SDK against
 * `…/client/v4`, seed 003's delete-then-poll flow, flushing through the control API, the SDK's 429 retry, oversize and
 * aborted bodies, and concurrent writes.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../simulator/engine/clock.ts';
import { createSimulator } from '../../simulator/index.ts';
import { ACCOUNT, axis, cfClient, expectCfError, expectConforms, indexPath, ndjson, ndjsonFile, raw, sdkError, waitForMutation } from '../helpers/cloudflare.ts';

const clock = new ManualClock(Date.parse('2026-11-22T10:00:00Z'));
const sim = createSimulator({ clock, validateResponses: true, limits: 'none' });
let endpoint = '';
let root = '';
const acct = { account_id: ACCOUNT };

beforeAll(async () => {
  endpoint = (await sim.startHttp())['cloudflare-vectorize'];
  root = endpoint.replace(/\/client\/v4$/, '');
});
afterAll(async () => {
  const bad = sim.journal.read().filter((e) => e.specIssues || e.crash);
  await sim.close();
  expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
});

const sdk = (apiToken = 'test', maxRetries = 0) => cfClient({ baseURL: endpoint, apiToken, maxRetries });

describe('HTTP front end', () => {
  it('startHttp serves the provider under /client/v4 on 127.0.0.1, the SDK baseURL form (fact sheet §9)', () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  });

  it('seed 003 over HTTP: delete existing and missing ids, poll info until processedUpToMutation is the delete, then query and get_by_ids no longer return them', async () => {
    const c = sdk();
    await c.vectorize.indexes.create({ ...acct, name: 'http-seed', config: { dimensions: 32, metric: 'dot-product' } });
    const ins = await c.vectorize.indexes.insert('http-seed', { ...acct, body: await ndjsonFile([{ id: 'a', values: axis(0) }, { id: 'b', values: axis(1) }, { id: 'c', values: axis(2) }]) });
    await waitForMutation(c, clock, 'http-seed', ins!.mutationId!);
    const del = await c.vectorize.indexes.deleteByIDs('http-seed', { ...acct, ids: ['a', 'b', 'missing'] });
    const { info } = await waitForMutation(c, clock, 'http-seed', del!.mutationId!);
    expect(info!.vectorCount).toBe(1);
    expect(await c.vectorize.indexes.getByIDs('http-seed', { ...acct, ids: ['a', 'b', 'c'] })).toEqual([{ id: 'c', values: axis(2) }]);
    const q = await c.vectorize.indexes.query('http-seed', { ...acct, vector: axis(0), topK: 5 });
    expect(q!.matches!.map((m) => m.id)).toEqual(['c']);
  });

  it('the official SDK runs all 14 operations over HTTP (fact sheet §2)', async () => {
    const c = sdk();
    const created = await c.vectorize.indexes.create({ ...acct, name: 'http-all', config: { preset: 'cohere/embed-multilingual-v2.0' } });
    expect(await c.vectorize.indexes.get('http-all', acct)).toEqual(created);
    const names: string[] = [];
    for await (const i of c.vectorize.indexes.list(acct)) names.push(i.name!);
    expect(names).toContain('http-all');
    await c.vectorize.indexes.metadataIndex.create('http-all', { ...acct, propertyName: 'k', indexType: 'string' });
    const vec = (i: number) => Array.from({ length: 768 }, (_, j) => (j === i ? 1 : 0));
    await c.vectorize.indexes.insert('http-all', { ...acct, body: await ndjsonFile([{ id: 'a', values: vec(0), metadata: { k: 'x' } }]) });
    const up = await c.vectorize.indexes.upsert('http-all', { ...acct, body: await ndjsonFile([{ id: 'b', values: vec(1), metadata: { k: 'y' } }]) });
    await waitForMutation(c, clock, 'http-all', up!.mutationId!);
    expect(await c.vectorize.indexes.metadataIndex.list('http-all', acct)).toEqual({ metadataIndexes: [{ propertyName: 'k', indexType: 'string' }] });
    const q = await c.vectorize.indexes.query('http-all', { ...acct, vector: vec(1), topK: 5, filter: { k: 'y' }, returnMetadata: 'indexed' });
    expect(q!.matches).toEqual([{ id: 'b', score: 1, metadata: { k: 'y' } }]);
    expect((await c.vectorize.indexes.listVectors('http-all', acct))!.totalCount).toBe(2);
    const delMeta = await c.vectorize.indexes.metadataIndex.delete('http-all', { ...acct, propertyName: 'k' });
    const del = await c.vectorize.indexes.deleteByIDs('http-all', { ...acct, ids: ['a'] });
    await waitForMutation(c, clock, 'http-all', del!.mutationId!);
    expect(delMeta!.mutationId).not.toBe(del!.mutationId);
    expect((await c.vectorize.indexes.getByIDs('http-all', { ...acct, ids: ['a', 'b'] }) as { id: string }[]).map((v) => v.id)).toEqual(['b']);
    expect(await c.vectorize.indexes.delete('http-all', acct)).toBeNull();
    expect(await sdkError(c.vectorize.indexes.info('http-all', acct))).toMatchObject({ status: 400, code: 3005 });
  });

  it('POST /__vconf/actions/cloudflare-vectorize/flush applies pending mutations at once, in order (issue 3 §3)', async () => {
    const c = sdk();
    await c.vectorize.indexes.create({ ...acct, name: 'http-flush', config: { dimensions: 32, metric: 'cosine' } });
    await c.vectorize.indexes.upsert('http-flush', { ...acct, body: await ndjsonFile([{ id: 'x', values: axis(0) }]) });
    const del = await c.vectorize.indexes.deleteByIDs('http-flush', { ...acct, ids: ['x'] });
    const pending = await fetch(`${root}/__vconf/actions/cloudflare-vectorize/mutations`, { method: 'POST' });
    const summary = ((await pending.json()) as { result: { indexes: { index: string; pending: number }[] } }).result.indexes;
    expect(summary.find((s) => s.index === 'http-flush')?.pending).toBe(2);
    const res = await fetch(`${root}/__vconf/actions/cloudflare-vectorize/flush`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ index: 'http-flush' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { flushed: 2 } });
    const info = await c.vectorize.indexes.info('http-flush', acct);
    expect(info).toMatchObject({ vectorCount: 0, processedUpToMutation: del!.mutationId });
  });

  it('the SDK over HTTP retries 429 + Retry-After and then surfaces RateLimitError (fact sheet §8, §9)', async () => {
    await sdk().vectorize.indexes.create({ ...acct, name: 'http-429', config: { dimensions: 32, metric: 'cosine' } });
    sim.control.addFault({ id: 'http-429', provider: 'cloudflare-vectorize', operation: 'GetIndexInfo', times: 3, action: { kind: 'fail', status: 429, code: '971' } });
    const started = Date.now();
    const err = await sdkError(sdk('test', 2).vectorize.indexes.info('http-429', acct));
    expect(err).toMatchObject({ status: 429, code: 971, name: 'RateLimitError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900); // two waits of Retry-After: 1
    const calls = sim.journal.read().filter((e) => e.path.endsWith('/http-429/info'));
    expect(calls.map((e) => e.status)).toEqual([429, 429, 429]);
    sim.control.removeFault('http-429');
  });

  it('a rate limit answers 429 with Retry-After in whole seconds and code 971 (fact sheet §8)', async () => {
    sim.control.setLimit({ id: 'cf-test', provider: 'cloudflare-vectorize', operations: ['ListIndexes'], per: ['credential'], limit: 1, windowMs: 300_000, unit: 'requests', source: 'fact sheet §8 (1200 per 5 minutes, scaled down)' });
    expect((await raw(endpoint, 'GET', `/accounts/${ACCOUNT}/vectorize/v2/indexes`)).status).toBe(200);
    const limited = await raw(endpoint, 'GET', `/accounts/${ACCOUNT}/vectorize/v2/indexes`);
    expectCfError(limited, 429, 971);
    expect(Number(limited.headers['retry-after'])).toBe(300);
    expectConforms('ListIndexes', limited);
    sim.control.removeLimit('cf-test');
  });

  it('a body over the upload limit answers 413 with the envelope and code 40005 before the body is read (fact sheet §4)', async () => {
    const opts = sim.cloudflareVectorize.options;
    const saved = opts.maxBodyBytes;
    opts.maxBodyBytes = 4096;
    try {
      await sdk().vectorize.indexes.create({ ...acct, name: 'http-big', config: { dimensions: 32, metric: 'cosine' } });
      const big = ndjson(Array.from({ length: 100 }, (_, i) => ({ id: `v${i}`, values: axis(i) })));
      const res = await raw(endpoint, 'POST', indexPath('http-big', '/insert'), { headers: { 'content-type': 'application/x-ndjson' }, body: big });
      expectCfError(res, 413, 40005);
      expectConforms('InsertVectors', res);
    } finally {
      opts.maxBodyBytes = saved;
    }
    const info = await sdk().vectorize.indexes.info('http-big', acct);
    expect(info!.vectorCount).toBe(0);
  });

  it('a client that aborts mid-body leaves no mutation behind and the server keeps serving (issue 3 "Bad input")', async () => {
    await sdk().vectorize.indexes.create({ ...acct, name: 'http-abort', config: { dimensions: 32, metric: 'cosine' } });
    const u = new URL(endpoint);
    await new Promise<void>((resolve) => {
      const req = request({ host: u.hostname, port: u.port, method: 'POST', path: `/client/v4${indexPath('http-abort', '/insert')}`, headers: { authorization: 'Bearer test', 'content-type': 'application/x-ndjson', 'content-length': '100000' } });
      req.on('error', () => resolve());
      req.write('{"id":"half","values":[');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    sim.cloudflareVectorize.state.flush();
    expect(await sdk().vectorize.indexes.info('http-abort', acct)).toMatchObject({ vectorCount: 0, processedUpToDatetime: null });
  });

  it('concurrent upserts and deletes over HTTP are each accepted with distinct mutation ids and applied in acceptance order (fact sheet §6)', async () => {
    const c = sdk();
    await c.vectorize.indexes.create({ ...acct, name: 'http-concurrent', config: { dimensions: 32, metric: 'euclidean' } });
    const writes = await Promise.all(
      Array.from({ length: 20 }, async (_, i) =>
        i % 2 === 0
          ? c.vectorize.indexes.upsert('http-concurrent', { ...acct, body: await ndjsonFile([{ id: `k${i}`, values: axis(i) }]) })
          : c.vectorize.indexes.deleteByIDs('http-concurrent', { ...acct, ids: [`k${i - 1}`] }),
      ),
    );
    expect(new Set(writes.map((w) => w!.mutationId)).size).toBe(20);
    // The log holds all 20 in acceptance order; replaying it by hand gives the state the simulator must reach.
    const log = sim.cloudflareVectorize.state.getIndex(ACCOUNT, 'http-concurrent').pending.toArray().map((m) => ({ ...m }));
    expect(log.map((m) => m.id).sort()).toEqual(writes.map((w) => w!.mutationId!).sort());
    const expected = new Set<string>();
    for (const m of log) {
      if (m.op.kind === 'upsert') for (const v of m.op.vectors) expected.add(v.id);
      if (m.op.kind === 'delete') for (const id of m.op.ids) expected.delete(id);
    }
    sim.cloudflareVectorize.state.flush();
    const info = await c.vectorize.indexes.info('http-concurrent', acct);
    expect(info).toMatchObject({ vectorCount: expected.size, processedUpToMutation: log[log.length - 1]!.id });
    const listed = await c.vectorize.indexes.listVectors('http-concurrent', { ...acct, count: 100 });
    expect(listed!.vectors.map((v) => v.id).sort()).toEqual([...expected].sort());
  });

  it('malformed JSON, a wrong content type and an unknown route each get the envelope, and the server survives (fact sheet §7)', async () => {
    await sdk().vectorize.indexes.create({ ...acct, name: 'http-bad', config: { dimensions: 32, metric: 'cosine' } });
    expectCfError(await raw(endpoint, 'POST', indexPath('http-bad', '/delete_by_ids'), { headers: { 'content-type': 'application/json' }, body: '{"ids": [' }), 400, 40026);
    expectCfError(await raw(endpoint, 'POST', indexPath('http-bad', '/query'), { headers: { 'content-type': 'text/plain' }, body: '{}' }), 400, 40026);
    expectCfError(await raw(endpoint, 'GET', `/accounts/${ACCOUNT}/vectorize/v2/nothing-here`), 404, 7000);
    expect((await sdk().vectorize.indexes.info('http-bad', acct))!.dimensions).toBe(32);
  });
});
