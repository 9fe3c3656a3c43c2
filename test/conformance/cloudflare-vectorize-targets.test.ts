/**
 * Cloudflare Vectorize on one runner, several targets (issue 6 §2, §5): the in-process simulator and the same simulator
 * over HTTP give identical results, per scenario and per step, down to the normalised answers; an HTTP endpoint the
 * runner did not start is driven through its control API (mutations flushed with POST /__vconf/actions/…/flush).
 */
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../scenarios/runner/run.ts';
import { DEFAULT_ACCOUNT } from '../../simulator/cloudflare-vectorize/options.ts';
import { createSimulator } from '../../simulator/index.ts';
import { comparable } from './helpers.ts';

describe('cloudflare-vectorize: in-process vs HTTP simulator', () => {
  it('every scenario passes in-process and gives the same result and normalised answers over HTTP', async () => {
    const inProcess = await runConformance({ target: { kind: 'in-process' }, providers: ['cloudflare-vectorize'], runPrefix: 'vcsame' });
    const overHttp = await runConformance({ target: { kind: 'http' }, providers: ['cloudflare-vectorize'], runPrefix: 'vcsame' });
    expect(inProcess.counts.failed, JSON.stringify(inProcess.scenarios.filter((s) => s.result === 'failed'), null, 2)).toBe(0);
    expect(inProcess.counts.passed).toBe(inProcess.counts.total);
    expect(comparable(overHttp)).toEqual(comparable(inProcess));
    expect(overHttp.counts).toEqual(inProcess.counts);
    const clauses = (r: typeof inProcess) => r.providers[0]!.clauses.map((c) => [c.id, c.result]);
    expect(clauses(overHttp)).toEqual(clauses(inProcess));
    expect(inProcess.providers[0]!.uncovered).toEqual([]);
  });

  it('an HTTP endpoint the runner did not start: mutations are flushed through its control API; every index is cleaned up', async () => {
    // A delay no scenario could outwait: only the flush action can make the mutations visible in time.
    const sim = createSimulator({ limits: 'none', cloudflareVectorize: { mutationDelayMs: 60 * 60 * 1000 } });
    const endpoints = await sim.startHttp();
    try {
      const report = await runConformance({
        target: { kind: 'http', endpoints: { 'cloudflare-vectorize': endpoints['cloudflare-vectorize'] } },
        scenarios: ['dbi-async-visibility', 'dbi-101-ids', 'auth-read-only-refused', 'nb-delete-index'],
      });
      expect(report.scenarios.map((s) => [s.id, s.result, s.reason]).sort()).toEqual([
        ['auth-read-only-refused', 'passed', undefined],
        ['dbi-101-ids', 'passed', undefined],
        ['dbi-async-visibility', 'passed', undefined],
        ['nb-delete-index', 'passed', undefined],
      ]);
      expect(sim.cloudflareVectorize.state.listIndexes(DEFAULT_ACCOUNT)).toEqual([]);
      expect(sim.cloudflareVectorize.state.pendingSummary()).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
