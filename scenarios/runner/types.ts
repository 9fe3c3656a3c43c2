/**
 * The conformance runner's data model. Scenarios are data (YAML, one behaviour per file); everything a provider
 * contributes — how to call it, its named states, how to normalise its answers — comes through a ProviderAdapter, so
 * adding a provider means a folder `scenarios/<slug>/` with `adapter.ts`, `clauses.yaml` and scenario files, and no
 * change here.
 */

/** Where scenarios run. `simulator` in a scenario's deviation list means either simulator target. */
export type TargetKind = 'in-process' | 'http' | 'real';

export type Result = 'passed' | 'failed' | 'deviation' | 'not-applicable';

// ---------------------------------------------------------------------------------------------------------------
// Scenario files

export type SourceRef =
  | { seed: string; clause: string; quote: string }
  | { factSheet: string; quote?: string };

export interface GivenState {
  state: string;
  params?: Record<string, unknown>;
}

export interface ExpectBlock {
  /** One status, or any of several. */
  status?: number | number[];
  /** The provider's error code (the adapter knows where it lives in the body). */
  error?: string;
  /** Header name (any case) → literal value or matcher; names are compared lower-cased. */
  headers?: Record<string, unknown>;
  /** `empty`, or a partial JSON expectation (objects: listed keys only; arrays: element-wise; `$`-matchers). */
  body?: unknown;
  /** Validate the answer against specs/<slug>.yaml (default true). */
  spec?: boolean;
}

export interface PollSpec {
  timeoutMs?: number;
  intervalMs?: number;
}

export interface Step {
  name?: string;
  operation: string;
  /** Identity to call as (adapter-defined; default `owner`). */
  as?: string;
  /** Provider-specific request description, validated against the adapter's request schema. */
  request?: Record<string, unknown>;
  expect: ExpectBlock;
  /** Values for later steps: name → `body.path.to[0].field` or `header.name`. */
  capture?: Record<string, string>;
  /** Repeat until the expectation holds (eventual consistency), bounded; only real targets wait. */
  poll?: boolean | PollSpec;
}

export interface Deviation {
  /** Step name or 0-based index. */
  step: string | number;
  targets: (TargetKind | 'simulator')[];
  reason: string;
}

export interface Scenario {
  id: string;
  title: string;
  provider: string;
  /** The operationId whose behaviour the scenario is about (reports group by it). */
  operation: string;
  source: SourceRef[];
  /** Capabilities the target must offer, e.g. `identity:other`, `control:faults`. */
  requires?: string[];
  /** Logical resource name → kind; the adapter gives each a unique (run-prefixed) real name and always cleans it up. */
  resources?: Record<string, string>;
  given?: GivenState[];
  steps: Step[];
  deviations?: Deviation[];
  notes?: string;
}

export interface LoadedScenario extends Scenario {
  /** Path relative to the repository root. */
  file: string;
}

