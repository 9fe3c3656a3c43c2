/**
 * The world through the control API (issue 16 §4): GET /__vconf/world saves it as a file, PUT /__vconf/world loads one
 * (a CI fixture world in one call), DELETE /__vconf/world empties it; `vconf serve --world FILE` starts from one.
 * A bad snapshot is refused naming the line, and the world in place is kept whole.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../helpers/bailian.ts';
import { serve, stop, type Served } from './serve.ts';

const PORTS = ['--oss-vectors-port', '0', '--cloudflare-vectorize-port', '0', '--bailian-port', '0'];
const running: Served[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => stop(s, 'SIGKILL')));
});
async function start(args: string[]) {
  const s = await serve([...PORTS, ...args]);
  running.push(s);
  return s;
}
const world = (s: Served, method = 'GET', body?: string) => fetch(`${s.control}/__vconf/world`, { method, body });

async function build(s: Served) {
  expect((await s.oss.call('PutVectorBucket', { bucket: 'fixture' })).status).toBe(200);
  expect((await s.oss.call('PutVectorIndex', { bucket: 'fixture', body: { indexName: 'idx', dataType: 'float32', dimension: 2, distanceMetric: 'cosine' } })).status).toBe(200);
  expect((await s.oss.call('PutVectors', { bucket: 'fixture', body: { indexName: 'idx', vectors: [{ key: 'a', data: { float32: [1, 0] } }, { key: 'b', data: { float32: [0, 1] } }] } })).status).toBe(200);
  return uploadFile(s.bailian, { name: 'fixture.pdf' });
}

async function observe(s: Served, fileId: string) {
  const vectors = await s.oss.call('GetVectors', { bucket: 'fixture', body: { indexName: 'idx', keys: ['a', 'b'], returnData: true } });
  const file = await s.bailian.call('DescribeFile', { path: { FileId: fileId } });
  return { vectors: [vectors.status, vectors.json], file: [file.status, (file.json as { Data?: { FileId: string; FileName: string } }).Data?.FileName] };
}

describe('snapshot, restore and reset a world through the control API (issue 16 §4)', () => {
  it('GET saves, DELETE empties, PUT restores — into the same server or another one with another seed', async () => {
    const a = await start(['--snapshots', '--seed', 'fixture-world']);
    const fileId = await build(a);
    const before = await observe(a, fileId);
    const saved = await world(a);
    expect([saved.status, saved.headers.get('content-type')]).toEqual([200, 'application/x-ndjson']);
    const snapshot = await saved.text();
    expect(JSON.parse(snapshot.split('\n')[0]!)).toMatchObject({ format: 'vconf-world', version: 1, seed: 'fixture-world', entries: 6 });

    expect(await (await world(a, 'DELETE')).json()).toEqual({ reset: true, seed: 'fixture-world' });
    expect((await a.oss.call('GetVectorBucket', { bucket: 'fixture' })).status).toBe(404);
    expect(await (await world(a, 'PUT', snapshot)).json()).toEqual({ restored: 6, seed: 'fixture-world' });
    expect(await observe(a, fileId)).toEqual(before);

    // Another server, another (random) seed: the snapshot brings its own, so the file id is the same.
    const b = await start(['--snapshots']);
    expect((await world(b, 'PUT', snapshot)).status).toBe(200);
    expect(await observe(b, fileId)).toEqual(before);
    // … and from a file at start-up.
    const file = join(mkdtempSync(join(tmpdir(), 'vconf-world-')), 'fixture.ndjson');
    writeFileSync(file, snapshot);
    const c = await start(['--world', file]);
    expect(c.ready.seed).toBe('fixture-world');
    expect(await observe(c, fileId)).toEqual(before);
  });

  it('a bad snapshot is refused naming the line; the world in place stays whole', async () => {
    const s = await start(['--snapshots']);
    const fileId = await build(s);
    const before = await observe(s, fileId);
    const good = await (await world(s)).text();
    const lines = good.trim().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const bad: [string, RegExp][] = [
      ['', /empty/],
      ['{nope', /line 1 is not JSON/],
      [[JSON.stringify({ ...header, version: 9 }), ...lines.slice(1)].join('\n'), /newer vconf/],
      [lines.slice(0, -1).join('\n'), /announces 6 entries and holds 5/],
      [[lines[0], ...lines.slice(1, -1), '{"kind":"request"}'].join('\n'), /line 7: .*must have required property/],
      [[lines[0], ...lines.slice(1, -1), lines.at(-1)!.replace('"provider":"bailian"', '"provider":"nowhere"')].join('\n'), /provider nowhere is not served here/],
      // Well-formed, but a write that answers otherwise on replay: the AddFile of a lease that never was.
      [[lines[0], ...lines.slice(1, -1), lines.at(-1)!.replace(/"status":200/, '"status":201')].join('\n'), /answered 200 on replay where it answered 201/],
    ];
    for (const [text, message] of bad) {
      const res = await world(s, 'PUT', text);
      expect(res.status, text.slice(0, 80)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
      expect(await observe(s, fileId)).toEqual(before);
    }
  });

  it('without a write log there is nothing to snapshot: 409 saying how to keep one; reset still works', async () => {
    const s = await start([]);
    const res = await world(s);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toContain('--state-dir DIR or --snapshots');
    expect((await s.oss.call('PutVectorBucket', { bucket: 'gone-soon' })).status).toBe(200);
    expect((await world(s, 'DELETE')).status).toBe(200);
    expect((await s.oss.call('GetVectorBucket', { bucket: 'gone-soon' })).status).toBe(404);
  });
});
