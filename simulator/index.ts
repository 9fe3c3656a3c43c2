/**
 * createSimulator(): a fresh, isolated world with its own clock, random source, journal and provider state.
 * The same instance serves in-process (msw handlers) and over real HTTP (startHttp), so both see one state.
 */
import type { HttpHandler } from 'msw';
import { systemClock, type Clock } from './engine/clock.ts';
import { createRandom } from './engine/random.ts';
import { Journal } from './http/journal.ts';
import { mswHandlerFor } from './http/msw.ts';
import { startHttpFrontEnd, type HttpFrontEnd } from './http/node-server.ts';
import type { Provider } from './http/types.ts';
import { defaultOssVectorsOptions, type OssVectorsOptions } from './oss-vectors/options.ts';
import { OssVectorsProvider } from './oss-vectors/provider.ts';
import { OssVectorsState } from './oss-vectors/state.ts';

export type ProviderSlug = 'oss-vectors';
export const PROVIDER_SLUGS: readonly ProviderSlug[] = ['oss-vectors'];

export interface SimulatorOptions {
  /** Injected clock; default the system clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** Seed for every generated value (request ids, fault subsets). */
  seed?: string;
  /** Switch signature verification off for every provider. */
  auth?: boolean;
  /** Validate each response against the spec and record findings in the journal. */
  validateResponses?: boolean;
  ossVectors?: Partial<OssVectorsOptions>;
}

export interface Simulator {
  /** msw handlers for `setupServer(...sim.handlers)`. */
  handlers: HttpHandler[];
  providers: Record<ProviderSlug, Provider>;
  journal: Journal;
  clock: Clock;
  ossVectors: { state: OssVectorsState; options: OssVectorsOptions };
  /** Serve providers over real HTTP on 127.0.0.1; ports default to 0 (a free one). */
  startHttp(opts?: { host?: string; ports?: Partial<Record<ProviderSlug, number>> }): Promise<Record<ProviderSlug, string>>;
  close(): Promise<void>;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 'vconf';
  const journal = new Journal();
  const ossOptions: OssVectorsOptions = {
    ...defaultOssVectorsOptions(),
    ...(options.auth !== undefined ? { auth: options.auth } : {}),
    ...options.ossVectors,
  };
  const ossState = new OssVectorsState(ossOptions, clock);
  const providers: Record<ProviderSlug, Provider> = {
    'oss-vectors': new OssVectorsProvider({
      state: ossState,
      opts: ossOptions,
      clock,
      random: createRandom(`${seed}/oss-vectors`),
      journal,
      validateResponses: options.validateResponses ?? false,
    }),
  };
  const servers: HttpFrontEnd[] = [];
  return {
    handlers: PROVIDER_SLUGS.map((slug) => mswHandlerFor(providers[slug])),
    providers,
    journal,
    clock,
    ossVectors: { state: ossState, options: ossOptions },
    async startHttp(opts = {}) {
      const endpoints = {} as Record<ProviderSlug, string>;
      for (const slug of PROVIDER_SLUGS) {
        const fe = await startHttpFrontEnd(providers[slug], { host: opts.host ?? '127.0.0.1', port: opts.ports?.[slug] ?? 0 });
        servers.push(fe);
        endpoints[slug] = fe.url;
      }
      return endpoints;
    },
    async close() {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      ossState.close();
    },
  };
}
