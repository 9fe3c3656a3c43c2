import type { Clock } from '../../engine/clock.ts';
import type { Decision } from '../../engine/interception.ts';
import type { SimRequest, SimResponse } from '../../http/types.ts';
import type { OssVectorsOptions } from '../options.ts';
import type { OssOperationId } from '../routes.ts';
import type { OssVectorsState, VectorBucket } from '../state.ts';

export interface OssContext {
  req: SimRequest;
  operationId: OssOperationId;
  requestId: string;
  /** Account of the authenticated caller (or the addressed account when auth is off). */
  callerAccountId: string;
  /** The access key that signed the request (undefined when auth is off). */
  accessKeyId: string | undefined;
  region: string;
  bucketName: string | undefined;
  /** The existing, caller-owned bucket for every bucket-scoped operation except PutVectorBucket. */
  bucket: VectorBucket | undefined;
  /** Parsed and spec-validated JSON body (JSON operations only). */
  body: Record<string, unknown>;
  /**
   * Large PutVectors bodies are parsed off the event loop: their `vectors[i].data.float32` arrays arrive here as
   * float32 views (the body then holds a placeholder), keyed by vector index.
   */
  vectorFloats?: Map<number, Float32Array> | undefined;
  state: OssVectorsState;
  opts: OssVectorsOptions;
  clock: Clock;
  /** An injected partial failure for batch writes: apply `pick(items)`, then answer its error (seed 001: not atomic on 5xx). */
  partial?: Extract<Decision, { kind: 'partial' }> | undefined;
  /** Common response headers, already built. */
  headers: Record<string, string>;
}

export type OssHandler = (ctx: OssContext) => SimResponse;

export function requireBucket(ctx: OssContext) {
  if (!ctx.bucket) throw new Error(`${ctx.operationId} reached its handler without a bucket`);
  return ctx.bucket;
}
