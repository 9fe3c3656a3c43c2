/**
 * The one runner: loads scenarios, opens a target, and runs each scenario — requirements, resources, named states,
 * steps with partial expectations and spec validation, known deviations, clean-up — then builds the run report.
 * Record mode saves normalised answers; replay compares each answer with its recording field by field.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecValidator, type SpecValidator } from '../../simulator/http/spec-validator.ts';
import { CONTROL_STATES } from './control-states.ts';
import { loadProviders, REPO_ROOT, type ProviderBundle } from './load.ts';
import { isMatcher, match } from './match.ts';
import { deepDiff } from './normalise.ts';
import { aggregate, count, type ProviderReport, type RunReport } from './report-model.ts';
import { openTarget, type TargetSpec } from './targets.ts';
import { resolveTemplates } from './template.ts';
import type {
  Exchange,
  FieldDiff,
  LoadedScenario,
  ProviderAdapter,
  ProviderSession,
  Result,
  ScenarioResult,
  Step,
  StepResult,
  TargetContext,
} from './types.ts';

export const RECORDINGS_DIR = join(REPO_ROOT, 'scenarios', 'recordings');

export type ProgressEvent =
  | { type: 'start'; total: number; target: string }
  | { type: 'scenario-start'; index: number; total: number; provider: string; id: string }
  | { type: 'scenario-end'; index: number; total: number; result: ScenarioResult };

export interface RunOptions {
  target?: TargetSpec;
  providers?: string[];
  /** Scenario ids, `provider/id`, or patterns with `*`. */
  scenarios?: string[];
  record?: boolean;
  replay?: boolean;
  recordingsDir?: string;
  runId?: string;
  /** Prefix for real resource names; default derived from the run id. */
  runPrefix?: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Scenario folders root (tests); default scenarios/. */
  scenariosRoot?: string;
}

const REAL_POLL = { timeoutMs: 15_000, intervalMs: 500 };

