/**
 * Fault plans and QPS limits as data, and the controller that applies them. Knows no HTTP and no provider wire
 * format: providers render its decisions (simulator/engine/interception.ts).
 */
import type { Clock } from './clock.ts';
import { createRandom, type Random } from './random.ts';
import { SlidingWindowLimiter } from './rate-limiter.ts';
import type { CallInfo, Decision, Interception, Interceptor, Quota } from './interception.ts';
import { PASS } from './interception.ts';

/** What to do to a matching call. */
export type FaultAction =
  | { kind: 'fail'; status: number; code: string; message?: string }
  /** Apply a seeded subset (`fraction` of the batch, default 0.5) of a batch write, then answer status/code. */
  | { kind: 'partial'; status: number; code: string; message?: string; fraction?: number }
  | { kind: 'drop' }
  /** Latency only: the call then proceeds normally. */
  | { kind: 'latency' };

export interface FaultPlan {
  /** Name for the journal and the control API; generated when omitted. */
  id?: string;
  provider: string;
  /** operationId, or '*' for every operation. */
  operation: string;
  /** Trigger: the next N matching calls … */
  times?: number;
  /** … or each matching call with this probability, from the plan's seeded random source. */
  probability?: number;
  action: FaultAction;
  /** Added latency in ms: fixed, or uniform in [min, max]. */
  latencyMs?: number | { min: number; max: number };
  /** Seed for probability draws and partial subsets: same seed, same calls, same subsets. */
  seed?: string;
}

export interface LimitRule {
  /** Stable name, e.g. `oss-vectors/PutVectorIndex`; shown in throttle messages and the journal. */
  id: string;
  provider: string;
  /** operationIds the rule counts, or ['*']. */
  operations: string[];
  /** What the counter is keyed by. */
  per: ('account' | 'resource' | 'credential' | 'client')[];
  limit: number;
  windowMs: number;
  /** 'requests' counts calls; 'items' counts batch items (e.g. vectors per second). */
  unit: 'requests' | 'items';
  /** Where the number comes from. */
  source: string;
}

interface ActivePlan {
  plan: FaultPlan & { id: string };
  remaining: number | undefined;
  random: Random;
  calls: number;
}

export class FaultController implements Interceptor {
  private plans: ActivePlan[] = [];
  private rules: LimitRule[];
  private readonly limiter: SlidingWindowLimiter;
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    rules: LimitRule[],
    private readonly seed = 'vconf',
  ) {
    this.rules = [...rules];
    this.limiter = new SlidingWindowLimiter(clock);
  }

  decide(call: CallInfo): Interception {
    const fault = this.matchFault(call);
    let latencyMs = 0;
    let decision: Decision = { kind: 'pass' };
    if (fault) {
      latencyMs = this.latency(fault);
      decision = this.toDecision(fault);
    }
    let quota: Quota | undefined;
    if (decision.kind === 'pass') {
      const limited = this.checkLimits(call);
      if (limited.throttle) decision = limited.throttle;
      quota = limited.quota;
    }
    return decision.kind === 'pass' && latencyMs === 0 && !quota ? PASS : { decision, latencyMs, quota };
  }

  addFault(plan: FaultPlan): string {
    const id = plan.id ?? `fault-${this.nextId++}`;
    this.plans.push({
      plan: { ...plan, id },
      remaining: plan.times,
      random: createRandom(`${this.seed}/${plan.seed ?? id}`),
      calls: 0,
    });
    return id;
  }

  removeFault(id: string): boolean {
    const before = this.plans.length;
    this.plans = this.plans.filter((p) => p.plan.id !== id);
    return this.plans.length !== before;
  }

  clearFaults(): void {
    this.plans = [];
  }

  faults(): (FaultPlan & { id: string; remaining?: number | undefined })[] {
    return this.plans.map((p) => ({ ...p.plan, remaining: p.remaining }));
  }

  limits(): LimitRule[] {
    return this.rules.map((r) => ({ ...r, operations: [...r.operations], per: [...r.per] }));
  }

  /** Replaces the rule with the same id, or adds it. */
  setLimit(rule: LimitRule): void {
    this.rules = [...this.rules.filter((r) => r.id !== rule.id), rule];
    this.limiter.reset();
  }

  replaceLimits(rules: LimitRule[]): void {
    this.rules = [...rules];
    this.limiter.reset();
  }

  removeLimit(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  private matchFault(call: CallInfo): ActivePlan | undefined {
    for (const active of this.plans) {
      const { plan } = active;
      if (plan.provider !== call.provider || (plan.operation !== '*' && plan.operation !== call.operation)) continue;
      if (active.remaining !== undefined) {
        if (active.remaining <= 0) continue;
        active.remaining--;
        active.calls++;
        return active;
      }
      if (plan.probability !== undefined) {
        active.calls++;
        if (active.random.next() < plan.probability) return active;
        continue;
      }
      active.calls++;
      return active; // neither trigger: every matching call
    }
    return undefined;
  }

  private latency(active: ActivePlan): number {
    const l = active.plan.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l.min + active.random.next() * (l.max - l.min);
  }

  private toDecision(active: ActivePlan): Decision {
    const a = active.plan.action;
    switch (a.kind) {
      case 'latency':
        return { kind: 'pass' };
      case 'drop':
        return { kind: 'drop' };
      case 'fail':
        return { kind: 'fail', status: a.status, code: a.code, message: a.message };
      case 'partial': {
        // Same seed, same call number, same subset: the subset's random source depends only on those.
        const subsetRandom = createRandom(`${this.seed}/${active.plan.seed ?? active.plan.id}/call-${active.calls}`);
        const fraction = a.fraction ?? 0.5;
        return {
          kind: 'partial',
          status: a.status,
          code: a.code,
          message: a.message,
          pick: <T>(items: readonly T[]) => subsetRandom.subset(items, fraction),
        };
      }
    }
  }

  /**
   * All matching rules must admit the call before any of them counts it (a refused call consumes nothing).
   * Also reports the tightest rule's standing, for providers that send rate-limit headers.
   */
  private checkLimits(call: CallInfo): { throttle?: Decision; quota?: Quota } {
    const applicable: { rule: LimitRule; key: string; units: number }[] = [];
    for (const rule of this.rules) {
      if (rule.provider !== call.provider) continue;
      if (!rule.operations.includes('*') && !rule.operations.includes(call.operation)) continue;
      const units = rule.unit === 'items' ? (call.batchSize ?? 0) : 1;
      if (units === 0) continue;
      const key = [rule.id, ...rule.per.map((p) => call[p] ?? '-')].join('|');
      const r = this.limiter.take(key, rule, units, false);
      if (!r.ok) {
        const quota = { policy: rule.id, limit: rule.limit, remaining: 0, resetMs: r.retryAfterMs, windowMs: rule.windowMs };
        return { throttle: { kind: 'throttle', limit: rule.id, retryAfterMs: r.retryAfterMs }, quota };
      }
      applicable.push({ rule, key, units });
    }
    let quota: Quota | undefined;
    for (const a of applicable) {
      const r = this.limiter.take(a.key, a.rule, a.units, true);
      if (r.ok && (!quota || r.remaining < quota.remaining)) {
        quota = { policy: a.rule.id, limit: a.rule.limit, remaining: r.remaining, resetMs: r.resetMs, windowMs: a.rule.windowMs };
      }
    }
    return { quota };
  }
}
