/** Shared set-up for Cloudflare Vectorize tests: a fresh simulator per suite, its msw server, and SDK clients. */
import Cloudflare, { toFile } from 'cloudflare';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ManualClock } from '../../simulator/engine/clock.ts';
import { loadSpecValidator } from '../../simulator/http/spec-validator.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index.ts';
import { DEFAULT_ACCOUNT } from '../../simulator/cloudflare-vectorize/options.ts';
import type { CfOperationId } from '../../simulator/cloudflare-vectorize/routes.ts';

export const ACCOUNT = DEFAULT_ACCOUNT;
export const API = 'https://api.cloudflare.com/client/v4';
export const DIM = 32;

/** The official SDK; no retries unless a test wants them (429/5xx retries would slow error tests down). */
export function cfClient(opts: { apiToken?: string; baseURL?: string; maxRetries?: number } = {}): Cloudflare {
  return new Cloudflare({
    apiToken: opts.apiToken ?? 'test',
    maxRetries: opts.maxRetries ?? 0,
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    // In-process only: the SDK keeps the fetch it finds at construction, so look msw's patched fetch up per call; and
    // re-wrap the answer, because the SDK's cancel of a retried response's body never settles on msw's mocked stream
    // (the retry would hang). Over HTTP (baseURL given) the SDK's own fetch runs untouched.
    ...(opts.baseURL
      ? {}
      : {
          fetch: async (input: string | URL | Request, init?: RequestInit) => {
            const res = await globalThis.fetch(input, init);
            return new Response(await res.arrayBuffer(), { status: res.status, statusText: res.statusText, headers: res.headers });
          },
        }),
  });
}

/** In-process simulator behind msw with a manual clock; every response is validated against the spec. */
export function inProcessCloudflare(options: SimulatorOptions = {}) {
  const clock = new ManualClock(Date.parse('2026-11-22T10:00:00Z'));
  const sim = createSimulator({ clock, validateResponses: true, limits: 'none', ...options });
  const server = setupServer(...sim.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    // The simulator validated its own responses: none may violate the spec, and nothing may have crashed.
    const bad = sim.journal.read().filter((e) => e.specIssues || e.crash);
    sim.journal.clear();
    sim.control.clearFaults();
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });
  afterAll(async () => {
    server.close();
    await sim.close();
  });
  return { sim, clock, client: cfClient() };
}

/** Moves the manual clock past the mutation delay, so every accepted mutation is due. */
export function settle(sim: Simulator, clock: ManualClock): void {
  clock.advance(sim.cloudflareVectorize.options.mutationDelayMs + 1);
}

export interface Vec {
  id: string;
  values: number[];
  metadata?: Record<string, unknown>;
  namespace?: string;
}

export function ndjson(vectors: Vec[]): string {
  return vectors.map((v) => JSON.stringify(v)).join('\n') + '\n';
}

/** An NDJSON upload as the SDK takes it (`Uploadable`): sent verbatim as `application/x-ndjson`. */
export function ndjsonFile(vectors: Vec[] | string) {
  return toFile(Buffer.from(typeof vectors === 'string' ? vectors : ndjson(vectors)), 'vectors.ndjson');
}

/** A DIM-dimensional vector with `value` at position `i` (and `rest` elsewhere). */
export function axis(i: number, value = 1, rest = 0): number[] {
  const v = new Array<number>(DIM).fill(rest);
  v[i % DIM] = value;
  return v;
}

export async function createIndex(client: Cloudflare, name: string, config: { dimensions?: number; metric?: 'cosine' | 'euclidean' | 'dot-product' } = {}) {
  return client.vectorize.indexes.create({
    account_id: ACCOUNT,
    name,
    config: { dimensions: config.dimensions ?? DIM, metric: config.metric ?? 'cosine' },
  });
}

/**
 * Polls `info` until `processedUpToMutation` is `mutationId` (issue 3 §5), advancing the manual clock between polls
 * as real time would pass. Returns the polls it took.
 */
export async function waitForMutation(client: Cloudflare, clock: ManualClock, index: string, mutationId: string, stepMs = 500, maxPolls = 50) {
  for (let polls = 1; polls <= maxPolls; polls++) {
    const info = await client.vectorize.indexes.info(index, { account_id: ACCOUNT });
    if (info?.processedUpToMutation === mutationId) return { polls, info };
    clock.advance(stepMs);
  }
  throw new Error(`mutation ${mutationId} not processed after ${maxPolls} polls`);
}

const spec = loadSpecValidator('cloudflare-vectorize');

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: { success: boolean; result: unknown; errors: { code: number; message: string; error_chain?: { code: number; message: string }[] }[]; messages: unknown[] };
}

/** A raw request (fetch), for bodies and headers the SDK would never send. `base` is API (in-process) or an HTTP endpoint. */
export async function raw(base: string, method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer | Uint8Array; token?: string | null } = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? 'test'}` }), ...init.headers };
  const res = await fetch(`${base}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body as BodyInit } : {}) });
  const text = await res.text();
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    out[k] = v;
  });
  let json: RawAnswer['json'];
  try {
    json = JSON.parse(text) as RawAnswer['json'];
  } catch {
    json = { success: false, result: null, errors: [], messages: [] };
  }
  return { status: res.status, headers: out, text, json };
}

export const indexPath = (name: string, suffix = '') => `/accounts/${ACCOUNT}/vectorize/v2/indexes/${name}${suffix}`;

/** Asserts Cloudflare's error envelope with exactly this status and code (fact sheet §1, §7). */
export function expectCfError(answer: RawAnswer, status: number, code: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json');
  expect(answer.json.success).toBe(false);
  expect(answer.json.result).toBeNull();
  expect(answer.json.messages).toEqual([]);
  expect(answer.json.errors[0]?.code, answer.text).toBe(code);
}

/** Asserts an answer matches the spec for the operation (status listed, headers, body schema). */
export function expectConforms(op: CfOperationId, answer: RawAnswer): void {
  const issues = spec.validateResponse(op, { status: answer.status, headers: answer.headers, body: answer.text });
  expect(issues, `${op} ${answer.status} ${answer.text}`).toEqual([]);
}

/** The SDK error's status and first Cloudflare code. */
export async function sdkError(promise: Promise<unknown>): Promise<{ status: number; code: number | undefined; message: string; name: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { status?: number; errors?: { code?: number }[]; message: string; constructor: { name: string } };
    return { status: e.status ?? 0, code: e.errors?.[0]?.code, message: e.message, name: e.constructor.name };
  }
  throw new Error('expected the SDK call to fail');
}
