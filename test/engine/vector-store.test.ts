import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../simulator/engine/filter.ts';
import { createRandom } from '../../simulator/engine/random.ts';
import type { VectorStoreOptions } from '../../simulator/engine/types.ts';
import { createVectorStore, fnv1a, type EngineVectorStore } from '../../simulator/engine/vector-store.ts';
import { clusteredData, referenceDistance } from './fixtures.ts';

const open: EngineVectorStore[] = [];
function make(opts: Partial<VectorStoreOptions> & Pick<VectorStoreOptions, 'dimension'>): EngineVectorStore {
  const store = createVectorStore({ metric: 'euclidean', ...opts });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const keys = (hits: readonly { key: string }[]): string[] => hits.map((h) => h.key);

/** Run every check twice: while the writes are still pending, and after they reached the graph. */
const phases = [
  ['pending', (_s: EngineVectorStore) => {}],
  ['indexed', (s: EngineVectorStore) => s.flush()],
] as const;

describe('exact distances', () => {
  const a = [1, 0, 0];
  const b = [0, 2, 0];
  const c = [3, 4, 0];

  it.each(phases)('cosine is 1 − cos θ, ordered by distance (%s)', (_, settle) => {
    const s = make({ dimension: 3, metric: 'cosine' });
    s.upsert([
      { key: 'a', values: a },
      { key: 'b', values: b },
      { key: 'c', values: c },
    ]);
    settle(s);
    const hits = s.query([1, 1, 0], { topK: 3 });
    // cos(q, c) = 7 / (5√2); cos(q, a) = cos(q, b) = 1/√2 → tie broken by key.
    expect(keys(hits)).toEqual(['c', 'a', 'b']);
    expect(hits[0]?.distance).toBeCloseTo(1 - 7 / (5 * Math.SQRT2), 12);
    expect(hits[1]?.distance).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(hits[1]?.distance).toBe(hits[2]?.distance);
  });

  it.each(phases)('euclidean is plain L2 by default and squared L2 when asked (%s)', (_, settle) => {
    const plain = make({ dimension: 3 });
    const sq = make({ dimension: 3, euclideanSquared: true });
    for (const s of [plain, sq]) {
      s.upsert([
        { key: 'a', values: a },
        { key: 'c', values: c },
      ]);
      settle(s);
    }
    expect(plain.query([0, 0, 0], { topK: 2 })).toEqual([
      { key: 'a', distance: 1 },
      { key: 'c', distance: 5 },
    ]);
    expect(sq.query([0, 0, 0], { topK: 2 })).toEqual([
      { key: 'a', distance: 1 },
      { key: 'c', distance: 25 },
    ]);
  });

  it.each(phases)('dot is −(a·b) (%s)', (_, settle) => {
    const s = make({ dimension: 3, metric: 'dot' });
    s.upsert([
      { key: 'a', values: a },
      { key: 'b', values: b },
      { key: 'c', values: c },
    ]);
    settle(s);
    expect(s.query([1, 1, 0], { topK: 3 })).toEqual([
      { key: 'c', distance: -7 },
      { key: 'b', distance: -2 },
      { key: 'a', distance: -1 },
    ]);
  });

  it('a zero vector is at cosine distance 1 from everything', () => {
    const s = make({ dimension: 3, metric: 'cosine' });
    s.upsert([{ key: 'z', values: [0, 0, 0] }]);
    s.flush();
    expect(s.query([1, 2, 3], { topK: 1 })).toEqual([{ key: 'z', distance: 1 }]);
  });

  it('values are stored as float32 and distances computed from them', () => {
    const s = make({ dimension: 2, metric: 'euclidean' });
    s.upsert([{ key: 'x', values: [0.1, 1 / 3] }]);
    const stored = s.get('x');
    expect(Array.from(stored?.values ?? [])).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
    const expected = referenceDistance('euclidean', Float32Array.of(0.3, 0.3), Float32Array.of(0.1, 1 / 3));
    expect(s.query([0.3, 0.3], { topK: 1 })[0]?.distance).toBe(expected);
  });

  it.each(['cosine', 'euclidean', 'dot'] as const)('graph and exact scan give bit-identical hits (%s)', (metric) => {
    const s = make({ dimension: 24, metric });
    const data = clusteredData({ n: 3000, dim: 24, clusters: 10, spread: 0.4, seed: `paths-${metric}` });
    s.upsert(data.map((values, i) => ({ key: `p${i}`, values })));
    const queries = clusteredData({ n: 20, dim: 24, clusters: 10, spread: 0.4, seed: `paths-${metric}`, pointSeed: 'q' });
    const before = queries.map((q) => s.query(q, { topK: 10 }));
    expect(s.lastQueryPlan).toBe('exact');
    s.flush();
    const after = queries.map((q) => s.query(q, { topK: 10 }));
    expect(s.lastQueryPlan).toBe('hnsw');
    // Identical where the graph found the same neighbours (it is approximate), and distances always exact.
    let same = 0;
    before.forEach((exact, i) => {
      const graph = after[i] ?? [];
      if (JSON.stringify(graph) === JSON.stringify(exact)) same++;
      for (const hit of graph) {
        const ref = exact.find((h) => h.key === hit.key);
        if (ref) expect(hit.distance).toBe(ref.distance);
      }
    });
    expect(same).toBeGreaterThanOrEqual(18);
  });

  it('a filtered graph search that comes back short falls back to an exact scan', () => {
    const s = make({ dimension: 8 });
    const data = clusteredData({ n: 4000, dim: 8, clusters: 8, spread: 0.5, seed: 'fallback' });
    s.upsert(data.map((values, i) => ({ key: `f${i}`, values, metadata: { i } })));
    s.flush();
    // Slots follow insertion order here, so this filter passes exactly the slots the selectivity sample looks at
    // (every 7th): the estimate says 100%, the truth is 1/7 (572 vectors), fewer than topK.
    const accept = (m: unknown): boolean => ((m as { i: number }).i % 7) === 0;
    const hits = s.query(data[0] as Float32Array, { topK: 600, filter: (m) => accept(m) });
    expect(s.lastQueryPlan).toBe('exact-fallback');
    expect(hits).toHaveLength(572);
    expect(hits.every((h) => Number(h.key.slice(1)) % 7 === 0)).toBe(true);
    // With enough matches for topK the graph answers.
    s.query(data[0] as Float32Array, { topK: 10, filter: (m) => accept(m) });
    expect(s.lastQueryPlan).toBe('hnsw-filtered');
  });

  it('a throwing filter makes the query throw, on every path, without taking the process down', () => {
    const s = make({ dimension: 8 });
    const data = clusteredData({ n: 3000, dim: 8, clusters: 8, spread: 0.5, seed: 'throw' });
    s.upsert(data.map((values, i) => ({ key: `t${i}`, values, metadata: { i } })));
    const boom = (m: unknown): boolean => {
      if ((m as { i: number }).i === 1234) throw new Error('boom');
      return true;
    };
    expect(() => s.query(data[0] as Float32Array, { topK: 5, filter: boom })).toThrow('boom'); // exact (pending)
    s.flush();
    // Matches "all" in the sample, so the graph path runs and meets i = 1234 inside the native search.
    expect(() => s.query(data[1234] as Float32Array, { topK: 5, filter: boom })).toThrow('boom');
    expect(s.lastQueryPlan).toBe('hnsw-filtered');
    expect(s.query(data[0] as Float32Array, { topK: 1 })[0]?.key).toBe('t0');
  });

  it('an empty store allocates no graph', () => {
    const s = make({ dimension: 768 });
    expect(s.stats().hnswMaxElements).toBe(0);
    expect(s.memoryBytes()).toBeLessThan(64 * 1024);
    s.upsert([{ key: 'a', values: new Float32Array(768) }]);
    s.flush();
    expect(s.stats().hnswMaxElements).toBe(1024);
  });

  it('pending and indexed vectors merge into one ordering', () => {
    const s = make({ dimension: 1 });
    s.upsert([0, 2, 4, 6].map((x) => ({ key: `i${x}`, values: [x] })));
    s.flush();
    s.upsert([1, 3, 5].map((x) => ({ key: `p${x}`, values: [x] })));
    expect(s.pendingCount).toBe(3);
    expect(keys(s.query([0], { topK: 5 }))).toEqual(['i0', 'p1', 'i2', 'p3', 'i4']);
    expect(s.lastQueryPlan).toBe('hnsw');
  });
});

describe('writes, overwrites and deletes', () => {
  it.each(phases)('overwrite by key replaces values and metadata (%s)', (_, settle) => {
    const s = make({ dimension: 2 });
    s.upsert([
      { key: 'k', values: [0, 0], metadata: { colour: 'red' } },
      { key: 'other', values: [5, 5] },
    ]);
    settle(s);
    s.upsert([{ key: 'k', values: [10, 10], metadata: { colour: 'blue' } }]);
    settle(s);
    expect(s.size).toBe(2);
    expect(Array.from(s.get('k')?.values ?? [])).toEqual([10, 10]);
    expect(s.get('k')?.metadata).toEqual({ colour: 'blue' });
    expect(s.query([0, 0], { topK: 2 })).toEqual([
      { key: 'other', distance: Math.hypot(5, 5) },
      { key: 'k', distance: Math.hypot(10, 10) },
    ]);
    const red = compileFilter({ colour: 'red' }, { numericOperators: false });
    expect(s.query([0, 0], { topK: 2, filter: (m) => red(m) })).toEqual([]);
  });

  it('overwriting without metadata drops the old metadata', () => {
    const s = make({ dimension: 1 });
    s.upsert([{ key: 'k', values: [1], metadata: { a: 'x' } }]);
    s.upsert([{ key: 'k', values: [1] }]);
    expect(s.get('k')?.metadata).toBeUndefined();
  });

  it('metadata is copied on write', () => {
    const s = make({ dimension: 1 });
    const metadata = { tags: ['a'] };
    s.upsert([{ key: 'k', values: [1], metadata }]);
    metadata.tags.push('b');
    expect(s.get('k')?.metadata).toEqual({ tags: ['a'] });
  });

  it.each(phases)('a deleted vector never comes back from query, get or list (%s)', (_, settle) => {
    const s = make({ dimension: 2 });
    s.upsert(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, values: [i, 0], metadata: { n: i } })));
    settle(s);
    expect(s.delete(['k0', 'k1', 'k2'])).toBe(3);
    const everything = compileFilter({}, { numericOperators: true });
    for (const hits of [s.query([0, 0], { topK: 5 }), s.query([0, 0], { topK: 50, filter: (m) => everything(m) })]) {
      expect(keys(hits)).not.toContain('k0');
      expect(keys(hits)).not.toContain('k1');
      expect(keys(hits)).not.toContain('k2');
    }
    expect(keys(s.query([0, 0], { topK: 2 }))).toEqual(['k3', 'k4']);
    expect(s.get('k0')).toBeUndefined();
    expect(s.has('k1')).toBe(false);
    expect(s.list({ limit: 100 }).keys).not.toContain('k2');
    expect(s.size).toBe(47);
    // ...and stays gone after the indexer runs.
    s.flush();
    expect(keys(s.query([0, 0], { topK: 2 }))).toEqual(['k3', 'k4']);
    expect(s.query([0, 0], { topK: 100 })).toHaveLength(47);
  });

  it('delete of missing keys is ignored and counted 0; duplicate keys count once', () => {
    const s = make({ dimension: 1 });
    s.upsert([{ key: 'a', values: [1] }]);
    expect(s.delete(['nope', ''])).toBe(0);
    expect(s.delete(['a', 'a'])).toBe(1);
    expect(s.delete(['a'])).toBe(0);
    expect(s.size).toBe(0);
  });

  it('markDelete is never called twice (hnswlib would throw)', () => {
    const s = make({ dimension: 2 });
    s.upsert([
      { key: 'a', values: [1, 0] },
      { key: 'b', values: [0, 1] },
    ]);
    s.flush();
    // Delete the same key twice, across calls and within one call.
    expect(s.delete(['a'])).toBe(1);
    expect(() => s.delete(['a'])).not.toThrow();
    // Overwrite (marks the old element deleted), then delete while the new values are pending, then after flush.
    s.upsert([{ key: 'b', values: [0, 2] }]);
    expect(() => s.delete(['b', 'b'])).not.toThrow();
    s.upsert([{ key: 'c', values: [1, 1] }]);
    s.flush();
    s.upsert([{ key: 'c', values: [2, 2] }]);
    s.flush();
    expect(s.delete(['c'])).toBe(1);
    expect(s.stats()).toMatchObject({ live: 0, pending: 0, indexed: 0 });
    // Slots freed by those deletes are reused without complaint.
    s.upsert(['x', 'y', 'z'].map((key, i) => ({ key, values: [i, i] })));
    s.flush();
    expect(keys(s.query([0, 0], { topK: 3 }))).toEqual(['x', 'y', 'z']);
  });

  it('deleted graph slots are reused: delete N, insert N, capacity unchanged', () => {
    const s = make({ dimension: 4, initialCapacity: 64 });
    const v = (i: number): number[] => [i, i % 7, i % 3, 1];
    s.upsert(Array.from({ length: 64 }, (_, i) => ({ key: `old${i}`, values: v(i) })));
    s.flush();
    expect(s.stats()).toMatchObject({ hnswMaxElements: 64, hnswCurrentCount: 64 });
    s.delete(Array.from({ length: 32 }, (_, i) => `old${i}`));
    expect(s.stats().hnswDeletedSlots).toBe(32);
    s.upsert(Array.from({ length: 32 }, (_, i) => ({ key: `new${i}`, values: v(i) })));
    s.flush();
    expect(s.stats()).toMatchObject({ hnswMaxElements: 64, hnswCurrentCount: 64, hnswDeletedSlots: 0, live: 64, indexed: 64, arenaSlots: 64 });
    expect(s.query(v(0), { topK: 1 })).toEqual([{ key: 'new0', distance: 0 }]);
    expect(s.query(v(40), { topK: 1 })).toEqual([{ key: 'old40', distance: 0 }]);
  });

  it('grows automatically past its initial capacity', () => {
    const s = make({ dimension: 8, metric: 'cosine', initialCapacity: 16 });
    const data = clusteredData({ n: 1500, dim: 8, clusters: 5, spread: 0.5, seed: 'grow' });
    s.upsert(data.map((values, i) => ({ key: `g${i}`, values })));
    s.flush();
    expect(s.stats().hnswMaxElements).toBe(2048);
    expect(s.size).toBe(1500);
    for (const i of [0, 777, 1499]) expect(s.query(data[i] as Float32Array, { topK: 1 })[0]?.key).toBe(`g${i}`);
  });

  it('topK larger than the store returns everything, in order', () => {
    const s = make({ dimension: 1 });
    s.upsert([3, 1, 2].map((x) => ({ key: `k${x}`, values: [x] })));
    s.flush();
    expect(keys(s.query([0], { topK: 100 }))).toEqual(['k1', 'k2', 'k3']);
    expect(s.query([0], { topK: 0 })).toEqual([]);
  });

  it('dimension mismatch is a programming error and leaves the store untouched', () => {
    const s = make({ dimension: 3 });
    expect(() =>
      s.upsert([
        { key: 'ok', values: [1, 2, 3] },
        { key: 'bad', values: [1, 2] },
      ]),
    ).toThrow(/dimension mismatch/);
    expect(s.size).toBe(0);
    expect(() => s.query([1, 2], { topK: 1 })).toThrow(/dimension mismatch/);
  });

  it('clear empties the store and it works afterwards', () => {
    const s = make({ dimension: 1 });
    s.upsert([{ key: 'a', values: [1] }]);
    s.flush();
    s.upsert([{ key: 'b', values: [2] }]);
    s.clear();
    expect(s.size).toBe(0);
    expect(s.query([1], { topK: 5 })).toEqual([]);
    expect(s.list({ limit: 10 })).toEqual({ keys: [], more: false });
    s.upsert([{ key: 'a', values: [1] }]);
    s.flush();
    expect(s.query([1], { topK: 5 })).toEqual([{ key: 'a', distance: 0 }]);
  });

  it('the background indexer drains the pending set on its own', async () => {
    const s = make({ dimension: 16 });
    const data = clusteredData({ n: 3000, dim: 16, clusters: 4, spread: 0.3, seed: 'bg' });
    s.upsert(data.map((values, i) => ({ key: `b${i}`, values })));
    expect(s.pendingCount).toBe(3000);
    const deadline = Date.now() + 20_000;
    while (s.pendingCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(s.pendingCount).toBe(0);
    expect(s.stats().indexed).toBe(3000);
  });

  it('close stops the background indexer; flush still works', async () => {
    const s = make({ dimension: 4 });
    s.close();
    s.upsert(Array.from({ length: 100 }, (_, i) => ({ key: `c${i}`, values: [i, 0, 0, 0] })));
    await new Promise((r) => setTimeout(r, 30));
    expect(s.pendingCount).toBe(100);
    expect(s.query([0, 0, 0, 0], { topK: 1 })).toEqual([{ key: 'c0', distance: 0 }]);
    s.flush();
    expect(s.pendingCount).toBe(0);
  });

  it('memoryBytes grows with content and counts metadata', () => {
    const s = make({ dimension: 128 });
    const empty = s.memoryBytes();
    s.upsert(Array.from({ length: 2000 }, (_, i) => ({ key: `m${i}`, values: new Float32Array(128).fill(i), metadata: { text: 'x'.repeat(100) } })));
    s.flush();
    const full = s.memoryBytes();
    // At least the raw float32 values twice (arena + graph copy) and the metadata.
    expect(full - empty).toBeGreaterThan(2000 * 128 * 4 * 2 + 2000 * 100);
    expect(full).toBeLessThan(50 * 1024 * 1024);
  });
});

