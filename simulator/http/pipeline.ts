/**
 * The one request pipeline. Every provider's requests go through the same named stages in the same order:
 *
 *   begin → route → authenticate → resolve ⇄ parseBody (order from the description) → intercept (faults, QPS
 *   limits, latency) → applyDue → handler → finish → check the answer against the spec → journal
 *
 * A description (description.ts) supplies each stage; none of them knows the others. One catch point renders every
 * provider error in the provider's wire format and turns anything unexpected into the provider's 500 — recorded in
 * the journal as a crash, never thrown to the front end.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from '../core/errors.ts';
import type { Clock } from '../engine/clock.ts';
import type { Interceptor, Quota } from '../engine/interception.ts';
import type { AnswerFrame, Parts, PartialDecision, ProviderStages, Routed, StageTypes } from './description.ts';
import type { Journal } from './journal.ts';
import type { SpecValidator } from './spec-validator.ts';
import type { Provider, SimRequest, SimResponse } from './types.ts';
import type { LoggedRequest, WriteLog } from './write-log.ts';

export interface PipelineDeps {
  slug: string;
  clock: Clock;
  journal: Journal;
  interceptor: Interceptor;
  spec: SpecValidator;
  /** Check every answer against the spec and record findings in the journal (tests turn this on). */
  validateResponses: boolean;
  controlActions?: Provider['controlActions'];
  /** Where writes are logged before they are answered (persistence, snapshots); none by default. */
  writeLog?: WriteLog | undefined;
  /** A promise to wait for before serving a request (a world being rebuilt), or undefined. */
  gate?: () => Promise<void> | undefined;
  /** Runs `fn` with the clock standing still at `at` (given with a write log). */
  freeze?: <R>(at: number, fn: () => R) => R;
}

const UNKNOWN = 'unknown';

/** A provider as the front ends see it, plus what the world needs: replay of logged writes, and a fresh state. */
export interface PipelineProvider extends Provider {
  replay(entry: LoggedRequest): Promise<number>;
  /** Serves a rebuilt world (reset, restore) through the same front ends. */
  rebind(stages: ProviderStages<StageTypes>, controlActions: Provider['controlActions']): void;
}

/** A provider as the front ends see it, from its stages. */
export function createPipeline<T extends StageTypes>(stages: ProviderStages<T>, deps: PipelineDeps): PipelineProvider {
  return new Pipeline(stages, deps) as unknown as PipelineProvider;
}

class Pipeline<T extends StageTypes> implements Provider {
  readonly slug: string;
  basePath: string | undefined;
  controlActions: Provider['controlActions'];
  private readonly journal: ReturnType<Journal['recorder']>;
  private baseUrl: string | undefined;

  constructor(
    private stages: ProviderStages<T>,
    private readonly deps: PipelineDeps,
  ) {
    this.slug = deps.slug;
    this.basePath = stages.basePath;
    this.controlActions = deps.controlActions;
    this.journal = deps.journal.recorder(deps.slug, deps.clock);
  }

  rebind(stages: ProviderStages<T>, controlActions: Provider['controlActions']): void {
    this.stages = stages;
    this.basePath = stages.basePath;
    this.controlActions = controlActions;
    if (this.baseUrl !== undefined) stages.onListening?.(this.baseUrl);
  }

  get maxBodyBytes(): number {
    return this.stages.maxBodyBytes();
  }

  matchesHost(host: string, path: string): boolean {
    return this.stages.matchesHost(host, path);
  }

  onListening(baseUrl: string): void {
    this.baseUrl = baseUrl;
    this.stages.onListening?.(baseUrl);
  }

  /** A body over maxBodyBytes, refused before it is read: the operation is named when the request line routes. */
  oversizeResponse(req: SimRequest): SimResponse {
    const frame = this.stages.begin(req);
    const operation = this.operationOf(req);
    const err = this.stages.errors.oversize(req, this.maxBodyBytes);
    const res = this.stages.renderError(err, req, frame);
    this.journal(req, { operation, status: res.status, code: err.code, requestId: frame.requestId, specIssues: this.specIssues(operation, res) });
    return res;
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    return this.run(req, undefined);
  }

  /**
   * Runs a logged request again on a fresh world (write-log.ts): the same stages without faults, limits, latency or
   * journal, an injected partial fault replaced by what it picked then. Resolves to the answer's status.
   */
  async replay(entry: LoggedRequest): Promise<number> {
    const req: SimRequest = {
      method: entry.method,
      host: entry.host,
      path: entry.path,
      rawQuery: entry.rawQuery,
      query: new URLSearchParams(entry.rawQuery),
      headers: entry.headers,
      body: entry.body,
      remoteAddress: entry.remoteAddress,
    };
    return (await this.run(req, entry)).status;
  }

