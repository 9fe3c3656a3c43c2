/**
 * Vectorize resources and their rules, keyed by account (moto-style). No HTTP here. Writes to an index's vectors and
 * metadata indexes go through its mutation log (mutation-log.ts): the index holds applied state only, so every read
 * sees applied mutations and nothing else, and reading never applies anything.
 */
import Denque from 'denque';
import type { Clock } from '../engine/clock.ts';
import type { Random } from '../engine/random.ts';
import { createVectorStore } from '../engine/vector-store.ts';
import { cfError } from './errors.ts';
import type { CfIndex, CfMetric, Mutation } from './model.ts';
import { MutationLog } from './mutation-log.ts';
import type { CloudflareVectorizeOptions } from './options.ts';

interface AccountState {
  indexes: Map<string, CfIndex>;
  /** Names of deleted indexes: never reusable (fact sheet §4), and answered 3005. */
  deleted: Set<string>;
}

export class CloudflareVectorizeState {
  private readonly accounts = new Map<string, AccountState>();
  /** Accepted writes waiting to be applied, in order, per index. */
  readonly mutations: MutationLog;

  constructor(
    private readonly opts: CloudflareVectorizeOptions,
    private readonly clock: Clock,
    random: Random,
  ) {
    this.mutations = new MutationLog(opts, clock, random);
  }

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

  /** The index as applied so far. 3000 when unknown, 3005 when deleted (fact sheet §7.2). */
  getIndex(accountId: string, name: string): CfIndex {
    const a = this.accounts.get(accountId);
    const index = a?.indexes.get(name);
    if (!index) {
      const status = this.opts.indexNotFoundStatus;
      if (a?.deleted.has(name)) throw cfError(3005, `vectorize.index.deleted - Index name "${name}" was deleted`, { status });
      throw cfError(3000, `vectorize.index.not_found - Index name "${name}"`, { status });
    }
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

  /** The index, if it exists (no error). */
  findIndex(accountId: string, name: string): CfIndex | undefined {
    return this.accounts.get(accountId)?.indexes.get(name);
  }

  /** Applies every pending mutation now (`POST /__vconf/actions/cloudflare-vectorize/flush`). Returns how many. */
  flush(filter: { accountId?: string | undefined; indexName?: string | undefined } = {}): number {
    const selected: CfIndex[] = [];
    for (const [accountId, a] of this.accounts) {
      if (filter.accountId !== undefined && filter.accountId !== accountId) continue;
      for (const index of a.indexes.values()) if (filter.indexName === undefined || filter.indexName === index.name) selected.push(index);
    }
    return this.mutations.flush(selected);
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

  close(): void {
    for (const a of this.accounts.values()) for (const index of a.indexes.values()) index.store.close();
    this.accounts.clear();
  }
}
