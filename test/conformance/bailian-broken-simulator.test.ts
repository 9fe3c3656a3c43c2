/**
 * A deliberately broken Bailian simulator — DeleteFiles reporting DELETED for a file that is still parsing (and so was
 * not deleted), injected through a test-only provider wrapper — makes the run fail, and every report names the seed
 * clause "This operation can only delete files whose status is … PARSE_FAILED … or … PARSE_SUCCESS".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/index.ts';
import { summaryLine } from '../../reports/terminal.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import type { Provider } from '../../simulator/http/types.ts';
import { assertWellFormedXml, tempDir } from './helpers.ts';

/** Wraps the Bailian provider so that DeleteFiles answers DELETED where it would answer FAILED. */
function deleteFilesClaimsDeleted(provider: Provider): Provider {
  if (provider.slug !== 'bailian') return provider;
  return Object.assign(Object.create(provider) as Provider, {
    async handle(req: Parameters<Provider['handle']>[0]) {
      const res = await provider.handle(req);
      if (req.method !== 'POST' || !/\/datacenter\/file\/delete\/?$/.test(req.path) || res.status !== 200) return res;
      const body = JSON.parse(String(res.body)) as { Data: { DeleteFileResultList: { Status: string }[] } };
      for (const r of body.Data.DeleteFileResultList) if (r.Status === 'FAILED') r.Status = 'DELETED';
      return { ...res, body: JSON.stringify(body) };
    },
  });
}

describe('bailian: a broken simulator fails the run and the reports name the clause', () => {
  it('DELETED for a still-parsing file: failed scenarios, failed clause S004-only-finished-files in JSON, JUnit, HTML and the summary', async () => {
    const report = await runConformance({ target: { kind: 'in-process', wrapProvider: deleteFilesClaimsDeleted }, providers: ['bailian'] });
    const result = (id: string) => report.scenarios.find((s) => s.id === id)!;
    expect(report.counts.failed).toBeGreaterThan(0);
    for (const id of ['dfs-parsing-file-failed', 'dfs-init-file-failed', 'dfs-mixed-batch-only-finished']) expect(result(id).result, id).toBe('failed');
    const step = result('dfs-parsing-file-failed').steps.find((s) => s.name === 'delete')!;
    expect(step.diffs).toEqual([expect.objectContaining({ field: 'body.Data.DeleteFileResultList[0].Status', expected: 'FAILED', actual: 'DELETED' })]);
    expect(step.exchange?.request.url).toMatch(/\/llm-simulator\/datacenter\/file\/delete$/);
    // Scenarios whose files are all finished still pass.
    expect(result('dfs-per-file-results').result).toBe('passed');
    expect(result('dfs-idempotent-repeat').result).toBe('passed');

    const bailian = report.providers.find((p) => p.slug === 'bailian')!;
    const clause = bailian.clauses.find((c) => c.id === 'S004-only-finished-files')!;
    expect(clause.result).toBe('failed');
    expect(clause.scenarios).toContainEqual({ id: 'dfs-parsing-file-failed', result: 'failed' });
    expect(bailian.clauses.find((c) => c.id === 'S004-max-20-files')!.result).toBe('passed');
    expect(bailian.operations.find((o) => o.operationId === 'DeleteFiles')!.result).toBe('failed');

    const out = writeReports(report, tempDir('bailian-broken'));
    const json = JSON.parse(readFileSync(out.json, 'utf8')) as typeof report;
    expect(json.providers.find((p) => p.slug === 'bailian')!.clauses.find((c) => c.id === 'S004-only-finished-files')!.result).toBe('failed');
    const junit = readFileSync(out.junit, 'utf8');
    assertWellFormedXml(junit);
    expect(junit).toMatch(/<testcase classname="bailian\.clauses\.004_ce74739a6d71172a\.txt" name="S004-only-finished-files: [^"]*" time="0">\s*<failure message="clause S004-only-finished-files failed in: [^"]*dfs-parsing-file-failed \(failed\)/);
    expect(junit).toMatch(/<testcase classname="bailian\.DeleteFiles" name="dfs-parsing-file-failed: [^"]*"[^>]*>\s*<failure message="step &quot;delete&quot; \(DeleteFiles\): body\.Data\.DeleteFileResultList\[0\]\.Status: expected &quot;FAILED&quot;, got &quot;DELETED&quot;/);
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain('data-clause="S004-only-finished-files" data-result="failed"');
    expect(summaryLine(report)).toMatch(/^vconf conform FAILED: .* failing clauses: .*S004-only-finished-files/);
  });
});
