/** Provider-neutral vector-store contract. Handlers use only this; HNSW stays behind it. */

export type MetadataValue = string | number | boolean | null | MetadataValue[] | { [key: string]: MetadataValue };
export type Metadata = Record<string, MetadataValue>;

/** cosine: 1 − cos θ; euclidean: L2 (or squared L2, see VectorStoreOptions); dot: −(a·b) so smaller is closer. */
export type Metric = 'cosine' | 'euclidean' | 'dot';

export interface VectorStoreOptions {
  dimension: number;
  metric: Metric;
  /** Whether euclidean distances are squared. Default false (plain L2); hnswlib itself computes squared L2. */
  euclideanSquared?: boolean;
  /** HNSW graph degree. Default 16. */
  m?: number;
  /** HNSW build beam. Default 100. */
  efConstruction?: number;
  /** HNSW search beam; the beam used is max(efSearch, topK). Default 100. */
  efSearch?: number;
  /** Seed for HNSW level generation, so runs are reproducible. Default 100. */
  randomSeed?: number;
  /** Initial capacity; the index grows automatically. Default 1024. */
  initialCapacity?: number;
}

export interface VectorInput {
  key: string;
  values: ArrayLike<number>;
  metadata?: Metadata | undefined;
}

export interface StoredVector {
  key: string;
  /** Exactly the float32 values that were written (rounded to float32). */
  values: Float32Array;
  metadata: Metadata | undefined;
}

export interface QueryOptions {
  topK: number;
  /**
   * Only vectors whose metadata passes are returned; the result is still the true top-K among those.
   * Called synchronously, possibly from inside the native HNSW search: it must not touch the store. If it throws, the
   * query throws the same error.
   */
  filter?: ((metadata: Metadata | undefined, key: string) => boolean) | undefined;
}

export interface QueryHit {
  key: string;
  /** Distance per the store's metric (smaller = closer), computed exactly from the stored float32 values. */
  distance: number;
}

export interface ListOptions {
  /** Exclusive lower bound: list keys strictly greater than this (byte order of UTF-16 code units). */
  after?: string | undefined;
  limit: number;
  /** Partition for parallel scans: keys whose stable hash mod segmentCount equals segmentIndex. */
  segment?: { index: number; count: number } | undefined;
}

export interface VectorStore {
  readonly dimension: number;
  readonly metric: Metric;
  readonly size: number;
  /** Insert or overwrite by key; the batch is applied whole (callers validate first). */
  upsert(items: readonly VectorInput[]): void;
  get(key: string): StoredVector | undefined;
  has(key: string): boolean;
  /** Removes the keys that exist; returns how many were removed. Missing keys are ignored. */
  delete(keys: Iterable<string>): number;
  clear(): void;
  query(vector: ArrayLike<number>, opts: QueryOptions): QueryHit[];
  /** Keys in ascending order, after `after`, at most `limit`; `more` tells whether keys remain. */
  list(opts: ListOptions): { keys: string[]; more: boolean };
  /** Approximate bytes held (values, graph, metadata), for the memory benchmark. */
  memoryBytes(): number;
}