/** A seed clause: one behavioural sentence of a source document. */
export interface Clause {
  id: string;
  seed: string;
  operation: string;
  section: string;
  quote: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Exchanges and results

export interface ExchangeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface ExchangeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Exchange {
  operation: string;
  request: ExchangeRequest;
  response: ExchangeResponse;
}

export interface FieldDiff {
  /** `status`, `error`, `header/content-type`, `body.vectors[0].key`, `spec: body/keys`, … */
  field: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

export interface StepResult {
  name: string;
  operation: string;
  as: string;
  result: Result | 'not-run';
  status?: number | undefined;
  errorCode?: string | undefined;
  diffs: FieldDiff[];
  attempts: number;
  durationMs: number;
  exchange?: Exchange | undefined;
  /** Normalised answer (volatile fields masked); what record mode saves and replay compares. */
  normalised?: NormalisedResponse | undefined;
  deviationReason?: string | undefined;
  /** A network error or a client exception instead of an answer. */
  transportError?: string | undefined;
}

export interface NormalisedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface ScenarioResult {
  id: string;
  provider: string;
  title: string;
  file: string;
  operation: string;
  operations: string[];
  sources: SourceRef[];
  result: Result;
  /** Why: the failing phase, the missing capability, the deviation's reason. */
  reason?: string | undefined;
  durationMs: number;
  steps: StepResult[];
  /** Problems while cleaning up (a leaked resource on a real target must be visible). */
  cleanup: string[];
  replay?: ReplayResult | undefined;
}

export interface ReplayResult {
  recording: string | undefined;
  recordedAt?: string | undefined;
  diffs: FieldDiff[];
}

// ---------------------------------------------------------------------------------------------------------------
// Targets and providers

export interface FaultPlanInput {
  id?: string;
  provider: string;
  operation: string;
  times?: number;
  probability?: number;
  seed?: string;
  action: Record<string, unknown> & { kind: string };
}

export interface LimitRuleInput {
  id: string;
  provider: string;
  operations: string[];
  per: string[];
  limit: number;
  windowMs: number;
  unit: 'requests' | 'items';
  source: string;
}

/** What the runner can do to a simulator target beyond sending requests. */
export interface SimulatorControl {
  addFault(plan: FaultPlanInput): Promise<string>;
  removeFault(id: string): Promise<void>;
  setLimit(rule: LimitRuleInput): Promise<void>;
  removeLimit(id: string): Promise<void>;
  /** Live provider options; present only when the runner holds the simulator object itself. */
  providerOptions?(slug: string): Record<string, unknown> | undefined;
  /**
   * A provider's control action (`POST /__vconf/actions/{slug}/{name}`, e.g. Cloudflare's `flush` of pending
   * mutations); resolves to the action's result. Optional: older control implementations may not offer it.
   */
  providerAction?(slug: string, name: string, body?: unknown): Promise<unknown>;
}

/** A connected target as the adapters see it. */
export interface TargetContext {
  kind: TargetKind;
  /** For reports: `in-process`, `http://127.0.0.1:4000`, `real`. */
  name: string;
  /** Per run, unique; real-target resource names start with it. */
  runPrefix: string;
  /** in-process: a fetch that never leaves the process. */
  fetch?: typeof fetch | undefined;
  /** http: the simulator endpoint per provider slug. */
  endpoints?: Record<string, string> | undefined;
  /** real: the environment credentials are read from (default process.env). */
  env: Record<string, string | undefined>;
  /**
   * real, tests only: send every request in proxy form (`POST https://bucket-123.region.host/?x`) over plain HTTP to
   * this address instead of resolving the service's host names.
   */
  via?: string | undefined;
  control?: SimulatorControl | undefined;
  /** Simulator targets: the providers it serves (a scenario folder may land before its simulator does). */
  servedProviders?: string[] | undefined;
}

/** A provider's connection to one target for one run. */
export interface ProviderSession {
  /** Capabilities this session offers beyond the target's (identities, …). */
  capabilities: Set<string>;
  /** Why the provider cannot run at all on this target (e.g. no credentials); undefined when it can. */
  unavailable?: string | undefined;
  /** Variables scenarios may reference as `{{name}}` (account id, region, …). */
  variables: Record<string, string>;
  /** Gives a logical resource a unique real name for this scenario and remembers it for cleanup. */
  allocate(kind: string, logical: string, scenarioOrdinal: number): string;
  send(operation: string, request: Record<string, unknown>, as: string): Promise<Exchange>;
  /** Named provider state: sets it up, returns its teardown (or a StateOutcome with teardown and variables). */
  applyState(name: string, params: Record<string, unknown>): Promise<(() => Promise<void>) | StateOutcome | undefined>;
  /** Why this session lacks a capability (capability → reason), for not-applicable reasons; optional. */
  capabilityReasons?: Record<string, string> | undefined;
  /** Deletes every resource allocated for the scenario; returns problems (never throws). */
  cleanup(resources: { kind: string; name: string }[]): Promise<string[]>;
  /** The provider's error code in an answer, if it is an error. */
  errorCode(res: ExchangeResponse): string | undefined;
  normalise(res: ExchangeResponse, names: Record<string, string>): NormalisedResponse;
  close(): Promise<void>;
}

export interface StateInfo {
  /** The exact name; its `{param}` placeholders are the parameters a `given` must supply. */
  name: string;
  /** Capabilities the state needs (e.g. `control:options`). */
  requires: string[];
  /**
   * Parameters whose values name variables the state defines for later steps (e.g. `file` in `a file {file} …`:
   * `{{a}}` is then the id the service assigned to file `a`). Optional; most states define none.
   */
  defines?: string[];
}

/** What setting up a named state leaves behind: its teardown, and variables later steps may use as `{{name}}`. */
export interface StateOutcome {
  teardown?: (() => Promise<void>) | undefined;
  variables?: Record<string, string> | undefined;
}

export interface ProviderAdapter {
  slug: string;
  /** Identities a step's `as` may name. */
  identities: string[];
  /** Resource kinds a scenario's `resources` may name. */
  resourceKinds: string[];
  /** JSON Schema for a step's `request`. */
  requestSchema: object;
  states: StateInfo[];
  /** Normalised fields replay does not compare, each with the reason (shown in the report). */
  replayIgnore?: { field: string; reason: string }[];
  /** Clauses of the provider's seeds (scenarios/<slug>/clauses.yaml), loaded by the runner. */
  connect(target: TargetContext): Promise<ProviderSession>;
}
