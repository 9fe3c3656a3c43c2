/**
 * Provider control actions (issue 3 §3: "exposes a way to flush"), served by the shared control API at
 *   POST /__vconf/actions/cloudflare-vectorize/flush       body {"account"?, "index"?} → {"flushed": n}
 *   POST /__vconf/actions/cloudflare-vectorize/mutations   → {"indexes": [{accountId, index, pending, nextApplyAt}]}
 * `flush` applies every pending mutation now, in order; `processedUpToDatetime` becomes the earlier of the due time
 * and now.
 */
import { SimulatorError } from '../core/errors.ts';
import type { CloudflareVectorizeState } from './state.ts';

export function controlActions(state: CloudflareVectorizeState): Record<string, (body: unknown) => unknown> {
  return {
    flush(body) {
      if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
        throw new SimulatorError('flush takes no body or {"account"?: string, "index"?: string}');
      }
      const b = (body ?? {}) as { account?: unknown; index?: unknown };
      if ((b.account !== undefined && typeof b.account !== 'string') || (b.index !== undefined && typeof b.index !== 'string')) {
        throw new SimulatorError('flush: "account" and "index" must be strings');
      }
      return { flushed: state.flush({ accountId: b.account as string | undefined, indexName: b.index as string | undefined }) };
    },
    mutations() {
      return { indexes: state.pendingSummary() };
    },
  };
}
