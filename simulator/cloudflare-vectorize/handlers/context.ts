import type { Clock } from '../../engine/clock.ts';
import type { Decision } from '../../engine/interception.ts';
import type { SimRequest, SimResponse } from '../../http/types.ts';
import type { SpecValidator } from '../../http/spec-validator.ts';
import type { CloudflareVectorizeOptions } from '../options.ts';
import type { CfOperationId } from '../routes.ts';
import type { CfIndex } from '../model.ts';
import type { CloudflareVectorizeState } from '../state.ts';

export interface CfContext {
  req: SimRequest;
  operationId: CfOperationId;
  accountId: string;
  indexName: string | undefined;
  /** The existing index (caught up with due mutations) for every index-scoped operation. */
  index: CfIndex | undefined;
  /** Parsed and spec-validated JSON body (JSON operations only; `{}` otherwise). */
  body: Record<string, unknown>;
  state: CloudflareVectorizeState;
  opts: CloudflareVectorizeOptions;
  clock: Clock;
  spec: SpecValidator;
  /** Injected partial failure for batch mutations: enqueue `pick(items)`, then answer its error. */
  partial?: Extract<Decision, { kind: 'partial' }> | undefined;
  /** Common response headers, already built. */
  headers: Record<string, string>;
}

export type CfHandler = (ctx: CfContext) => SimResponse;

export function requireIndex(ctx: CfContext): CfIndex {
  if (!ctx.index) throw new Error(`${ctx.operationId} reached its handler without an index`);
  return ctx.index;
}
