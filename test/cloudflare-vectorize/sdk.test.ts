/**
 * The official `cloudflare` SDK (7.3.0) drives all 14 Vectorize v2 operations against the simulator in-process (msw),
 * including seed 003's delete_by_ids: delete existing and missing ids, poll `info` until `processedUpToMutation`
 * reaches the delete, then query and get_by_ids no longer return the deleted ids.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, axis, cfClient, createIndex, inProcessCloudflare, ndjsonFile, sdkError, settle, waitForMutation } from '../helpers/cloudflare.ts';

const { sim, clock, client } = inProcessCloudflare();
const acct = { account_id: ACCOUNT };

describe('official SDK, in-process', () => {
  it('seed 003: delete_by_ids of existing and missing ids returns a mutationId at once; after polling info until processedUpToMutation is that id, query and get_by_ids no longer return the deleted ids', async () => {
    await createIndex(client, 'seed-delete');
    const ins = await client.vectorize.indexes.insert('seed-delete', {
      ...acct,
      body: await ndjsonFile([
        { id: 'keep', values: axis(0) },
        { id: 'gone-1', values: axis(1) },
        { id: 'gone-2', values: axis(2) },
      ]),
    });
    await waitForMutation(client, clock, 'seed-delete', ins!.mutationId!);
    expect((await client.vectorize.indexes.info('seed-delete', acct))!.vectorCount).toBe(3);

    const del = await client.vectorize.indexes.deleteByIDs('seed-delete', { ...acct, ids: ['gone-1', 'gone-2', 'never-existed'] });
    // seed 003 sample: result.mutationId, ≤ 36 characters
    expect(del!.mutationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(del!.mutationId).not.toBe(ins!.mutationId);

    // Not applied yet: reads still see the vectors (fact sheet §6).
    const before = await client.vectorize.indexes.getByIDs('seed-delete', { ...acct, ids: ['gone-1', 'keep'] });
    expect((before as { id: string }[]).map((v) => v.id)).toEqual(['gone-1', 'keep']);

    const { polls, info } = await waitForMutation(client, clock, 'seed-delete', del!.mutationId!);
    expect(polls).toBeGreaterThan(1);
    expect(info!.vectorCount).toBe(1);
    expect(info!.processedUpToDatetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

    const after = await client.vectorize.indexes.getByIDs('seed-delete', { ...acct, ids: ['gone-1', 'gone-2', 'keep', 'never-existed'] });
    expect((after as { id: string }[]).map((v) => v.id)).toEqual(['keep']);
    const q = await client.vectorize.indexes.query('seed-delete', { ...acct, vector: axis(1), topK: 10 });
    expect(q!.matches!.map((m) => m.id)).toEqual(['keep']);
  });

  it('create, get, list and delete an index; info reports dimensions and no processed mutation yet (fact sheet §2, §2.1)', async () => {
    const created = await client.vectorize.indexes.create({ ...acct, name: 'sdk-crud', description: 'docs', config: { dimensions: 48, metric: 'euclidean' } });
    expect(created).toMatchObject({ name: 'sdk-crud', description: 'docs', config: { dimensions: 48, metric: 'euclidean' } });
    expect(created!.created_on).toMatch(/Z$/);
    expect(await client.vectorize.indexes.get('sdk-crud', acct)).toEqual(created);
    const names: string[] = [];
    for await (const index of client.vectorize.indexes.list(acct)) names.push(index.name!);
    expect(names).toContain('sdk-crud');
    expect(await client.vectorize.indexes.info('sdk-crud', acct)).toEqual({ dimensions: 48, vectorCount: 0, processedUpToDatetime: null });
    expect(await client.vectorize.indexes.delete('sdk-crud', acct)).toBeNull();
    const gone = await sdkError(client.vectorize.indexes.get('sdk-crud', acct));
    expect(gone).toMatchObject({ status: 400, code: 3005, name: 'BadRequestError' });
  });

  it('create from a preset derives dimensions and metric (DOC-CREATE presets)', async () => {
    const created = await client.vectorize.indexes.create({ ...acct, name: 'sdk-preset', config: { preset: '@cf/baai/bge-small-en-v1.5' } });
    expect(created!.config).toEqual({ dimensions: 384, metric: 'cosine', preset: '@cf/baai/bge-small-en-v1.5' });
  });

  it('upsert, query with values and metadata, list vectors with a cursor (fact sheet §2.1, §3)', async () => {
    await createIndex(client, 'sdk-data');
    const up = await client.vectorize.indexes.upsert('sdk-data', {
      ...acct,
      body: await ndjsonFile(Array.from({ length: 5 }, (_, i) => ({ id: `v${i}`, values: axis(i), metadata: { n: i } }))),
    });
    await waitForMutation(client, clock, 'sdk-data', up!.mutationId!);
    const q = await client.vectorize.indexes.query('sdk-data', { ...acct, vector: axis(3), topK: 2, returnValues: true, returnMetadata: 'all' });
    expect(q!.count).toBe(2);
    expect(q!.matches![0]).toMatchObject({ id: 'v3', score: 1, metadata: { n: 3 } });
    expect(q!.matches![0]!.values).toEqual(axis(3));
    const page1 = await client.vectorize.indexes.listVectors('sdk-data', { ...acct, count: 3 });
    expect(page1).toMatchObject({ count: 3, isTruncated: true, totalCount: 5, vectors: [{ id: 'v0' }, { id: 'v1' }, { id: 'v2' }] });
    const page2 = await client.vectorize.indexes.listVectors('sdk-data', { ...acct, count: 3, cursor: page1!.nextCursor! });
    expect(page2).toMatchObject({ count: 2, isTruncated: false, vectors: [{ id: 'v3' }, { id: 'v4' }], nextCursor: null });
  });

  it('metadata indexes: create and delete return mutationIds; list shows them once applied (fact sheet §2.1, §5)', async () => {
    await createIndex(client, 'sdk-meta');
    const created = await client.vectorize.indexes.metadataIndex.create('sdk-meta', { ...acct, propertyName: 'genre', indexType: 'string' });
    expect(created!.mutationId).toBeTruthy();
    expect(await client.vectorize.indexes.metadataIndex.list('sdk-meta', acct)).toEqual({ metadataIndexes: [] });
    settle(sim, clock);
    expect(await client.vectorize.indexes.metadataIndex.list('sdk-meta', acct)).toEqual({ metadataIndexes: [{ propertyName: 'genre', indexType: 'string' }] });
    const deleted = await client.vectorize.indexes.metadataIndex.delete('sdk-meta', { ...acct, propertyName: 'genre' });
    await waitForMutation(client, clock, 'sdk-meta', deleted!.mutationId!);
    expect(await client.vectorize.indexes.metadataIndex.list('sdk-meta', acct)).toEqual({ metadataIndexes: [] });
  });

  it('SDK error classes follow the status: 400 BadRequestError with the envelope code, 403 PermissionDeniedError (fact sheet §7.1)', async () => {
    await createIndex(client, 'sdk-errors');
    const tooMany = await sdkError(client.vectorize.indexes.deleteByIDs('sdk-errors', { ...acct, ids: Array.from({ length: 101 }, (_, i) => `id${i}`) }));
    expect(tooMany).toMatchObject({ status: 400, code: 40007, name: 'BadRequestError' });
    expect(tooMany.message).toContain('too many ids in payload; max id count is 100, got 101');
    const readonly = await sdkError(cfClient({ apiToken: 'readonly' }).vectorize.indexes.deleteByIDs('sdk-errors', { ...acct, ids: ['a'] }));
    expect(readonly).toMatchObject({ status: 403, code: 10000, name: 'PermissionDeniedError' });
  });

  it('the SDK retries a 429 after Retry-After seconds and succeeds on the third attempt (fact sheet §8, §9)', async () => {
    await createIndex(client, 'sdk-retry');
    sim.control.addFault({ provider: 'cloudflare-vectorize', operation: 'DeleteVectorsByIds', times: 2, action: { kind: 'fail', status: 429, code: '971' } });
    const retrying = cfClient({ maxRetries: 2 });
    const started = Date.now();
    const del = await retrying.vectorize.indexes.deleteByIDs('sdk-retry', { ...acct, ids: ['x'] });
    expect(del!.mutationId).toBeTruthy();
    const calls = sim.journal.read({ provider: 'cloudflare-vectorize' }).filter((e) => e.operation === 'DeleteVectorsByIds');
    expect(calls.map((e) => e.status)).toEqual([429, 429, 200]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
