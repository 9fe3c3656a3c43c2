/**
 * Scenario files are data checked by a schema: every OSS Vectors file loads; a broken file is reported naming the
 * file and the field; every clause of the clause catalog is quoted exactly from its seed and covered by a scenario.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collapse, loadProviders, ScenarioFileError } from '../../scenarios/runner/load.ts';
import { REPO, seedsDir, tempDir } from './helpers.ts';

describe('scenario files (issue 6 §1)', () => {
  it('every oss-vectors scenario and clause file validates; every clause is covered by at least one scenario', async () => {
    const [oss] = await loadProviders({ providers: ['oss-vectors'] });
    expect(oss!.scenarios.length).toBeGreaterThanOrEqual(45);
    expect(oss!.clauses.length).toBeGreaterThanOrEqual(45);
    const cited = new Set(oss!.scenarios.flatMap((s) => s.source.flatMap((src) => ('clause' in src ? [src.clause] : []))));
    expect(oss!.clauses.filter((c) => !cited.has(c.id)).map((c) => c.id)).toEqual([]);
    // one behaviour per file, each citing a source
    for (const s of oss!.scenarios) expect(s.source.length, s.file).toBeGreaterThan(0);
  });

  it.skipIf(!seedsDir())('each clause quotes its seed exactly (whitespace collapsed) — needs shared/seeds beside the repo', async () => {
    const [oss] = await loadProviders({ providers: ['oss-vectors'] });
    const dir = seedsDir()!;
    const missing = oss!.clauses.filter((c) => !collapse(readFileSync(join(dir, c.seed), 'utf8')).includes(collapse(c.quote)));
    expect(missing.map((c) => `${c.id}: ${c.quote}`)).toEqual([]);
  });

  it('a broken scenario file is refused with every problem, each naming the file and the field', async () => {
    const root = tempDir('bad-scenarios');
    mkdirSync(join(root, 'oss-vectors'));
    writeFileSync(join(root, 'oss-vectors', 'adapter.ts'), `export { adapter } from ${JSON.stringify(join(REPO, 'scenarios/oss-vectors/adapter.ts'))};\n`);
    cpSync(join(REPO, 'scenarios/oss-vectors/clauses.yaml'), join(root, 'oss-vectors', 'clauses.yaml'));
    writeFileSync(
      join(root, 'oss-vectors', 'broken.yaml'),
      [
        'id: broken',
        'title: A scenario with mistakes in several fields',
        'provider: oss-vectors',
        'operation: DeleteVector',
        'source:',
        '  - { seed: 001_3830517637282d1c.txt, clause: S001-batches, quote: You can delete vectors in batches. }',
        'given:',
        '  - state: a bucket {bucket} with an index {index}',
        'steps:',
        '  - operation: DeleteVectors',
        '    as: root',
        '    request: { bucket: "{{main}}", bdy: {} }',
        '    expect: { statuss: 204 }',
      ].join('\n'),
    );
    writeFileSync(join(root, 'oss-vectors', 'wrong-name.yaml'), 'id: other-name\ntitle: Id and file name differ here\nprovider: oss-vectors\noperation: DeleteVectors\nsource: [{ factSheet: "oss-vectors.md §3.12" }]\nsteps: [{ operation: DeleteVectors, expect: { status: 204 } }]\n');
    const err = await loadProviders({ root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioFileError);
    const problems = (err as ScenarioFileError).problems;
    const text = problems.join('\n');
    expect(text).toContain('broken.yaml: steps[0].as: must be one of');
    expect(text).toContain('broken.yaml: steps[0].request.bdy: unknown field');
    expect(text).toContain('broken.yaml: steps[0].expect.statuss: unknown field');
    // The schema is fine with these; the cross-checks are not — fixed, then re-validated:
    writeFileSync(
      join(root, 'oss-vectors', 'broken.yaml'),
      readFileSync(join(root, 'oss-vectors', 'broken.yaml'), 'utf8').replace('    as: root\n', '').replace('bdy', 'body').replace('statuss', 'status'),
    );
    const again = ((await loadProviders({ root }).catch((e: unknown) => e)) as ScenarioFileError).problems.join('\n');
    expect(again).toContain('broken.yaml: operation: "DeleteVector" is not an operationId of specs/oss-vectors.yaml');
    expect(again).toContain('broken.yaml: source[0].quote: is not part of clause S001-batches');
    expect(again).toContain('broken.yaml: given[0].state: unknown state "a bucket {bucket} with an index {index}"');
    expect(again).toContain('broken.yaml: resources: "{{main}}" is used but not declared');
    expect(again).toContain('wrong-name.yaml: id: must equal the file name');
  });
});
