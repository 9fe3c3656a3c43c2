/**
 * A provider is a description: what it knows about its own wire (routes, authentication, resources, bodies, error
 * rendering, handlers keyed by its spec's operationIds) and about its world (option schema, documented limits,
 * default options, state). The pipeline (pipeline.ts) owns the order of the stages; the simulator's root
 * (simulator/providers.ts, index.ts) composes descriptions. A provider folder exports one `description` and knows
 * nothing about the stages around it.
 */
import type { ProviderError } from '../core/errors.ts';
import type { Clock } from '../engine/clock.ts';
import type { LimitRule } from '../engine/faults.ts';
import type { CallInfo, Decision, Quota } from '../engine/interception.ts';
import type { Random } from '../engine/random.ts';
import type { SpecValidator } from './spec-validator.ts';
import type { SimRequest, SimResponse } from './types.ts';

export type PartialDecision = Extract<Decision, { kind: 'partial' }>;
export type ThrottleDecision = Extract<Decision, { kind: 'throttle' }>;
/** An injected failure (a `fail` plan, or a `partial` plan on an operation that cannot be applied in part). */
export interface FaultDecision {
  status: number;
  code: string;
  message?: string | undefined;
}

/** The types one provider's stages pass between them. */
export interface StageTypes {
  /** The spec's operationIds (`keyof operations` of the generated types). */
  op: string;
  /** What routing found besides the operation (path parameters, addressing). */
  route: unknown;
  /** Who is calling (undefined with signature checks off). */
  caller: unknown;
  /** The addressed resource, looked up (bucket, index, workspace). */
  resource: unknown;
  /** The decoded, spec-checked body or form. */
  body: unknown;
  /** What the provider's handlers take. */
  ctx: unknown;
}

export type RouteResult<T extends StageTypes> =
  | { kind: 'operation'; operation: T['op']; route: T['route'] }
  /** An operation the provider has and the simulator does not model: answered 501 naming it. */
  | { kind: 'unmodelled'; operation: string };

export type Routed<T extends StageTypes> = Extract<RouteResult<T>, { kind: 'operation' }>;

/** Every piece the stages produced for one request, handed to `target` and `context`. */
export interface Parts<T extends StageTypes> {
  req: SimRequest;
  requestId: string;
  /** Headers every answer of this request carries (request id, date, …), built at the start. */
  headers: Record<string, string>;
  operation: T['op'];
  route: T['route'];
  caller: T['caller'];
  resource: T['resource'];
  body: T['body'];
}

/** What the interceptor keys faults and QPS limits by, beyond provider, operation and client address. */
export type CallTarget = Omit<CallInfo, 'provider' | 'operation' | 'client'>;

/** The start of every answer: the id the journal records and the common headers. */
export interface AnswerFrame {
  requestId: string;
  headers: Record<string, string>;
}

/** The pipeline's stages as one provider implements them, bound to one simulator instance. */
export interface ProviderStages<T extends StageTypes> {
  /** Path prefix of the provider's API on its own HTTP server (Cloudflare: `/client/v4`); '' when none. */
  readonly basePath?: string;
  /** Largest request body accepted before the provider's oversize error (read per request: options are live). */
  maxBodyBytes(): number;
  /** Whether an in-process request (real provider host names) belongs to this provider. */
  matchesHost(host: string, path: string): boolean;
  /** Told the HTTP front end's base URL once it listens. */
  onListening?(baseUrl: string): void;
  /**
   * Whether the service looks the addressed resource up before it decodes and validates the body. All three do
   * (OSS: bucket existence before body validation, fact sheet oss-vectors.md §3.5; Vectorize: the index before the
   * body; Bailian: the workspace before the form); a provider that validates first says `false`.
   */
  readonly resolveBeforeBody: boolean;
  /** Batch writes an injected `partial` fault may apply in part (seed 001: "does not ensure atomicity"). */
  readonly partialOperations: ReadonlySet<T['op']>;
  /**
   * Operations that never change the world: their requests stay out of the write log (http/write-log.ts). Every
   * other operation that reaches its handler is logged, whatever it answered. Omitted: every operation is logged.
   */
  readonly readOnly?: ReadonlySet<T['op']>;

