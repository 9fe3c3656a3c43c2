/**
 * Pieces every provider adapter needs: request capture for reports, resource clean-up, waiting, credentials from the
 * environment.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createRandom } from '../../simulator/engine/random.ts';
import type { Exchange, TargetContext } from './types.ts';

/** The first of `names` set to a non-empty value in the target's environment. */
export function env(target: TargetContext, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = target.env[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/**
 * A fetch that records what was sent (headers passed through the adapter's `redact`, so reports never hold
 * credentials) before handing the request to `base`.
 */
export function capturingFetch(base: typeof fetch, redact: (name: string, value: string) => string) {
  let captured: Exchange['request'] | undefined;
  const fetchAndCapture = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = redact(k, v);
    });
    const body = typeof init?.body === 'string' ? init.body : init?.body instanceof Uint8Array ? Buffer.from(init.body).toString('utf8') : undefined;
    captured = { method: init?.method ?? 'GET', url: String(input), headers, body };
    return base(input, init);
  }) as typeof fetch;
  return { fetch: fetchAndCapture, captured: () => captured };
}

/** Deletes every resource, collecting problems instead of stopping at the first (clean-up always runs to the end). */
export async function cleanupEach(
  resources: readonly { name: string }[],
  remove: (name: string) => Promise<string | string[] | undefined>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const r of resources) {
    try {
      const problem = await remove(r.name);
      if (Array.isArray(problem)) problems.push(...problem);
      else if (problem) problems.push(problem);
    } catch (err) {
      problems.push(`cleaning up ${r.name}: ${(err as Error).message}`);
    }
  }
  return problems;
}

export { sleep };

/**
 * How owner calls for states and clean-up retry, as the SDKs retry 5xx and throttles: at most 6 attempts, full-jitter
 * backoff from 200 ms doubling to 3 s, plus any wait the answer asks for. The jitter comes from a source seeded with
 * the run prefix, so two runs with the same prefix wait alike.
 */
export function ownerRetry(target: TargetContext, slug: string) {
  const random = createRandom(`${target.runPrefix}/${slug}/owner-retry`);
  /** `retryAfterMs` says whether an answer is retried (a number: extra wait in ms) or final (undefined). */
  return async function retry<R>(attempt: () => Promise<R>, retryAfterMs: (answer: R) => number | undefined): Promise<R> {
    let delay = 200;
    for (let n = 1; ; n++) {
      const answer = await attempt();
      const extra = retryAfterMs(answer);
      if (extra === undefined || n >= 6) return answer;
      await sleep(random.next() * delay + extra);
      delay = Math.min(delay * 2, 3000);
    }
  };
}
