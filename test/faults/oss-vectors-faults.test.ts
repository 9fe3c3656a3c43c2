/**
 * Faults and QPS limits against OSS Vectors (seed 001_3830517637282d1c.txt: 503 QpsLimitExceeded; "only some of the
 * data in the batch request may be deleted"; "does not ensure atomicity"), in-process and over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulator/index.ts';
import { createOssClient } from '../../scenarios/clients/oss-vectors.ts';
import { bucketWithIndex, expectConforms, expectError, inProcessOss, OWNER, REGION } from '../helpers/oss.ts';

const S001 = 'seed 001_3830517637282d1c.txt';
const { sim, client, clock } = inProcessOss({ limits: 'documented' });

const keys = (n: number, p = 'k') => Array.from({ length: n }, (_, i) => `${p}${i}`);
const vectors = (ks: string[]) => ks.map((key, i) => ({ key, data: { float32: [i + 1, 1, 1, 1] } }));

async function remaining(bucket: string, index: string, ks: string[]): Promise<string[]> {
  const res = await client.call('GetVectors', { bucket, body: { indexName: index, keys: ks } });
  return (res.json as { vectors: { key: string }[] }).vectors.map((v) => v.key);
}

describe('QPS limits (issue 5 §1)', () => {
  it(`PutVectorIndex over 5/s answers 503 QpsLimitExceeded in the OSS error format, then recovers (fact sheet §3.5; ${S001} error table)`, async () => {
    await client.call('PutVectorBucket', { bucket: 'qps-index' });
    const put = (n: number) =>
      client.call('PutVectorIndex', { bucket: 'qps-index', body: { indexName: `i${n}`, dataType: 'float32', dimension: 2, distanceMetric: 'cosine' } });
    for (let i = 0; i < 5; i++) expect((await put(i)).status).toBe(200);
    const throttled = await put(5);
    expectError(throttled, 503, 'QpsLimitExceeded');
    expectConforms('PutVectorIndex', throttled);
    clock.advance(1000);
    expect((await put(5)).status).toBe(200);
    const entries = sim.journal.read({ provider: 'oss-vectors' }).filter((e) => e.injected === 'throttle');
    expect(entries.map((e) => [e.operation, e.status, e.code])).toEqual([['PutVectorIndex', 503, 'QpsLimitExceeded']]);
  });

  it('PutVectors is limited by vectors per second per index: 2,500 by default, settable (fact sheet §6, §11.3)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'qps-vectors' });
    clock.advance(1000);
    for (let b = 0; b < 5; b++) expect((await client.call('PutVectors', { bucket, body: { indexName: index, vectors: vectors(keys(500, `b${b}-`)) } })).status).toBe(200);
    expectError(await client.call('PutVectors', { bucket, body: { indexName: index, vectors: vectors(['one-more']) } }), 503, 'QpsLimitExceeded');
    sim.control.setLimit({ ...sim.control.limits().find((r) => r.id === 'oss-vectors/PutVectors/requests')!, limit: 5 });
    clock.advance(1000);
    for (let i = 0; i < 5; i++) expect((await client.call('PutVectors', { bucket, body: { indexName: index, vectors: vectors([`r${i}`]) } })).status).toBe(200);
    expectError(await client.call('PutVectors', { bucket, body: { indexName: index, vectors: vectors(['r5']) } }), 503, 'QpsLimitExceeded');
    sim.control.replaceLimits([]);
  });
});

describe(`partial deletes on 5xx (${S001}, QpsLimitExceeded row; issue 5 §2)`, () => {
  it('a partial fault deletes a seeded half of the batch, then answers 503; a client that retries converges to the full delete', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'partial-del' });
    const ks = keys(100);
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: vectors(ks) } });
    const id = sim.control.addFault({ provider: 'oss-vectors', operation: 'DeleteVectors', times: 1, seed: 'p1', action: { kind: 'partial', status: 503, code: 'QpsLimitExceeded', fraction: 0.5 } });
    const first = await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ks } });
    expectError(first, 503, 'QpsLimitExceeded');
    expectConforms('DeleteVectors', first);
    const left = await remaining(bucket, index, ks);
    expect(left).toHaveLength(50);
    // The retry the seed implies: send the same batch again until 204 (missing keys are ignored).
    let attempts = 1;
    let res = first;
    while (res.status !== 204 && attempts < 5) {
      res = await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ks } });
      attempts++;
    }
    expect(res.status).toBe(204);
    expect(await remaining(bucket, index, ks)).toEqual([]);
    expect(sim.control.faults().find((f) => f.id === id)?.remaining).toBe(0);
    const journal = sim.journal.read({ provider: 'oss-vectors' }).filter((e) => e.operation === 'DeleteVectors');
    expect(journal.map((e) => e.injected ?? null)).toEqual(['partial', null]);
  });

  it('same seed, same subset: two simulators with the same plan leave the same keys', async () => {
    const survivors: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const other = createSimulator({ limits: 'none', auth: false });
      const ks = keys(40, 'x');
      const endpoint = (await other.startHttp())['oss-vectors'];
      try {
        const c = createOssClient({ endpoint, region: REGION, ...OWNER, unsigned: true });
        await c.call('PutVectorBucket', { bucket: 'same-seed' });
        await c.call('PutVectorIndex', { bucket: 'same-seed', body: { indexName: 'i', dataType: 'float32', dimension: 4, distanceMetric: 'euclidean' } });
        await c.call('PutVectors', { bucket: 'same-seed', body: { indexName: 'i', vectors: vectors(ks) } });
        other.control.addFault({ provider: 'oss-vectors', operation: 'DeleteVectors', times: 1, seed: 'same', action: { kind: 'partial', status: 500, code: 'InternalError', fraction: 0.25 } });
        expect((await c.call('DeleteVectors', { bucket: 'same-seed', body: { indexName: 'i', keys: ks } })).status).toBe(500);
        const got = await c.call('GetVectors', { bucket: 'same-seed', body: { indexName: 'i', keys: ks } });
        survivors.push((got.json as { vectors: { key: string }[] }).vectors.map((v) => v.key));
      } finally {
        await other.close();
      }
    }
    expect(survivors[0]).toHaveLength(30);
    expect(survivors[1]).toEqual(survivors[0]);
  });

  it('a partial PutVectors writes a seeded subset and answers 500; validation errors still reject the whole batch', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'partial-put' });
    sim.control.addFault({ provider: 'oss-vectors', operation: 'PutVectors', times: 1, seed: 'pp', action: { kind: 'partial', status: 500, code: 'InternalError', fraction: 0.2 } });
    const ks = keys(50, 'p');
    expectError(await client.call('PutVectors', { bucket, body: { indexName: index, vectors: vectors(ks) } }), 500, 'InternalError');
    expect(await remaining(bucket, index, ks)).toHaveLength(10);
    expect((await client.call('PutVectors', { bucket, body: { indexName: index, vectors: vectors(ks) } })).status).toBe(200);
    expect(await remaining(bucket, index, ks)).toHaveLength(50);
  });
});

describe('fault plans (issue 5 §2)', () => {
  it('fail the next N calls with a chosen status and code, then pass', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'fail-n' });
    sim.control.addFault({ provider: 'oss-vectors', operation: 'DeleteVectors', times: 2, action: { kind: 'fail', status: 500, code: 'InternalError' } });
    expectError(await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a'] } }), 500, 'InternalError');
    expectError(await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a'] } }), 500, 'InternalError');
    expect((await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a'] } })).status).toBe(204);
  });

  it('probability p from a seeded source fails a reproducible set of calls', async () => {
    const outcomes: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const id = sim.control.addFault({ provider: 'oss-vectors', operation: 'GetVectorBucket', probability: 0.3, seed: 'prob', action: { kind: 'fail', status: 503, code: 'QpsLimitExceeded' } });
      await client.call('PutVectorBucket', { bucket: `prob-${run}` });
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) statuses.push((await client.call('GetVectorBucket', { bucket: `prob-${run}` })).status);
      sim.control.removeFault(id);
      outcomes.push(statuses);
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    const failed = outcomes[0]!.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(30);
  });
});

describe('over HTTP: latency, dropped connections, the control endpoint and --faults files (issue 5 §2, §3)', () => {
  it('a dropped connection gives the client a network error and changes nothing; latency plans are journalled', async () => {
    const live = createSimulator({ limits: 'none' });
    const endpoint = (await live.startHttp())['oss-vectors'];
    try {
      const c = createOssClient({ endpoint, region: REGION, ...OWNER });
      await c.call('PutVectorBucket', { bucket: 'drop-me' });
      live.control.addFault({ provider: 'oss-vectors', operation: 'DeleteVectorBucket', times: 1, action: { kind: 'drop' } });
      await expect(c.call('DeleteVectorBucket', { bucket: 'drop-me' })).rejects.toThrow();
      expect((await c.call('GetVectorBucket', { bucket: 'drop-me' })).status).toBe(200);
      live.control.addFault({ provider: 'oss-vectors', operation: 'GetVectorBucket', times: 1, latencyMs: { min: 20, max: 40 }, action: { kind: 'latency' } });
      expect((await c.call('GetVectorBucket', { bucket: 'drop-me' })).status).toBe(200);
      const injected = live.journal.read().map((e) => e.injected).filter(Boolean);
      expect(injected).toEqual(['drop', 'latency']);
    } finally {
      await live.close();
    }
  });

  it('the control endpoint adds plans, refuses malformed ones without changing the active set, and serves the journal', async () => {
    const live = createSimulator({ limits: 'none' });
    const endpoint = (await live.startHttp())['oss-vectors'];
    try {
      const post = (path: string, body: unknown, method = 'POST') =>
        fetch(`${endpoint}/__vconf/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ok = await post('faults', { provider: 'oss-vectors', operation: 'DeleteVectors', times: 1, action: { kind: 'fail', status: 503, code: 'QpsLimitExceeded' } });
      expect(ok.status).toBe(201);
      for (const bad of [
        { provider: 'oss-vectors', operation: 'DeleteVectors', action: { kind: 'explode' } },
        { provider: 'oss-vectors', operation: 'DeleteVectors', times: 0, action: { kind: 'drop' } },
        { provider: 'oss-vectors', operation: 'DeleteVectors', action: { kind: 'fail', status: 200, code: 'X' } },
        { provider: 'nowhere', operation: 'x', action: { kind: 'drop' } },
        { provider: 'oss-vectors', operation: 'x', times: 1, probability: 0.5, action: { kind: 'drop' } },
      ]) {
        const res = await post('faults', bad);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(/invalid fault plan: \S+/);
      }
      const notJson = await fetch(`${endpoint}/__vconf/faults`, { method: 'POST', body: '{nope' });
      expect(notJson.status).toBe(400);
      const list = (await (await fetch(`${endpoint}/__vconf/faults`)).json()) as { faults: unknown[] };
      expect(list.faults).toHaveLength(1);
      const badLimit = await post('limits', { id: 'x', provider: 'oss-vectors', operations: ['PutVectors'], per: ['planet'], limit: 1, windowMs: 1000, unit: 'requests' });
      expect(((await badLimit.json()) as { error: string }).error).toContain('per.0');
      expect((await post('limits', 'documented', 'PUT')).status).toBe(200);
      const c = createOssClient({ endpoint, region: REGION, ...OWNER });
      await c.call('PutVectorBucket', { bucket: 'control' });
      await c.call('PutVectorIndex', { bucket: 'control', body: { indexName: 'i', dataType: 'float32', dimension: 2, distanceMetric: 'cosine' } });
      expectError(await c.call('DeleteVectors', { bucket: 'control', body: { indexName: 'i', keys: ['a'] } }), 503, 'QpsLimitExceeded');
      const journal = (await (await fetch(`${endpoint}/__vconf/journal?provider=oss-vectors`)).json()) as { entries: { operation: string; injected?: string }[] };
      expect(journal.entries.filter((e) => e.injected).map((e) => [e.operation, e.injected])).toEqual([['DeleteVectors', 'fail']]);
      // The reserved prefix is not reachable as a provider route: an OSS bucket name cannot contain '_'.
      expect((await fetch(`${endpoint}/__vconf/nothing`)).status).toBe(404);
    } finally {
      await live.close();
    }
  });
});
