/**
 * createSimulator(): a fresh, isolated world with its own clock, random source, journal and provider state.
 * The same instance serves in-process (msw handlers) and over real HTTP (startHttp), so both see one state.
 *
 * Adding a provider = one factory in simulator/<slug>/ plus one entry in PROVIDERS below.
 */
import type { HttpHandler } from 'msw';
import { systemClock, type Clock } from './engine/clock.ts';
import { createRandom, type Random } from './engine/random.ts';
import { FaultController, type FaultPlan, type LimitRule } from './engine/faults.ts';
import type { Interceptor } from './engine/interception.ts';
import { createControlHandler } from './http/control.ts';
import { DOCUMENTED_LIMITS } from './limits.ts';
import { Journal } from './http/journal.ts';
import { mswHandlerFor } from './http/msw.ts';
import { startHttpFrontEnd, type HttpFrontEnd } from './http/node-server.ts';
import type { Provider } from './http/types.ts';
import { defaultOssVectorsOptions, type OssVectorsOptions } from './oss-vectors/options.ts';
import { OssVectorsProvider } from './oss-vectors/provider.ts';
import { OssVectorsState } from './oss-vectors/state.ts';
import { defaultCloudflareVectorizeOptions, type CloudflareVectorizeOptions } from './cloudflare-vectorize/options.ts';
import { CloudflareVectorizeProvider } from './cloudflare-vectorize/provider.ts';
import { CloudflareVectorizeState } from './cloudflare-vectorize/state.ts';
import { defaultBailianOptions, type BailianOptions } from './bailian/options.ts';
import { BailianProvider } from './bailian/provider.ts';
import { BailianState } from './bailian/state.ts';

/** What every provider factory receives. */
export interface ProviderDeps {
  clock: Clock;
  random: Random;
  journal: Journal;
  validateResponses: boolean;
  /** The simulator-wide auth switch (undefined = provider default, on). */
  auth: boolean | undefined;
  /** Faults and QPS limits (issue 5); consulted once per request. */
  interceptor: Interceptor;
}

export interface SimulatorOptions {
  /** Injected clock; default the system clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** Seed for every generated value (request ids, fault subsets). */
  seed?: string;
  /** Switch signature verification off for every provider. */
  auth?: boolean;
  /** Validate each response against the spec and record findings in the journal. */
  validateResponses?: boolean;
  /** QPS limits: the documented values (default), none, or your own rules. */
  limits?: 'documented' | 'none' | LimitRule[];
  /** Fault plans active from the start. */
  faults?: FaultPlan[];
  ossVectors?: Partial<OssVectorsOptions>;
  cloudflareVectorize?: Partial<CloudflareVectorizeOptions>;
  bailian?: Partial<BailianOptions>;
}

/** A provider's options: its documented defaults, the simulator-wide auth switch, then the caller's overrides. */
function withDefaults<O extends { auth: boolean }>(defaults: O, deps: ProviderDeps, overrides: Partial<O> | undefined): O {
  return { ...defaults, ...(deps.auth !== undefined ? { auth: deps.auth } : {}), ...overrides };
}

function createOssVectors(deps: ProviderDeps, options: SimulatorOptions) {
  const opts = withDefaults(defaultOssVectorsOptions(), deps, options.ossVectors);
  const state = new OssVectorsState(opts, deps.clock);
  const provider = new OssVectorsProvider({ state, opts, ...deps });
  return { provider, state, options: opts, close: () => state.close() };
}

function createCloudflareVectorize(deps: ProviderDeps, options: SimulatorOptions) {
  const opts = withDefaults(defaultCloudflareVectorizeOptions(), deps, options.cloudflareVectorize);
  const state = new CloudflareVectorizeState(opts, deps.clock, createRandom(`${options.seed ?? 'vconf'}/cloudflare-vectorize/mutations`));
  const provider = new CloudflareVectorizeProvider({ state, opts, ...deps });
  return { provider, state, options: opts, close: () => state.close() };
}

