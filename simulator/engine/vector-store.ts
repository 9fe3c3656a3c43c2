import hnswlib from 'hnswlib-node';
import type { HierarchicalNSW, SpaceName } from 'hnswlib-node';
import { atEndOfTurn, cancelAtEndOfTurn } from './turn.ts';
import type {
  ListOptions,
  Metadata,
  Metric,
  QueryHit,
  QueryOptions,
  StoredVector,
  VectorInput,
  VectorStore,
  VectorStoreOptions,
} from './types.ts';

/**
 * Vector store over hnswlib-node with a write buffer.
 *
 * Layout: every live vector owns a *slot* in a chunked float32 arena (exact values as written, free-list reuse).
 * A slot is either PENDING (written, visible to get/list/query, not yet in the graph) or INDEXED (in HNSW under a
 * label). Writes only touch the arena and the pending set; a background indexer moves pending slots into HNSW in
 * short time slices so a large batch never freezes the event loop. Queries search HNSW, scan the pending set
 * exactly, and merge; all returned distances are recomputed in float64 from the stored float32 values, so the HNSW
 * and brute-force paths agree bit for bit.
 *
 * Labels are monotonically increasing and never reused: with `allowReplaceDeleted` hnswlib reuses a deleted *slot*
 * for a new label and drops the old label from its map, which would corrupt the map if the old label were live again.
 */

export interface VectorStoreStats {
  /** Live vectors (= size). */
  live: number;
  /** Live vectors waiting for the background indexer. */
  pending: number;
  /** Live vectors in the HNSW graph. */
  indexed: number;
  /** hnswlib `getMaxElements()`. */
  hnswMaxElements: number;
  /** hnswlib `getCurrentCount()`: graph elements including deleted ones. */
  hnswCurrentCount: number;
  /** Deleted graph elements waiting to be reused by the next insert. */
  hnswDeletedSlots: number;
  /** Arena slots ever allocated (high-water mark). */
  arenaSlots: number;
}

/** How the last query was answered; for tests and diagnostics. */
export type QueryPlan = 'empty' | 'hnsw' | 'hnsw-filtered' | 'exact' | 'exact-fallback';

export interface EngineVectorStore extends VectorStore {
  /** Index every pending vector now, synchronously (tests, benchmarks, snapshots). */
  flush(): void;
  /**
   * Stop the background indexer (pending work otherwise keeps the process alive until indexed). The store still
   * answers; vectors written later stay pending until `flush()`.
   */
  close(): void;
  readonly pendingCount: number;
  readonly lastQueryPlan: QueryPlan;
  stats(): VectorStoreStats;
}

/** Longest a background indexing slice may hold the event loop (one insert may overrun it by its own cost). */
export const INDEX_SLICE_MS = 4;
/** A filtered query whose estimated matches are at most this many is answered by exact scan. */
export const FILTER_EXACT_MAX_MATCHES = 2000;
/** A filtered query whose estimated selectivity is below this is answered by exact scan. */
export const FILTER_EXACT_MAX_SELECTIVITY = 0.05;
/** Indexed vectors evaluated to estimate a filter's selectivity. */
const SELECTIVITY_SAMPLE = 512;
/** Arena chunk size in slots: growth allocates a chunk, never copies. */
const CHUNK_SLOTS = 1024;
const MAX_LABEL = 0xffff_ffff;

const FREE = 0;
const PENDING = 1;
const INDEXED = 2;

const SPACE: Record<Metric, SpaceName> = { cosine: 'cosine', euclidean: 'l2', dot: 'ip' };

