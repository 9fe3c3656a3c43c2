/**
 * createSimulator(): a fresh, isolated world with its own clock, random source, journal and provider state.
 * The same instance serves in-process (msw handlers) and over real HTTP (startHttp), so both see one state.
 *
 * The root only composes: each provider is a description (simulator/<slug>/description.ts, listed in providers.ts)
 * that brings its options, documented limits, state and stages; every request of every provider goes through the one
 * pipeline (http/pipeline.ts).
 */
import type { HttpHandler } from 'msw';
import { systemClock, type Clock } from './engine/clock.ts';
import { FaultController, type FaultPlan, type LimitRule } from './engine/faults.ts';
import { createRandom } from './engine/random.ts';
import { faultConfigFor } from './fault-config.ts';
import { createControlHandler } from './http/control.ts';
import { camelCase, type AnyProviderDescription, type CamelCase, type OptionsOf, type StateOf } from './http/description.ts';
import { Journal } from './http/journal.ts';
import { mswHandlerFor } from './http/msw.ts';
import { startHttpFrontEnd, type HttpFrontEnd } from './http/node-server.ts';
import { createPipeline } from './http/pipeline.ts';
import { loadSpecValidator } from './http/spec-validator.ts';
import type { Provider } from './http/types.ts';
import { BUILTIN_PROVIDERS, PROVIDER_SLUGS, type BuiltinProviders, type ProviderSlug } from './providers.ts';

export { PROVIDER_SLUGS, type ProviderSlug };

/** One provider of one simulator: its front-end face, its world and its live options (tests may flip them). */
export interface ProviderInstance<D extends AnyProviderDescription = AnyProviderDescription> {
  provider: Provider;
  state: StateOf<D>;
  options: OptionsOf<D>;
  close(): void;
}

type Descriptions = readonly AnyProviderDescription[];
type SlugOf<Ds extends Descriptions> = Ds[number]['slug'];
type DescriptionOf<Ds extends Descriptions, S> = Extract<Ds[number], { slug: S }>;

/** Per-provider option overrides, under the camelCase of the slug (`ossVectors`, `cloudflareVectorize`, `bailian`). */
export type ProviderOptionOverrides<Ds extends Descriptions> = {
  [D in Ds[number] as CamelCase<D['slug']>]?: Partial<OptionsOf<D>>;
};

export interface CommonSimulatorOptions {
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
}

export type SimulatorOptionsFor<Ds extends Descriptions> = CommonSimulatorOptions & ProviderOptionOverrides<Ds>;
export type SimulatorOptions = SimulatorOptionsFor<BuiltinProviders>;

export type SimulatorOf<Ds extends Descriptions> = {
  /** msw handlers for `setupServer(...sim.handlers)`. */
  handlers: HttpHandler[];
  providers: Record<SlugOf<Ds>, Provider>;
  journal: Journal;
  clock: Clock;
  /** Faults and QPS limits: add/remove plans, change limits, between requests. */
  control: FaultController;
  instances: { [S in SlugOf<Ds>]: ProviderInstance<DescriptionOf<Ds, S>> };
  /** Serve providers over real HTTP on 127.0.0.1; ports default to 0 (a free one). */
  startHttp(opts?: { host?: string; ports?: Partial<Record<SlugOf<Ds>, number>> }): Promise<Record<SlugOf<Ds>, string>>;
  close(): Promise<void>;
} & {
  /** Per-provider state and live options, under the camelCase of the slug (`sim.ossVectors.state`). */
  [D in Ds[number] as CamelCase<D['slug']>]: ProviderInstance<D>;
};

export type Simulator = SimulatorOf<BuiltinProviders>;

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return createSimulatorWith(BUILTIN_PROVIDERS, options);
}

/** A simulator of any set of provider descriptions (the built-in ones, or a test's own). */
export function createSimulatorWith<const Ds extends Descriptions>(descriptions: Ds, options: SimulatorOptionsFor<Ds> = {}): SimulatorOf<Ds> {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 'vconf';
  const journal = new Journal();
  const documentedLimits = descriptions.flatMap((d) => d.limits);
  const limits = options.limits === 'none' ? [] : options.limits === undefined || options.limits === 'documented' ? [...documentedLimits] : options.limits;
  const control = new FaultController(clock, limits, seed);
  for (const plan of options.faults ?? []) control.addFault(plan);

  const instances: Record<string, ProviderInstance> = {};
  for (const d of descriptions) {
    const overrides = (options as Record<string, unknown>)[camelCase(d.slug)] as Record<string, unknown> | undefined;
    // Documented defaults, then the simulator-wide auth switch, then the caller's overrides.
    const opts = { ...d.defaultOptions(), ...(options.auth !== undefined ? { auth: options.auth } : {}), ...overrides };
    const state = d.createState(opts, { clock, seed });
    const spec = d.spec?.() ?? loadSpecValidator(d.slug);
    const random = createRandom(`${seed}/${d.slug}`);
    const provider = createPipeline(d.stages({ opts, state, clock, random, spec }), {
      slug: d.slug,
      clock,
      journal,
      interceptor: control,
      spec,
      validateResponses: options.validateResponses ?? false,
      controlActions: d.controlActions?.(state),
    });
    instances[d.slug] = { provider, state, options: opts, close: () => state.close() };
  }

  const slugs = descriptions.map((d) => d.slug);
  const providers = Object.fromEntries(slugs.map((s) => [s, instances[s]!.provider]));
  const faultConfig = faultConfigFor(slugs);
  const controlHandler = createControlHandler({ controller: control, journal, providers, documentedLimits, ...faultConfig });
  const servers: HttpFrontEnd[] = [];
  const sim = {
    handlers: slugs.map((slug) => mswHandlerFor(providers[slug]!)),
    providers,
    journal,
    clock,
    control,
    instances,
    async startHttp(opts: { host?: string; ports?: Record<string, number | undefined> } = {}) {
      const endpoints: Record<string, string> = {};
      for (const slug of slugs) {
        const provider = providers[slug]!;
        const fe = await startHttpFrontEnd(provider, { host: opts.host ?? '127.0.0.1', port: opts.ports?.[slug] ?? 0, control: controlHandler });
        servers.push(fe);
        provider.onListening?.(fe.url);
        endpoints[slug] = `${fe.url}${provider.basePath ?? ''}`;
      }
      return endpoints;
    },
    async close() {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      for (const slug of slugs) instances[slug]!.close();
    },
  };
  for (const slug of slugs) (sim as Record<string, unknown>)[camelCase(slug)] = instances[slug];
  return sim as unknown as SimulatorOf<Ds>;
}

export { DOCUMENTED_LIMITS } from './limits.ts';
