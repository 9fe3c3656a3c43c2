/**
 * Vectorize's asynchronous mutations (seed 003: "asynchronous"; fact sheet §6). Every write becomes a Mutation in its
 * index's ordered log with `applyAt = acceptedAt + mutationDelayMs`, and is applied strictly in log order — one whose
 * time has come still waits for every earlier one — at the time it was due, so `processedUpToDatetime` is
 * reproducible on a manual clock. The index's vector store, namespaces and metadata indexes hold applied state only.
 *
 * Applying is its own named step (`applyDue`), which the pipeline runs before a handler; reads never write.
 */
import type { Clock } from '../engine/clock.ts';
import type { Random } from '../engine/random.ts';
import type { Metadata } from '../engine/types.ts';
import type { CloudflareVectorizeOptions } from './options.ts';
import { truncateUtf8, valueAtPath, type CfIndex, type IndexType, type MutationOp, type Mutation, type VectorData } from './model.ts';

/** Bytes an indexed string keeps (fact sheet §4: first 64 B, cut at a UTF-8 boundary). */
const INDEXED_STRING_BYTES = 64;

export class MutationLog {
  constructor(
    private readonly opts: CloudflareVectorizeOptions,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  /** Accepts a mutation: a fresh id now, applied after the configured delay, behind every earlier one. */
  enqueue(index: CfIndex, op: MutationOp): Mutation {
    const now = this.clock.now();
    const mutation: Mutation = { id: this.mutationId(), op, acceptedAt: now, applyAt: now + this.opts.mutationDelayMs };
    index.pending.push(mutation);
    index.modifiedAt = now;
    return mutation;
  }

  /** Applies, in order, every pending mutation of the index whose time has come; stops at the first that is not due. */
  applyDue(index: CfIndex): number {
    const now = this.clock.now();
    let applied = 0;
    for (let next = index.pending.peekFront(); next !== undefined && next.applyAt <= now; next = index.pending.peekFront()) {
      this.applyNext(index, next.applyAt);
      applied++;
    }
    return applied;
  }

  /** Applies every pending mutation of these indexes now, in order. Returns how many were applied. */
  flush(indexes: Iterable<CfIndex>): number {
    let applied = 0;
    const now = this.clock.now();
    for (const index of indexes) {
      for (let next = index.pending.peekFront(); next !== undefined; next = index.pending.peekFront()) {
        this.applyNext(index, Math.min(next.applyAt, now));
        applied++;
      }
    }
    return applied;
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
        write(index, fresh);
        break;
      }
      case 'upsert': {
        // fact sheet §3: upsert replaces wholesale; within one batch the last occurrence wins.
        const last = new Map<string, VectorData>();
        for (const v of op.vectors) {
          last.delete(v.id);
          last.set(v.id, v);
        }
        write(index, [...last.values()]);
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

  private mutationId(): string {
    const h = this.random.hex(32);
    const variant = '89ab'[this.random.int(4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

function write(index: CfIndex, vectors: VectorData[]): void {
  index.store.upsert(vectors.map((v) => ({ key: v.id, values: v.values, metadata: v.metadata })));
  for (const v of vectors) {
    if (v.namespace !== undefined) index.namespaces.set(v.id, v.namespace);
    else index.namespaces.delete(v.id);
    index.indexed.set(v.id, snapshot(index.metadataIndexes, v.metadata));
  }
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