export function createVectorStore(opts: VectorStoreOptions): EngineVectorStore {
  const dimension = opts.dimension;
  if (!Number.isSafeInteger(dimension) || dimension <= 0) throw new Error(`createVectorStore: bad dimension ${dimension}`);
  const metric = opts.metric;
  if (!(metric in SPACE)) throw new Error(`createVectorStore: unknown metric ${String(metric)}`);
  const squared = opts.euclideanSquared ?? false;
  const m = opts.m ?? 16;
  const efConstruction = opts.efConstruction ?? 100;
  const efSearch = opts.efSearch ?? 100;
  const randomSeed = opts.randomSeed ?? 100;
  const initialCapacity = Math.max(16, opts.initialCapacity ?? 1024);

  // --- arena -----------------------------------------------------------------------------------------------------
  let chunks: Float32Array[] = [];
  let highWater = 0;
  let freeSlots: number[] = [];
  let slotState: number[] = [];
  let slotKey: (string | undefined)[] = [];
  let slotMeta: (Metadata | undefined)[] = [];
  let slotMetaChars: number[] = [];
  let slotLabel: number[] = [];
  /** Float64 norm of the stored float32 values (cosine only). */
  let slotNorm: number[] = [];

  let keyToSlot = new Map<string, number>();
  let labelToSlot = new Map<number, number>();
  /** Pending slots, for membership and for the exact scan in queries. */
  let pending = new Set<number>();
  /**
   * Indexing order: slots in the order they became pending. Entries whose slot is no longer pending are skipped, so
   * deletes never search it. (Iterating `pending` itself from the start in every slice would walk over V8's deleted
   * entries again and again.) Invariant: every pending slot has an entry at or after `queueHead`.
   */
  let queue: number[] = [];
  let queueHead = 0;
  let metadataChars = 0;
  let keyChars = 0;

  // --- hnsw ------------------------------------------------------------------------------------------------------
  // Created on first indexing: hnswlib allocates capacity × (vector + links) plus 65,536 mutexes (2.6 MB) up front,
  // which adds up for simulators holding many empty indexes.
  let hnswIndex: HierarchicalNSW | undefined;
  let hnswMax = initialCapacity;
  let hnswCount = 0;
  let hnswDeleted = 0;
  let nextLabel = 0;
  const scratch: number[] = new Array<number>(dimension).fill(0);

  // --- sorted key cache ------------------------------------------------------------------------------------------
  let sortedKeys: string[] | undefined;
  let keysAdded = new Set<string>();
  let keysRemoved = new Set<string>();

  /** Whether an index slice is queued for the end of this turn. */
  let sliceQueued = false;
  let closed = false;
  let lastPlan: QueryPlan = 'empty';

  function graph(): HierarchicalNSW {
    if (hnswIndex === undefined) {
      hnswIndex = new hnswlib.HierarchicalNSW(SPACE[metric], dimension);
      hnswIndex.initIndex({ maxElements: hnswMax, m, efConstruction, randomSeed, allowReplaceDeleted: true });
    }
    return hnswIndex;
  }

  function allocSlot(): number {
    const reused = freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = highWater++;
    if (slot >= chunks.length * CHUNK_SLOTS) chunks.push(new Float32Array(CHUNK_SLOTS * dimension));
    slotState.push(FREE);
    slotKey.push(undefined);
    slotMeta.push(undefined);
    slotMetaChars.push(0);
    slotLabel.push(-1);
    slotNorm.push(0);
    return slot;
  }

  function chunkOf(slot: number): Float32Array {
    return chunks[Math.floor(slot / CHUNK_SLOTS)] as Float32Array;
  }

  function offsetOf(slot: number): number {
    return (slot % CHUNK_SLOTS) * dimension;
  }

  function checkDimension(values: ArrayLike<number>, what: string): void {
    if (values.length !== dimension) {
      throw new Error(`${what}: dimension mismatch (expected ${dimension}, got ${values.length})`);
    }
  }

  /** Take a slot out of HNSW (mark its label deleted) or out of the pending set; the slot itself stays owned. */
  function detach(slot: number): void {
    const state = slotState[slot];
    if (state === INDEXED) {
      const label = slotLabel[slot] as number;
      // State moves off INDEXED right here, so a label is never marked deleted twice.
      graph().markDelete(label);
      hnswDeleted++;
      labelToSlot.delete(label);
      slotLabel[slot] = -1;
    } else if (state === PENDING) {
      pending.delete(slot);
    }
    slotState[slot] = FREE;
  }

  function release(slot: number): void {
    detach(slot);
    metadataChars -= slotMetaChars[slot] as number;
    slotKey[slot] = undefined;
    slotMeta[slot] = undefined;
    slotMetaChars[slot] = 0;
    freeSlots.push(slot);
  }

  function keyAdded(key: string): void {
    if (sortedKeys === undefined) return;
    if (keysRemoved.has(key)) keysRemoved.delete(key);
    else keysAdded.add(key);
  }

  function keyRemoved(key: string): void {
    if (sortedKeys === undefined) return;
    if (keysAdded.has(key)) keysAdded.delete(key);
    else keysRemoved.add(key);
  }

  function indexOne(slot: number): void {
    if (nextLabel > MAX_LABEL) throw new Error('vector store: HNSW label space (uint32) exhausted');
    const label = nextLabel++;
    const hnsw = graph();
    if (hnswDeleted === 0 && hnswCount >= hnswMax) {
      hnswMax *= 2;
      hnsw.resizeIndex(hnswMax);
    }
    const chunk = chunkOf(slot);
    const off = offsetOf(slot);
    for (let i = 0; i < dimension; i++) scratch[i] = chunk[off + i] as number;
    hnsw.addPoint(scratch, label, true);
    // hnswlib reuses a deleted element whenever one exists (replaceDeleted = true).
    if (hnswDeleted > 0) hnswDeleted--;
    else hnswCount++;
    pending.delete(slot);
    slotState[slot] = INDEXED;
    slotLabel[slot] = label;
    labelToSlot.set(label, slot);
  }

  function nextPending(): number | undefined {
    while (queueHead < queue.length) {
      const slot = queue[queueHead++] as number;
      if (slotState[slot] === PENDING) {
        if (queueHead >= 4096 && queueHead * 2 >= queue.length) {
          queue = queue.slice(queueHead);
          queueHead = 0;
        }
        return slot;
      }
    }
    queue = [];
    queueHead = 0;
    return undefined;
  }

  function indexSlice(): void {
    sliceQueued = false;
    if (closed) return;
    const start = performance.now();
    for (let slot = nextPending(); slot !== undefined; slot = nextPending()) {
      indexOne(slot);
      if (performance.now() - start >= INDEX_SLICE_MS) break;
    }
    schedule();
  }

  function schedule(): void {
    if (closed || sliceQueued || pending.size === 0) return;
    // Background tier: answers of the same turn are written first (turn.ts). Not unref'd, so the loop does not block
    // in its poll phase between slices (an unref'd immediate made 50k × 32-d take 180 s instead of 14 s); the cost:
    // pending work keeps the process alive until it is indexed or `close()` is called.
    sliceQueued = true;
    atEndOfTurn('background', indexSlice);
  }

  // --- distances -------------------------------------------------------------------------------------------------
  function norm(values: Float32Array, off: number): number {
    return Math.sqrt(dotProduct(values.subarray(off, off + dimension), values, off, dimension));
  }

  function distanceTo(q: Float32Array, qNorm: number, slot: number): number {
    const a = chunkOf(slot);
    const off = offsetOf(slot);
    if (metric === 'euclidean') {
      const s = squaredL2(q, a, off, dimension);
      return squared ? s : Math.sqrt(s);
    }
    const dot = dotProduct(q, a, off, dimension);
    if (metric === 'dot') return -dot;
    const n = slotNorm[slot] as number;
    // A zero vector has no direction: treat it as orthogonal to everything (hnswlib does the same).
    if (qNorm === 0 || n === 0) return 1;
    return 1 - dot / (qNorm * n);
  }

  // --- query paths -----------------------------------------------------------------------------------------------
  type SlotFilter = ((slot: number) => boolean) | undefined;

  function scanSlots(slots: Iterable<number>, q: Float32Array, qNorm: number, accept: SlotFilter, top: TopK): void {
    for (const slot of slots) {
      if (accept !== undefined && !accept(slot)) continue;
      top.offer(distanceTo(q, qNorm, slot), slotKey[slot] as string);
    }
  }

  function scanAll(q: Float32Array, qNorm: number, accept: SlotFilter, top: TopK): void {
    for (let slot = 0; slot < highWater; slot++) {
      if (slotState[slot] === FREE) continue;
      if (accept !== undefined && !accept(slot)) continue;
      top.offer(distanceTo(q, qNorm, slot), slotKey[slot] as string);
    }
  }

  /** Returns how many hits HNSW gave. */
  function searchGraph(qArr: number[], q: Float32Array, qNorm: number, k: number, ef: number, accept: SlotFilter, top: TopK): number {
    const hnsw = graph();
    hnsw.setEf(ef);
    // A JS exception inside hnswlib's filter callback aborts the whole process (the addon is built without C++
    // exceptions), so catch it here, stop matching, and rethrow once the native search has returned.
    let failed = false;
    let failure: unknown;
    const labelFilter =
      accept === undefined
        ? undefined
        : (label: number): boolean => {
            if (failed) return false;
            const slot = labelToSlot.get(label);
            if (slot === undefined) return false;
            try {
              return accept(slot);
            } catch (e) {
              failed = true;
              failure = e;
              return false;
            }
          };
    const res = hnsw.searchKnn(qArr, k, labelFilter);
    if (failed) throw failure;
    let n = 0;
    for (const label of res.neighbors) {
      const slot = labelToSlot.get(label);
      if (slot === undefined) continue; // cannot happen: deleted labels are excluded by hnswlib
      top.offer(distanceTo(q, qNorm, slot), slotKey[slot] as string);
      n++;
    }
    return n;
  }

  function estimateSelectivity(accept: (slot: number) => boolean): number {
    const step = Math.max(1, Math.floor(highWater / SELECTIVITY_SAMPLE));
    let seen = 0;
    let hits = 0;
    for (let slot = 0; slot < highWater; slot += step) {
      if (slotState[slot] !== INDEXED) continue;
      seen++;
      if (accept(slot)) hits++;
    }
    return seen === 0 ? 0 : hits / seen;
  }

  const store: EngineVectorStore = {
    dimension,
    metric,
    get size() {
      return keyToSlot.size;
    },
    get pendingCount() {
      return pending.size;
    },
    get lastQueryPlan() {
      return lastPlan;
    },

    upsert(items) {
      // Check the whole batch first so a bad item leaves the store untouched.
      for (const item of items) checkDimension(item.values, `upsert(${JSON.stringify(item.key)})`);
      for (const item of items) write(item);
      schedule();
    },

    get(key) {
      const slot = keyToSlot.get(key);
      if (slot === undefined) return undefined;
      const off = offsetOf(slot);
      const values = chunkOf(slot).slice(off, off + dimension);
      const stored: StoredVector = { key, values, metadata: slotMeta[slot] };
      return stored;
    },

    has(key) {
      return keyToSlot.has(key);
    },

    delete(keys) {
      let removed = 0;
      for (const key of keys) {
        const slot = keyToSlot.get(key);
        if (slot === undefined) continue;
        release(slot);
        keyToSlot.delete(key);
        keyChars -= key.length;
        keyRemoved(key);
        removed++;
      }
      return removed;
    },

    clear() {
      if (sliceQueued) cancelAtEndOfTurn(indexSlice);
      sliceQueued = false;
      chunks = [];
      highWater = 0;
      freeSlots = [];
      slotState = [];
      slotKey = [];
      slotMeta = [];
      slotMetaChars = [];
      slotLabel = [];
      slotNorm = [];
      keyToSlot = new Map();
      labelToSlot = new Map();
      pending = new Set();
      queue = [];
      queueHead = 0;
      metadataChars = 0;
      keyChars = 0;
      hnswIndex = undefined;
      hnswMax = initialCapacity;
      hnswCount = 0;
      hnswDeleted = 0;
      // Labels keep counting: a fresh index would not care, but monotonic labels cost nothing and rule out mix-ups.
      sortedKeys = undefined;
      keysAdded = new Set();
      keysRemoved = new Set();
    },

    query(vector, queryOpts) {
      checkDimension(vector, 'query');
      const topK = Math.floor(queryOpts.topK);
      const filter = queryOpts.filter;
      if (!(topK > 0) || keyToSlot.size === 0) {
        lastPlan = 'empty';
        return [];
      }
      // The query is rounded to float32 like the stored values (and like hnswlib sees it).
      const q = Float32Array.from(vector);
      const qArr = Array.from(q);
      const qNorm = metric === 'cosine' ? norm(q, 0) : 0;
      const indexed = labelToSlot.size;
      const base = Math.max(efSearch, topK);
      let top = new TopK(topK);

      const accept: SlotFilter =
        filter === undefined ? undefined : (slot) => filter(slotMeta[slot], slotKey[slot] as string);

      let plan: QueryPlan;
      let selectivity = 1;
      if (indexed === 0) {
        plan = 'exact';
      } else if (accept === undefined) {
        plan = 'hnsw';
      } else {
        selectivity = estimateSelectivity(accept);
        const exact = selectivity < FILTER_EXACT_MAX_SELECTIVITY || selectivity * indexed <= FILTER_EXACT_MAX_MATCHES;
        plan = exact ? 'exact' : 'hnsw-filtered';
      }

      lastPlan = plan;
      if (plan === 'exact') {
        scanAll(q, qNorm, accept, top);
      } else {
        const k = Math.min(topK, indexed);
        // A filtered search only keeps matching hits in its beam; widen the beam as the filter gets more selective
        // (here selectivity ≥ 5%): 1/selectivity, between 1× and 4×.
        const ef = plan === 'hnsw-filtered' ? Math.ceil(base * Math.min(4, 1 / selectivity)) : base;
        const got = searchGraph(qArr, q, qNorm, k, ef, accept, top);
        // Too few hits means the graph could not reach enough (matching) vectors: answer exactly instead.
        if (got < k) {
          lastPlan = 'exact-fallback';
          top = new TopK(topK);
          scanAll(q, qNorm, accept, top);
        } else {
          scanSlots(pending, q, qNorm, accept, top);
        }
      }
      return top.sorted();
    },

    list(listOpts) {
      const keys = currentSortedKeys();
      let i = listOpts.after === undefined ? 0 : upperBound(keys, listOpts.after);
      const limit = Math.max(0, Math.floor(listOpts.limit));
      const seg = listOpts.segment;
      if (seg !== undefined && !(Number.isInteger(seg.count) && seg.count >= 1 && seg.index >= 0 && seg.index < seg.count)) {
        throw new Error(`list: bad segment ${seg.index}/${seg.count}`);
      }
      const inSegment = seg === undefined ? () => true : (key: string) => fnv1a(key) % seg.count === seg.index;
      const out: string[] = [];
      for (; i < keys.length; i++) {
        const key = keys[i] as string;
        if (!inSegment(key)) continue;
        if (out.length === limit) return { keys: out, more: true };
        out.push(key);
      }
      return { keys: out, more: false };
    },

    memoryBytes() {
      const arena = chunks.length * CHUNK_SLOTS * dimension * 4;
      // hnswlib, per allocated element: level-0 block (vector, 2M links + count, label), link-list pointer, level,
      // a std::mutex (40 B) and 2 B in the visited-list pool. Per inserted element: upper levels (an element has
      // 1/(M−1) of them on average, M links + count each) and its label-map entry (~48 B). Plus 65,536 label locks.
      const perAllocated = dimension * 4 + (2 * m * 4 + 4) + 8 + 8 + 4 + 40 + 2;
      const upper = hnswCount * ((m * 4 + 4) / Math.max(1, m - 1) + 48) + 65_536 * 40;
      const graphBytes = hnswIndex === undefined ? 0 : hnswMax * perAllocated + upper;
      // JS side: slot arrays (~6 × 8 B), key map and label map entries (~40 B each), key strings (UTF-16).
      const js = highWater * 48 + keyToSlot.size * 40 + labelToSlot.size * 40 + keyChars * 2 + pending.size * 16 + (queue.length - queueHead) * 8;
      // Metadata: its JSON length counted as UTF-16 (parsed objects are usually larger; this is a floor).
      return arena + graphBytes + js + metadataChars * 2;
    },

    flush() {
      for (let slot = nextPending(); slot !== undefined; slot = nextPending()) indexOne(slot);
    },

    close() {
      closed = true;
      if (sliceQueued) cancelAtEndOfTurn(indexSlice);
      sliceQueued = false;
    },

    stats() {
      return {
        live: keyToSlot.size,
        pending: pending.size,
        indexed: labelToSlot.size,
        hnswMaxElements: hnswIndex?.getMaxElements() ?? 0,
        hnswCurrentCount: hnswIndex?.getCurrentCount() ?? 0,
        hnswDeletedSlots: hnswDeleted,
        arenaSlots: highWater,
      };
    },
  };

  function write(item: VectorInput): void {
    let slot = keyToSlot.get(item.key);
    if (slot === undefined) {
      slot = allocSlot();
      keyToSlot.set(item.key, slot);
      keyChars += item.key.length;
      slotKey[slot] = item.key;
      keyAdded(item.key);
    } else {
      // Overwrite in place: the old graph element (if any) is marked deleted; the new values get a new label later.
      // A slot that is still pending just takes the new values and keeps its place in the queue.
      if (slotState[slot] === INDEXED) detach(slot);
      metadataChars -= slotMetaChars[slot] as number;
    }
    const chunk = chunkOf(slot);
    const off = offsetOf(slot);
    const values = item.values;
    for (let i = 0; i < dimension; i++) chunk[off + i] = values[i] as number;
    if (metric === 'cosine') slotNorm[slot] = norm(chunk, off);
    if (item.metadata === undefined) {
      slotMeta[slot] = undefined;
      slotMetaChars[slot] = 0;
    } else {
      // A private copy: later changes to the caller's object must not leak in. JSON also gives the size estimate.
      const json = JSON.stringify(item.metadata);
      slotMeta[slot] = JSON.parse(json) as Metadata;
      slotMetaChars[slot] = json.length;
      metadataChars += json.length;
    }
    if (slotState[slot] !== PENDING) {
      slotState[slot] = PENDING;
      pending.add(slot);
      queue.push(slot);
    }
  }

  function currentSortedKeys(): string[] {
    if (sortedKeys === undefined) {
      sortedKeys = [...keyToSlot.keys()].sort(compareKeys);
    } else if (keysAdded.size > 0 || keysRemoved.size > 0) {
      let base = sortedKeys;
      if (keysRemoved.size > 0) {
        const removed = keysRemoved;
        base = base.filter((k) => !removed.has(k));
      }
      sortedKeys = keysAdded.size > 0 ? mergeSorted(base, [...keysAdded].sort(compareKeys)) : base;
    }
    keysAdded = new Set();
    keysRemoved = new Set();
    return sortedKeys;
  }

  return store;
}

