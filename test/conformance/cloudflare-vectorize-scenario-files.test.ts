/**
 * Cloudflare Vectorize scenario files are data checked by a schema: every file loads, every clause of seed 003 is
 * quoted exactly from the seed and covered by at least one scenario, and every named state exists in
 * simulator/cloudflare-vectorize/given.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collapse, loadProviders } from '../../scenarios/runner/load.ts';
import { CF_PROVIDER_STATES } from '../../simulator/cloudflare-vectorize/given.ts';
import { seedsDir } from './helpers.ts';

describe('cloudflare-vectorize scenario files (issue 6 §1)', () => {
  it('every scenario and clause file validates; every clause is covered; every scenario cites a source', async () => {
    const [cf] = await loadProviders({ providers: ['cloudflare-vectorize'] });
    expect(cf!.scenarios.length).toBeGreaterThanOrEqual(30);
    expect(cf!.clauses.map((c) => c.seed)).toEqual(cf!.clauses.map(() => '003_098483bba856862a.txt'));
    const cited = new Set(cf!.scenarios.flatMap((s) => s.source.flatMap((src) => ('clause' in src ? [src.clause] : []))));
    expect(cf!.clauses.filter((c) => !cited.has(c.id)).map((c) => c.id)).toEqual([]);
    for (const s of cf!.scenarios) expect(s.source.length, s.file).toBeGreaterThan(0);
    const used = new Set(cf!.scenarios.flatMap((s) => (s.given ?? []).map((g) => g.state)));
    expect([...used].filter((n) => !CF_PROVIDER_STATES.some((st) => st.name === n))).toEqual([]);
  });

  it.skipIf(!seedsDir())('each clause quotes seed 003 exactly (whitespace collapsed) — needs shared/seeds beside the repo', async () => {
    const [cf] = await loadProviders({ providers: ['cloudflare-vectorize'] });
    const seed = collapse(readFileSync(join(seedsDir()!, '003_098483bba856862a.txt'), 'utf8'));
    expect(cf!.clauses.filter((c) => !seed.includes(collapse(c.quote))).map((c) => `${c.id}: ${c.quote}`)).toEqual([]);
  });
});
