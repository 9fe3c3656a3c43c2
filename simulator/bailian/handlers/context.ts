import type { Clock } from '../../engine/clock.ts';
import type { Decision } from '../../engine/interception.ts';
import type { SimRequest, SimResponse } from '../../http/types.ts';
import type { BailianOptions } from '../options.ts';
import type { BailianOperationId } from '../routes.ts';
import type { BailianState, Workspace } from '../state.ts';

export interface BailianContext {
  req: SimRequest;
  operationId: BailianOperationId;
  requestId: string;
  /** Path parameters (WorkspaceId, FileId, CategoryId). */
  params: Record<string, string>;
  /** The workspace the caller may use (every operation but the upload to a leased URL, which names none). */
  workspace: Workspace | undefined;
  /** The access key that signed the request (undefined with auth off). */
  accessKeyId: string | undefined;
  /** Decoded, spec-validated form body (form operations) or query (ListFile). */
  input: Record<string, unknown>;
  state: BailianState;
  opts: BailianOptions;
  clock: Clock;
  headers: Record<string, string>;
  /** Base URL (scheme://host[:port]) upload URLs of this request point at. */
  uploadBase: string;
  /** An injected partial failure of DeleteFiles: delete `pick(deletable)`, then answer its error. */
  partial?: Extract<Decision, { kind: 'partial' }> | undefined;
}

export type BailianHandler = (ctx: BailianContext) => SimResponse;

export function requireWorkspace(ctx: BailianContext): Workspace {
  if (!ctx.workspace) throw new Error(`${ctx.operationId} reached its handler without a workspace`);
  return ctx.workspace;
}
