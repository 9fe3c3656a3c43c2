/**
 * Vectorize resources and their rules, keyed by account (moto-style). No HTTP here.
 *
 * Asynchronous mutations (issue 3 §3, fact sheet §6): every write becomes a Mutation in its index's ordered log with
 * `applyAt = acceptedAt + mutationDelayMs`. Mutations are applied strictly in log order — one whose time has come still
 * waits for every earlier one — lazily, whenever a request touches the index, at the time they were due (so
 * `processedUpToDatetime` is reproducible on a manual clock). The vector store, the namespace and metadata-index maps
 * hold applied state only, so every read sees applied mutations and nothing else. `flush()` applies everything now.
 */
import Denque from 'denque';
import type { Clock } from '../engine/clock.ts';
import type { Random } from '../engine/random.ts';
import type { Metadata, MetadataValue } from '../engine/types.ts';
import { createVectorStore, type EngineVectorStore } from '../engine/vector-store.ts';
import { cfError } from './errors.ts';
import type { CloudflareVectorizeOptions } from './options.ts';

export type CfMetric = 'cosine' | 'euclidean' | 'dot-product';
export type IndexType = 'string' | 'number' | 'boolean';

/** DOC-CREATE's preset table: the embedding model fixes dimensions and metric. */
export const PRESETS: Record<string, { dimensions: number; metric: CfMetric }> = {
  '@cf/baai/bge-small-en-v1.5': { dimensions: 384, metric: 'cosine' },
  '@cf/baai/bge-base-en-v1.5': { dimensions: 768, metric: 'cosine' },
  '@cf/baai/bge-large-en-v1.5': { dimensions: 1024, metric: 'cosine' },
  'openai/text-embedding-ada-002': { dimensions: 1536, metric: 'cosine' },
  'cohere/embed-multilingual-v2.0': { dimensions: 768, metric: 'cosine' },
};

export interface VectorData {
  id: string;
  values: number[];
  metadata?: Metadata | undefined;
  namespace?: string | undefined;
}

export type MutationOp =
  | { kind: 'insert'; vectors: VectorData[] }
  | { kind: 'upsert'; vectors: VectorData[] }
  | { kind: 'delete'; ids: string[] }
  | { kind: 'createMetadataIndex'; propertyName: string; indexType: IndexType }
  | { kind: 'deleteMetadataIndex'; propertyName: string };

export interface Mutation {
  id: string;
  op: MutationOp;
  acceptedAt: number;
  applyAt: number;
}

export interface CfIndex {
  accountId: string;
  name: string;
  description: string | undefined;
  dimensions: number;
  metric: CfMetric;
  preset: string | undefined;
  createdAt: number;
  modifiedAt: number;
  /** Applied vectors only. */
  store: EngineVectorStore;
  /** id → namespace, for applied vectors that have one. */
  namespaces: Map<string, string>;
  /** id → what the metadata indexes held when the vector was written: property path → indexed value. */
  indexed: Map<string, Record<string, string | number | boolean>>;
  /** Applied metadata indexes, in creation order. */
  metadataIndexes: Map<string, IndexType>;
  /**
   * Accepted, not yet applied, in order. A deque: under write load thousands wait out the delay, and taking the
   * head off a plain array of that size copies the whole array every time.
   */
  pending: Denque<Mutation>;
  processedUpTo: { id: string; at: number } | undefined;
}

interface AccountState {
  indexes: Map<string, CfIndex>;
  /** Names of deleted indexes: never reusable (fact sheet §4), and answered 3005. */
  deleted: Set<string>;
}

/** Bytes an indexed string keeps (fact sheet §4: first 64 B, cut at a UTF-8 boundary). */
const INDEXED_STRING_BYTES = 64;

export class CloudflareVectorizeState {
  private readonly accounts = new Map<string, AccountState>();