// Distance kernels: float64 accumulation over float32 inputs, four partial sums (about 1.5–2× faster in V8 than one
// running sum). Every path, graph or scan, goes through these, so equal inputs give bit-identical distances.
function dotProduct(q: Float32Array, a: Float32Array, off: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dim; i += 4) {
    s0 += (q[i] as number) * (a[off + i] as number);
    s1 += (q[i + 1] as number) * (a[off + i + 1] as number);
    s2 += (q[i + 2] as number) * (a[off + i + 2] as number);
    s3 += (q[i + 3] as number) * (a[off + i + 3] as number);
  }
  for (; i < dim; i++) s0 += (q[i] as number) * (a[off + i] as number);
  return s0 + s1 + (s2 + s3);
}

function squaredL2(q: Float32Array, a: Float32Array, off: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dim; i += 4) {
    const d0 = (q[i] as number) - (a[off + i] as number);
    const d1 = (q[i + 1] as number) - (a[off + i + 1] as number);
    const d2 = (q[i + 2] as number) - (a[off + i + 2] as number);
    const d3 = (q[i + 3] as number) - (a[off + i + 3] as number);
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; i < dim; i++) {
    const d = (q[i] as number) - (a[off + i] as number);
    s0 += d * d;
  }
  return s0 + s1 + (s2 + s3);
}

