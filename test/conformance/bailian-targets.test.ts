/**
 * Bailian through the one runner (issue 6 §2, §5): the in-process simulator and the same simulator over HTTP give
 * identical results, and an HTTP endpoint the runner did not start is driven through its control API — limits and
 * faults apply, option-only states (a file held in PARSING) are not applicable, files are waited for, bounded — with
 * every category and file cleaned up afterwards.
 */
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../scenarios/runner/run.ts';
import { createSimulator } from '../../simulator/index.ts';
import { comparable } from './helpers.ts';

describe('bailian: in-process vs HTTP simulator', () => {
  it('every scenario gives the same result and the same normalised answers on both targets', async () => {
    const inProcess = await runConformance({ target: { kind: 'in-process' }, providers: ['bailian'], runPrefix: 'vcsame' });
    const overHttp = await runConformance({ target: { kind: 'http' }, providers: ['bailian'], runPrefix: 'vcsame' });
    expect(inProcess.counts.failed, JSON.stringify(inProcess.scenarios.filter((s) => s.result === 'failed'), null, 2)).toBe(0);
    expect(inProcess.counts.passed).toBeGreaterThanOrEqual(30);
    expect(comparable(overHttp)).toEqual(comparable(inProcess));
    expect(overHttp.counts).toEqual(inProcess.counts);
    const clauses = (r: typeof inProcess) => r.providers[0]!.clauses.map((c) => [c.id, c.result]);
    expect(clauses(overHttp)).toEqual(clauses(inProcess));
    expect(inProcess.providers[0]!.uncovered).toEqual([]);
    // Only the sentences nothing here can exercise are not applicable: RAM users, knowledge bases, data tables.
    expect(inProcess.scenarios.filter((s) => s.result === 'not-applicable').map((s) => s.id).sort()).toEqual([
      'dfs-data-tables-not-deletable',
      'dfs-knowledge-base-unaffected',
      'dfs-ram-user-denied',
    ]);
    expect(inProcess.scenarios.flatMap((s) => s.cleanup)).toEqual([]);
    // Server-assigned file ids appear under the scenario's logical names in normalised answers.
    const perFile = inProcess.scenarios.find((s) => s.id === 'dfs-per-file-results')!.steps[0]!.normalised!.body as { Data: unknown };
    expect(perFile.Data).toEqual({
      DeleteFileResultList: [
        { FileId: '{{a}}', Status: 'DELETED' },
        { FileId: 'file_vconf_absent_1', Status: 'NOT_FOUND' },
        { FileId: '{{b}}', Status: 'DELETED' },
      ],
    });
  });

  it('an HTTP endpoint the runner did not start: control API limits and faults apply, option-only states are not applicable, nothing is left behind', async () => {
    // Short parse times: without the options the states wait for parsing to finish, bounded.
    const sim = createSimulator({ limits: 'none', bailian: { parseInitMs: 150, parseDurationMs: 150 } });
    const endpoints = await sim.startHttp();
    try {
      const report = await runConformance({
        target: { kind: 'http', endpoints: { bailian: endpoints.bailian } },
        providers: ['bailian'],
        scenarios: ['dfs-qps-limit', 'dfs-retry-after-partial-5xx', 'dfs-per-file-results', 'dfs-parsing-file-failed', 'fl-lease-upload-add-delete', 'fl-categories'],
      });
      const byId = Object.fromEntries(report.scenarios.map((s) => [s.id, s]));
      for (const id of ['dfs-qps-limit', 'dfs-retry-after-partial-5xx', 'dfs-per-file-results', 'fl-lease-upload-add-delete', 'fl-categories']) {
        expect(byId[id]!.result, `${id}: ${byId[id]!.reason}`).toBe('passed');
      }
      expect(byId['dfs-parsing-file-failed']!.result).toBe('not-applicable');
      expect(byId['dfs-parsing-file-failed']!.reason).toMatch(/control:options/);
      expect(sim.control.faults()).toEqual([]);
      expect(sim.control.limits()).toEqual([]);
      const ws = sim.bailian.state.workspace('llm-simulator')!;
      expect([...ws.files.keys()]).toEqual([]);
      expect([...ws.categories.values()].map((c) => c.name)).toEqual(['default']);
      expect(report.scenarios.flatMap((s) => s.cleanup)).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
