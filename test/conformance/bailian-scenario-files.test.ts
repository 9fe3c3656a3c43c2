/**
 * Bailian scenario files are data checked by a schema: every file loads, every clause of seed 004 is quoted exactly and
 * covered by a scenario, and the named states' variables (a server-assigned file id under its logical name) are the
 * only undeclared names a scenario may use.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collapse, loadProviders, ScenarioFileError } from '../../scenarios/runner/load.ts';
import { REPO, seedsDir, tempDir } from './helpers.ts';

describe('bailian scenario files', () => {
  it('every scenario and clause file validates; every clause is covered by at least one scenario', async () => {
    const [bailian] = await loadProviders({ providers: ['bailian'] });
    expect(bailian!.scenarios.length).toBeGreaterThanOrEqual(30);
    expect(bailian!.clauses.length).toBeGreaterThanOrEqual(25);
    const cited = new Set(bailian!.scenarios.flatMap((s) => s.source.flatMap((src) => ('clause' in src ? [src.clause] : []))));
    expect(bailian!.clauses.filter((c) => !cited.has(c.id)).map((c) => c.id)).toEqual([]);
    for (const s of bailian!.scenarios) expect(s.source.length, s.file).toBeGreaterThan(0);
  });

  it.skipIf(!seedsDir())('each clause quotes seed 004 exactly (whitespace collapsed)', async () => {
    const [bailian] = await loadProviders({ providers: ['bailian'] });
    const dir = seedsDir()!;
    const missing = bailian!.clauses.filter((c) => !collapse(readFileSync(join(dir, c.seed), 'utf8')).includes(collapse(c.quote)));
    expect(missing.map((c) => `${c.id}: ${c.quote}`)).toEqual([]);
  });

  it('a variable defined by a state ({{a}} for file a) may be used; any other undeclared name is refused', async () => {
    const root = tempDir('bailian-scenarios');
    mkdirSync(join(root, 'bailian'));
    writeFileSync(join(root, 'bailian', 'adapter.ts'), `export { adapter } from ${JSON.stringify(join(REPO, 'scenarios/bailian/adapter.ts'))};\n`);
    cpSync(join(REPO, 'scenarios/bailian/clauses.yaml'), join(root, 'bailian', 'clauses.yaml'));
    const scenario = (ids: string) =>
      [
        'id: uses-vars',
        'title: Uses a state-defined variable and maybe another',
        'provider: bailian',
        'operation: DeleteFiles',
        'source: [{ factSheet: "bailian-files.md §4" }]',
        'resources: { box: category }',
        'given:',
        '  - state: a file {file} in category {category} whose status is PARSE_SUCCESS',
        "    params: { file: a, category: '{{box}}' }",
        'steps:',
        `  - { operation: DeleteFiles, request: { form: { FileIds: [${ids}] } }, expect: { status: 200 } }`,
      ].join('\n');
    writeFileSync(join(root, 'bailian', 'uses-vars.yaml'), scenario("'{{a}}'"));
    await expect(loadProviders({ root })).resolves.toHaveLength(1);
    writeFileSync(join(root, 'bailian', 'uses-vars.yaml'), scenario("'{{a}}', '{{z}}'"));
    const err = await loadProviders({ root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioFileError);
    expect((err as ScenarioFileError).problems).toEqual([expect.stringContaining('uses-vars.yaml: resources: "{{z}}" is used but not declared')]);
  });
});