  begin(req: SimRequest): AnswerFrame;
  /** Which operation; throws the provider's error for a request that names none. */
  route(req: SimRequest): RouteResult<T>;
  /** Verifies the caller (signature, token) and that it may call the operation; throws the provider's error. */
  authenticate(req: SimRequest, routed: Routed<T>): T['caller'];
  /** Looks the addressed resource up; throws the provider's not-found or access error. */
  resolve(req: SimRequest, routed: Routed<T>, caller: T['caller']): T['resource'];
  /** Decodes the body (or query) and checks it against the spec; throws the provider's validation error. */
  parseBody(req: SimRequest, routed: Routed<T>): T['body'] | Promise<T['body']>;
  /** What faults and QPS limits count this call by. */
  target(parts: Parts<T>): CallTarget;
  /**
   * State changes that are due by now and were deferred (Vectorize's asynchronous mutations), applied just before
   * the handler runs, so that handlers and reads only read.
   */
  applyDue?(parts: Parts<T>): void;
  /** The handlers' context; `partial` is set when an injected partial fault applies to this batch write. */
  context(parts: Parts<T>, partial: PartialDecision | undefined): T['ctx'];
  /** One handler per spec operationId: the compiler flags an operation without one. */
  readonly handlers: { readonly [K in T['op']]: (ctx: T['ctx']) => SimResponse };
  readonly errors: {
    notImplemented(operation: string): ProviderError;
    /** What an unexpected exception becomes (the provider's 500). */
    internal(): ProviderError;
    oversize(req: SimRequest, maxBytes: number): ProviderError;
    /** Over a QPS limit: the provider's throttle answer. */
    throttle(decision: ThrottleDecision): ProviderError;
    fault(decision: FaultDecision): ProviderError;
  };
  /** Renders any provider error in the wire format (the one catch point calls it). */
  renderError(err: ProviderError, req: SimRequest, frame: AnswerFrame): SimResponse;
  /** Last touches on every handled answer (OSS `x-oss-server-time`, Vectorize rate-limit headers). */
  finish?(res: SimResponse, info: { started: number; now: number; quota: Quota | undefined }): void;
}

/** What a description's stages and state are built from. */
export interface InstanceDeps<Opts, State> {
  opts: Opts;
  state: State;
  clock: Clock;
  random: Random;
  spec: SpecValidator;
}

export interface StateEnv {
  clock: Clock;
  /** The simulator's seed: each provider derives its own seeded sources from it. */
  seed: string;
}

export type ControlAction = (body: unknown) => unknown;

export interface ProviderDescription<
  Slug extends string = string,
  Opts extends { auth: boolean } = { auth: boolean },
  State extends { close(): void } = { close(): void },
  T extends StageTypes = StageTypes,
> {
  /** One slug everywhere: spec file, simulator folder, scenario folder, report path. */
  readonly slug: Slug;
  /** JSON Schema of the provider's options as a `--config` file gives them (validated at load). */
  readonly optionsSchema: Record<string, unknown>;
  /** Documented QPS limits, on by default (`limits: documented`). */
  readonly limits: readonly LimitRule[];
  /** The default world (accounts, keys, workspaces) and behaviour switches, a fresh copy each call. */
  defaultOptions(): Opts;
  createState(opts: Opts, env: StateEnv): State;
  /** The spec answers are checked against; default `specs/<slug>.yaml`. */
  spec?(): SpecValidator;
  stages(deps: InstanceDeps<Opts, State>): ProviderStages<T>;
  /** Provider-specific control actions, reachable at POST /__vconf/actions/{slug}/{name}. */
  controlActions?(state: State): Record<string, ControlAction>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProviderDescription = ProviderDescription<string, any, any, any>;
export type OptionsOf<D> = D extends ProviderDescription<string, infer O, infer _S, infer _T> ? O : never;
export type StateOf<D> = D extends ProviderDescription<string, infer _O, infer S, infer _T> ? S : never;

/** `oss-vectors` → `ossVectors`: the key of a provider's options and instance. */
export type CamelCase<S extends string> = S extends `${infer H}-${infer R}` ? `${H}${Capitalize<CamelCase<R>>}` : S;

export function camelCase<S extends string>(slug: S): CamelCase<S> {
  return slug.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) as CamelCase<S>;
}