describe('keys and list', () => {
  const odd = ['', ' ', 'a', 'A', 'é', 'e\u0301', '🙂', '😀x', '\u0000', 'a\u0000b', 'ﬀ', '\uffff', 'k'.repeat(1024), 'a/b', '日本語'];

  it.each(phases)('unicode, emoji and empty-ish keys round-trip (%s)', (_, settle) => {
    const s = make({ dimension: 2 });
    s.upsert(odd.map((key, i) => ({ key, values: [i, 1], metadata: { i } })));
    settle(s);
    expect(s.size).toBe(odd.length);
    odd.forEach((key, i) => {
      expect(s.get(key)?.metadata).toEqual({ i });
      expect(s.query([i, 1], { topK: 1 })[0]).toEqual({ key, distance: 0 });
    });
    // UTF-16 code unit order: '🙂' (surrogates 0xD83D 0xDE42) sorts before '\uffff' (UTF-8 byte order would not).
    const expected = [...odd].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(s.list({ limit: 1000 }).keys).toEqual(expected);
    expect(expected.indexOf('🙂')).toBeLessThan(expected.indexOf('\uffff'));
    expect(s.delete(['', '🙂'])).toBe(2);
    expect(s.has('')).toBe(false);
    expect(s.list({ limit: 1000 }).keys).toEqual(expected.filter((k) => k !== '' && k !== '🙂'));
  });

  it('pages through keys in ascending order with after/limit/more', () => {
    const s = make({ dimension: 1 });
    const all = Array.from({ length: 25 }, (_, i) => `key-${String(i).padStart(2, '0')}`);
    s.upsert([...all].reverse().map((key) => ({ key, values: [0] })));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = s.list({ after, limit: 10 });
      seen.push(...page.keys);
      if (!page.more) break;
      after = page.keys.at(-1);
    }
    expect(seen).toEqual(all);
    expect(s.list({ after: 'key-23', limit: 10 })).toEqual({ keys: ['key-24'], more: false });
    expect(s.list({ after: 'key-05x', limit: 2 })).toEqual({ keys: ['key-06', 'key-07'], more: true });
    expect(s.list({ after: 'zzz', limit: 2 })).toEqual({ keys: [], more: false });
    expect(s.list({ limit: 0 })).toEqual({ keys: [], more: true });
  });

  it('the key cache follows interleaved writes and deletes', () => {
    const s = make({ dimension: 1 });
    const rng = createRandom('list-churn');
    const truth = new Set<string>();
    for (let round = 0; round < 200; round++) {
      const key = `k${rng.int(60)}`;
      if (rng.next() < 0.6) {
        s.upsert([{ key, values: [1] }]);
        truth.add(key);
      } else {
        s.delete([key]);
        truth.delete(key);
      }
      if (round % 7 === 0) expect(s.list({ limit: 1000 }).keys).toEqual([...truth].sort());
    }
    expect(s.list({ limit: 1000 }).keys).toEqual([...truth].sort());
  });

  it('segments partition the key space by a stable hash', () => {
    const s = make({ dimension: 1 });
    const all = Array.from({ length: 300 }, (_, i) => `seg-${i}`);
    s.upsert(all.map((key) => ({ key, values: [0] })));
    const count = 4;
    const parts = Array.from({ length: count }, (_, index) => s.list({ limit: 1000, segment: { index, count } }).keys);
    expect(parts.flat().sort()).toEqual([...all].sort());
    for (const [index, part] of parts.entries()) {
      expect(part.length).toBeGreaterThan(30);
      for (const key of part) expect(fnv1a(key) % count).toBe(index);
    }
    // Paging inside a segment.
    const first = s.list({ limit: 5, segment: { index: 1, count } });
    expect(first).toEqual({ keys: (parts[1] as string[]).slice(0, 5), more: true });
    const rest = s.list({ limit: 1000, after: first.keys.at(-1), segment: { index: 1, count } });
    expect([...first.keys, ...rest.keys]).toEqual(parts[1]);
  });

  it('fnv1a hashes UTF-8 bytes (known vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    // 'é' is C3 A9 in UTF-8; hashing those two bytes must give the same as the string.
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode('é🙂')) h = Math.imul(h ^ b, 0x01000193);
    expect(fnv1a('é🙂')).toBe(h >>> 0);
  });
});
