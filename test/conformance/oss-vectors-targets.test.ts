/**
 * One runner, several targets (issue 6 §2, §5): the in-process simulator and the same simulator over HTTP give
 * identical results — per scenario, per step, down to the normalised answers.
 */
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../scenarios/runner/run.ts';
import { createSimulator } from '../../simulator/index.ts';
import { comparable } from './helpers.ts';

describe('in-process vs HTTP simulator', () => {
  it('every scenario gives the same result and the same normalised answers on both targets', async () => {
    const inProcess = await runConformance({ target: { kind: 'in-process' }, providers: ['oss-vectors'], runPrefix: 'vcsame' });
    const overHttp = await runConformance({ target: { kind: 'http' }, providers: ['oss-vectors'], runPrefix: 'vcsame' });
    expect(inProcess.counts.failed, JSON.stringify(inProcess.scenarios.filter((s) => s.result === 'failed'), null, 2)).toBe(0);
    expect(comparable(overHttp)).toEqual(comparable(inProcess));
    expect(overHttp.counts).toEqual(inProcess.counts);
    expect(overHttp.providers[0]!.clauses.map((c) => [c.id, c.result])).toEqual(inProcess.providers[0]!.clauses.map((c) => [c.id, c.result]));
  });

  it('an HTTP endpoint the runner did not start is driven through its control API; option-only states are not applicable there', async () => {
    const sim = createSimulator({ limits: 'none' });
    const endpoints = await sim.startHttp();
    try {
      const report = await runConformance({
        target: { kind: 'http', endpoints: { 'oss-vectors': endpoints['oss-vectors'] } },
        scenarios: ['dv-partial-on-5xx', 'dv-qps-limit', 'dvi-conflict-while-creating', 'dv-batch-delete'],
      });
      const byId = Object.fromEntries(report.scenarios.map((s) => [s.id, s]));
      expect(byId['dv-partial-on-5xx']!.result).toBe('passed');
      expect(byId['dv-qps-limit']!.result).toBe('passed');
      expect(byId['dv-batch-delete']!.result).toBe('passed');
      expect(byId['dvi-conflict-while-creating']!.result).toBe('not-applicable');
      expect(byId['dvi-conflict-while-creating']!.reason).toMatch(/control:options/);
      // Fault plans and limits were removed again, and every bucket was cleaned up.
      expect(sim.control.faults()).toEqual([]);
      expect(sim.control.limits()).toEqual([]);
      expect(sim.ossVectors.state.listBuckets('1234567890', 'cn-hangzhou')).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
