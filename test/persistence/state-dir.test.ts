/**
 * `vconf serve --state-dir DIR` keeps the whole world across restarts (issue 16 §4): OSS buckets, indexes and vectors
 * (queried through the rebuilt HNSW graph), Vectorize indexes with their mutation logs (applied and pending), Bailian
 * categories, leases and files with their ids — every id the same after a restart, every answer the same. The seed is
 * the world's and travels with it. Bad state directories are refused with exit code 2 and left untouched.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../helpers/bailian.ts';
import { serve, serveRefused, stop, type Served } from './serve.ts';

const PORTS = ['--oss-vectors-port', '0', '--cloudflare-vectorize-port', '0', '--bailian-port', '0'];
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vconf-state-'));
  dirs.push(d);
  return d;
};
const running: Served[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => stop(s, 'SIGKILL')));
});
async function start(args: string[]): Promise<Served> {
  const s = await serve([...PORTS, ...args]);
  running.push(s);
  return s;
}

const vectors = (keys: string[]) => keys.map((key, i) => ({ key, data: { float32: [i + 1, 1, 0, 0] }, metadata: { n: i } }));
const keys = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);

/** What a client can observe of the world this test builds; equal before and after a restart. */
async function observe(s: Served, fileIds: string[]) {
  const got = await s.oss.call('GetVectors', { bucket: 'keep-me', body: { indexName: 'idx', keys: keys(30, 'k'), returnMetadata: true } });
  const query = await s.oss.call('QueryVectors', { bucket: 'keep-me', body: { indexName: 'idx', queryVector: { float32: [7, 1, 0, 0] }, topK: 5, returnDistance: true } });
  const info = await s.cf.call('GetIndexInfo', { index: 'kept' });
  const cfGot = await s.cf.call('GetVectorsByIds', { index: 'kept', body: { ids: ['a', 'b', 'c'] } });
  const files = [];
  for (const id of fileIds) files.push(((await s.bailian.call('DescribeFile', { path: { FileId: id } })).json as { Data?: unknown }).Data ?? null);
  const categories = (await s.bailian.call('ListCategory', { form: { CategoryType: 'UNSTRUCTURED' } })).json as { Data: unknown };
  return { got: got.json, query: query.json, info: info.json, cfGot: cfGot.json, files, categories: categories.Data };
}

