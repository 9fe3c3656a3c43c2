/**
 * PutVectors bodies from 512 KiB on are parsed off the event loop (simulator/http/json-offload.ts): the same
 * answers as the in-place path for valid and invalid input (fact sheet §3.9 rules), exact values stored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OFFLOAD_BYTES } from '../../simulator/http/json-offload.ts';
import { bucketWithIndex, expectConforms, expectError, inProcessOss } from '../helpers/oss.ts';

const { client } = inProcessOss();
const DIM = 768;
const vec = (i: number) => Array.from({ length: DIM }, (_, j) => Math.round(Math.sin(i * 31 + j) * 1e4) / 1e4);
const batch = (n: number, tweak?: (v: { key: string; data: { float32: unknown[] } }, i: number) => void) =>
  Array.from({ length: n }, (_, i) => {
    const v = { key: `big-${i}`, data: { float32: vec(i) as unknown[] }, metadata: { n: String(i) } };
    tweak?.(v, i);
    return v;
  });

describe('large PutVectors bodies (parsed off the event loop)', () => {
  it('a 500 × 768-d batch is stored exactly and answers 200 like a small one (fact sheet §3.9)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'big-put', dimension: DIM });
    const vectors = batch(500);
    expect(Buffer.byteLength(JSON.stringify({ indexName: index, vectors }))).toBeGreaterThan(OFFLOAD_BYTES);
    const res = await client.call('PutVectors', { bucket, body: { indexName: index, vectors } });
    expect(res.status, res.text).toBe(200);
    expectConforms('PutVectors', res);
    const got = await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['big-0', 'big-499'], returnData: true, returnMetadata: true } });
    const out = got.json as { vectors: { key: string; data: { float32: number[] }; metadata: { n: string } }[] };
    expect(out.vectors.map((v) => v.key)).toEqual(['big-0', 'big-499']);
    expect(out.vectors[1]!.data.float32.every((x, j) => Math.fround(x) === Math.fround(vec(499)[j]!))).toBe(true);
    expect(out.vectors[1]!.metadata).toEqual({ n: '499' });
  });

  it('invalid large bodies get the same errors and change nothing: malformed JSON, a non-number, a wrong dimension, a value beyond float32, a repeated key', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'big-bad', dimension: DIM });
    const put = (vectors: unknown[]) => client.call('PutVectors', { bucket, body: { indexName: index, vectors } });
    const text = JSON.stringify({ indexName: index, vectors: batch(300) });
    expectError(await client.call('PutVectors', { bucket, rawBody: text.slice(0, -5) }), 400, 'MalformedJson');
    expectError(await put(batch(300, (v, i) => i === 7 && (v.data.float32[3] = 'x'))), 400, 'VectorIndexParameterInvalid');
    expectError(await put(batch(300, (v, i) => i === 9 && v.data.float32.pop())), 400, 'VectorIndexParameterInvalid');
    expectError(await put(batch(300, (v, i) => i === 11 && (v.data.float32[0] = 1e39))), 400, 'VectorIndexParameterInvalid');
    expectError(await put(batch(300, (v, i) => i === 13 && (v.key = 'big-0'))), 400, 'VectorIndexParameterInvalid');
    const listed = await client.call('ListVectors', { bucket, body: { indexName: index } });
    expect(listed.json).toEqual({ vectors: [] });
  });

  it.runIf(process.platform === 'linux')('the parsing thread runs at nice 10, below the event loop (simulator/http/json-worker.mjs)', async () => {
    // Any large PutVectors above has started the worker; this one makes sure even when run alone.
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'big-nice', dimension: DIM });
    expect((await client.call('PutVectors', { bucket, body: { indexName: index, vectors: batch(500) } })).status).toBe(200);
    const niceOf = (task: string) => {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const nices = readdirSync('/proc/self/task').map(niceOf);
    expect(niceOf(String(process.pid))).toBe(0);
    expect(nices.filter((n) => n === 10)).toHaveLength(1);
  });
});
