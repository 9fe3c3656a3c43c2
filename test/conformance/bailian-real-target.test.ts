/**
 * Bailian's real-service target without the internet (issue 6 §5): its code path — the public endpoint
 * bailian.cn-beijing.aliyuncs.com, ACS3-HMAC-SHA256 signing with the Credentials tool's variables
 * (ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET) and WORKSPACE_ID, run-prefixed categories and file names, bounded waiting for
 * parsing, clean-up — runs against a second simulator over HTTP with signing on. Only the last hop differs: requests
 * travel in proxy form to the simulator's address instead of through DNS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../scenarios/runner/report-model.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import { createSimulator, type Simulator } from '../../simulator/index.ts';

const ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'test',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'test',
  WORKSPACE_ID: 'llm-simulator',
  VCONF_BAILIAN_OTHER_ACCESS_KEY_ID: 'other',
  VCONF_BAILIAN_OTHER_ACCESS_KEY_SECRET: 'other',
  VCONF_BAILIAN_OTHER_WORKSPACE_ID: 'llm-other',
};
const PREFIX = 'vcbreal';

let sim: Simulator;
let report: RunReport;
const categoryNames: string[] = [];
const fileNames: string[] = [];

beforeAll(async () => {
  // Auth on; parsing finishes at once, so the bounded waits of the real path return on their first look.
  sim = createSimulator({ limits: 'none', validateResponses: true, bailian: { parseInitMs: 0, parseDurationMs: 0 } });
  const via = (await sim.startHttp()).bailian;
  const state = sim.bailian.state;
  const addCategory = state.addCategory.bind(state);
  state.addCategory = (ws, c) => (categoryNames.push(c.name), addCategory(ws, c));
  const createLease = state.createLease.bind(state);
  state.createLease = (ws, cat, l) => (fileNames.push(l.fileName), createLease(ws, cat, l));
  report = await runConformance({ target: { kind: 'real', env: ENV, via }, providers: ['bailian'], runPrefix: PREFIX });
});

afterAll(async () => {
  await sim.close();
});

describe('bailian real target, pointed at a second simulator', () => {
  it('runs every scenario that needs no simulator control; the others are not applicable, with the reason', () => {
    const by = (r: string) => report.scenarios.filter((s) => s.result === r).map((s) => s.id).sort();
    expect(by('failed'), JSON.stringify(report.scenarios.filter((s) => s.result === 'failed').map((s) => [s.id, s.reason]), null, 2)).toEqual([]);
    expect(by('not-applicable')).toEqual([
      'dfs-data-tables-not-deletable',
      'dfs-init-file-failed',
      'dfs-knowledge-base-unaffected',
      'dfs-mixed-batch-only-finished',
      'dfs-parsing-file-failed',
      'dfs-qps-limit',
      'dfs-ram-user-denied',
      'dfs-retry-after-partial-5xx',
      'dfs-throttled-retry-later',
      'fl-delete-file-parsing-refused',
    ]);
    const reason = Object.fromEntries(report.scenarios.map((s) => [s.id, s.reason ?? '']));
    expect(reason['dfs-qps-limit']).toContain('cannot be set on the real service');
    expect(reason['dfs-parsing-file-failed']).toContain('control:options');
    expect(reason['dfs-ram-user-denied']).toContain('VCONF_BAILIAN_RAM_ACCESS_KEY_ID');
    expect(reason['dfs-knowledge-base-unaffected']).toContain('api:knowledge-base');
    expect(report.run.target.kind).toBe('real');
  });

  it('used the service host names, signed every request, and gave every category and file the run prefix', () => {
    const entries = sim.journal.read({ provider: 'bailian' });
    expect(entries.length).toBeGreaterThan(100);
    const hosts = new Set(entries.map((e) => e.host));
    expect([...hosts].sort()).toEqual(['bailian-datahub-data-origin-prod.oss-cn-beijing.aliyuncs.com', 'bailian.cn-beijing.aliyuncs.com']);
    // Signature failures would show up as SignatureDoesNotMatch/InvalidAccessKeyId: none; the one unsigned request is refused.
    expect(entries.filter((e) => /SignatureDoesNotMatch|InvalidAccessKeyId|SignatureNonceUsed|InvalidTimeStamp/.test(e.code ?? ''))).toEqual([]);
    expect(entries.filter((e) => e.code === 'IncompleteSignature').map((e) => e.operation)).toEqual(['DeleteFiles']);
    expect(entries.filter((e) => e.specIssues || e.crash)).toEqual([]);
    expect(categoryNames.length).toBeGreaterThan(15);
    expect(categoryNames.every((n) => n.startsWith(`${PREFIX}-`))).toBe(true);
    expect(fileNames.length).toBeGreaterThan(20);
    expect(fileNames.every((n) => n.startsWith(`${PREFIX}-`))).toBe(true);
  });

  it('cleaned up every category and file it created', () => {
    const ws = sim.bailian.state.workspace('llm-simulator')!;
    expect([...ws.files.keys()]).toEqual([]);
    expect([...ws.categories.values()].map((c) => c.name)).toEqual(['default']);
    expect(sim.bailian.state.workspace('llm-other')!.files.size).toBe(0);
    expect(report.scenarios.flatMap((s) => s.cleanup)).toEqual([]);
  });

  it('without credentials every scenario is not applicable, naming the variables the official SDKs read', async () => {
    const r = await runConformance({ target: { kind: 'real', env: {} }, providers: ['bailian'], scenarios: ['dfs-deletes-parsed-file'] });
    expect(r.scenarios[0]!.result).toBe('not-applicable');
    expect(r.scenarios[0]!.reason).toBe('real Bailian credentials are not set (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, WORKSPACE_ID)');
  });
});
