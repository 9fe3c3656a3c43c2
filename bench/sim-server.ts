/**
 * The simulator's HTTP server for figures 2 (over HTTP), 3 and 4: exactly what `vconf serve` runs
 * (createSimulator() + startHttp(), default world, signing on; QPS limits off), plus an IPC channel through which the benchmark
 * reads the process's memory and the index's indexing progress, which no HTTP operation exposes.
 * Run with `--expose-gc` so memory is read after a full collection.
 */
import { createSimulator } from '../simulator/index.ts';
import type { EngineVectorStore } from '../simulator/engine/vector-store.ts';

// The documented QPS limits would cap PutVectors at 2,500 vectors/s per index by design; the benchmark measures
// the simulator's own capacity, so they are off here (figure 1 runs `vconf serve` with its defaults).
const sim = createSimulator({ seed: 'bench', limits: 'none' });
const endpoints = await sim.startHttp({ host: '127.0.0.1' });

interface Msg {
  id: number;
  type: 'stats' | 'flush';
  accountId: string;
  region: string;
  bucket: string;
  index: string;
  gc?: boolean;
}

function storeOf(m: Msg): EngineVectorStore | undefined {
  return sim.ossVectors.state.findBucket(m.accountId, m.region, m.bucket)?.indexes.get(m.index)?.store as EngineVectorStore | undefined;
}

process.on('message', (m: Msg) => {
  const store = storeOf(m);
  if (m.type === 'flush') {
    const t0 = performance.now();
    store?.flush();
    process.send!({ id: m.id, ms: performance.now() - t0 });
    return;
  }
  if (m.gc) (globalThis as { gc?: () => void }).gc?.();
  process.send!({
    id: m.id,
    memory: process.memoryUsage(),
    // memoryBytes() walks every key: only on the (rare) full readings, not on progress polls.
    store: store ? { ...store.stats(), ...(m.gc ? { memoryBytes: store.memoryBytes() } : {}) } : undefined,
  });
});

process.stdout.write(`${JSON.stringify({ event: 'ready', endpoints })}\n`);
const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.once('disconnect', () => void stop());
