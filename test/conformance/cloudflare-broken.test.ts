/**
 * A deliberately broken Cloudflare simulator — delete_by_ids answering 200 without the seed's mutationId, injected
 * through a test-only provider wrapper, not by editing the simulator — makes the run fail, and every report names
 * the clause.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/index.ts';
import { summaryLine } from '../../reports/terminal.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import type { Provider } from '../../simulator/http/types.ts';
import { assertWellFormedXml, tempDir } from './helpers.ts';

/** Wraps a provider so that a successful POST …/delete_by_ids answers `result: {}` — no mutationId. */
function deleteByIdsWithoutMutationId(provider: Provider): Provider {
  if (provider.slug !== 'cloudflare-vectorize') return provider;
  return Object.assign(Object.create(provider) as Provider, {
    async handle(req: Parameters<Provider['handle']>[0]) {
      const res = await provider.handle(req);
      if (req.method !== 'POST' || !req.path.endsWith('/delete_by_ids') || res.status !== 200) return res;
      const body = JSON.parse(String(res.body)) as Record<string, unknown>;
      return { ...res, body: JSON.stringify({ ...body, result: {} }) };
    },
  });
}

describe('a broken Cloudflare simulator fails the run and the reports name the clause', () => {
  it('delete_by_ids without mutationId: failed scenarios, failed clause S003-mutation-id in JSON, JUnit, HTML and the summary', async () => {
    const report = await runConformance({ target: { kind: 'in-process', wrapProvider: deleteByIdsWithoutMutationId }, providers: ['cloudflare-vectorize'] });
    expect(report.counts.failed).toBeGreaterThan(0);
    const main = report.scenarios.find((s) => s.id === 'dbi-returns-mutation-id')!;
    expect(main.result).toBe('failed');
    const step = main.steps.find((s) => s.name === 'delete')!;
    expect(step.diffs.map((d) => d.field)).toContain('body.result.mutationId');
    expect(step.exchange?.request.url).toMatch(/\/delete_by_ids$/);
    expect(step.exchange?.request.headers.authorization).toMatch(/^Bearer /);
    expect(step.exchange?.response.body).toContain('"result":{}');
    // The asynchronous-visibility scenario fails at its first step; a step that asserts only the status is still
    // caught by the spec check (result.mutationId is required there).
    const async = report.scenarios.find((s) => s.id === 'dbi-async-visibility')!;
    expect(async.result).toBe('failed');
    expect(async.reason).toContain('body.result.mutationId');
    const refused = report.scenarios.find((s) => s.id === 'dbi-101-ids')!;
    expect(refused.result).toBe('failed');
    expect(refused.reason).toMatch(/^step "later-mutation" \(DeleteVectorsByIds\): spec: body\/result: .*mutationId/);
    // Scenarios that do not touch delete_by_ids still pass; refusals never had a mutationId to lose.
    for (const id of ['nb-create-index', 'nb-upsert-replaces', 'nb-get-by-ids', 'auth-malformed-token']) {
      expect(report.scenarios.find((s) => s.id === id)!.result, id).toBe('passed');
    }

    const cf = report.providers.find((p) => p.slug === 'cloudflare-vectorize')!;
    const clause = cf.clauses.find((c) => c.id === 'S003-mutation-id')!;
    expect(clause.result).toBe('failed');
    expect(clause.scenarios).toContainEqual({ id: 'dbi-returns-mutation-id', result: 'failed' });
    expect(cf.clauses.find((c) => c.id === 'S003-async-mutation')!.result).toBe('failed');
    expect(cf.operations.find((o) => o.operationId === 'DeleteVectorsByIds')!.result).toBe('failed');
    expect(cf.operations.find((o) => o.operationId === 'CreateIndex')!.result).toBe('passed');

    const dir = tempDir('cf-broken');
    const out = writeReports(report, dir);
    const json = JSON.parse(readFileSync(out.json, 'utf8')) as typeof report;
    expect(json.providers[0]!.clauses.find((c) => c.id === 'S003-mutation-id')!.result).toBe('failed');
    const junit = readFileSync(out.junit, 'utf8');
    assertWellFormedXml(junit);
    expect(junit).toMatch(/<testcase classname="cloudflare-vectorize\.clauses\.003_098483bba856862a\.txt" name="S003-mutation-id: MutationID stringoptional" time="0">\s*<failure message="clause S003-mutation-id failed in: [^"]*dbi-returns-mutation-id \(failed\)/);
    expect(junit).toMatch(/<testcase classname="cloudflare-vectorize\.DeleteVectorsByIds" name="dbi-returns-mutation-id: [^"]*"[^>]*>\s*<failure message="step &quot;delete&quot; \(DeleteVectorsByIds\): body\.result\.mutationId: expected string, got nothing/);
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain('data-clause="S003-mutation-id" data-result="failed"');
    expect(html).toContain('failing seed clauses:');
    expect(summaryLine(report)).toMatch(/^vconf conform FAILED: .* failing clauses: .*S003-mutation-id/);
  });
});
