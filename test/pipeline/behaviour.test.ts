/**
 * What every provider must do the same way, because one pipeline (simulator/http/pipeline.ts) does it for all of
 * them (issue 11 §5): one suite run over every provider slug (describe.each), each provider contributing only how to
 * call it and what its wire format looks like. Covered: a journal entry for every outcome (answer, injected failure,
 * latency, throttle, drop, crash, 501), the provider's own throttle answer and retry headers, oversize requests
 * refused in the provider's format with the operation named, unexpected exceptions turned into the provider's 500,
 * and every answer checked against the provider's spec (an answer the spec does not list is a finding).
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBailianClient } from '../../scenarios/clients/bailian.ts';
import { createCloudflareClient } from '../../scenarios/clients/cloudflare-vectorize.ts';
import { createOssClient } from '../../scenarios/clients/oss-vectors.ts';
import { DEFAULT_ACCOUNT } from '../../simulator/cloudflare-vectorize/options.ts';
import { createSimulator, PROVIDER_SLUGS, type ProviderSlug, type Simulator } from '../../simulator/index.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

interface Kit {
  /** A read that succeeds on the default world, through the provider's signed client. */
  read: { operation: string; call(sim: Simulator, endpoint?: string): Promise<Answer> };
  /** A write whose body is over `bytes` (the limit is lowered for the test). */
  oversize: { operation: string; call(sim: Simulator, bytes: number, endpoint?: string): Promise<Answer>; status: number; code: string };
  /** An operation the provider has and the simulator does not model: unsigned raw request, answered 501. */
  unmodelled: { operation: string; url(endpoint?: string): string; method: string };
  /** The provider's error code in an error answer. */
  code(a: Answer): string | undefined;
  /** An injected failure code in the provider's own code space. */
  failCode: string;
  internalCode: string;
  throttle: { status: number; code: string; headers: (string | RegExp)[] };
  /** Makes the read's handler hit an unexpected exception; returns the undo. */
  sabotage(sim: Simulator): () => void;
}

