/**
 * Figures 2 (engine) and 4 (engine): a process that holds only the data set and one vector store.
 * Builds the HNSW index through the engine's public interface, reads its own RSS before and after, then times
 * QueryVectors-equivalent queries (topK=10) on the HNSW path against exact brute force over the same data.
 * Driven over IPC: receives `{type:'run', …}`, sends `progress` messages and a final `result`.
 * Run with `--expose-gc`.
 */
import { createVectorStore } from '../simulator/engine/vector-store.ts';
import { createBruteForce, generateVectors, recallAt, vectorKey, type DataSpec, type Hit } from './data.ts';

export interface EngineRun {
  type: 'run';
  data: DataSpec;
  queries: number;
  topK: number;
  batch: number;
}

export interface EngineResult {
  type: 'result';
  n: number;
  dim: number;
  generateMs: number;
  buildMs: number;
  upsertMs: number;
  indexMs: number;
  memory: {
    rssBefore: number;
    rssAfter: number;
    heapBefore: number;
    heapAfter: number;
    arrayBuffersBefore: number;
    arrayBuffersAfter: number;
    memoryBytes: number;
  };
  stats: Record<string, number>;
  queries: number;
  hnswMs: number[];
  bruteMs: number[];
  recall: number[];
  plans: string[];
  /** Exact top-K keys per query: the ground truth for the HTTP measurement. */
  truth: string[][];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function run(msg: EngineRun): EngineResult {
  const { n, dim } = msg.data;
  let t0 = performance.now();
  const data = generateVectors(msg.data);
  const queries = generateVectors({ ...msg.data, n: msg.queries }, 'queries');
  const generateMs = performance.now() - t0;

  gc();
  const before = process.memoryUsage();

  const store = createVectorStore({ dimension: dim, metric: 'cosine' });
  store.close(); // no background slices: indexing happens in the timed flush() calls below
  let upsertMs = 0;
  let indexMs = 0;
  let nextReport = 0.1;
  for (let start = 0; start < n; start += msg.batch) {
    const count = Math.min(msg.batch, n - start);
    const items = new Array<{ key: string; values: Float32Array }>(count);
    for (let j = 0; j < count; j++) {
      const i = start + j;
      items[j] = { key: vectorKey(i), values: data.subarray(i * dim, (i + 1) * dim) };
    }
    t0 = performance.now();
    store.upsert(items);
    const t1 = performance.now();
    store.flush();
    upsertMs += t1 - t0;
    indexMs += performance.now() - t1;
    const done = (start + count) / n;
    if (done >= nextReport) {
      process.send!({ type: 'progress', done, seconds: (upsertMs + indexMs) / 1000 });
      nextReport += 0.1;
    }
  }
  gc();
  const after = process.memoryUsage();
  const memoryBytes = store.memoryBytes();

  const brute = createBruteForce(data, dim);
  const query = (i: number) => queries.subarray(i * dim, (i + 1) * dim);
  // Warm-up: JIT both paths before timing.
  for (let i = 0; i < Math.min(5, msg.queries); i++) {
    store.query(query(i), { topK: msg.topK });
    brute(query(i), msg.topK);
  }
  const hnswMs: number[] = [];
  const bruteMs: number[] = [];
  const recall: number[] = [];
  const plans = new Set<string>();
  const truth: string[][] = [];
  for (let i = 0; i < msg.queries; i++) {
    const q = query(i);
    t0 = performance.now();
    const got = store.query(q, { topK: msg.topK });
    hnswMs.push(performance.now() - t0);
    plans.add(store.lastQueryPlan);
    t0 = performance.now();
    const exact: Hit[] = brute(q, msg.topK);
    bruteMs.push(performance.now() - t0);
    recall.push(recallAt(got, exact));
    truth.push(exact.map((h) => h.key));
  }
  const stats = store.stats() as unknown as Record<string, number>;
  store.close();
  return {
    type: 'result',
    n,
    dim,
    generateMs,
    buildMs: upsertMs + indexMs,
    upsertMs,
    indexMs,
    memory: {
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapBefore: before.heapUsed,
      heapAfter: after.heapUsed,
      arrayBuffersBefore: before.arrayBuffers,
      arrayBuffersAfter: after.arrayBuffers,
      memoryBytes,
    },
    stats,
    queries: msg.queries,
    hnswMs,
    bruteMs,
    recall,
    plans: [...plans],
    truth,
  };
}

process.once('message', (msg: EngineRun) => {
  const result = run(msg);
  process.send!(result, () => process.exit(0));
});
process.once('disconnect', () => process.exit(0));
