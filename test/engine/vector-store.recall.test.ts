import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter } from '../../simulator/engine/filter.ts';
import { createRandom } from '../../simulator/engine/random.ts';
import type { Metadata, Metric } from '../../simulator/engine/types.ts';
import { createVectorStore, type EngineVectorStore } from '../../simulator/engine/vector-store.ts';
import { bruteForce, clusteredData, recallAt } from './fixtures.ts';

// Approximate search is tested as such: recall@10 against exact brute force, on seeded clustered data
// (uniform random vectors give HNSW meaninglessly low recall; see TOOLCHAIN.md).
const N = 20_000;
const DIM = 64;
const QUERIES = 100;
const TOP_K = 10;
// Centres ~ N(0, 1), points spread 1.5 around them: overlapping clusters, so the graph has real work to do.
const SPREAD = 1.5;
const key = (i: number): string => `v-${String(i).padStart(6, '0')}`;

const data = clusteredData({ n: N, dim: DIM, clusters: 50, spread: SPREAD, seed: 'recall-data' });
// Same centres, fresh points: queries are not stored vectors.
const queries = clusteredData({ n: QUERIES, dim: DIM, clusters: 50, spread: SPREAD, seed: 'recall-data', pointSeed: 'recall-queries' });
const bucketRng = createRandom('recall-buckets');
const bucket = Array.from({ length: N }, () => bucketRng.int(100));
const meta = (i: number): Metadata => ({ bucket: bucket[i] as number, parity: i % 2 === 0 ? 'even' : 'odd' });

const filter30 = compileFilter({ bucket: { $lt: 30 } }, { numericOperators: true });
const filter1 = compileFilter({ bucket: { $eq: 7 } }, { numericOperators: true });

describe.each<Metric>(['cosine', 'euclidean'])('recall@10 on seeded clustered data (20k × 64-d, 50 overlapping Gaussian clusters), %s', (metric) => {
  let store: EngineVectorStore;

  beforeAll(() => {
    const t0 = performance.now();
    store = createVectorStore({ dimension: DIM, metric });
    for (let start = 0; start < N; start += 1000) {
      store.upsert(
        Array.from({ length: Math.min(1000, N - start) }, (_, j) => ({ key: key(start + j), values: data[start + j] as Float32Array, metadata: meta(start + j) })),
      );
    }
    store.flush();
    console.log(`[${metric}] built ${N} × ${DIM}-d in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
  afterAll(() => store.close());

  function measure(accept: ((i: number) => boolean) | undefined, filter: ((m: Metadata | undefined) => boolean) | undefined) {
    let sum = 0;
    let min = 1;
    let exactMatches = 0;
    const plans = new Set<string>();
    const t0 = performance.now();
    for (const q of queries) {
      const got = store.query(q, { topK: TOP_K, filter: filter && ((m) => filter(m)) });
      plans.add(store.lastQueryPlan);
      const truth = bruteForce(metric, data, key, q, TOP_K, accept);
      const r = recallAt(got, truth);
      sum += r;
      min = Math.min(min, r);
      if (got.map((h) => h.key).join() === truth.map((h) => h.key).join()) exactMatches++;
      // Distances are exact and ordered, whatever path found the hits.
      for (let i = 1; i < got.length; i++) expect((got[i] as { distance: number }).distance).toBeGreaterThanOrEqual((got[i - 1] as { distance: number }).distance);
    }
    return { recall: sum / queries.length, min, exactMatches, plans: [...plans], ms: (performance.now() - t0) / queries.length };
  }

  it('recall@10 ≥ 0.95 without a filter', () => {
    const r = measure(undefined, undefined);
    console.log(`[${metric}] unfiltered recall@10=${r.recall.toFixed(4)} min=${r.min} plans=${r.plans} (incl. brute force ${r.ms.toFixed(2)} ms/query)`);
    expect(r.plans).toEqual(['hnsw']);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('recall@10 ≥ 0.95 with a filter matching ~30% (filtered HNSW)', () => {
    const r = measure((i) => (bucket[i] as number) < 30, filter30);
    console.log(`[${metric}] 30% filter recall@10=${r.recall.toFixed(4)} min=${r.min} plans=${r.plans}`);
    expect(r.plans).toEqual(['hnsw-filtered']);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('a filter matching ~1% returns the true top-K exactly (exact scan)', () => {
    const r = measure((i) => bucket[i] === 7, filter1);
    console.log(`[${metric}] 1% filter recall@10=${r.recall.toFixed(4)} exact=${r.exactMatches}/${QUERIES} plans=${r.plans}`);
    expect(r.plans).toEqual(['exact']);
    expect(r.exactMatches).toBe(QUERIES);
  });

  it('graph hits carry the reference distance (float64 over the float32 values)', () => {
    const q = queries[0] as Float32Array;
    for (const hit of store.query(q, { topK: TOP_K })) {
      const i = Number(hit.key.slice(2));
      expect(hit.distance).toBeCloseTo(bruteForce(metric, [data[i] as Float32Array], () => hit.key, q, 1)[0]?.distance as number, 12);
    }
  });
});
