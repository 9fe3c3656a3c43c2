/**
 * A deliberately broken simulator — DeleteVectors answering 200 instead of the seed's 204, injected through a
 * test-only provider wrapper, not by editing the simulator — makes the run fail, and every report names the clause.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/index.ts';
import { summaryLine } from '../../reports/terminal.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import { assertWellFormedXml, deleteVectorsAnswers200, tempDir } from './helpers.ts';

describe('a broken simulator fails the run and the reports name the clause', () => {
  it('DeleteVectors 200 instead of 204: failed scenarios, failed clause S001-204-no-content in JSON, JUnit, HTML and the summary', async () => {
    const report = await runConformance({ target: { kind: 'in-process', wrapProvider: deleteVectorsAnswers200 }, providers: ['oss-vectors'] });
    expect(report.counts.failed).toBeGreaterThan(0);
    const batch = report.scenarios.find((s) => s.id === 'dv-batch-delete')!;
    expect(batch.result).toBe('failed');
    const step = batch.steps.find((s) => s.name === 'delete')!;
    expect(step.diffs.map((d) => d.field)).toEqual(expect.arrayContaining(['status', 'spec: status']));
    expect(step.exchange?.request.url).toContain('?deleteVectors');
    expect(step.exchange?.response.status).toBe(200);
    // Scenarios that do not touch DeleteVectors still pass.
    expect(report.scenarios.find((s) => s.id === 'dvb-deletes-bucket')!.result).toBe('passed');

    const oss = report.providers.find((p) => p.slug === 'oss-vectors')!;
    const clause = oss.clauses.find((c) => c.id === 'S001-204-no-content')!;
    expect(clause.result).toBe('failed');
    expect(clause.scenarios).toContainEqual({ id: 'dv-batch-delete', result: 'failed' });
    expect(oss.clauses.find((c) => c.id === 'S002-204-no-content')!.result).toBe('passed');
    expect(oss.operations.find((o) => o.operationId === 'DeleteVectors')!.result).toBe('failed');

    const dir = tempDir('broken');
    const out = writeReports(report, dir);
    const json = JSON.parse(readFileSync(out.json, 'utf8')) as typeof report;
    expect(json.providers[0]!.clauses.find((c) => c.id === 'S001-204-no-content')!.result).toBe('failed');
    const junit = readFileSync(out.junit, 'utf8');
    assertWellFormedXml(junit);
    expect(junit).toMatch(/<testcase classname="oss-vectors\.clauses\.001_3830517637282d1c\.txt" name="S001-204-no-content: HTTP\/1\.1 204 No Content" time="0">\s*<failure message="clause S001-204-no-content failed in: [^"]*dv-batch-delete \(failed\)/);
    expect(junit).toMatch(/<testcase classname="oss-vectors\.DeleteVectors" name="dv-batch-delete: [^"]*"[^>]*>\s*<failure message="step &quot;delete&quot; \(DeleteVectors\): status: expected 204, got 200/);
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain('data-clause="S001-204-no-content" data-result="failed"');
    expect(html).toMatch(/<section id="summary" class="bad"[^>]*data-failed="[1-9]/);
    expect(html).toContain('failing seed clauses:');
    expect(summaryLine(report)).toMatch(/^vconf conform FAILED: .* failing clauses: .*S001-204-no-content/);
  });
});
