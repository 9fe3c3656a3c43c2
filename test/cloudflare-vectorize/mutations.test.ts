/**
 * The asynchronous mutation model (issue 3 §3; fact sheet §6): a fresh mutationId per write at once, application in
 * order after a configurable delay on the injected clock, reads that see applied mutations only, and flush.
 */
import { describe, expect, it } from 'vitest';
import { defaultCloudflareVectorizeOptions } from '../../simulator/cloudflare-vectorize/options.ts';
import { ACCOUNT, API, axis, createIndex, inProcessCloudflare, indexPath, ndjson, ndjsonFile, raw } from '../helpers/cloudflare.ts';

const { sim, clock, client } = inProcessCloudflare();
const acct = { account_id: ACCOUNT };
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const ids = async (name: string) => ((await client.vectorize.indexes.getByIDs(name, { ...acct, ids: ['a', 'b', 'c', 'd'] })) as { id: string; values: number[] }[]);
const write = async (name: string, kind: 'insert' | 'upsert', vectors: { id: string; values: number[]; metadata?: Record<string, unknown> }[]) =>
  (await client.vectorize.indexes[kind](name, { ...acct, body: await ndjsonFile(vectors) }))!.mutationId!;

describe('asynchronous mutations', () => {
  it('the default delay is 3000 ms, "typically a few seconds" (fact sheet §6)', () => {
    expect(defaultCloudflareVectorizeOptions().mutationDelayMs).toBe(3000);
    expect(sim.cloudflareVectorize.options.mutationDelayMs).toBe(3000);
  });

  it('every write returns a fresh mutationId at once and is applied exactly mutationDelayMs later; processedUpToDatetime is when it was due (fact sheet §6)', async () => {
    await createIndex(client, 'm-delay');
    const t0 = clock.now();
    const m1 = await write('m-delay', 'insert', [{ id: 'a', values: axis(0) }]);
    const m2 = await write('m-delay', 'upsert', [{ id: 'b', values: axis(1) }]);
    const m3 = (await client.vectorize.indexes.deleteByIDs('m-delay', { ...acct, ids: ['zzz'] }))!.mutationId!;
    const m4 = (await client.vectorize.indexes.metadataIndex.create('m-delay', { ...acct, propertyName: 'p', indexType: 'number' }))!.mutationId!;
    const m5 = (await client.vectorize.indexes.metadataIndex.delete('m-delay', { ...acct, propertyName: 'p' }))!.mutationId!;
    expect(new Set([m1, m2, m3, m4, m5]).size).toBe(5);
    clock.advance(2999);
    expect(await client.vectorize.indexes.info('m-delay', acct)).toEqual({ dimensions: 32, vectorCount: 0, processedUpToDatetime: null });
    clock.advance(1);
    expect(await client.vectorize.indexes.info('m-delay', acct)).toEqual({
      dimensions: 32,
      vectorCount: 2,
      processedUpToMutation: m5,
      processedUpToDatetime: iso(t0 + 3000),
    });
  });

  it('mutations apply in order: insert, then upsert replaces, then delete removes, each visible only once due (fact sheet §3, §6)', async () => {
    await createIndex(client, 'm-order');
    await write('m-order', 'insert', [{ id: 'a', values: axis(0) }]);
    clock.advance(1000);
    const up = await write('m-order', 'upsert', [{ id: 'a', values: axis(5) }]);
    clock.advance(1000);
    await client.vectorize.indexes.deleteByIDs('m-order', { ...acct, ids: ['a'] });
    expect(await ids('m-order')).toEqual([]);
    clock.advance(1000); // insert due
    expect(await ids('m-order')).toEqual([{ id: 'a', values: axis(0) }]);
    clock.advance(1000); // upsert due
    expect(await ids('m-order')).toEqual([{ id: 'a', values: axis(5) }]);
    expect((await client.vectorize.indexes.info('m-order', acct))!.processedUpToMutation).toBe(up);
    clock.advance(1000); // delete due
    expect(await ids('m-order')).toEqual([]);
  });

  it('a mutation never overtakes an earlier one: with the delay lowered, the later write still waits for the first (issue 3 §3 "in order")', async () => {
    await createIndex(client, 'm-hol');
    const opts = sim.cloudflareVectorize.options;
    const t0 = clock.now();
    opts.mutationDelayMs = 10_000;
    const slow = await write('m-hol', 'insert', [{ id: 'a', values: axis(0) }]);
    opts.mutationDelayMs = 0;
    try {
      const fast = (await client.vectorize.indexes.deleteByIDs('m-hol', { ...acct, ids: ['a'] }))!.mutationId!;
      clock.advance(5000);
      expect(await client.vectorize.indexes.info('m-hol', acct)).toMatchObject({ vectorCount: 0, processedUpToDatetime: null });
      clock.advance(5000);
      const info = await client.vectorize.indexes.info('m-hol', acct);
      // Both applied when the first was due; the delete (due earlier) is applied right after it.
      expect(info).toEqual({ dimensions: 32, vectorCount: 0, processedUpToMutation: fast, processedUpToDatetime: iso(t0 + 10_000) });
      expect(slow).not.toBe(fast);
    } finally {
      opts.mutationDelayMs = 3000;
    }
  });

  it('reads see only applied mutations: query, get_by_ids, list and info.vectorCount ignore pending writes (issue 3 §3)', async () => {
    await createIndex(client, 'm-reads');
    await write('m-reads', 'upsert', [{ id: 'a', values: axis(0) }, { id: 'b', values: axis(1) }]);
    clock.advance(3000);
    await write('m-reads', 'upsert', [{ id: 'c', values: axis(2) }]);
    await client.vectorize.indexes.deleteByIDs('m-reads', { ...acct, ids: ['a'] });
    const q = await client.vectorize.indexes.query('m-reads', { ...acct, vector: axis(2), topK: 10 });
    expect(q!.matches!.map((m) => m.id).sort()).toEqual(['a', 'b']);
    expect((await ids('m-reads')).map((v) => v.id)).toEqual(['a', 'b']);
    expect((await client.vectorize.indexes.listVectors('m-reads', acct))!.vectors).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect((await client.vectorize.indexes.info('m-reads', acct))!.vectorCount).toBe(2);
  });

  it('flush applies everything now; a mutation flushed before it is due reports the flush time (issue 3 §3)', async () => {
    await createIndex(client, 'm-flush');
    const m = await write('m-flush', 'insert', [{ id: 'a', values: axis(0) }]);
    clock.advance(10);
    const flushed = sim.cloudflareVectorize.provider.controlActions!.flush!({ index: 'm-flush' }) as { flushed: number };
    expect(flushed).toEqual({ flushed: 1 });
    expect(await client.vectorize.indexes.info('m-flush', acct)).toEqual({ dimensions: 32, vectorCount: 1, processedUpToMutation: m, processedUpToDatetime: iso(clock.now()) });
  });

  it('a metadata index covers only vectors written after it in mutation order; re-upserting indexes older ones (fact sheet §5)', async () => {
    await createIndex(client, 'm-meta');
    await write('m-meta', 'insert', [{ id: 'a', values: axis(0), metadata: { genre: 'drama' } }]);
    await client.vectorize.indexes.metadataIndex.create('m-meta', { ...acct, propertyName: 'genre', indexType: 'string' });
    await write('m-meta', 'insert', [{ id: 'b', values: axis(1), metadata: { genre: 'drama' } }]);
    clock.advance(3000); // all three applied together, in order
    const filtered = async () =>
      (await client.vectorize.indexes.query('m-meta', { ...acct, vector: axis(0), topK: 10, filter: { genre: 'drama' } }))!.matches!.map((m) => m.id).sort();
    expect(await filtered()).toEqual(['b']);
    await write('m-meta', 'upsert', [{ id: 'a', values: axis(0), metadata: { genre: 'drama' } }]);
    expect(await filtered()).toEqual(['b']); // not yet applied
    clock.advance(3000);
    expect(await filtered()).toEqual(['a', 'b']);
  });

  it('deleting an index drops its pending mutations and keeps its name taken (fact sheet §4)', async () => {
    await createIndex(client, 'm-drop');
    await write('m-drop', 'insert', [{ id: 'a', values: axis(0) }]);
    await client.vectorize.indexes.delete('m-drop', acct);
    clock.advance(3000);
    const again = await raw(API, 'POST', `/accounts/${ACCOUNT}/vectorize/v2/indexes`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'm-drop', config: { dimensions: 32, metric: 'cosine' } }) });
    expect(again.status).toBe(400);
    expect(again.json.errors[0]).toEqual({ code: 3002, message: 'vectorize.index.duplicate_name - Index name "m-drop"' });
    expect(sim.cloudflareVectorize.state.pendingSummary().find((s) => s.index === 'm-drop')).toBeUndefined();
  });

  it('an injected partial fault enqueues only the picked part of a delete, then answers its error; nothing else is half-applied (issue 3 "Bad input")', async () => {
    await createIndex(client, 'm-partial');
    await write('m-partial', 'insert', ['a', 'b', 'c', 'd'].map((id, i) => ({ id, values: axis(i) })));
    clock.advance(3000);
    sim.control.addFault({ provider: 'cloudflare-vectorize', operation: 'DeleteVectorsByIds', times: 1, action: { kind: 'partial', status: 500, code: '1000', fraction: 0.5 }, seed: 'p' });
    const res = await raw(API, 'POST', indexPath('m-partial', '/delete_by_ids'), { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: ['a', 'b', 'c', 'd'] }) });
    expect(res.status).toBe(500);
    expect(res.json.errors[0]!.code).toBe(1000);
    clock.advance(3000);
    expect((await ids('m-partial')).length).toBe(2);
  });

  it('mutationDelayMs: 0 makes a write visible to the next request, still as its own mutation (options.ts)', async () => {
    const opts = sim.cloudflareVectorize.options;
    opts.mutationDelayMs = 0;
    try {
      await createIndex(client, 'm-zero');
      const m = await write('m-zero', 'upsert', [{ id: 'a', values: axis(0) }]);
      expect(await client.vectorize.indexes.info('m-zero', acct)).toMatchObject({ vectorCount: 1, processedUpToMutation: m });
    } finally {
      opts.mutationDelayMs = 3000;
    }
    expect(ndjson([])).toBe('\n');
  });
});
