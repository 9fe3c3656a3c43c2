/**
 * The project's own Cloudflare Vectorize v2 client: plain `fetch`, Cloudflare's two auth schemes (seed 003
 * "Security": `Authorization: Bearer <token>`, or the legacy `X-Auth-Email` + `X-Auth-Key` pair), NDJSON bodies for
 * insert/upsert. The same code reaches the in-process simulator (msw), an HTTP simulator (`baseUrl` ending in
 * `/client/v4`, as the SDK's baseURL), or the real API. Used by the conformance runner.
 */
import { readAnswer } from './answer.ts';
import type { CfOperationId } from '../../simulator/cloudflare-vectorize/routes.ts';
import { setTimeout as sleep } from 'node:timers/promises';

/** fact sheet §1: the SDK's default base URL. */
export const CLOUDFLARE_API_BASE = 'https://api.cloudflare.com/client/v4';

/** fact sheet §2: method and path suffix after `/accounts/{account_id}/vectorize/v2/indexes`. */
const OPS: Record<CfOperationId, { method: string; suffix: string; index: boolean; body: 'json' | 'ndjson' | 'none' }> = {
  CreateIndex: { method: 'POST', suffix: '', index: false, body: 'json' },
  ListIndexes: { method: 'GET', suffix: '', index: false, body: 'none' },
  GetIndex: { method: 'GET', suffix: '', index: true, body: 'none' },
  DeleteIndex: { method: 'DELETE', suffix: '', index: true, body: 'none' },
  GetIndexInfo: { method: 'GET', suffix: '/info', index: true, body: 'none' },
  InsertVectors: { method: 'POST', suffix: '/insert', index: true, body: 'ndjson' },
  UpsertVectors: { method: 'POST', suffix: '/upsert', index: true, body: 'ndjson' },
  QueryVectors: { method: 'POST', suffix: '/query', index: true, body: 'json' },
  GetVectorsByIds: { method: 'POST', suffix: '/get_by_ids', index: true, body: 'json' },
  DeleteVectorsByIds: { method: 'POST', suffix: '/delete_by_ids', index: true, body: 'json' },
  ListVectors: { method: 'GET', suffix: '/list', index: true, body: 'none' },
  CreateMetadataIndex: { method: 'POST', suffix: '/metadata_index/create', index: true, body: 'json' },
  ListMetadataIndexes: { method: 'GET', suffix: '/metadata_index/list', index: true, body: 'none' },
  DeleteMetadataIndex: { method: 'POST', suffix: '/metadata_index/delete', index: true, body: 'json' },
};

export type CfAuth =
  | { kind: 'token'; token: string }
  | { kind: 'global-key'; email: string; key: string }
  /** Headers sent as given (malformed credentials in negative tests). */
  | { kind: 'headers'; headers: Record<string, string> }
  | { kind: 'none' };

export interface CfClientOptions {
  /** Default https://api.cloudflare.com/client/v4; a simulator's `http://127.0.0.1:PORT/client/v4`. */
  baseUrl?: string | undefined;
  accountId: string;
  auth: CfAuth;
  fetch?: typeof fetch | undefined;
}

export interface CfVector {
  id: string;
  values: number[];
  metadata?: Record<string, unknown> | undefined;
  namespace?: string | undefined;
}

export interface CfCall {
  index?: string | undefined;
  /** JSON body (create, query, get_by_ids, delete_by_ids, metadata index operations). */
  body?: unknown;
  /** insert/upsert: sent as NDJSON, one vector per line (`application/x-ndjson`, as the SDK does). */
  vectors?: CfVector[] | undefined;
  /** Raw body text instead of `body`/`vectors` (malformed-input tests). */
  rawBody?: string | undefined;
  /** Overrides the content type the operation would send. */
  contentType?: string | undefined;
  query?: Record<string, string> | undefined;
  headers?: Record<string, string> | undefined;
  /** Another account id in the path than the client's (routing tests). */
  accountId?: string | undefined;
}

export interface CfAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