export function newRunId(kind: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-${kind}-${Math.random().toString(36).slice(2, 6)}`;
}

export function selectScenarios(all: LoadedScenario[], patterns: string[] | undefined): LoadedScenario[] {
  if (!patterns || patterns.length === 0) return all;
  const res = patterns.map((p) => new RegExp(`^${p.split('*').map(escapeRe).join('.*')}$`));
  return all.filter((s) => res.some((re) => re.test(s.id) || re.test(`${s.provider}/${s.id}`)));
}

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export async function runConformance(opts: RunOptions = {}): Promise<RunReport> {
  const targetSpec = opts.target ?? { kind: 'in-process' };
  const bundles = await loadProviders({ providers: opts.providers, root: opts.scenariosRoot });
  const runId = opts.runId ?? newRunId(targetSpec.kind);
  const runPrefix = opts.runPrefix ?? `vc${Math.random().toString(36).slice(2, 7)}`;
  const startedAt = new Date();
  const selected = bundles.map((b) => ({ bundle: b, scenarios: selectScenarios(b.scenarios, opts.scenarios) }));
  const total = selected.reduce((n, s) => n + s.scenarios.length, 0);
  const target = await openTarget(targetSpec, runPrefix);
  const results: ScenarioResult[] = [];
  opts.onProgress?.({ type: 'start', total, target: target.context.name });
  let index = 0;
  try {
    for (const { bundle, scenarios } of selected) {
      if (scenarios.length === 0) continue;
      const session = await bundle.adapter.connect(target.context);
      try {
        for (const scenario of scenarios) {
          opts.onProgress?.({ type: 'scenario-start', index, total, provider: scenario.provider, id: scenario.id });
          const result = await runScenario(bundle.adapter, session, target.context, scenario, index, opts);
          results.push(result);
          opts.onProgress?.({ type: 'scenario-end', index, total, result });
          index++;
        }
      } finally {
        await session.close();
      }
    }
  } finally {
    await target.close();
  }
  const finishedAt = new Date();
  return {
    schemaVersion: 1,
    run: {
      id: runId,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      target: { kind: target.context.kind, name: target.context.name },
      providers: bundles.map((b) => b.adapter.slug),
      record: opts.record === true,
      replay: opts.replay === true,
      filter: opts.scenarios && opts.scenarios.length > 0 ? opts.scenarios : undefined,
    },
    counts: count(results.map((r) => r.result)),
    providers: bundles.map((b) => providerReport(b, results)),
    scenarios: results,
  };
}

function providerReport(bundle: ProviderBundle, results: ScenarioResult[]): ProviderReport {
  const mine = results.filter((r) => r.provider === bundle.adapter.slug);
  const byId = new Map(mine.map((r) => [r.id, r]));
  const resultOf = (id: string) => byId.get(id)?.result ?? ('not-run' as const);
  let specOps: string[] = [];
  try {
    specOps = loadSpecValidator(bundle.adapter.slug).operationIds();
  } catch {
    specOps = [];
  }
  const opIds = [...new Set([...specOps, ...bundle.scenarios.map((s) => s.operation)])];
  const operations = opIds.map((operationId) => {
    const ids = bundle.scenarios.filter((s) => s.operation === operationId).map((s) => s.id);
    return {
      operationId,
      result: aggregate(ids.map(resultOf)),
      counts: count(ids.map((id) => byId.get(id)?.result).filter((r): r is Result => r !== undefined)),
      scenarios: ids,
    };
  });
  const clauses = bundle.clauses.map((c) => {
    const covering = bundle.scenarios.filter((s) => s.source.some((src) => 'clause' in src && src.clause === c.id));
    const scen = covering.map((s) => ({ id: s.id, result: resultOf(s.id) }));
    return { ...c, scenarios: scen, result: aggregate(scen.map((s) => s.result)) };
  });
  return {
    slug: bundle.adapter.slug,
    counts: count(mine.map((r) => r.result)),
    operations,
    clauses,
    uncovered: clauses.filter((c) => c.result === 'uncovered').map((c) => c.id),
  };
}

function capabilityReason(cap: string, target: TargetContext, session: ProviderSession): string {
  const own = session.capabilityReasons?.[cap];
  if (own) return `${cap}: ${own}`;
  if (cap.startsWith('control:')) {
    return target.kind === 'real'
      ? `${cap}: faults, limits and simulator options cannot be set on the real service`
      : `${cap}: this simulator endpoint does not offer it (options need a simulator the runner holds: in-process or --target http)`;
  }
  if (cap.startsWith('identity:')) {
    return target.kind === 'real'
      ? `${cap}: no credentials for this identity in the environment (see scenarios/<provider>/adapter.ts)`
      : `${cap}: the simulator does not model this identity`;
  }
  return `${cap}: not offered by this target`;
}

async function runScenario(
  adapter: ProviderAdapter,
  session: ProviderSession,
  target: TargetContext,
  scenario: LoadedScenario,
  ordinal: number,
  opts: RunOptions,
): Promise<ScenarioResult> {
  const started = Date.now();
  const base: Omit<ScenarioResult, 'result' | 'durationMs'> = {
    id: scenario.id,
    provider: scenario.provider,
    title: scenario.title,
    file: scenario.file,
    operation: scenario.operation,
    operations: [...new Set(scenario.steps.map((s) => s.operation))],
    sources: scenario.source,
    steps: [],
    cleanup: [],
  };
  const finish = (result: Result, reason?: string): ScenarioResult => ({ ...base, result, reason, durationMs: Date.now() - started });

  if (target.servedProviders && !target.servedProviders.includes(scenario.provider)) {
    return finish('not-applicable', `this simulator does not serve ${scenario.provider} yet`);
  }
  if (session.unavailable) return finish('not-applicable', session.unavailable);
  const capabilities = new Set(session.capabilities);
  if (target.control) capabilities.add('control:faults').add('control:limits');
  const needed = new Set(scenario.requires ?? []);
  for (const g of scenario.given ?? []) {
    const info = [...adapter.states, ...CONTROL_STATES].find((s) => s.name === g.state);
    for (const r of info?.requires ?? []) needed.add(r);
  }
  for (const st of scenario.steps) needed.add(`identity:${st.as ?? 'owner'}`);
  const missing = [...needed].filter((c) => !capabilities.has(c));
  if (missing.length > 0) return finish('not-applicable', missing.map((c) => capabilityReason(c, target, session)).join('; '));

  const names: Record<string, string> = {};
  const resources: { kind: string; name: string }[] = [];
  for (const [logical, kind] of Object.entries(scenario.resources ?? {})) {
    names[logical] = session.allocate(kind, logical, ordinal);
    resources.push({ kind, name: names[logical]! });
  }
  const vars: Record<string, string> = { ...names };
  for (const [k, v] of Object.entries(session.variables)) vars[`var.${k}`] = v;
  const teardowns: (() => Promise<void>)[] = [];
  let result: Result = 'passed';
  let reason: string | undefined;
  try {
    for (const [i, g] of (scenario.given ?? []).entries()) {
      try {
        const params = resolveTemplates(g.params ?? {}, vars) as Record<string, unknown>;
        const control = CONTROL_STATES.find((s) => s.name === g.state);
        if (control) teardowns.push(await control.apply(target.control!, scenario.provider, params));
        else {
          const outcome = await session.applyState(g.state, params);
          const teardown = typeof outcome === 'function' ? outcome : outcome?.teardown;
          if (teardown) teardowns.push(teardown);
          if (typeof outcome === 'object' && outcome.variables) Object.assign(vars, outcome.variables);
        }
      } catch (err) {
        return finish('failed', `given[${i}] "${g.state}" could not be set up: ${(err as Error).message}`);
      }
    }
    const spec = specFor(scenario.provider);
    for (const [i, step] of scenario.steps.entries()) {
      const sr = await runStep(session, target, scenario, step, i, vars, names, spec);
      base.steps.push(sr);
      if (sr.result === 'passed' && step.capture) {
        for (const [name, where] of Object.entries(step.capture)) {
          const value = capture(sr.exchange!, where);
          if (value === undefined) {
            sr.result = 'failed';
            sr.diffs.push({ field: where, message: `nothing to capture as {{${name}}}` });
          } else vars[name] = value;
        }
      }
      if (sr.result === 'failed') {
        const deviation = (scenario.deviations ?? []).find(
          (d) => (d.step === i || d.step === sr.name) && d.targets.some((t) => t === target.kind || (t === 'simulator' && target.kind !== 'real')),
        );
        if (deviation) {
          sr.result = 'deviation';
          sr.deviationReason = deviation.reason;
          result = 'deviation';
          reason = `known deviation at step "${sr.name}": ${deviation.reason}`;
        } else {
          result = 'failed';
          reason = `step "${sr.name}" (${step.operation}): ${sr.transportError ?? sr.diffs.map((d) => `${d.field}: ${d.message}`).join('; ')}`;
        }
        for (const [j, rest] of scenario.steps.entries()) {
          if (j > i) base.steps.push({ name: rest.name ?? String(j), operation: rest.operation, as: rest.as ?? 'owner', result: 'not-run', diffs: [], attempts: 0, durationMs: 0 });
        }
        break;
      }
    }
  } finally {
    for (const t of teardowns.reverse()) {
      try {
        await t();
      } catch (err) {
        base.cleanup.push(`state teardown: ${(err as Error).message}`);
      }
    }
    base.cleanup.push(...(await session.cleanup(resources)));
  }

  const dir = opts.recordingsDir ?? RECORDINGS_DIR;
  if (opts.record && result !== 'failed') writeRecording(dir, scenario, target, base.steps);
  if (opts.replay) {
    const r = replay(dir, adapter, scenario, base.steps);
    base.replay = r;
    if (r.diffs.length > 0 && result === 'passed') {
      result = 'failed';
      reason = `differs from the recording (${r.recordedAt}): ${r.diffs.map((d) => `${d.field}: ${d.message}`).join('; ')}`;
    }
  }
  return finish(result, reason);
}

/** `body.a.b[0].c` or `header.name` of an answer, as a string. */
function capture(ex: Exchange, where: string): string | undefined {
  if (where.startsWith('header.')) return ex.response.headers[where.slice('header.'.length).toLowerCase()];
  let node: unknown;
  try {
    node = JSON.parse(ex.response.body);
  } catch {
    return undefined;
  }
  for (const part of where.slice('body.'.length).split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node === undefined || node === null ? undefined : typeof node === 'string' ? node : JSON.stringify(node);
}

const specCache = new Map<string, SpecValidator | undefined>();
function specFor(slug: string): SpecValidator | undefined {
  if (!specCache.has(slug)) {
    try {
      specCache.set(slug, loadSpecValidator(slug));
    } catch {
      specCache.set(slug, undefined);
    }
  }
  return specCache.get(slug);
}

async function runStep(
  session: ProviderSession,
  target: TargetContext,
  _scenario: LoadedScenario,
  step: Step,
  i: number,
  vars: Record<string, string>,
  names: Record<string, string>,
  spec: SpecValidator | undefined,
): Promise<StepResult> {
  const started = Date.now();
  const name = step.name ?? String(i);
  const as = step.as ?? 'owner';
  const request = resolveTemplates(step.request ?? {}, vars) as Record<string, unknown>;
  const expectation = resolveTemplates(step.expect, vars) as Step['expect'];
  const poll = step.poll && target.kind === 'real' ? { ...REAL_POLL, ...(typeof step.poll === 'object' ? step.poll : {}) } : undefined;
  let attempts = 0;
  let exchange: Exchange | undefined;
  let diffs: FieldDiff[] = [];
  let transportError: string | undefined;
  for (;;) {
    attempts++;
    transportError = undefined;
    try {
      exchange = await session.send(step.operation, request, as);
      diffs = evaluate(expectation, exchange, session, spec);
    } catch (err) {
      exchange = undefined;
      transportError = `${(err as Error).name}: ${(err as Error).message}`;
      diffs = [{ field: 'transport', message: transportError }];
    }
    if (diffs.length === 0 || !poll || Date.now() - started + poll.intervalMs > poll.timeoutMs) break;
    await new Promise((r) => setTimeout(r, poll.intervalMs));
  }
  return {
    name,
    operation: step.operation,
    as,
    result: diffs.length === 0 ? 'passed' : 'failed',
    status: exchange?.response.status,
    errorCode: exchange ? session.errorCode(exchange.response) : undefined,
    diffs,
    attempts,
    durationMs: Date.now() - started,
    exchange,
    normalised: exchange ? session.normalise(exchange.response, names) : undefined,
    transportError,
  };
}

export function evaluate(expect: Step['expect'], ex: Exchange, session: Pick<ProviderSession, 'errorCode'>, spec: SpecValidator | undefined): FieldDiff[] {
  const res = ex.response;
  const diffs: FieldDiff[] = [];
  if (expect.status !== undefined) {
    const allowed = Array.isArray(expect.status) ? expect.status : [expect.status];
    if (!allowed.includes(res.status)) diffs.push({ field: 'status', expected: expect.status, actual: res.status, message: `expected ${allowed.join(' or ')}, got ${res.status}` });
  }
  if (expect.error !== undefined) {
    const code = session.errorCode(res);
    if (code !== expect.error) diffs.push({ field: 'error', expected: expect.error, actual: code, message: `expected error code ${expect.error}, got ${code ?? 'none'}` });
  }
  for (const [name, expected] of Object.entries(expect.headers ?? {})) {
    const lower = name.toLowerCase();
    const actual = Object.entries(res.headers).find(([k]) => k.toLowerCase() === lower)?.[1];
    diffs.push(...match(expected, actual, `header.${lower}`));
  }
  if (expect.body !== undefined) {
    if (expect.body === 'empty') {
      if (res.body !== '') diffs.push({ field: 'body', expected: '', actual: res.body.slice(0, 200), message: `expected an empty body, got ${res.body.length} characters` });
    } else {
      let json: unknown;
      let parsed = true;
      try {
        json = res.body === '' ? undefined : JSON.parse(res.body);
      } catch {
        parsed = false;
      }
      if (!parsed && !isMatcher(expect.body)) diffs.push({ field: 'body', actual: res.body.slice(0, 200), message: 'not JSON' });
      else diffs.push(...match(expect.body, parsed ? json : res.body, 'body'));
    }
  }
  if (expect.spec !== false && spec && spec.operationIds().includes(ex.operation)) {
    for (const issue of spec.validateResponse(ex.operation, { status: res.status, headers: res.headers, body: res.body })) {
      diffs.push({ field: `spec: ${issue.where}`, message: issue.message });
    }
  }
  return diffs;
}

interface Recording {
  scenario: string;
  provider: string;
  recordedAt: string;
  target: string;
  steps: { name: string; operation: string; response: unknown }[];
}

function recordingPath(dir: string, scenario: LoadedScenario): string {
  return join(dir, scenario.provider, `${scenario.id}.json`);
}

function writeRecording(dir: string, scenario: LoadedScenario, target: TargetContext, steps: StepResult[]): void {
  const rec: Recording = {
    scenario: scenario.id,
    provider: scenario.provider,
    recordedAt: new Date().toISOString(),
    target: target.name,
    steps: steps.filter((s) => s.normalised).map((s) => ({ name: s.name, operation: s.operation, response: s.normalised })),
  };
  mkdirSync(join(dir, scenario.provider), { recursive: true });
  writeFileSync(recordingPath(dir, scenario), `${JSON.stringify(rec, null, 2)}\n`);
}

function replay(dir: string, adapter: ProviderAdapter, scenario: LoadedScenario, steps: StepResult[]): NonNullable<ScenarioResult['replay']> {
  const file = recordingPath(dir, scenario);
  if (!existsSync(file)) return { recording: undefined, diffs: [] };
  const rec = JSON.parse(readFileSync(file, 'utf8')) as Recording;
  const ignore = new Set((adapter.replayIgnore ?? []).map((i) => i.field));
  const diffs: FieldDiff[] = [];
  for (const recorded of rec.steps) {
    const mine = steps.find((s) => s.name === recorded.name);
    if (!mine?.normalised) {
      diffs.push({ field: `steps.${recorded.name}`, message: 'recorded, but not run now' });
      continue;
    }
    for (const d of deepDiff(recorded.response, mine.normalised, `steps.${recorded.name}`)) {
      const field = d.field.slice(`steps.${recorded.name}.`.length);
      if (!ignore.has(field)) diffs.push(d);
    }
  }
  return { recording: file.slice(REPO_ROOT.length), recordedAt: rec.recordedAt, diffs };
}
