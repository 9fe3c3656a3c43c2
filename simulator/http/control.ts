/**
 * The control endpoint on a reserved path of every provider's HTTP server (`/__vconf/…`, checked before any
 * provider route, so no provider request can reach it). JSON in, JSON out. A malformed plan changes nothing.
 *
 *   GET    /__vconf/health
 *   GET    /__vconf/journal?since=N&provider=slug
 *   GET    /__vconf/faults            POST /__vconf/faults (one plan)   DELETE /__vconf/faults[/id]
 *   GET    /__vconf/limits            POST /__vconf/limits (one rule, replaces same id)
 *   PUT    /__vconf/limits (a list, or "documented" / "none")           DELETE /__vconf/limits/id
 *   POST   /__vconf/actions/{provider}/{action}   provider-specific actions (e.g. flush pending mutations)
 *   GET    /__vconf/world             the world as a snapshot file (needs a write log: --state-dir or --snapshots)
 *   PUT    /__vconf/world (a snapshot) replaces the world    DELETE /__vconf/world empties it
 */
import { SimulatorError } from '../core/errors.ts';
import type { FaultController, FaultPlan, LimitRule } from '../engine/faults.ts';
import type { Journal } from './journal.ts';
import type { ControlHandler } from './node-server.ts';
import type { Provider, SimRequest, SimResponse } from './types.ts';

export const CONTROL_PREFIX = '/__vconf';

function json(status: number, body: unknown): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export interface ControlDeps {
  controller: FaultController;
  journal: Journal;
  providers: Record<string, Provider>;
  /** The limits `PUT /__vconf/limits "documented"` restores. */
  documentedLimits: readonly LimitRule[];
  /** The world: reset, snapshot, restore (GET/PUT/DELETE /__vconf/world). */
  world: {
    snapshot(): string | undefined;
    restore(text: string): Promise<{ entries: number }>;
    reset(): void;
    readonly seed: string;
  };
  /** Validates plans and rules (they name one of the simulator's providers). */
  parseFaultPlan(data: unknown): FaultPlan;
  parseLimitRule(data: unknown): LimitRule;
}

export function createControlHandler(deps: ControlDeps): ControlHandler {
  const { controller, journal, providers, documentedLimits, world, parseFaultPlan, parseLimitRule } = deps;
  return {
    prefix: CONTROL_PREFIX,
    async respond(req: SimRequest): Promise<SimResponse> {
      const parts = req.path.slice(CONTROL_PREFIX.length).split('/').filter(Boolean);
      const [resource, id, action] = parts;
      try {
        const body = () => {
          try {
            return req.body.length ? (JSON.parse(req.body.toString('utf8')) as unknown) : undefined;
          } catch {
            throw new SimulatorError('the body is not valid JSON');
          }
        };
        switch (`${req.method} ${resource ?? ''}${id !== undefined ? '/:id' : ''}`) {
          case 'GET health':
            return json(200, { ok: true, providers: Object.keys(providers) });
          case 'GET journal': {
            const since = Number(req.query.get('since') ?? 0);
            const provider = req.query.get('provider') ?? undefined;
            return json(200, { entries: journal.read({ sinceSeq: Number.isFinite(since) ? since : 0, provider }), lastSeq: journal.lastSeq });
          }
          case 'GET world': {
            const snapshot = world.snapshot();
            if (snapshot === undefined) return json(409, { error: 'this server keeps no write log: start it with --state-dir DIR or --snapshots to snapshot its world' });
            return { status: 200, headers: { 'content-type': 'application/x-ndjson' }, body: snapshot };
          }
          case 'PUT world':
            return json(200, { restored: (await world.restore(req.body.toString('utf8'))).entries, seed: world.seed });
          case 'DELETE world':
            world.reset();
            return json(200, { reset: true, seed: world.seed });
          case 'GET faults':
            return json(200, { faults: controller.faults() });
          case 'POST faults':
            return json(201, { id: controller.addFault(parseFaultPlan(body())) });
          case 'DELETE faults':
            controller.clearFaults();
            return json(200, { faults: [] });
          case 'DELETE faults/:id':
            return controller.removeFault(id!) ? json(200, { removed: id }) : json(404, { error: `no fault plan ${id}` });
          case 'GET limits':
            return json(200, { limits: controller.limits() });
          case 'POST limits':
            controller.setLimit(parseLimitRule(body()));
            return json(200, { limits: controller.limits() });
          case 'PUT limits': {
            const b = body();
            const rules = b === 'documented' ? [...documentedLimits] : b === 'none' ? [] : Array.isArray(b) ? b.map(parseLimitRule) : undefined;
            if (!rules) throw new SimulatorError('PUT /__vconf/limits takes a list of rules, "documented" or "none"');
            controller.replaceLimits(rules);
            return json(200, { limits: controller.limits() });
          }
          case 'DELETE limits/:id':
            return controller.removeLimit(id!) ? json(200, { removed: id }) : json(404, { error: `no limit rule ${id}` });
          case 'POST actions/:id': {
            const fn = providers[id!]?.controlActions?.[action ?? ''];
            if (!fn) return json(404, { error: `no action ${action} for provider ${id}` });
            return json(200, { result: await fn(body()) });
          }
          default:
            return json(404, { error: `no control route ${req.method} ${req.path}` });
        }
      } catch (err) {
        if (err instanceof SimulatorError) return json(400, { error: err.message });
        throw err;
      }
    },
  };
}
