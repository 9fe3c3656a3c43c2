/**
 * A deliberately broken simulator — one answer of one delete operation made wrong by a test-only provider wrapper,
 * not by editing the simulator — makes the run fail, and every report names the seed clause the answer breaks. One
 * suite for every provider (describe.each), each with its own breakage:
 * - oss-vectors: DeleteVectors answers 200 instead of the seed's 204 (S001-204-no-content);
 * - cloudflare-vectorize: delete_by_ids answers 200 without the seed's mutationId (S003-mutation-id);
 * - bailian: DeleteFiles reports DELETED for a file that is still parsing, and so was not deleted — "This operation
 *   can only delete files whose status is … PARSE_FAILED … or … PARSE_SUCCESS" (S004-only-finished-files).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/index.ts';
import { summaryLine } from '../../reports/terminal.ts';
import type { RunReport } from '../../scenarios/runner/report-model.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import type { Provider } from '../../simulator/http/types.ts';
import type { ProviderSlug } from '../../simulator/index.ts';
import { assertWellFormedXml, deleteVectorsAnswers200, tempDir } from './helpers.ts';

/** Wraps one provider so that the answers `broken` picks are rewritten by `rewrite`. */
function breaking(slug: ProviderSlug, rewrite: (req: Parameters<Provider['handle']>[0], res: Awaited<ReturnType<Provider['handle']>>) => Awaited<ReturnType<Provider['handle']>>) {
  return (provider: Provider): Provider => {
    if (provider.slug !== slug) return provider;
    return Object.assign(Object.create(provider) as Provider, {
      async handle(req: Parameters<Provider['handle']>[0]) {
        return rewrite(req, await provider.handle(req));
      },
    });
  };
}

interface Breakage {
  slug: ProviderSlug;
  what: string;
  wrap: (provider: Provider) => Provider;
  clause: string;
  /** The operation the clause belongs to (failed in the report) and one that stays passed. */
  operation: string;
  passingOperation?: string;
  /** A clause of the same provider that still passes. */
  passingClause?: string;
  /** Scenario, its first failing step, and the JUnit failure message's start for it. */
  scenario: string;
  junitClause: RegExp;
  junitScenario: RegExp;
  /** Provider-specific checks of the run (which scenarios failed, how, and which still pass). */
  check(report: RunReport): void;
}

const result = (report: RunReport, id: string) => report.scenarios.find((s) => s.id === id)!;

