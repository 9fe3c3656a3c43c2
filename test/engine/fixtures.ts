import { createRandom } from '../../simulator/engine/random.ts';
import type { Metric } from '../../simulator/engine/types.ts';

/** Seeded Gaussian mixture: `clusters` centres ~ N(0, 1)^dim, points = centre + N(0, spread²) per coordinate. */
/** `pointSeed` draws other points around the same centres (e.g. queries that are not stored vectors). */
export function clusteredData(opts: {
  n: number;
  dim: number;
  clusters: number;
  spread: number;
  seed: string;
  pointSeed?: string;
}): Float32Array[] {
  let rng = createRandom(opts.seed);
  let gauss = gaussian(rng.next);
  const centres = Array.from({ length: opts.clusters }, () => Array.from({ length: opts.dim }, gauss));
  if (opts.pointSeed !== undefined) {
    rng = createRandom(opts.pointSeed);
    gauss = gaussian(rng.next);
  }
  return Array.from({ length: opts.n }, () => {
    const c = rng.pick(centres);
    return Float32Array.from(c, (x) => x + opts.spread * gauss());
  });
}

export function gaussian(next: () => number): () => number {
  return () => {
    // Box–Muller; 1 − u keeps the log argument in (0, 1].
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Reference distance, written independently of the store: float64 arithmetic over float32 inputs. */
export function referenceDistance(metric: Metric, a: Float32Array, b: Float32Array, squared = false): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let l2 = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
    l2 += (x - y) * (x - y);
  }
  if (metric === 'dot') return -dot;
  if (metric === 'euclidean') return squared ? l2 : Math.sqrt(l2);
  return na === 0 || nb === 0 ? 1 : 1 - dot / (Math.sqrt(na) * Math.sqrt(nb));
}

/** Exact top-K keys (ties by key) among the candidates. */
export function bruteForce(
  metric: Metric,
  data: readonly Float32Array[],
  keyOf: (i: number) => string,
  query: Float32Array,
  topK: number,
  accept: (i: number) => boolean = () => true,
): { key: string; distance: number }[] {
  // Keep a sorted list of the best topK (insertion); cheap for small K.
  const best: { key: string; distance: number }[] = [];
  const after = (a: { key: string; distance: number }, b: { key: string; distance: number }): boolean =>
    a.distance > b.distance || (a.distance === b.distance && a.key > b.key);
  for (let i = 0; i < data.length; i++) {
    if (!accept(i)) continue;
    const hit = { key: keyOf(i), distance: referenceDistance(metric, query, data[i] as Float32Array) };
    if (best.length === topK && !after(best[topK - 1] as typeof hit, hit)) continue;
    let j = Math.min(best.length, topK - 1);
    best[j] = hit;
    while (j > 0 && after(best[j - 1] as typeof hit, hit)) {
      best[j] = best[j - 1] as typeof hit;
      best[--j] = hit;
    }
  }
  return best;
}

export function recallAt(found: readonly { key: string }[], truth: readonly { key: string }[]): number {
  const want = new Set(truth.map((h) => h.key));
  let hit = 0;
  for (const h of found) if (want.has(h.key)) hit++;
  return truth.length === 0 ? 1 : hit / truth.length;
}
