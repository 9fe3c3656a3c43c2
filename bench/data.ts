/**
 * Seeded clustered Gaussian data for the query, ingest and memory benchmarks.
 *
 * Uniform (or isotropic) random vectors in 768-d give HNSW meaninglessly low recall (TOOLCHAIN.md), and real
 * embeddings have a low intrinsic dimension, so each cluster is a Gaussian with a low-rank covariance:
 *   point = centre_c + B_c · z + noise,   centre_c ~ N(0, 1)^dim,  z ~ N(0, I_rank),  noise ~ N(0, NOISE²)^dim
 * with B_c a dim × rank matrix of N(0, SPREAD²/rank) entries, so the in-cluster offset has about SPREAD × the
 * centre's norm. Values are quantised to 1e-4 so JSON bodies stay short ("-0.1234") and every process that
 * regenerates the set (engine child, ingest client, main) sees bit-identical float32 values.
 *
 * The generator is a small seeded PRNG (sfc32), not seedrandom: 100k × 768 values would take seedrandom's ARC4
 * tens of seconds.
 */

export const DATA_SHAPE = {
  clusters: 100,
  rank: 16,
  spread: 1.0,
  noise: 0.3,
} as const;

export interface DataSpec {
  n: number;
  dim: number;
  seed: string;
}

export function describeData(spec: DataSpec): string {
  return (
    `seeded clustered Gaussian data (seed "${spec.seed}": ${DATA_SHAPE.clusters} clusters, rank-${DATA_SHAPE.rank} ` +
    `in-cluster covariance, spread ${DATA_SHAPE.spread}, isotropic noise ${DATA_SHAPE.noise}, values quantised to 1e-4)`
  );
}

/** Key of the i-th vector: fixed width, so lexicographic and numeric order agree. */
export function vectorKey(i: number): string {
  return `v-${String(i).padStart(7, '0')}`;
}

/** 32-bit string hash (xmur3) to seed sfc32. */
function hashSeed(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

/** sfc32: fast, seeded, uniform in [0, 1). */
export function seededUniform(seed: string): () => number {
  const s = hashSeed(seed);
  let a = s();
  let b = s();
  let c = s();
  let d = s();
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Standard normal deviates (Box–Muller, both outputs used). */
export function seededGaussian(seed: string): () => number {
  const u = seededUniform(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const t = 2 * Math.PI * u();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

interface Model {
  centres: Float64Array[];
  bases: Float64Array[];
}

function buildModel(dim: number, seed: string): Model {
  const g = seededGaussian(`${seed}/model`);
  const { clusters, rank, spread } = DATA_SHAPE;
  const scale = spread / Math.sqrt(rank);
  const centres: Float64Array[] = [];
  const bases: Float64Array[] = [];
  for (let c = 0; c < clusters; c++) {
    const centre = new Float64Array(dim);
    for (let i = 0; i < dim; i++) centre[i] = g();
    centres.push(centre);
    const basis = new Float64Array(dim * rank); // dim rows of rank: the hot loop reads it sequentially
    for (let i = 0; i < basis.length; i++) basis[i] = g() * scale;
    bases.push(basis);
  }
  return { centres, bases };
}

function quantise(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** 2^16 standard normal deviates, drawn once per seed: the per-point hot loop then costs a table lookup. */
function normalTable(seed: string): Float64Array {
  const g = seededGaussian(`${seed}/table`);
  const t = new Float64Array(65536);
  for (let i = 0; i < t.length; i++) t[i] = g();
  return t;
}

/**
 * `n` points of the mixture, contiguous (`n × dim` float32). `pointSeed` draws other points around the same
 * clusters (queries that are not stored vectors).
 */
export function generateVectors(spec: DataSpec, pointSeed = 'points'): Float32Array {
  const { n, dim, seed } = spec;
  const { rank, clusters, noise } = DATA_SHAPE;
  const model = buildModel(dim, seed);
  const table = normalTable(`${seed}/${pointSeed}`);
  const u = seededUniform(`${seed}/${pointSeed}/cluster`);
  // xorshift32 in a local: ~100 M values/s, vs ~20 M for a closure-based generator with Box–Muller.
  let x = (Math.floor(u() * 0xffffffff) | 1) >>> 0;
  const out = new Float32Array(n * dim);
  const z = new Float64Array(rank);
  const row = new Float64Array(dim);
  for (let p = 0; p < n; p++) {
    const c = Math.floor(u() * clusters);
    const centre = model.centres[c]!;
    const basis = model.bases[c]!;
    for (let i = 0; i < dim; i += 2) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      row[i] = centre[i]! + noise * table[x & 0xffff]!;
      if (i + 1 < dim) row[i + 1] = centre[i + 1]! + noise * table[(x >>> 16) & 0xffff]!;
    }
    for (let r = 0; r < rank; r++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      z[r] = table[x & 0xffff]!;
    }
    const base = p * dim;
    for (let i = 0; i < dim; i++) {
      let v = row[i]!;
      const off = i * rank;
      for (let r = 0; r < rank; r++) v += z[r]! * basis[off + r]!;
      out[base + i] = quantise(v);
    }
  }
  return out;
}

/** The i-th vector as the decimal numbers a client would send (exactly the quantised values). */
export function wireValues(data: Float32Array, dim: number, i: number): number[] {
  const out = new Array<number>(dim);
  const base = i * dim;
  for (let j = 0; j < dim; j++) out[j] = Math.round(data[base + j]! * 1e4) / 1e4;
  return out;
}

export interface Hit {
  key: string;
  distance: number;
}

/**
 * Exact cosine top-K in plain JS over the contiguous set (float64 accumulation over the float32 values): the
 * baseline the HNSW path is compared against, and the ground truth for recall.
 */
export function createBruteForce(data: Float32Array, dim: number) {
  const n = data.length / dim;
  const norms = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let s = 0;
    const base = p * dim;
    for (let i = 0; i < dim; i++) s += data[base + i]! * data[base + i]!;
    norms[p] = Math.sqrt(s);
  }
  return function query(q: Float32Array, topK: number): Hit[] {
    let qn = 0;
    for (let i = 0; i < dim; i++) qn += q[i]! * q[i]!;
    qn = Math.sqrt(qn);
    // Sorted insertion into a small array: K is 10.
    const dist: number[] = [];
    const idx: number[] = [];
    for (let p = 0; p < n; p++) {
      const base = p * dim;
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += q[i]! * data[base + i]!;
      const d = 1 - dot / (qn * norms[p]!);
      if (dist.length === topK && d >= dist[topK - 1]!) continue;
      let j = dist.length === topK ? topK - 1 : dist.length;
      while (j > 0 && dist[j - 1]! > d) {
        dist[j] = dist[j - 1]!;
        idx[j] = idx[j - 1]!;
        j--;
      }
      dist[j] = d;
      idx[j] = p;
    }
    return idx.map((p, i) => ({ key: vectorKey(p), distance: dist[i]! }));
  };
}

export function recallAt(found: readonly { key: string }[], truth: readonly { key: string }[]): number {
  if (truth.length === 0) return 1;
  const want = new Set(truth.map((h) => h.key));
  let hit = 0;
  for (const h of found) if (want.has(h.key)) hit++;
  return hit / truth.length;
}