const OSS = { region: 'cn-hangzhou', accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' };
const ossClient = (sim: Simulator, endpoint?: string) => createOssClient({ ...OSS, endpoint, now: () => new Date(sim.clock.now()) });
const cfClient = (endpoint?: string) => createCloudflareClient({ baseUrl: endpoint, accountId: DEFAULT_ACCOUNT, auth: { kind: 'token', token: 'test' } });
const bailianClient = (sim: Simulator, endpoint?: string) =>
  createBailianClient({ endpoint, accessKeyId: 'test', accessKeySecret: 'test', workspaceId: 'llm-simulator', now: () => new Date(sim.clock.now()) });
const sabotaged = <T extends object>(target: T, method: keyof T) => {
  const original = target[method];
  (target as Record<keyof T, unknown>)[method] = () => {
    throw new RangeError('sabotaged by the test');
  };
  return () => {
    target[method] = original;
  };
};

const KITS: Record<ProviderSlug, Kit> = {
  'oss-vectors': {
    read: { operation: 'ListVectorBuckets', call: (sim, e) => ossClient(sim, e).call('ListVectorBuckets') },
    oversize: {
      operation: 'DeleteVectors',
      call: (sim, bytes, e) => ossClient(sim, e).call('DeleteVectors', { bucket: 'any-bucket', body: { indexName: 'i', keys: ['x'.repeat(bytes)] } }),
      status: 400,
      code: 'EntityTooLarge',
    },
    unmodelled: { operation: 'GetBucketLogging', method: 'GET', url: (e) => (e ? `${e}/any-bucket/?logging` : 'https://any-bucket-1234567890.cn-hangzhou.oss-vectors.aliyuncs.com/?logging') },
    code: (a) => (a.json as { Error?: { Code?: string } } | null)?.Error?.Code,
    failCode: 'InternalError',
    internalCode: 'InternalError',
    // seed 001 error table: 503 QpsLimitExceeded; the OSS format carries x-oss-ec.
    throttle: { status: 503, code: 'QpsLimitExceeded', headers: ['x-oss-ec', 'x-oss-request-id'] },
    sabotage: (sim) => sabotaged(sim.ossVectors.state, 'listBuckets'),
  },
  'cloudflare-vectorize': {
    read: { operation: 'ListIndexes', call: (_sim, e) => cfClient(e).call('ListIndexes') },
    oversize: {
      operation: 'DeleteVectorsByIds',
      call: (_sim, bytes, e) => cfClient(e).call('DeleteVectorsByIds', { index: 'any', body: { ids: ['x'.repeat(bytes)] } }),
      status: 413,
      code: '40005',
    },
    unmodelled: { operation: `Vectorize v1 (deprecated) GET /client/v4/accounts/${DEFAULT_ACCOUNT}/vectorize/indexes`, method: 'GET', url: (e) => `${e ? e : 'https://api.cloudflare.com/client/v4'}/accounts/${DEFAULT_ACCOUNT}/vectorize/indexes` },
    code: (a) => {
      const code = (a.json as { errors?: { code?: number }[] } | null)?.errors?.[0]?.code;
      return code === undefined ? undefined : String(code);
    },
    failCode: '1000',
    internalCode: '1000',
    // fact sheet §8: 429 with Retry-After and the Ratelimit headers of the rule that counted the request.
    throttle: { status: 429, code: '971', headers: ['retry-after', 'ratelimit', 'ratelimit-policy'] },
    sabotage: (sim) => sabotaged(sim.cloudflareVectorize.state, 'listIndexes'),
  },
  bailian: {
    read: { operation: 'ListCategory', call: (sim, e) => bailianClient(sim, e).call('ListCategory', { form: { CategoryType: 'UNSTRUCTURED' } }) },
    oversize: {
      operation: 'DeleteFiles',
      call: (sim, bytes, e) => bailianClient(sim, e).call('DeleteFiles', { form: { FileIds: ['x'.repeat(bytes)] } }),
      status: 400,
      code: 'DataCenter.FileTooLarge',
    },
    unmodelled: { operation: 'AddFilesFromAuthorizedOss', method: 'POST', url: (e) => `${e ?? 'https://bailian.cn-beijing.aliyuncs.com'}/llm-simulator/datacenter/file/fromoss` },
    code: (a) => (a.json as { Code?: string } | null)?.Code,
    failCode: 'InternalError',
    internalCode: 'InternalError',
    // fact sheet bailian-files.md §5: Throttling.User with x-acs-retry-after (ms).
    throttle: { status: 429, code: 'Throttling.User', headers: ['x-acs-retry-after', 'x-acs-request-id'] },
    sabotage: (sim) => sabotaged(sim.bailian.state, 'listCategories'),
  },
};

describe.each(PROVIDER_SLUGS)('%s through the one pipeline', (slug) => {
  const kit = KITS[slug];
  const sim = createSimulator({ validateResponses: true, limits: 'none', seed: `behaviour-${slug}` });
  const server = setupServer(...sim.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    sim.control.clearFaults();
    sim.control.replaceLimits([]);
  });
  afterAll(async () => {
    server.close();
    await sim.close();
  });
  const entries = () => sim.journal.read({ provider: slug }).filter((e) => e.operation === kit.read.operation);
  const last = () => entries().at(-1)!;

  it('journals a plain answer: operation, status, request id, no injection, no spec finding', async () => {
    const res = await kit.read.call(sim);
    expect(res.status, res.text).toBe(200);
    expect(last()).toMatchObject({ provider: slug, operation: kit.read.operation, status: 200, injected: undefined, specIssues: undefined, crash: undefined });
    expect(last().requestId).toBeTruthy();
  });

  it('an injected failure answers in the provider format and is journalled as "fail"', async () => {
    sim.control.addFault({ provider: slug, operation: kit.read.operation, times: 1, action: { kind: 'fail', status: 500, code: kit.failCode } });
    const res = await kit.read.call(sim);
    expect([res.status, kit.code(res)]).toEqual([500, kit.failCode]);
    expect(last()).toMatchObject({ status: 500, code: kit.failCode, injected: 'fail', specIssues: undefined });
    expect((await kit.read.call(sim)).status).toBe(200);
  });

  it('injected latency delays the answer and is journalled as "latency"', async () => {
    sim.control.addFault({ provider: slug, operation: kit.read.operation, times: 1, latencyMs: 40, action: { kind: 'latency' } });
    const started = performance.now();
    const res = await kit.read.call(sim);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(last()).toMatchObject({ status: 200, injected: 'latency' });
  });

  it("over a QPS limit: the provider's own throttle answer and retry headers, journalled as \"throttle\"", async () => {
    sim.control.replaceLimits([{ id: `${slug}/test`, provider: slug, operations: [kit.read.operation], per: [], limit: 1, windowMs: 60_000, unit: 'requests', source: 'test' }]);
    expect((await kit.read.call(sim)).status).toBe(200);
    const res = await kit.read.call(sim);
    expect([res.status, kit.code(res)]).toEqual([kit.throttle.status, kit.throttle.code]);
    for (const h of kit.throttle.headers) expect(res.headers[h as string], `${h} on ${res.text}`).toBeTruthy();
    expect(last()).toMatchObject({ status: kit.throttle.status, code: kit.throttle.code, injected: 'throttle', specIssues: undefined });
  });

  it('a dropped connection gives the client a network error and is journalled with status 0', async () => {
    sim.control.addFault({ provider: slug, operation: kit.read.operation, times: 1, action: { kind: 'drop' } });
    await expect(kit.read.call(sim)).rejects.toThrow();
    expect(last()).toMatchObject({ status: 0, injected: 'drop' });
  });

  it("an unexpected exception in a handler becomes the provider's 500, journalled as a crash, and the next request is served", async () => {
    const undo = kit.sabotage(sim);
    try {
      const res = await kit.read.call(sim);
      expect([res.status, kit.code(res)]).toEqual([500, kit.internalCode]);
      expect(last()).toMatchObject({ status: 500, code: kit.internalCode, crash: 'RangeError: sabotaged by the test', specIssues: undefined });
    } finally {
      undo();
    }
    expect((await kit.read.call(sim)).status).toBe(200);
  });

  it('an operation the simulator does not model answers 501 naming it, in the provider format', async () => {
    const res = await fetch(kit.unmodelled.url(), { method: kit.unmodelled.method });
    const text = await res.text();
    expect(res.status, text).toBe(501);
    expect(text).toContain(kit.unmodelled.operation);
    expect(sim.journal.read({ provider: slug }).at(-1)).toMatchObject({ operation: kit.unmodelled.operation, status: 501 });
  });

  it('every answer is checked against the spec: an injected status the spec does not list is a journal finding', async () => {
    sim.control.addFault({ provider: slug, operation: kit.read.operation, times: 1, action: { kind: 'fail', status: 418, code: kit.failCode } });
    expect((await kit.read.call(sim)).status).toBe(418);
    expect(last().specIssues).toEqual([expect.stringMatching(/^status: .*418/)]);
  });

  it.each(['in-process', 'http'] as const)('an oversize body (%s) is refused in the provider format, naming the operation, with an answer the spec lists', async (front) => {
    const options = sim.instances[slug].options as { maxBodyBytes: number };
    const before = options.maxBodyBytes;
    const served = front === 'http' ? createSimulator({ validateResponses: true, limits: 'none' }) : sim;
    const endpoint = front === 'http' ? (await served.startHttp())[slug] : undefined;
    const servedOptions = served.instances[slug].options as { maxBodyBytes: number };
    servedOptions.maxBodyBytes = 1024;
    try {
      const res = await kit.oversize.call(served, 2048, endpoint);
      expect([res.status, kit.code(res)]).toEqual([kit.oversize.status, kit.oversize.code]);
      expect(served.journal.read({ provider: slug }).at(-1)).toMatchObject({ operation: kit.oversize.operation, status: kit.oversize.status, code: kit.oversize.code, specIssues: undefined });
    } finally {
      options.maxBodyBytes = before;
      servedOptions.maxBodyBytes = before;
      if (served !== sim) await served.close();
    }
  });

  it('over the whole suite, no answer broke the spec and nothing crashed, except the 418 and the sabotage made on purpose', () => {
    const bad = sim.journal.read({ provider: slug }).filter((e) => (e.specIssues && e.status !== 418) || (e.crash && !e.crash.includes('sabotaged')));
    expect(bad).toEqual([]);
    expect(sim.journal.read({ provider: slug }).length).toBeGreaterThan(10);
  });
});
