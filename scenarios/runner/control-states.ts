/**
 * Named states every simulator target offers, whatever the provider: injected faults and QPS limits
 * (simulator/engine/faults.ts), applied through the simulator's control API and undone after the scenario.
 * On a real target they cannot be applied, so scenarios using them are reported as not applicable, with the reason.
 */
import { stringParam } from '../../simulator/core/given.ts';
import type { SimulatorControl, StateInfo } from './types.ts';

export interface ControlState extends StateInfo {
  apply(control: SimulatorControl, provider: string, params: Record<string, unknown>): Promise<() => Promise<void>>;
}

function int(params: Record<string, unknown>, name: string): number {
  const n = Number(params[name]);
  if (!Number.isFinite(n)) throw new Error(`parameter ${name} must be a number`);
  return n;
}

export const CONTROL_STATES: ControlState[] = [
  {
    name: 'the next {count} {operation} calls fail with {status} {code}',
    requires: ['control:faults'],
    async apply(control, provider, p) {
      const id = await control.addFault({
        provider,
        operation: stringParam(p, 'operation'),
        times: int(p, 'count'),
        action: { kind: 'fail', status: int(p, 'status'), code: stringParam(p, 'code') },
      });
      return () => control.removeFault(id);
    },
  },
  {
    name: 'the next {operation} call applies {percent} percent of its batch, then fails with {status} {code}',
    requires: ['control:faults'],
    async apply(control, provider, p) {
      const id = await control.addFault({
        provider,
        operation: stringParam(p, 'operation'),
        times: 1,
        seed: 'conform',
        action: { kind: 'partial', status: int(p, 'status'), code: stringParam(p, 'code'), fraction: int(p, 'percent') / 100 },
      });
      return () => control.removeFault(id);
    },
  },
  {
    name: 'a QPS limit of {limit} per second on {operation}',
    requires: ['control:limits'],
    async apply(control, provider, p) {
      // No slashes: the id travels in the control endpoint's path.
      const id = `conform-${provider}-${stringParam(p, 'operation')}`;
      await control.setLimit({
        id,
        provider,
        operations: [stringParam(p, 'operation')],
        per: ['account'],
        limit: int(p, 'limit'),
        windowMs: 1000,
        unit: 'requests',
        source: 'conformance scenario (provider state)',
      });
      return () => control.removeLimit(id);
    },
  },
];
