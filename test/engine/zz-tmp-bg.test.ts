import { it } from 'vitest';
import { createVectorStore } from '/work/main/simulator/engine/vector-store.ts';
import { clusteredData } from '/work/main/test/engine/fixtures.ts';
it('bg', async () => {
  const N = 50_000, DIM = Number(process.env.DIM ?? 32);
  const data = clusteredData({ n: N, dim: DIM, clusters: 50, spread: 1, seed: 'responsive' });
  for (const mode of ['flush', 'bg']) {
    const store = createVectorStore({ dimension: DIM, metric: 'cosine' });
    store.upsert(data.map((values, j) => ({ key: `r${j}`, values })));
    const t = performance.now();
    if (mode === 'flush') store.flush(); else while (store.pendingCount > 0) await new Promise((r) => setTimeout(r, 50));
    console.log(mode, DIM, ((performance.now() - t) / 1000).toFixed(1), 's');
    store.close();
  }
}, 300_000);
