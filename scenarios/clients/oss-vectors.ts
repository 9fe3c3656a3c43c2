/**
 * The project's own OSS Vectors client: signs exactly as the official SDKs do (OSS4-HMAC-SHA256 over the bucket
 * ARN) and sends through `fetch`, so it reaches the in-process simulator (msw), the HTTP simulator, or the real
 * service alike. Used by tests, the conformance runner and the benchmarks.
 */
import { readAnswer } from './answer.ts';
import { signRequest } from '../../simulator/oss-vectors/signing.ts';
import type { OssOperationId } from '../../simulator/oss-vectors/routes.ts';

const OPS: Record<OssOperationId, { method: string; marker?: string; bucket: boolean }> = {
  PutVectorBucket: { method: 'PUT', bucket: true },
  GetVectorBucket: { method: 'GET', marker: 'bucketInfo', bucket: true },
  ListVectorBuckets: { method: 'GET', bucket: false },
  DeleteVectorBucket: { method: 'DELETE', bucket: true },
  PutVectorIndex: { method: 'POST', marker: 'putVectorIndex', bucket: true },
  GetVectorIndex: { method: 'POST', marker: 'getVectorIndex', bucket: true },
  ListVectorIndexes: { method: 'POST', marker: 'listVectorIndexes', bucket: true },
  DeleteVectorIndex: { method: 'POST', marker: 'deleteVectorIndex', bucket: true },
  PutVectors: { method: 'POST', marker: 'putVectors', bucket: true },
  GetVectors: { method: 'POST', marker: 'getVectors', bucket: true },
  ListVectors: { method: 'POST', marker: 'listVectors', bucket: true },
  DeleteVectors: { method: 'POST', marker: 'deleteVectors', bucket: true },
  QueryVectors: { method: 'POST', marker: 'queryVectors', bucket: true },
};

export interface OssClientOptions {
  /** `http://127.0.0.1:PORT` for a local simulator (path-style); omit for the service's own host names. */
  endpoint?: string | undefined;
  region: string;
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token (OSS_SESSION_TOKEN), sent and signed as x-oss-security-token. */
  securityToken?: string | undefined;
  /** Send unsigned requests (for auth-off simulators and negative tests). */
  unsigned?: boolean;
  /** `?deleteVectors` (Go) or `?deleteVectors=` (Python). Default 'bare'. */
  markerForm?: 'bare' | 'equals';
  /** Clock for x-oss-date (skew tests). */
  now?: () => Date;
  fetch?: typeof fetch;
  /** Use https for the service's host names (default true); plain http lets msw-intercepted tests stay simple. */
  https?: boolean;
}

export interface OssCall {
  bucket?: string;
  body?: unknown;
  /** Raw body bytes instead of JSON (malformed-input tests). */
  rawBody?: string | Uint8Array;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface OssAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

export function createOssClient(opts: OssClientOptions) {
  const now = opts.now ?? (() => new Date());

  function url(op: OssOperationId, bucket: string | undefined, rawQuery: string): string {
    const scheme = opts.https === false ? 'http' : 'https';
    const q = rawQuery ? `?${rawQuery}` : '';
    if (opts.endpoint) return `${opts.endpoint.replace(/\/$/, '')}${OPS[op].bucket ? `/${bucket}/` : '/'}${q}`;
    const regional = `${opts.region}.oss-vectors.aliyuncs.com`;
    return OPS[op].bucket ? `${scheme}://${bucket}-${opts.accountId}.${regional}/${q}` : `${scheme}://${regional}/${q}`;
  }

  async function call(op: OssOperationId, c: OssCall = {}): Promise<OssAnswer> {
    const spec = OPS[op];
    const parts: string[] = [];
    if (spec.marker) parts.push(opts.markerForm === 'equals' ? `${spec.marker}=` : spec.marker);
    for (const [k, v] of Object.entries(c.query ?? {})) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    const rawQuery = parts.join('&');
    const body = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
    const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...c.headers };
    if (!opts.unsigned) {
      Object.assign(
        headers,
        signRequest({
          method: spec.method,
          rawQuery,
          headers,
          accessKeyId: opts.accessKeyId,
          accessKeySecret: opts.accessKeySecret,
          ...(opts.securityToken ? { securityToken: opts.securityToken } : {}),
          region: opts.region,
          accountId: opts.accountId,
          ...(spec.bucket ? { bucket: c.bucket } : {}),
          now: now(),
        }),
      );
    }
    // Resolve fetch per call: msw patches globalThis.fetch when its server starts listening.
    const res = await (opts.fetch ?? globalThis.fetch)(url(op, c.bucket, rawQuery), { method: spec.method, headers, body: body as BodyInit | undefined });
    return readAnswer(res);
  }

  return { call, options: opts };
}

export type OssClient = ReturnType<typeof createOssClient>;