  constructor(
    private readonly opts: CloudflareVectorizeOptions,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  private account(accountId: string): AccountState {
    let a = this.accounts.get(accountId);
    if (!a) {
      a = { indexes: new Map(), deleted: new Set() };
      this.accounts.set(accountId, a);
    }
    return a;
  }

  listIndexes(accountId: string): CfIndex[] {
    const a = this.accounts.get(accountId);
    return a ? [...a.indexes.values()].sort((x, y) => x.createdAt - y.createdAt || (x.name < y.name ? -1 : 1)) : [];
  }

  /** The index, caught up with every mutation that is due. 3000 when unknown, 3005 when deleted (fact sheet §7.2). */
  getIndex(accountId: string, name: string): CfIndex {
    const a = this.accounts.get(accountId);
    const index = a?.indexes.get(name);
    if (!index) {
      const status = this.opts.indexNotFoundStatus;
      if (a?.deleted.has(name)) throw cfError(3005, `vectorize.index.deleted - Index name "${name}" was deleted`, { status });
      throw cfError(3000, `vectorize.index.not_found - Index name "${name}"`, { status });
    }
    this.catchUp(index);
    return index;
  }

  createIndex(
    accountId: string,
    spec: { name: string; description?: string | undefined; dimensions: number; metric: CfMetric; preset?: string | undefined },
  ): CfIndex {
    const a = this.account(accountId);
    // fact sheet §4: the name of a deleted index cannot be reused (a documented known limitation).
    if (a.indexes.has(spec.name) || a.deleted.has(spec.name)) {
      throw cfError(3002, `vectorize.index.duplicate_name - Index name "${spec.name}"`);
    }
    if (a.indexes.size >= this.opts.maxIndexesPerAccount) {
      throw cfError(3004, `vectorize.index.limit_exceeded - at most ${this.opts.maxIndexesPerAccount} indexes per account`);
    }
    const now = this.clock.now();
    const index: CfIndex = {
      accountId,
      name: spec.name,
      description: spec.description,
      dimensions: spec.dimensions,
      metric: spec.metric,
      preset: spec.preset,
      createdAt: now,
      modifiedAt: now,
      store: createVectorStore({
        dimension: spec.dimensions,
        metric: spec.metric === 'dot-product' ? 'dot' : spec.metric,
        euclideanSquared: this.opts.euclideanSquared,
      }),
      namespaces: new Map(),
      indexed: new Map(),
      metadataIndexes: new Map(),
      pending: new Denque<Mutation>(),
      processedUpTo: undefined,
    };
    a.indexes.set(spec.name, index);
    return index;
  }

  /** Deletes the index, its vectors and its pending mutations; the name stays taken. */
  deleteIndex(index: CfIndex): void {
    const a = this.account(index.accountId);
    index.pending.clear();
    index.store.close();
    index.store.clear();
    a.indexes.delete(index.name);
    a.deleted.add(index.name);
  }

  /** Accepts a mutation: a fresh id now, applied after the configured delay, behind every earlier one. */
  enqueue(index: CfIndex, op: MutationOp): Mutation {
    const now = this.clock.now();
    const mutation: Mutation = { id: this.mutationId(), op, acceptedAt: now, applyAt: now + this.opts.mutationDelayMs };
    index.pending.push(mutation);
    index.modifiedAt = now;
    return mutation;
  }

  /** Metadata indexes as they will be once every accepted mutation is applied (for the 10-per-index limit). */
  projectedMetadataIndexes(index: CfIndex): Map<string, IndexType> {
    const out = new Map(index.metadataIndexes);
    for (const m of index.pending.toArray()) {
      if (m.op.kind === 'createMetadataIndex') out.set(m.op.propertyName, m.op.indexType);
      else if (m.op.kind === 'deleteMetadataIndex') out.delete(m.op.propertyName);
    }
    return out;
  }

  /** Applies, in order, every pending mutation whose time has come; stops at the first that is not due. */
  catchUp(index: CfIndex): void {
    const now = this.clock.now();
    for (let next = index.pending.peekFront(); next !== undefined && next.applyAt <= now; next = index.pending.peekFront()) {
      this.applyNext(index, next.applyAt);
    }
  }

  /** Applies every pending mutation now (`/__vconf/cloudflare-vectorize/flush`). Returns how many were applied. */
  flush(filter: { accountId?: string | undefined; indexName?: string | undefined } = {}): number {
    let applied = 0;
    const now = this.clock.now();
    for (const [accountId, a] of this.accounts) {
      if (filter.accountId !== undefined && filter.accountId !== accountId) continue;
      for (const index of a.indexes.values()) {
        if (filter.indexName !== undefined && filter.indexName !== index.name) continue;
        for (let next = index.pending.peekFront(); next !== undefined; next = index.pending.peekFront()) {
          this.applyNext(index, Math.min(next.applyAt, now));
          applied++;
        }
      }
    }
    return applied;
  }

  /** Pending mutations per index, for the control API and diagnostics. */
  pendingSummary(): { accountId: string; index: string; pending: number; nextApplyAt: number | undefined }[] {
    const out = [];
    for (const [accountId, a] of this.accounts) {
      for (const index of a.indexes.values()) {
        out.push({ accountId, index: index.name, pending: index.pending.length, nextApplyAt: index.pending.peekFront()?.applyAt });
      }
    }
    return out;
  }

  private applyNext(index: CfIndex, at: number): void {
    const mutation = index.pending.shift()!;
    const op = mutation.op;
    switch (op.kind) {
      case 'insert': {
        // fact sheet §3: insert leaves existing ids unchanged; within one batch the first occurrence wins too.
        const seen = new Set<string>();
        const fresh = op.vectors.filter((v) => {
          if (seen.has(v.id) || index.store.has(v.id)) return false;
          seen.add(v.id);
          return true;
        });
        this.write(index, fresh);
        break;
      }
      case 'upsert': {
        // fact sheet §3: upsert replaces wholesale; within one batch the last occurrence wins.
        const last = new Map<string, VectorData>();
        for (const v of op.vectors) {
          last.delete(v.id);
          last.set(v.id, v);
        }
        this.write(index, [...last.values()]);
        break;
      }
      case 'delete':
        // seed 003 / fact sheet §6: ids that match no vector are ignored.
        index.store.delete(op.ids);
        for (const id of op.ids) {
          index.namespaces.delete(id);
          index.indexed.delete(id);
        }
        break;
      case 'createMetadataIndex':
        // Only vectors written after this point are indexed on the property (fact sheet §5).
        index.metadataIndexes.set(op.propertyName, op.indexType);
        break;
      case 'deleteMetadataIndex':
        if (index.metadataIndexes.delete(op.propertyName)) {
          for (const snapshot of index.indexed.values()) delete snapshot[op.propertyName];
        }
        break;
    }
    // A mutation that waited behind a later-due one is processed when its predecessor was: time never goes back.
    index.processedUpTo = { id: mutation.id, at: Math.max(at, index.processedUpTo?.at ?? at) };
  }

  private write(index: CfIndex, vectors: VectorData[]): void {
    index.store.upsert(vectors.map((v) => ({ key: v.id, values: v.values, metadata: v.metadata })));
    for (const v of vectors) {
      if (v.namespace !== undefined) index.namespaces.set(v.id, v.namespace);
      else index.namespaces.delete(v.id);
      index.indexed.set(v.id, snapshot(index.metadataIndexes, v.metadata));
    }
  }

  private mutationId(): string {
    const h = this.random.hex(32);
    const variant = '89ab'[this.random.int(4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  close(): void {
    for (const a of this.accounts.values()) for (const index of a.indexes.values()) index.store.close();
    this.accounts.clear();
  }
}

/** The value at a dotted property path (`a.b` → metadata.a.b; fact sheet §5: the dot is the nesting separator). */
export function valueAtPath(metadata: Metadata | undefined, path: string): MetadataValue | undefined {
  let node: MetadataValue | undefined = metadata;
  for (const part of path.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, MetadataValue>)[part];
  }
  return node;
}

/** What each metadata index records for a vector: values of the index's type only; strings cut to 64 bytes. */
function snapshot(indexes: ReadonlyMap<string, IndexType>, metadata: Metadata | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [path, type] of indexes) {
    const v = valueAtPath(metadata, path);
    if (type === 'string' && typeof v === 'string') out[path] = truncateUtf8(v, INDEXED_STRING_BYTES);
    else if (type === 'number' && typeof v === 'number' && Number.isFinite(v)) out[path] = v;
    else if (type === 'boolean' && typeof v === 'boolean') out[path] = v;
  }
  return out;
}

export function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    bytes += n;
    out += ch;
  }
  return out;
}
