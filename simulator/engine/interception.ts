/**
 * The one place where injected faults and QPS limits meet a provider's pipeline. Every provider calls
 * `decide()` once per request, after authentication and resource lookup and before its handler runs, and renders
 * the decision in its own wire format (OSS 503 QpsLimitExceeded, Cloudflare 429 + Retry-After, Bailian throttling).
 */

export interface CallInfo {
  provider: string;
  /** The spec's operationId. */
  operation: string;
  /** Account (OSS account id, Cloudflare account id, Bailian workspace's owner). */
  account?: string | undefined;
  /** Index / workspace the call targets, for per-index limits. */
  resource?: string | undefined;
  /** Credential the call used (Cloudflare limits per token). */
  credential?: string | undefined;
  /** Client address (Cloudflare limits per client address). */
  client: string;
  /** Items in a batch write (OSS PutVectors vectors/s limits). */
  batchSize?: number | undefined;
}

export type Decision =
  | { kind: 'pass' }
  /** Over a QPS limit: the provider answers with its throttle response. */
  | { kind: 'throttle'; limit: string; retryAfterMs: number }
  /** Injected failure of the whole call. */
  | { kind: 'fail'; status: number; code: string; message?: string | undefined }
  /** Injected partial application: apply `pick(items)` of a batch, then answer `status`/`code`. */
  | { kind: 'partial'; status: number; code: string; message?: string | undefined; pick: <T>(items: readonly T[]) => T[] }
  /** Injected dropped connection: no answer at all. */
  | { kind: 'drop' };

/** Where the call stands against the tightest QPS rule that counted it (for rate-limit response headers). */
export interface Quota {
  /** The rule's id. */
  policy: string;
  limit: number;
  remaining: number;
  /** Until units start leaving the window again. */
  resetMs: number;
  windowMs: number;
}

export interface Interception {
  decision: Decision;
  /** Extra latency to add before answering, in ms (0 = none). */
  latencyMs: number;
  quota?: Quota | undefined;
}

export interface Interceptor {
  decide(call: CallInfo): Interception;
}

export const PASS: Interception = { decision: { kind: 'pass' }, latencyMs: 0 };

export const passThrough: Interceptor = { decide: () => PASS };