  private async run(req: SimRequest, replaying: LoggedRequest | undefined): Promise<SimResponse> {
    // While a world is being rebuilt (restore), requests wait for it.
    const gate = replaying ? undefined : this.deps.gate?.();
    if (gate) await gate;
    const { stages, deps } = this;
    const started = deps.clock.now();
    const frame = stages.begin(req);
    let operation: string = UNKNOWN;
    let res: SimResponse;
    let code: string | undefined;
    let crash: string | undefined;
    let injected: string | undefined;
    let quota: Quota | undefined;
    /** Set once a handler that may change state ran: its request goes to the write log. */
    let wrote = false;
    let picks: number[][] | undefined;
    let partial: PartialDecision | undefined;
    let handledAt = started;
    try {
      const result = stages.route(req);
      operation = result.operation;
      if (result.kind === 'unmodelled') throw stages.errors.notImplemented(result.operation);
      const routed = result as Routed<T>;
      const caller = stages.authenticate(req, routed);
      let resource: T['resource'];
      let body: T['body'];
      if (stages.resolveBeforeBody) {
        resource = stages.resolve(req, routed, caller);
        body = await stages.parseBody(req, routed);
      } else {
        body = await stages.parseBody(req, routed);
        resource = stages.resolve(req, routed, caller);
      }
      const parts: Parts<T> = { req, requestId: frame.requestId, headers: frame.headers, operation: routed.operation, route: routed.route, caller, resource, body };

      if (replaying) {
        partial = replaying.partial && replayedPartial(replaying.partial, replaying.picks ?? []);
      } else {
        // intercept: faults, QPS limits and latency, consulted once per request.
        const target = stages.target(parts);
        const interception = deps.interceptor.decide({
          provider: deps.slug,
          operation,
          client: req.remoteAddress,
          account: target.account,
          resource: target.resource,
          credential: target.credential,
          batchSize: target.batchSize,
        });
        const { decision, latencyMs } = interception;
        quota = interception.quota;
        if (latencyMs > 0) await sleep(latencyMs);
        injected = decision.kind !== 'pass' ? decision.kind : latencyMs > 0 ? 'latency' : undefined;
        switch (decision.kind) {
          case 'pass':
            break;
          case 'drop':
            this.journal(req, { operation, status: 0, requestId: frame.requestId, injected });
            return { status: 0, headers: {}, dropConnection: true };
          case 'throttle':
            throw stages.errors.throttle(decision);
          case 'fail':
            throw stages.errors.fault(decision);
          case 'partial':
            if (!stages.partialOperations.has(routed.operation)) throw stages.errors.fault(decision);
            if (deps.writeLog) ({ partial, picks } = recordingPicks(decision));
            else partial = decision;
            break;
        }
      }

      const handler = stages.handlers[routed.operation as T['op']];
      wrote = !stages.readOnly?.has(routed.operation);
      const write = () => {
        stages.applyDue?.(parts);
        return handler(stages.context(parts, partial));
      };
      if (deps.freeze) {
        // With a write log, the handler runs at one instant (it may read the clock several times), and that instant
        // is what the log records and a replay runs it at.
        handledAt = replaying?.at ?? deps.clock.now();
        res = deps.freeze(handledAt, write);
      } else {
        res = write();
      }
    } catch (err) {
      ({ res, code, crash } = this.renderCaught(err, req, frame));
    }
    stages.finish?.(res, { started, now: deps.clock.now(), quota });
    if (replaying) return res;
    this.journal(req, { operation, status: res.status, code, requestId: frame.requestId, specIssues: this.specIssues(operation, res), crash, injected });
    const log = deps.writeLog;
    if (log) {
      // The answer leaves only once its write (or, for a read, every write before it) is durable.
      if (wrote) {
        try {
          await log.record({
            kind: 'request',
            at: handledAt,
            provider: deps.slug,
            operation,
            method: req.method,
            host: req.host,
            path: req.path,
            rawQuery: req.rawQuery,
            headers: req.headers,
            body: req.body,
            remoteAddress: req.remoteAddress,
            status: res.status,
            picks,
            partial: partial && { status: partial.status, code: partial.code, message: partial.message },
          });
        } catch (err) {
          // The write is not durable: the client must not take it as done. The log refuses every later write too.
          const perr = stages.errors.internal();
          this.journal(req, { operation, status: perr.status, code: perr.code, requestId: frame.requestId, crash: `write log: ${(err as Error).message}` });
          return stages.renderError(perr, req, frame);
        }
      } else {
        await log.barrier();
      }
    }
    return res;
  }

  /** The one catch point. */
  private renderCaught(err: unknown, req: SimRequest, frame: AnswerFrame): { res: SimResponse; code: string; crash: string | undefined } {
    if (err instanceof ProviderError) return { res: this.stages.renderError(err, req, frame), code: err.code, crash: undefined };
    const perr = this.stages.errors.internal();
    const crash = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { res: this.stages.renderError(perr, req, frame), code: perr.code, crash };
  }

  private operationOf(req: SimRequest): string {
    try {
      return this.stages.route(req).operation;
    } catch {
      return UNKNOWN;
    }
  }

  private specIssues(operation: string, res: SimResponse): string[] | undefined {
    return this.deps.validateResponses ? this.deps.spec.responseFindings(operation, res) : undefined;
  }
}

/** A partial decision whose picks are remembered (by index, in call order) so a replay picks the same items. */
function recordingPicks(decision: PartialDecision): { partial: PartialDecision; picks: number[][] } {
  const picks: number[][] = [];
  const pick = <I>(items: readonly I[]): I[] => {
    const chosen = decision.pick(items);
    // pick keeps the items' order, so one forward scan finds each chosen item's index (duplicates included).
    const indices: number[] = [];
    let from = 0;
    for (const c of chosen) {
      const i = items.indexOf(c, from);
      indices.push(i);
      from = i + 1;
    }
    picks.push(indices);
    return chosen;
  };
  return { partial: { ...decision, pick }, picks };
}

function replayedPartial(p: NonNullable<LoggedRequest['partial']>, picks: number[][]): PartialDecision {
  let call = 0;
  return { kind: 'partial', status: p.status, code: p.code, message: p.message, pick: <I>(items: readonly I[]) => (picks[call++] ?? []).map((i) => items[i]!) };
}
