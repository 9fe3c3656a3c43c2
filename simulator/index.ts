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
import { createPipeline, type PipelineProvider } from './http/pipeline.ts';
import { loadSpecValidator, type SpecValidator } from './http/spec-validator.ts';
import type { Provider } from './http/types.ts';
import { MemoryWriteLog, type LoggedRequest, type WriteLog } from './http/write-log.ts';
import { SimulatorError } from './core/errors.ts';
import { readSnapshot, writeSnapshot } from './world-snapshot.ts';
import { BUILTIN_PROVIDERS, PROVIDER_SLUGS, type BuiltinProviders, type ProviderSlug } from './providers.ts';

export { PROVIDER_SLUGS, type ProviderSlug };

/** One provider of one simulator: its front-end face, its world and its live options (tests may flip them). */
/** The whole world of one simulator. */
export interface World {
  /** The seed every generated id of this world comes from (a restored snapshot brings its own). */
  readonly seed: string;
  /** Every provider's state emptied (accounts, keys and switches stay); the write log forgotten. */
  reset(): void;
  /** Replays logged writes on the current world, in order; refuses (SimulatorError) when one answers differently. */
  replay(entries: Iterable<LoggedRequest>): Promise<number>;
  /** The world as a file (world-snapshot.ts); undefined when no write log is kept. */
  snapshot(): string | undefined;
  /** Replaces the world with a snapshot's; on any problem the previous world stays. */
  restore(text: string): Promise<{ entries: number }>;
  readonly writeLog: WriteLog | undefined;
}

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
  /**
   * Log every write before it is answered (http/write-log.ts): `'memory'` for snapshots and restores of the world,
   * or a durable log (persistence/sqlite-write-log.ts, `vconf serve --state-dir`). Default: none.
   */
  writeLog?: WriteLog | 'memory';
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
  /** The world as a whole: reset, replay a write log, snapshot and restore. */
  world: World;
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
  const baseClock = options.clock ?? systemClock;
  const writeLog: WriteLog | undefined = options.writeLog === 'memory' ? new MemoryWriteLog() : options.writeLog;
  // A replayed write runs at the time it first ran: every time-dependent rule then decides as it did.
  let replayAt: number | undefined;
  let frozenAt: number | undefined;
  const clock: Clock = writeLog ? { now: () => frozenAt ?? replayAt ?? baseClock.now() } : baseClock;
  const freeze = <R>(at: number, fn: () => R): R => {
    frozenAt = at;
    try {
      return fn();
    } finally {
      frozenAt = undefined;
    }
  };
  let seed = options.seed ?? 'vconf';
  const journal = new Journal();
  const documentedLimits = descriptions.flatMap((d) => d.limits);
  const limits = options.limits === 'none' ? [] : options.limits === undefined || options.limits === 'documented' ? [...documentedLimits] : options.limits;
  const control = new FaultController(clock, limits, seed);
  for (const plan of options.faults ?? []) control.addFault(plan);
  const slugs = descriptions.map((d) => d.slug);
  let gate: Promise<void> | undefined;

  /** A provider's state, stages and control actions for the current seed. */
  function build(d: AnyProviderDescription, opts: Record<string, unknown>, spec: SpecValidator) {
    const state = d.createState(opts, { clock, seed });
    const stages = d.stages({ opts, state, clock, random: createRandom(`${seed}/${d.slug}`), spec });
    const actions = d.controlActions?.(state);
    return { state, stages, controlActions: actions && loggedActions(d.slug, actions) };
  }

  /** Provider control actions (e.g. Vectorize flush) change the world too: they are logged like requests. */
  function loggedActions(slug: string, actions: Record<string, (body: unknown) => unknown>) {
    if (!writeLog) return actions;
    return Object.fromEntries(
      Object.entries(actions).map(([name, fn]) => [
        name,
        async (body: unknown) => {
          // At one instant, as a handler runs: the log records it and a replay runs the action at it again.
          const at = clock.now();
          const result = await freeze(at, () => fn(body));
          const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
          await writeLog.record({ kind: 'control', at, provider: slug, operation: name, method: 'POST', host: '', path: '', rawQuery: '', headers: {}, body: payload, remoteAddress: '', status: 200 });
          return result;
        },
      ]),
    );
  }

  const instances: Record<string, ProviderInstance & { pipeline: PipelineProvider; spec: SpecValidator; description: AnyProviderDescription }> = {};
  for (const d of descriptions) {
    const overrides = (options as Record<string, unknown>)[camelCase(d.slug)] as Record<string, unknown> | undefined;
    // Documented defaults, then the simulator-wide auth switch, then the caller's overrides.
    const opts = { ...d.defaultOptions(), ...(options.auth !== undefined ? { auth: options.auth } : {}), ...overrides };
    const spec = d.spec?.() ?? loadSpecValidator(d.slug);
    const built = build(d, opts, spec);
    const pipeline = createPipeline(built.stages, {
      slug: d.slug,
      clock,
      journal,
      interceptor: control,
      spec,
      validateResponses: options.validateResponses ?? false,
      controlActions: built.controlActions,
      writeLog,
      gate: () => gate,
      ...(writeLog ? { freeze } : {}),
    });
    const instance = {
      provider: pipeline as Provider,
      pipeline,
      spec,
      description: d,
      state: built.state,
      options: opts,
      close: () => instance.state.close(),
    };
    instances[d.slug] = instance;
  }

  function rebuild(nextSeed: string): void {
    seed = nextSeed;
    for (const slug of slugs) {
      const instance = instances[slug]!;
      instance.state.close();
      const built = build(instance.description, instance.options as Record<string, unknown>, instance.spec);
      instance.state = built.state;
      instance.pipeline.rebind(built.stages, built.controlActions);
    }
  }

  async function replay(entries: Iterable<LoggedRequest>): Promise<number> {
    let n = 0;
    try {
      for (const entry of entries) {
        n++;
        replayAt = entry.at;
        const instance = instances[entry.provider];
        if (!instance) throw new SimulatorError(`write ${n} is for provider ${entry.provider}, which is not served here`);
        if (entry.kind === 'control') {
          const action = instance.description.controlActions?.(instance.state)?.[entry.operation];
          if (!action) throw new SimulatorError(`write ${n}: ${entry.provider} has no control action ${entry.operation}`);
          await freeze(entry.at, () => action(entry.body.length === 0 ? undefined : JSON.parse(entry.body.toString('utf8'))));
          continue;
        }
        const status = await instance.pipeline.replay(entry);
        if (status !== entry.status) {
          throw new SimulatorError(
            `write ${n} (${entry.provider} ${entry.operation}) answered ${status} on replay where it answered ${entry.status}: the world's configuration (accounts, keys, switches) differs from the one that wrote it`,
          );
        }
      }
    } finally {
      replayAt = undefined;
    }
    return n;
  }

  const world: World = {
    get seed() {
      return seed;
    },
    writeLog,
    reset() {
      rebuild(seed);
      writeLog?.clear();
    },
    replay,
    snapshot: () => (writeLog ? writeSnapshot({ seed, providers: slugs }, writeLog.entries()) : undefined),
    async restore(text) {
      if (!writeLog) throw new SimulatorError('restoring a world needs a write log (vconf serve --state-dir DIR or --snapshots)');
      const { header, entries } = readSnapshot(text, slugs);
      if (gate) throw new SimulatorError('another restore is under way');
      const previous = { seed, entries: [...writeLog.entries()] };
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      try {
        rebuild(header.seed);
        await replay(entries);
        writeLog.replaceAll(entries);
        writeLog.setSeed?.(header.seed);
        return { entries: entries.length };
      } catch (err) {
        // Nothing half-applied: the previous world comes back, from its own log.
        rebuild(previous.seed);
        await replay(previous.entries);
        throw err instanceof SimulatorError ? err : new SimulatorError(`the snapshot does not replay: ${(err as Error).message}`);
      } finally {
        gate = undefined;
        open();
      }
    },
  };

  const providers = Object.fromEntries(slugs.map((s) => [s, instances[s]!.provider]));
  const faultConfig = faultConfigFor(slugs);
  const controlHandler = createControlHandler({ controller: control, journal, providers, documentedLimits, world, ...faultConfig });
  const servers: HttpFrontEnd[] = [];
  const sim = {
    handlers: slugs.map((slug) => mswHandlerFor(providers[slug]!)),
    providers,
    journal,
    clock,
    control,
    instances,
    world,
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
      writeLog?.close();
    },
  };
  for (const slug of slugs) (sim as Record<string, unknown>)[camelCase(slug)] = instances[slug];
  return sim as unknown as SimulatorOf<Ds>;
}

export { DOCUMENTED_LIMITS } from './limits.ts';