describe('vconf serve --state-dir: the world survives a restart (issue 16 §4)', () => {
  it('every provider: same resources, vectors, query results, mutation ids, file and category ids after a restart', async () => {
    const dir = tempDir();
    const config = ['--config', join(import.meta.dirname, 'slow-parse.yaml')];
    const first = await start(['--state-dir', dir, '--seed', 'persist', ...config]);
    expect(first.ready).toMatchObject({ seed: 'persist', stateDir: dir, restoredWrites: 0 });
    const { oss, cf, bailian } = first;
    expect((await oss.call('PutVectorBucket', { bucket: 'keep-me' })).status).toBe(200);
    expect((await oss.call('PutVectorIndex', { bucket: 'keep-me', body: { indexName: 'idx', dataType: 'float32', dimension: 4, distanceMetric: 'euclidean' } })).status).toBe(200);
    expect((await oss.call('PutVectors', { bucket: 'keep-me', body: { indexName: 'idx', vectors: vectors(keys(30, 'k')) } })).status).toBe(200);
    // A partial delete (seed 001: not atomic on 5xx) is kept as it happened: the same seeded half stays deleted.
    const fault = await fetch(`${first.control}/__vconf/faults`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'oss-vectors', operation: 'DeleteVectors', times: 1, seed: 'p', action: { kind: 'partial', status: 503, code: 'QpsLimitExceeded', fraction: 0.5 } }),
    });
    expect(fault.status).toBe(201);
    expect((await oss.call('DeleteVectors', { bucket: 'keep-me', body: { indexName: 'idx', keys: keys(10, 'k') } })).status).toBe(503);
    expect((await cf.call('CreateIndex', { body: { name: 'kept', config: { dimensions: 32, metric: 'cosine' } } })).status).toBe(200);
    const axis = (i: number) => Array.from({ length: 32 }, (_, d) => (d === i ? 1 : 0));
    const inserted = await cf.call('InsertVectors', { index: 'kept', vectors: [{ id: 'a', values: axis(0) }, { id: 'b', values: axis(1) }, { id: 'c', values: axis(2) }] });
    expect(inserted.status).toBe(200);
    expect((await fetch(`${first.control}/__vconf/actions/cloudflare-vectorize/flush`, { method: 'POST' })).status).toBe(200);
    // Accepted but not applied before the restart: still pending afterwards, applied in order when due.
    const pending = await cf.call('DeleteVectorsByIds', { index: 'kept', body: { ids: ['b'] } });
    const mutationId = (pending.json as { result: { mutationId: string } }).result.mutationId;
    const category = (await bailian.call('AddCategory', { form: { CategoryName: 'kept', CategoryType: 'UNSTRUCTURED' } })).json as { Data: { CategoryId: string } };
    const fileIds = [await uploadFile(bailian, { name: 'a.pdf', category: category.Data.CategoryId }), await uploadFile(bailian, { name: 'b.pdf' })];
    const before = await observe(first, fileIds);
    await stop(first);

    const second = await start(['--state-dir', dir, ...config]);
    expect(second.ready).toMatchObject({ seed: 'persist', restoredWrites: expect.any(Number) });
    expect(second.ready.restoredWrites).toBeGreaterThanOrEqual(10);
    expect(await observe(second, fileIds)).toEqual(before);
    expect((before.got as { vectors: unknown[] }).vectors).toHaveLength(25);
    // The pending delete is applied after the restart, under its own id.
    await fetch(`${second.control}/__vconf/actions/cloudflare-vectorize/flush`, { method: 'POST' });
    const info = (await second.cf.call('GetIndexInfo', { index: 'kept' })).json as { result: { vectorCount: number; processedUpToMutation: string } };
    expect(info.result).toMatchObject({ vectorCount: 2, processedUpToMutation: mutationId });
    // New ids continue the world's sequence: never one given out before the restart.
    const third = await uploadFile(second.bailian, { name: 'c.pdf' });
    expect(fileIds).not.toContain(third);
    await stop(second);

    // The log holds what happened after the restart too.
    const again = await start(['--state-dir', dir, ...config]);
    expect(((await again.bailian.call('DescribeFile', { path: { FileId: third } })).json as { Data: { FileId: string } }).Data.FileId).toBe(third);
    await stop(again);
  });

  it('refuses, with exit code 2 and the stored world untouched: not a directory, foreign files, a corrupt database, a newer format, a second server, another seed', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    expect(await serveRefused([...PORTS, '--state-dir', file])).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a directory') });

    const foreign = tempDir();
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    expect(await serveRefused([...PORTS, '--state-dir', foreign])).toMatchObject({ code: 2, stderr: expect.stringContaining('not a vconf state directory') });

    const corrupt = tempDir();
    writeFileSync(join(corrupt, 'world.sqlite'), Buffer.alloc(8192, 0x5a));
    const hash = () => createHash('sha256').update(readFileSync(join(corrupt, 'world.sqlite'))).digest('hex');
    const h = hash();
    expect(await serveRefused([...PORTS, '--state-dir', corrupt])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot be used|corrupt|not a vconf state database/) });
    expect(hash()).toBe(h);

    const newer = tempDir();
    const s = await start(['--state-dir', newer]);
    expect((await s.oss.call('PutVectorBucket', { bucket: 'held' })).status).toBe(200);
    // A second server on the same directory, while the first holds it.
    expect(await serveRefused([...PORTS, '--state-dir', newer])).toMatchObject({ code: 2, stderr: expect.stringContaining('in use by another vconf server') });
    await stop(s);
    expect(await serveRefused([...PORTS, '--state-dir', newer, '--seed', 'other'])).toMatchObject({ code: 2, stderr: expect.stringContaining('holds a world made with seed') });
    const db = new Database(join(newer, 'world.sqlite'));
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'format'").run();
    db.close();
    expect(await serveRefused([...PORTS, '--state-dir', newer])).toMatchObject({ code: 2, stderr: expect.stringContaining('written by a newer vconf') });
    const check = new Database(join(newer, 'world.sqlite'), { readonly: true });
    expect((check.prepare('SELECT count(*) AS n FROM writes').get() as { n: number }).n).toBeGreaterThan(0);
    check.close();
  });

  it('a new directory (and its parents) is created on first start', async () => {
    const dir = join(tempDir(), 'a', 'b');
    mkdirSync(join(dir, '..'), { recursive: true });
    const s = await start(['--state-dir', dir]);
    expect(s.ready.restoredWrites).toBe(0);
    await stop(s);
  });
});