/** The parts of Cloudflare's v4 envelope a caller branches on (fact sheet §1). */
export interface CfEnvelope<T = unknown> {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  messages?: unknown[];
  result?: T;
}

export function authHeaders(auth: CfAuth): Record<string, string> {
  switch (auth.kind) {
    case 'token':
      return { authorization: `Bearer ${auth.token}` };
    case 'global-key':
      return { 'x-auth-email': auth.email, 'x-auth-key': auth.key };
    case 'headers':
      return { ...auth.headers };
    case 'none':
      return {};
  }
}

export function createCloudflareClient(opts: CfClientOptions) {
  const base = (opts.baseUrl ?? CLOUDFLARE_API_BASE).replace(/\/$/, '');

  function url(op: CfOperationId, c: CfCall): string {
    const spec = OPS[op];
    const account = encodeURIComponent(c.accountId ?? opts.accountId);
    if (spec.index && c.index === undefined) throw new Error(`${op} needs an index name`);
    const index = spec.index ? `/${encodeURIComponent(c.index!)}` : '';
    const q = new URLSearchParams(c.query ?? {}).toString();
    return `${base}/accounts/${account}/vectorize/v2/indexes${index}${spec.suffix}${q ? `?${q}` : ''}`;
  }

  async function call(op: CfOperationId, c: CfCall = {}): Promise<CfAnswer> {
    const spec = OPS[op];
    let body: string | undefined;
    let type: string | undefined;
    if (c.rawBody !== undefined) {
      body = c.rawBody;
      type = spec.body === 'ndjson' ? 'application/x-ndjson' : 'application/json';
    } else if (spec.body === 'ndjson') {
      body = (c.vectors ?? []).map((v) => JSON.stringify(v)).join('\n');
      type = 'application/x-ndjson';
    } else if (spec.body === 'json' || c.body !== undefined) {
      body = JSON.stringify(c.body ?? {});
      type = 'application/json';
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(type ? { 'content-type': c.contentType ?? type } : {}),
      ...authHeaders(opts.auth),
      ...c.headers,
    };
    // Resolve fetch per call: msw patches globalThis.fetch when its server starts listening.
    const res = await (opts.fetch ?? globalThis.fetch)(url(op, c), { method: spec.method, headers, body });
    return readAnswer(res);
  }

  /**
   * fact sheet §6: mutations are asynchronous; poll `info` until `processedUpToMutation` is the given id. Bounded:
   * throws after `timeoutMs`. The interval starts at `intervalMs` and doubles up to `maxIntervalMs` (visibility is
   * "typically a few seconds", sometimes much longer). Mutation ids are opaque (not ordered), so this waits for that
   * exact id — callers wait for the last mutation they sent to the index.
   */
  async function waitForMutation(
    index: string,
    mutationId: string,
    o: { timeoutMs?: number; intervalMs?: number; maxIntervalMs?: number } = {},
  ): Promise<CfAnswer> {
    const timeoutMs = o.timeoutMs ?? 120_000;
    const maxIntervalMs = o.maxIntervalMs ?? 2000;
    let intervalMs = o.intervalMs ?? 250;
    const started = Date.now();
    for (;;) {
      const info = await call('GetIndexInfo', { index });
      const result = (info.json as CfEnvelope<{ processedUpToMutation?: string }> | undefined)?.result;
      if (info.status === 200 && result?.processedUpToMutation === mutationId) return info;
      if (info.status !== 200 && info.status !== 429 && info.status < 500) {
        throw new Error(`waiting for mutation ${mutationId} on ${index}: info answered HTTP ${info.status} ${info.text.slice(0, 200)}`);
      }
      if (Date.now() - started + intervalMs > timeoutMs) {
        throw new Error(`mutation ${mutationId} on ${index} not processed within ${timeoutMs} ms (processedUpToMutation ${String(result?.processedUpToMutation)})`);
      }
      await sleep(intervalMs);
      intervalMs = Math.min(intervalMs * 2, maxIntervalMs);
    }
  }

  return { call, waitForMutation, options: opts };
}

export type CloudflareClient = ReturnType<typeof createCloudflareClient>;
