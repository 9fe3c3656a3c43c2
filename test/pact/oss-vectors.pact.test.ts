/**
 * Pact contracts for the delete operations of OSS Vectors (seeds 000, 001, 002):
 *   1. consumer side — the project's signed client records what it relies on, against Pact's mock server;
 *   2. provider side — Pact's verifier replays the contract against the simulator over HTTP with signing on
 *      (a request filter signs each replayed request exactly as the SDKs do), using named provider states.
 * Any SDK's consumer contract can be verified against the simulator the same way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV3, Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulator/index.ts';
import { signRequest } from '../../simulator/oss-vectors/signing.ts';
import { createOssClient } from '../../scenarios/clients/oss-vectors.ts';

const CONSUMER = 'vconf-oss-client';
const PROVIDER = 'oss-vectors';
const ACCOUNT = { accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' };
const REGION = 'cn-hangzhou';
const pactDir = mkdtempSync(join(tmpdir(), 'vconf-pact-'));
const { regex } = MatchersV3;

/** The parts of the verifier proxy's (express) request the filter touches. */
interface FilteredRequest {
  method: string;
  url: string;
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
}

const ossHeaders = {
  'x-oss-request-id': regex(/^[0-9A-F]{24}$/, '534B371674E88A4D89060000'),
  server: 'AliyunOSS',
};
const errorBody = (code: string) => ({ Error: { Code: code, Message: MatchersV3.string('message'), RequestId: MatchersV3.string('534B371674E88A4D89060000') } });

// Named provider states: the same names scenarios use; applied directly through the simulator's state layer.
const sim = createSimulator({ limits: 'none' });
const STATES: Record<string, () => void> = {
  'a bucket examplebucket with an index idx of dimension 4 holding doc-001 and doc-002': () => {
    const { state } = sim.ossVectors;
    if (!state.findBucket(ACCOUNT.accountId, REGION, 'examplebucket')) state.createBucket(ACCOUNT.accountId, REGION, 'examplebucket');
    const bucket = state.findBucket(ACCOUNT.accountId, REGION, 'examplebucket')!;
    if (!bucket.indexes.has('idx')) state.createIndex(bucket, { name: 'idx', dimension: 4, distanceMetric: 'euclidean' });
    bucket.indexes.get('idx')!.store.upsert([
      { key: 'doc-001', values: [1, 0, 0, 0] },
      { key: 'doc-002', values: [0, 1, 0, 0] },
    ]);
  },
  'an empty bucket emptybucket': () => {
    const { state } = sim.ossVectors;
    if (!state.findBucket(ACCOUNT.accountId, REGION, 'emptybucket')) state.createBucket(ACCOUNT.accountId, REGION, 'emptybucket');
  },
};

describe('consumer contract: the vconf OSS client (Pact)', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: PROVIDER, dir: pactDir, logLevel: 'warn' });
  const client = (url: string) => createOssClient({ endpoint: url, region: REGION, ...ACCOUNT, markerForm: 'equals' });

  it('DeleteVectors with an existing and a missing key answers 204 (seed 001_3830517637282d1c.txt)', async () => {
    pact
      .given('a bucket examplebucket with an index idx of dimension 4 holding doc-001 and doc-002')
      .uponReceiving('DeleteVectors of doc-001 and a key that never existed')
      .withRequest({ method: 'POST', path: '/examplebucket/', query: { deleteVectors: '' }, headers: { 'content-type': 'application/json' }, body: { indexName: 'idx', keys: ['doc-001', 'never-existed'] } })
      .willRespondWith({ status: 204, headers: ossHeaders });
    await pact.executeTest(async (mock) => {
      const res = await client(mock.url).call('DeleteVectors', { bucket: 'examplebucket', body: { indexName: 'idx', keys: ['doc-001', 'never-existed'] } });
      expect(res.status).toBe(204);
    });
  });

  it('DeleteVectorBucket while an index remains answers 409 VectorBucketNotEmpty (seed 002_46cf8975b9631b69.txt)', async () => {
    pact
      .given('a bucket examplebucket with an index idx of dimension 4 holding doc-001 and doc-002')
      .uponReceiving('DeleteVectorBucket of a bucket that still has an index')
      .withRequest({ method: 'DELETE', path: '/examplebucket/' })
      .willRespondWith({ status: 409, headers: { ...ossHeaders, 'content-type': 'application/json' }, body: errorBody('VectorBucketNotEmpty') });
    await pact.executeTest(async (mock) => {
      const res = await client(mock.url).call('DeleteVectorBucket', { bucket: 'examplebucket' });
      expect(res.status).toBe(409);
      expect((res.json as { Error: { Code: string } }).Error.Code).toBe('VectorBucketNotEmpty');
    });
  });

  it('DeleteVectorIndex answers 204 and DeleteVectorBucket of an empty bucket answers 204 (seeds 000_325d4cc8e00416e9.txt, 002_46cf8975b9631b69.txt)', async () => {
    pact
      .given('a bucket examplebucket with an index idx of dimension 4 holding doc-001 and doc-002')
      .uponReceiving('DeleteVectorIndex of idx')
      .withRequest({ method: 'POST', path: '/examplebucket/', query: { deleteVectorIndex: '' }, headers: { 'content-type': 'application/json' }, body: { indexName: 'idx' } })
      .willRespondWith({ status: 204, headers: ossHeaders });
    pact
      .given('an empty bucket emptybucket')
      .uponReceiving('DeleteVectorBucket of an empty bucket')
      .withRequest({ method: 'DELETE', path: '/emptybucket/' })
      .willRespondWith({ status: 204, headers: ossHeaders });
    await pact.executeTest(async (mock) => {
      expect((await client(mock.url).call('DeleteVectorIndex', { bucket: 'examplebucket', body: { indexName: 'idx' } })).status).toBe(204);
      expect((await client(mock.url).call('DeleteVectorBucket', { bucket: 'emptybucket' })).status).toBe(204);
    });
  });
});

describe('provider verification: the simulator honours the contract over HTTP with signing on (Pact)', () => {
  let endpoint = '';
  beforeAll(async () => {
    endpoint = (await sim.startHttp())['oss-vectors'];
  });
  afterAll(() => sim.close());

  it('every interaction of the consumer contract verifies', async () => {
    const verifier = new Verifier({
      provider: PROVIDER,
      providerBaseUrl: endpoint,
      pactUrls: [join(pactDir, `${CONSUMER}-${PROVIDER}.json`)],
      logLevel: 'warn',
      stateHandlers: Object.fromEntries(
        Object.entries(STATES).map(([name, setup]) => [
          name,
          async () => {
            setup();
            return undefined;
          },
        ]),
      ),
      // Sign each replayed request as the SDKs do; the contract itself carries no credentials.
      requestFilter: (req: FilteredRequest, _res: unknown, next: () => void) => {
        const url = req.originalUrl ?? req.url;
        const q = url.indexOf('?');
        const bucket = /^\/([^/?]+)\//.exec(url)?.[1];
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
        Object.assign(req.headers, signRequest({ method: req.method, rawQuery: q === -1 ? '' : url.slice(q + 1), headers, ...ACCOUNT, region: REGION, bucket, now: new Date() }));
        next();
      },
    });
    await expect(verifier.verifyProvider()).resolves.toBeDefined();
  });
});
