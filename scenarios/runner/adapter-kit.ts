/**
 * Pieces every provider adapter needs: request capture for reports, resource clean-up, waiting, credentials from the
 * environment.
 */
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

export { setTimeout as sleep } from 'node:timers/promises';
