/**
 * Cloudflare's v4 envelope (seed 003 sample response; fact sheet §1): `{result, success, errors, messages}` on every
 * answer, `errors`/`messages` always arrays, `result: null` on errors, JSON with `Content-Type: application/json`.
 */
import type { ProviderError } from '../core/errors.ts';
import type { SimResponse } from '../http/types.ts';
import { CloudflareError } from './errors.ts';

export function baseHeaders(rayId: string): Record<string, string> {
  return { 'cf-ray': `${rayId}-SJC`, server: 'cloudflare' };
}

export function okResponse(status: number, headers: Record<string, string>, result: unknown): SimResponse {
  return {
    status,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ result: result === undefined ? null : result, success: true, errors: [], messages: [] }),
  };
}

export function errorResponse(err: ProviderError, headers: Record<string, string>): SimResponse {
  const code = Number(err.code);
  const entry: Record<string, unknown> = { code: Number.isInteger(code) ? code : 1000, message: err.message };
  if (err instanceof CloudflareError && err.chain.length > 0) entry.error_chain = err.chain;
  return {
    status: err.status,
    headers: { ...headers, ...err.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ result: null, success: false, errors: [entry], messages: [] }),
  };
}

/** Timestamps as in the OAS examples: ISO 8601 with microseconds (`2022-11-15T18:25:44.442097Z`). */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
