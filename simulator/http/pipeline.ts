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

export interface PipelineDeps {
  slug: string;
  clock: Clock;
  journal: Journal;
  interceptor: Interceptor;
  spec: SpecValidator;
  /** Check every answer against the spec and record findings in the journal (tests turn this on). */
  validateResponses: boolean;
  controlActions?: Provider['controlActions'];
}

const UNKNOWN = 'unknown';

/** A provider as the front ends see it, from its stages. */
export function createPipeline<T extends StageTypes>(stages: ProviderStages<T>, deps: PipelineDeps): Provider {
  return new Pipeline(stages, deps);
}

class Pipeline<T extends StageTypes> implements Provider {
  readonly slug: string;
  readonly basePath: string | undefined;
  readonly controlActions: Provider['controlActions'];
  private readonly record: ReturnType<Journal['recorder']>;

  constructor(
    private readonly stages: ProviderStages<T>,
    private readonly deps: PipelineDeps,
  ) {
    this.slug = deps.slug;
    this.basePath = stages.basePath;
    this.controlActions = deps.controlActions;
    this.record = deps.journal.recorder(deps.slug, deps.clock);
  }

  get maxBodyBytes(): number {
    return this.stages.maxBodyBytes();
  }

  matchesHost(host: string, path: string): boolean {
    return this.stages.matchesHost(host, path);
  }

  onListening(baseUrl: string): void {
    this.stages.onListening?.(baseUrl);
  }

  /** A body over maxBodyBytes, refused before it is read: the operation is named when the request line routes. */
  oversizeResponse(req: SimRequest): SimResponse {
    const frame = this.stages.begin(req);
    const operation = this.operationOf(req);
    const err = this.stages.errors.oversize(req, this.maxBodyBytes);
    const res = this.stages.renderError(err, req, frame);
    this.record(req, { operation, status: res.status, code: err.code, requestId: frame.requestId, specIssues: this.specIssues(operation, res) });
    return res;
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const { stages, deps } = this;
    const started = deps.clock.now();
    const frame = stages.begin(req);
    let operation: string = UNKNOWN;
    let res: SimResponse;
    let code: string | undefined;
    let crash: string | undefined;
    let injected: string | undefined;
    let quota: Quota | undefined;
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
      let partial: PartialDecision | undefined;
      switch (decision.kind) {
        case 'pass':
          break;
        case 'drop':
          this.record(req, { operation, status: 0, requestId: frame.requestId, injected });
          return { status: 0, headers: {}, dropConnection: true };
        case 'throttle':
          throw stages.errors.throttle(decision);
        case 'fail':
          throw stages.errors.fault(decision);
        case 'partial':
          if (!stages.partialOperations.has(routed.operation)) throw stages.errors.fault(decision);
          partial = decision;
          break;
      }

      stages.applyDue?.(parts);
      const handler = stages.handlers[routed.operation as T['op']];
      res = handler(stages.context(parts, partial));
    } catch (err) {
      ({ res, code, crash } = this.renderCaught(err, req, frame));
    }
    stages.finish?.(res, { started, now: deps.clock.now(), quota });
    this.record(req, { operation, status: res.status, code, requestId: frame.requestId, specIssues: this.specIssues(operation, res), crash, injected });
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
