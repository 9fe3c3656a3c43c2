/**
 * Named provider states for OSS Vectors: the preconditions scenarios (scenarios/oss-vectors/*.yaml) and the future
 * Pact provider verification name, each mapped to one set-up function (pact-js style: the exact name with `{param}`
 * placeholders, the values passed separately).
 *
 * States are applied through signed requests (`ctx.call`), so the same set-up works on the in-process simulator, an
 * HTTP simulator and the real service. A state that the API cannot produce (an index stuck in `creating`) needs the
 * simulator's live options (`ctx.options`) and declares it in `requires`.
 */
import { dimensionParam, expectStatus, listParam, stateVector, stringParam as str, StateSetupError } from '../core/given.ts';
import type { OssVectorsOptions } from './options.ts';
import type { OssOperationId } from './routes.ts';

export interface OssStateAnswer {
  status: number;
  text: string;
  json: unknown;
}

export interface OssStateContext {
  /** A signed request as the bucket owner. Implementations retry throttles (503/5xx) with bounded backoff. */
  call(operation: OssOperationId, request: { bucket?: string; body?: unknown }): Promise<OssStateAnswer>;
  /** The simulator's live options, when the caller holds the simulator; undefined on HTTP endpoints and real targets. */
  options?: OssVectorsOptions | undefined;
}

export type StateTeardown = () => Promise<void>;

export interface OssProviderState {
  /** The exact state name, placeholders in braces. */
  name: string;
  /** Capabilities beyond signed requests: `control:options` = needs ctx.options. */
  requires: string[];
  /** Optional parameters beyond the placeholders, with their defaults. */
  optional?: Record<string, unknown>;
  setUp(ctx: OssStateContext, params: Record<string, unknown>): Promise<StateTeardown | void>;
}

function expectOk(what: string, res: OssStateAnswer, ok: number[] = [200, 204]): void {
  expectStatus(what, res, ok);
}

/** fact sheet oss-vectors.md §3.5, §6: 1–4096 dimensions. */
const dimOf = (params: Record<string, unknown>): number => dimensionParam(params, 4096);

async function createBucket(ctx: OssStateContext, bucket: string): Promise<void> {
  expectOk(`PutVectorBucket ${bucket}`, await ctx.call('PutVectorBucket', { bucket }));
}

async function createIndex(ctx: OssStateContext, bucket: string, index: string, dimension: number, distanceMetric: unknown): Promise<void> {
  const metric = distanceMetric ?? 'euclidean';
  expectOk(
    `PutVectorIndex ${bucket}/${index}`,
    await ctx.call('PutVectorIndex', { bucket, body: { indexName: index, dataType: 'float32', dimension, distanceMetric: metric } }),
  );
}

async function putVectors(ctx: OssStateContext, bucket: string, index: string, keys: string[], dimension: number): Promise<void> {
  for (let start = 0; start < keys.length; start += 500) {
    const vectors = keys.slice(start, start + 500).map((key, i) => ({ key, data: { float32: stateVector(start + i, dimension) } }));
    expectOk(`PutVectors ${bucket}/${index}`, await ctx.call('PutVectors', { bucket, body: { indexName: index, vectors } }));
  }
}

export const OSS_PROVIDER_STATES: OssProviderState[] = [
  {
    name: 'a bucket {bucket}',
    requires: [],
    async setUp(ctx, p) {
      await createBucket(ctx, str(p, 'bucket'));
    },
  },
  {
    name: 'no bucket {bucket}',
    requires: [],
    async setUp(ctx, p) {
      const res = await ctx.call('DeleteVectorBucket', { bucket: str(p, 'bucket') });
      expectOk(`DeleteVectorBucket ${str(p, 'bucket')}`, res, [204, 404]);
    },
  },
  {
    name: 'a bucket {bucket} with an index {index} of dimension {dim}',
    requires: [],
    optional: { distanceMetric: 'euclidean' },
    async setUp(ctx, p) {
      await createBucket(ctx, str(p, 'bucket'));
      await createIndex(ctx, str(p, 'bucket'), str(p, 'index'), dimOf(p), p.distanceMetric);
    },
  },
  {
    name: 'a bucket {bucket} with an index {index} of dimension {dim} holding vectors {keys}',
    requires: [],
    optional: { distanceMetric: 'euclidean' },
    async setUp(ctx, p) {
      const bucket = str(p, 'bucket');
      const index = str(p, 'index');
      await createBucket(ctx, bucket);
      await createIndex(ctx, bucket, index, dimOf(p), p.distanceMetric);
      await putVectors(ctx, bucket, index, listParam(p, 'keys'), dimOf(p));
    },
  },
  {
    name: 'an index {index} of dimension {dim} in bucket {bucket} holding vectors {keys}',
    requires: [],
    optional: { distanceMetric: 'euclidean' },
    async setUp(ctx, p) {
      await createIndex(ctx, str(p, 'bucket'), str(p, 'index'), dimOf(p), p.distanceMetric);
      await putVectors(ctx, str(p, 'bucket'), str(p, 'index'), listParam(p, 'keys'), dimOf(p));
    },
  },
  {
    // seed 000: "The index cannot be deleted if its status is not `enable`". The API offers no way to hold an index
    // in `creating`, so this state needs the simulator's options; its teardown lets the index become `enable`.
    name: 'a bucket {bucket} with an index {index} whose status is creating',
    requires: ['control:options'],
    async setUp(ctx, p) {
      const options = ctx.options;
      if (!options) throw new StateSetupError('needs the simulator options (control:options)');
      const before = options.indexCreatingMs;
      await createBucket(ctx, str(p, 'bucket'));
      options.indexCreatingMs = 60 * 60 * 1000;
      try {
        await createIndex(ctx, str(p, 'bucket'), str(p, 'index'), 4, 'euclidean');
      } catch (err) {
        options.indexCreatingMs = before;
        throw err;
      }
      return async () => {
        options.indexCreatingMs = before;
      };
    },
  },
];

export function findOssState(name: string): OssProviderState | undefined {
  return OSS_PROVIDER_STATES.find((s) => s.name === name);
}
