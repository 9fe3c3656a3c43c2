/**
 * Named provider states for Cloudflare Vectorize: the preconditions of scenarios/cloudflare-vectorize/**.yaml and the
 * names a Pact provider verification would use, each mapped to one set-up function (pact-js style: the exact name
 * with `{param}` placeholders, the values passed separately).
 *
 * States are built with authenticated API calls (`ctx.call`), so the same set-up works on the in-process simulator,
 * an HTTP simulator and the real service. Writes are asynchronous (fact sheet §6): a state that writes vectors waits
 * for its last mutation (`ctx.awaitMutation`: a flush on simulator targets, bounded polling of `info` elsewhere), so
 * every scenario starts from applied, visible data.
 */
import { dimensionParam, expectStatus, listParam, stateVector, stringParam as str, StateSetupError } from '../core/given.ts';
import type { CfOperationId } from './routes.ts';

export interface CfStateAnswer {
  status: number;
  text: string;
  json: unknown;
}

export interface CfStateRequest {
  index?: string;
  body?: unknown;
  vectors?: { id: string; values: number[]; metadata?: Record<string, unknown> }[];
}

export interface CfStateContext {
  /** An authenticated request as the account owner. Implementations retry throttles (429) and 5xx, bounded. */
  call(operation: CfOperationId, request: CfStateRequest): Promise<CfStateAnswer>;
  /** Returns once the index has processed the mutation (and every earlier one). */
  awaitMutation(index: string, mutationId: string): Promise<void>;
}

export type StateTeardown = () => Promise<void>;

export interface CfProviderState {
  /** The exact state name, placeholders in braces. */
  name: string;
  /** Capabilities beyond authenticated requests (none of these states needs more). */
  requires: string[];
  /** Optional parameters beyond the placeholders, with their defaults. */
  optional?: Record<string, unknown>;
  setUp(ctx: CfStateContext, params: Record<string, unknown>): Promise<StateTeardown | void>;
}

function expectOk(what: string, res: CfStateAnswer, ok: number[] = [200]): void {
  expectStatus(what, res, ok);
}

/** fact sheet §2.1, §4: the service accepts 32–1536 dimensions. */
const dimOf = (params: Record<string, unknown>): number => dimensionParam(params, 1536);

function mutationIdOf(what: string, res: CfStateAnswer): string {
  const id = (res.json as { result?: { mutationId?: unknown } } | undefined)?.result?.mutationId;
  if (typeof id !== 'string') throw new StateSetupError(`${what}: no result.mutationId in ${res.text.slice(0, 300)}`);
  return id;
}

async function createIndex(ctx: CfStateContext, index: string, dimensions: number, metric: unknown): Promise<void> {
  const res = await ctx.call('CreateIndex', { body: { name: index, config: { dimensions, metric: metric ?? 'euclidean' } } });
  expectOk(`CreateIndex ${index}`, res, [200, 201]);
}

/** Inserts in batches of 1000 (the Workers binding's batch; the HTTP API takes 5000: fact sheet §4), then waits. */
async function insertVectors(ctx: CfStateContext, index: string, ids: string[], dimensions: number): Promise<void> {
  let last: string | undefined;
  for (let start = 0; start < ids.length; start += 1000) {
    const vectors = ids.slice(start, start + 1000).map((id, i) => ({ id, values: stateVector(start + i, dimensions) }));
    const res = await ctx.call('InsertVectors', { index, vectors });
    expectOk(`InsertVectors ${index}`, res);
    last = mutationIdOf(`InsertVectors ${index}`, res);
  }
  if (last) await ctx.awaitMutation(index, last);
}

export const CF_PROVIDER_STATES: CfProviderState[] = [
  {
    name: 'an index {index} of dimension {dim}',
    requires: [],
    optional: { metric: 'euclidean' },
    async setUp(ctx, p) {
      await createIndex(ctx, str(p, 'index'), dimOf(p), p.metric);
    },
  },
  {
    name: 'an index {index} of dimension {dim} holding vectors {ids}',
    requires: [],
    optional: { metric: 'euclidean' },
    async setUp(ctx, p) {
      const index = str(p, 'index');
      await createIndex(ctx, index, dimOf(p), p.metric);
      await insertVectors(ctx, index, listParam(p, 'ids'), dimOf(p));
    },
  },
  {
    // fact sheet §4: the name of a deleted index cannot be reused; requests naming it answer 3005 (§7.2).
    name: 'a deleted index {index}',
    requires: [],
    async setUp(ctx, p) {
      const index = str(p, 'index');
      await createIndex(ctx, index, 32, 'euclidean');
      expectOk(`DeleteIndex ${index}`, await ctx.call('DeleteIndex', { index }));
    },
  },
  {
    name: 'no index {index}',
    requires: [],
    async setUp(ctx, p) {
      const index = str(p, 'index');
      const res = await ctx.call('DeleteIndex', { index });
      // 200: it existed and is gone now; 3000 not found / 3005 already deleted (status 400, or 404: fact sheet §7.2).
      const code = (res.json as { errors?: { code?: number }[] } | undefined)?.errors?.[0]?.code;
      if (res.status !== 200 && code !== 3000 && code !== 3005) expectOk(`DeleteIndex ${index}`, res);
    },
  },
];

export function findCfState(name: string): CfProviderState | undefined {
  return CF_PROVIDER_STATES.find((s) => s.name === name);
}