function createBailian(deps: ProviderDeps, options: SimulatorOptions) {
  const opts = withDefaults(defaultBailianOptions(), deps, options.bailian);
  // Ids come from their own seeded source, so they do not depend on how many requests came before.
  const state = new BailianState(opts, deps.clock, createRandom(`${options.seed ?? 'vconf'}/bailian/ids`));
  const provider = new BailianProvider({ state, opts, ...deps });
  return { provider, state, options: opts, close: () => state.close() };
}

/** The registry: slug → factory. The order is the order of the ready line and of reports. */
const PROVIDERS = {
  'oss-vectors': createOssVectors,
  'cloudflare-vectorize': createCloudflareVectorize,
  bailian: createBailian,
} satisfies Record<string, (deps: ProviderDeps, options: SimulatorOptions) => { provider: Provider; close(): void }>;

export type ProviderSlug = keyof typeof PROVIDERS;
export const PROVIDER_SLUGS = Object.keys(PROVIDERS) as ProviderSlug[];

type Instances = { [S in ProviderSlug]: ReturnType<(typeof PROVIDERS)[S]> };

export interface Simulator {
  /** msw handlers for `setupServer(...sim.handlers)`. */
  handlers: HttpHandler[];
  providers: Record<ProviderSlug, Provider>;
  journal: Journal;
  clock: Clock;
  /** Faults and QPS limits: add/remove plans, change limits, between requests. */
  control: FaultController;
  /** Per-provider state and live options (tests may flip options between requests). */
  ossVectors: Instances['oss-vectors'];
  cloudflareVectorize: Instances['cloudflare-vectorize'];
  bailian: Instances['bailian'];
  instances: Instances;
  /** Serve providers over real HTTP on 127.0.0.1; ports default to 0 (a free one). */
  startHttp(opts?: { host?: string; ports?: Partial<Record<ProviderSlug, number>> }): Promise<Record<ProviderSlug, string>>;
  close(): Promise<void>;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 'vconf';
  const journal = new Journal();
  const limits = options.limits === 'none' ? [] : options.limits === undefined || options.limits === 'documented' ? [...DOCUMENTED_LIMITS] : options.limits;
  const control = new FaultController(clock, limits, seed);
  for (const plan of options.faults ?? []) control.addFault(plan);
  const instances = {} as Instances;
  for (const slug of PROVIDER_SLUGS) {
    const deps: ProviderDeps = {
      clock,
      random: createRandom(`${seed}/${slug}`),
      journal,
      validateResponses: options.validateResponses ?? false,
      auth: options.auth,
      interceptor: control,
    };
    (instances as Record<string, unknown>)[slug] = PROVIDERS[slug](deps, options);
  }
  const providers = Object.fromEntries(PROVIDER_SLUGS.map((s) => [s, instances[s].provider as Provider])) as Record<ProviderSlug, Provider>;
  const servers: HttpFrontEnd[] = [];
  return {
    handlers: PROVIDER_SLUGS.map((slug) => mswHandlerFor(providers[slug])),
    providers,
    journal,
    clock,
    control,
    ossVectors: instances['oss-vectors'],
    cloudflareVectorize: instances['cloudflare-vectorize'],
    bailian: instances['bailian'],
    instances,
    async startHttp(opts = {}) {
      const endpoints = {} as Record<ProviderSlug, string>;
      for (const slug of PROVIDER_SLUGS) {
        const fe = await startHttpFrontEnd(providers[slug], {
          host: opts.host ?? '127.0.0.1',
          port: opts.ports?.[slug] ?? 0,
          control: createControlHandler({ controller: control, journal, providers }),
        });
        servers.push(fe);
        providers[slug].onListening?.(fe.url);
        endpoints[slug] = `${fe.url}${providers[slug].basePath ?? ''}`;
      }
      return endpoints;
    },
    async close() {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      for (const slug of PROVIDER_SLUGS) instances[slug].close();
    },
  };
}