/** UTF-16 code unit order, as the contract specifies (plain `<` on JS strings). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function upperBound(keys: readonly string[], after: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) out[o++] = (a[i] as string) <= (b[j] as string) ? (a[i++] as string) : (b[j++] as string);
  while (i < a.length) out[o++] = a[i++] as string;
  while (j < b.length) out[o++] = b[j++] as string;
  return out;
}

/** FNV-1a 32-bit over the key's UTF-8 bytes: stable across runs and easy to reproduce in any language. */
export function fnv1a(key: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number): void => {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  };
  for (let i = 0; i < key.length; i++) {
    let c = key.codePointAt(i) as number;
    if (c > 0xffff) i++;
    else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate: encode as U+FFFD, like TextEncoder
    if (c < 0x80) byte(c);
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6));
      byte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    } else {
      byte(0xf0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 0x3f));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    }
  }
  return h >>> 0;
}

/** Bounded top-K: a max-heap on (distance, key) so the worst kept hit is at the root; ties go to the smaller key. */
class TopK {
  private readonly dist: number[] = [];
  private readonly keys: string[] = [];

  constructor(private readonly k: number) {}

  offer(distance: number, key: string): void {
    const n = this.dist.length;
    if (n < this.k) {
      this.dist.push(distance);
      this.keys.push(key);
      this.up(n);
      return;
    }
    if (!worse(this.dist[0] as number, this.keys[0] as string, distance, key)) return;
    this.dist[0] = distance;
    this.keys[0] = key;
    this.down(0);
  }

  sorted(): QueryHit[] {
    const hits = this.dist.map((distance, i) => ({ key: this.keys[i] as string, distance }));
    hits.sort((a, b) => a.distance - b.distance || compareKeys(a.key, b.key));
    return hits;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worseAt(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.dist.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < n && this.worseAt(l, w)) w = l;
      if (r < n && this.worseAt(r, w)) w = r;
      if (w === i) return;
      this.swap(i, w);
      i = w;
    }
  }

  private worseAt(i: number, j: number): boolean {
    return worse(this.dist[i] as number, this.keys[i] as string, this.dist[j] as number, this.keys[j] as string);
  }

  private swap(i: number, j: number): void {
    const d = this.dist[i] as number;
    this.dist[i] = this.dist[j] as number;
    this.dist[j] = d;
    const k = this.keys[i] as string;
    this.keys[i] = this.keys[j] as string;
    this.keys[j] = k;
  }
}

/** Whether (da, ka) ranks after (db, kb). */
function worse(da: number, ka: string, db: number, kb: string): boolean {
  return da > db || (da === db && ka > kb);
}
