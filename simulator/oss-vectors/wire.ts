/**
 * OSS Vectors wire format (fact sheet §1.4, §4.1, §4.2): common headers on every answer, JSON bodies with
 * `Content-Type: application/json` exactly (the Python SDK compares the string), errors as `{"Error":{…}}` plus
 * `x-oss-ec`.
 */
import type { ProviderError } from '../core/errors.ts';
import type { SimResponse } from '../http/types.ts';

/** The Date header changes once a second; format it once a second, not once a request. */
let dateCache = { second: NaN, text: '' };
function httpDate(nowMs: number): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== dateCache.second) dateCache = { second, text: new Date(second * 1000).toUTCString() };
  return dateCache.text;
}

/** `x-oss-server-time` is added when the answer is complete (the provider knows the elapsed time then). */
export function commonHeaders(requestId: string, nowMs: number): Record<string, string> {
  return {
    'x-oss-request-id': requestId,
    date: httpDate(nowMs),
    server: 'AliyunOSS',
    connection: 'keep-alive',
  };
}

export function jsonResponse(status: number, headers: Record<string, string>, body: unknown): SimResponse {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function emptyResponse(status: number, headers: Record<string, string>): SimResponse {
  return { status, headers, body: '' };
}

export function errorResponse(err: ProviderError, headers: Record<string, string>, host: string): SimResponse {
  const ec = typeof err.details.EC === 'string' ? err.details.EC : undefined;
  const error: Record<string, string | number> = {
    Code: err.code,
    Message: err.message,
    RequestId: headers['x-oss-request-id'] ?? '',
    HostId: host,
  };
  for (const [k, v] of Object.entries(err.details)) if (v !== undefined && k !== 'EC') error[k] = v;
  if (ec) {
    error.EC = ec;
    error.RecommendDoc = `https://api.aliyun.com/troubleshoot?q=${ec}`;
  }
  const h = { ...headers, ...err.headers };
  if (ec) h['x-oss-ec'] = ec;
  return jsonResponse(err.status, h, { Error: error });
}