const BREAKAGES: Breakage[] = [
  {
    slug: 'oss-vectors',
    what: 'DeleteVectors 200 instead of 204',
    wrap: deleteVectorsAnswers200,
    clause: 'S001-204-no-content',
    operation: 'DeleteVectors',
    passingClause: 'S002-204-no-content',
    scenario: 'dv-batch-delete',
    junitClause: /<testcase classname="oss-vectors\.clauses\.001_3830517637282d1c\.txt" name="S001-204-no-content: HTTP\/1\.1 204 No Content" time="0">\s*<failure message="clause S001-204-no-content failed in: [^"]*dv-batch-delete \(failed\)/,
    junitScenario: /<testcase classname="oss-vectors\.DeleteVectors" name="dv-batch-delete: [^"]*"[^>]*>\s*<failure message="step &quot;delete&quot; \(DeleteVectors\): status: expected 204, got 200/,
    check(report) {
      const batch = result(report, 'dv-batch-delete');
      expect(batch.result).toBe('failed');
      const step = batch.steps.find((s) => s.name === 'delete')!;
      expect(step.diffs.map((d) => d.field)).toEqual(expect.arrayContaining(['status', 'spec: status']));
      expect(step.exchange?.request.url).toContain('?deleteVectors');
      expect(step.exchange?.response.status).toBe(200);
      // Scenarios that do not touch DeleteVectors still pass.
      expect(result(report, 'dvb-deletes-bucket').result).toBe('passed');
    },
  },
  {
    slug: 'cloudflare-vectorize',
    what: 'delete_by_ids without mutationId',
    wrap: breaking('cloudflare-vectorize', (req, res) => {
      if (req.method !== 'POST' || !req.path.endsWith('/delete_by_ids') || res.status !== 200) return res;
      const body = JSON.parse(String(res.body)) as Record<string, unknown>;
      return { ...res, body: JSON.stringify({ ...body, result: {} }) };
    }),
    clause: 'S003-mutation-id',
    operation: 'DeleteVectorsByIds',
    passingOperation: 'CreateIndex',
    scenario: 'dbi-returns-mutation-id',
    junitClause: /<testcase classname="cloudflare-vectorize\.clauses\.003_098483bba856862a\.txt" name="S003-mutation-id: MutationID stringoptional" time="0">\s*<failure message="clause S003-mutation-id failed in: [^"]*dbi-returns-mutation-id \(failed\)/,
    junitScenario: /<testcase classname="cloudflare-vectorize\.DeleteVectorsByIds" name="dbi-returns-mutation-id: [^"]*"[^>]*>\s*<failure message="step &quot;delete&quot; \(DeleteVectorsByIds\): body\.result\.mutationId: expected string, got nothing/,
    check(report) {
      const main = result(report, 'dbi-returns-mutation-id');
      expect(main.result).toBe('failed');
      const step = main.steps.find((s) => s.name === 'delete')!;
      expect(step.diffs.map((d) => d.field)).toContain('body.result.mutationId');
      expect(step.exchange?.request.url).toMatch(/\/delete_by_ids$/);
      expect(step.exchange?.request.headers.authorization).toMatch(/^Bearer /);
      expect(step.exchange?.response.body).toContain('"result":{}');
      // The asynchronous-visibility scenario fails at its first step; a step that asserts only the status is still
      // caught by the spec check (result.mutationId is required there).
      const async = result(report, 'dbi-async-visibility');
      expect(async.result).toBe('failed');
      expect(async.reason).toContain('body.result.mutationId');
      const refused = result(report, 'dbi-101-ids');
      expect(refused.result).toBe('failed');
      expect(refused.reason).toMatch(/^step "later-mutation" \(DeleteVectorsByIds\): spec: body\/result: .*mutationId/);
      // Scenarios that do not touch delete_by_ids still pass; refusals never had a mutationId to lose.
      for (const id of ['nb-create-index', 'nb-upsert-replaces', 'nb-get-by-ids', 'auth-malformed-token']) expect(result(report, id).result, id).toBe('passed');
      const cf = report.providers.find((p) => p.slug === 'cloudflare-vectorize')!;
      expect(cf.clauses.find((c) => c.id === 'S003-async-mutation')!.result).toBe('failed');
    },
  },
  {
    slug: 'bailian',
    what: 'DELETED for a still-parsing file',
    wrap: breaking('bailian', (req, res) => {
      if (req.method !== 'POST' || !/\/datacenter\/file\/delete\/?$/.test(req.path) || res.status !== 200) return res;
      const body = JSON.parse(String(res.body)) as { Data: { DeleteFileResultList: { Status: string }[] } };
      for (const r of body.Data.DeleteFileResultList) if (r.Status === 'FAILED') r.Status = 'DELETED';
      return { ...res, body: JSON.stringify(body) };
    }),
    clause: 'S004-only-finished-files',
    operation: 'DeleteFiles',
    passingClause: 'S004-max-20-files',
    scenario: 'dfs-parsing-file-failed',
    junitClause: /<testcase classname="bailian\.clauses\.004_ce74739a6d71172a\.txt" name="S004-only-finished-files: [^"]*" time="0">\s*<failure message="clause S004-only-finished-files failed in: [^"]*dfs-parsing-file-failed \(failed\)/,
    junitScenario: /<testcase classname="bailian\.DeleteFiles" name="dfs-parsing-file-failed: [^"]*"[^>]*>\s*<failure message="step &quot;delete&quot; \(DeleteFiles\): body\.Data\.DeleteFileResultList\[0\]\.Status: expected &quot;FAILED&quot;, got &quot;DELETED&quot;/,
    check(report) {
      for (const id of ['dfs-parsing-file-failed', 'dfs-init-file-failed', 'dfs-mixed-batch-only-finished']) expect(result(report, id).result, id).toBe('failed');
      const step = result(report, 'dfs-parsing-file-failed').steps.find((s) => s.name === 'delete')!;
      expect(step.diffs).toEqual([expect.objectContaining({ field: 'body.Data.DeleteFileResultList[0].Status', expected: 'FAILED', actual: 'DELETED' })]);
      expect(step.exchange?.request.url).toMatch(/\/llm-simulator\/datacenter\/file\/delete$/);
      // Scenarios whose files are all finished still pass.
      expect(result(report, 'dfs-per-file-results').result).toBe('passed');
      expect(result(report, 'dfs-idempotent-repeat').result).toBe('passed');
    },
  },
];

describe.each(BREAKAGES)('$slug: a broken simulator fails the run and the reports name the clause', (b) => {
  it(`${b.what}: failed scenarios, failed clause ${b.clause} in JSON, JUnit, HTML and the summary`, async () => {
    const report = await runConformance({ target: { kind: 'in-process', wrapProvider: b.wrap }, providers: [b.slug] });
    expect(report.counts.failed).toBeGreaterThan(0);
    b.check(report);

    const provider = report.providers.find((p) => p.slug === b.slug)!;
    const clause = provider.clauses.find((c) => c.id === b.clause)!;
    expect(clause.result).toBe('failed');
    expect(clause.scenarios).toContainEqual({ id: b.scenario, result: 'failed' });
    if (b.passingClause) expect(provider.clauses.find((c) => c.id === b.passingClause)!.result).toBe('passed');
    expect(provider.operations.find((o) => o.operationId === b.operation)!.result).toBe('failed');
    if (b.passingOperation) expect(provider.operations.find((o) => o.operationId === b.passingOperation)!.result).toBe('passed');

    const out = writeReports(report, tempDir(`${b.slug}-broken`));
    const json = JSON.parse(readFileSync(out.json, 'utf8')) as RunReport;
    expect(json.providers.find((p) => p.slug === b.slug)!.clauses.find((c) => c.id === b.clause)!.result).toBe('failed');
    const junit = readFileSync(out.junit, 'utf8');
    assertWellFormedXml(junit);
    expect(junit).toMatch(b.junitClause);
    expect(junit).toMatch(b.junitScenario);
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain(`data-clause="${b.clause}" data-result="failed"`);
    expect(html).toMatch(/<section id="summary" class="bad"[^>]*data-failed="[1-9]/);
    expect(html).toContain('failing seed clauses:');
    expect(summaryLine(report)).toMatch(new RegExp(`^vconf conform FAILED: .* failing clauses: .*${b.clause}`));
  });
});
