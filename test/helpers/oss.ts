/** Shared set-up for OSS Vectors tests: a fresh simulator per suite, its msw server, and signed clients. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ManualClock } from '../../simulator/engine/clock.ts';
import { loadSpecValidator } from '../../simulator/http/spec-validator.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index.ts';
import type { OssOperationId } from '../../simulator/oss-vectors/routes.ts';
import { createOssClient, type OssAnswer, type OssClientOptions } from '../../scenarios/clients/oss-vectors.ts';

export const OWNER = { accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' };
export const OTHER = { accountId: '9876543210', accessKeyId: 'other', accessKeySecret: 'other' };
export const REGION = 'cn-hangzhou';

export function ossClient(sim: Simulator, overrides: Partial<OssClientOptions> = {}) {
  return createOssClient({ region: REGION, ...OWNER, now: () => new Date(sim.clock.now()), ...overrides });
}

/** In-process simulator behind msw with a manual clock; every response is validated against the spec. */
export function inProcessOss(options: SimulatorOptions = {}) {
  const clock = new ManualClock(Date.parse('2026-11-22T10:00:00Z'));
  // Suites create many buckets and indexes in one simulated second: the quota (10 per region, fact sheet §6) and
  // the QPS limits have their own tests (test/faults/).
  const sim = createSimulator({
    clock,
    validateResponses: true,
    limits: 'none',
    ...options,
    ossVectors: { maxBucketsPerRegion: 1000, ...options.ossVectors },
  });
  const server = setupServer(...sim.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    // The simulator validated its own responses: none may violate the spec, and nothing may have crashed.
    const bad = sim.journal.read().filter((e) => e.specIssues || e.crash);
    sim.journal.clear();
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });
  afterAll(async () => {
    server.close();
    await sim.close();
  });
  return { sim, clock, client: ossClient(sim) };
}

const spec = loadSpecValidator('oss-vectors');

/** Asserts an answer matches the spec for the operation (status listed, headers, body schema). */
export function expectConforms(op: OssOperationId, answer: OssAnswer): void {
  const issues = spec.validateResponse(op, { status: answer.status, headers: answer.headers, body: answer.text });
  expect(issues, `${op} ${answer.status} ${answer.text}`).toEqual([]);
}

export function expectError(answer: OssAnswer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json');
  expect((answer.json as { Error: { Code: string } }).Error.Code).toBe(code);
  expect(answer.headers['x-oss-ec']).toBeTruthy();
}

/** Creates a bucket and an index (dimension 4 by default) and returns their names. */
export async function bucketWithIndex(
  client: ReturnType<typeof ossClient>,
  opts: { bucket: string; index?: string; dimension?: number; distanceMetric?: 'cosine' | 'euclidean'; nonFilterableMetadataKeys?: string[] },
) {
  const put = await client.call('PutVectorBucket', { bucket: opts.bucket });
  expect(put.status, put.text).toBe(200);
  const index = opts.index ?? 'idx';
  const pi = await client.call('PutVectorIndex', {
    bucket: opts.bucket,
    body: {
      indexName: index,
      dataType: 'float32',
      dimension: opts.dimension ?? 4,
      distanceMetric: opts.distanceMetric ?? 'euclidean',
      ...(opts.nonFilterableMetadataKeys ? { metadata: { nonFilterableMetadataKeys: opts.nonFilterableMetadataKeys } } : {}),
    },
  });
  expect(pi.status, pi.text).toBe(200);
  return { bucket: opts.bucket, index };
}
