/**
 * OSS Vectors resources and their rules, keyed by account and region (moto-style). No HTTP here.
 */
import type { Clock } from '../engine/clock.ts';
import type { Metric, VectorStore } from '../engine/types.ts';
import { createVectorStore } from '../engine/vector-store.ts';
import { ossError } from './errors.ts';
import type { OssVectorsOptions } from './options.ts';

export type IndexStatus = 'creating' | 'enable' | 'deleting';
export type DistanceMetric = 'euclidean' | 'cosine';

export interface VectorIndex {
  name: string;
  dimension: number;
  distanceMetric: DistanceMetric;
  nonFilterableMetadataKeys: string[] | undefined;
  nonFilterable: Set<string>;
  createdAt: number;
  /** Set when DeleteVectorIndex was accepted; the index is listed as `deleting` until the window passes. */
  deletedAt?: number | undefined;
  store: VectorStore & { close(): void; flush(): void };
}

export interface VectorBucket {
  name: string;
  accountId: string;
  region: string;
  createdAt: number;
  indexes: Map<string, VectorIndex>;
}

interface RegionState {
  buckets: Map<string, VectorBucket>;
  /** Deleted bucket names → when they were deleted (BucketNameNotAvailable window). */
  tombstones: Map<string, number>;
}

export class OssVectorsState {
  private readonly regions = new Map<string, RegionState>();

  constructor(
    private readonly opts: OssVectorsOptions,
    private readonly clock: Clock,
  ) {}

  private region(accountId: string, region: string): RegionState {
    const key = `${accountId}/${region}`;
    let r = this.regions.get(key);
    if (!r) {
      r = { buckets: new Map(), tombstones: new Map() };
      this.regions.set(key, r);
    }
    return r;
  }

  findBucket(accountId: string, region: string, name: string): VectorBucket | undefined {
    return this.regions.get(`${accountId}/${region}`)?.buckets.get(name);
  }

  /** Accounts (other than `except`) that own a bucket of this name in the region: path-style target candidates. */
  ownersOf(region: string, name: string): string[] {
    const owners: string[] = [];
    for (const [key, r] of this.regions) {
      if (key.endsWith(`/${region}`) && r.buckets.has(name)) owners.push(key.slice(0, key.indexOf('/')));
    }
    return owners;
  }

  listBuckets(accountId: string, region: string): VectorBucket[] {
    const r = this.regions.get(`${accountId}/${region}`);
    return r ? [...r.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : [];
  }

  /** Creates the bucket; an owned existing one is 409 BucketAlreadyExists, or accepted as is with existingBucket: ok. */
  createBucket(accountId: string, region: string, name: string): void {
    const r = this.region(accountId, region);
    if (r.buckets.has(name)) {
      if (this.opts.existingBucket === 'ok') return;
      throw ossError('BucketAlreadyExists');
    }
    const deletedAt = r.tombstones.get(name);
    if (deletedAt !== undefined && this.clock.now() - deletedAt < this.opts.bucketNameReuseDelayMs) {
      throw ossError('BucketNameNotAvailable');
    }
    if (r.buckets.size >= this.opts.maxBucketsPerRegion) throw ossError('TooManyBuckets');
    r.buckets.set(name, { name, accountId, region, createdAt: this.clock.now(), indexes: new Map() });
    r.tombstones.delete(name);
  }

  deleteBucket(bucket: VectorBucket): void {
    this.sweep(bucket);
    if (bucket.indexes.size > 0) throw ossError('VectorBucketNotEmpty'); // seed 002
    const r = this.region(bucket.accountId, bucket.region);
    r.buckets.delete(bucket.name);
    r.tombstones.set(bucket.name, this.clock.now());
  }

  indexStatus(index: VectorIndex): IndexStatus {
    if (index.deletedAt !== undefined) return 'deleting';
    return this.clock.now() - index.createdAt < this.opts.indexCreatingMs ? 'creating' : 'enable';
  }

  /** Drops indexes whose `deleting` window has passed. */
  sweep(bucket: VectorBucket): void {
    for (const [name, index] of bucket.indexes) {
      if (index.deletedAt !== undefined && this.clock.now() - index.deletedAt >= this.opts.indexDeletingMs) {
        index.store.close();
        bucket.indexes.delete(name);
      }
    }
  }

  listIndexes(bucket: VectorBucket): VectorIndex[] {
    this.sweep(bucket);
    return [...bucket.indexes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** An index that data-plane operations may use: present and not being deleted. */
  liveIndex(bucket: VectorBucket, name: string): VectorIndex {
    this.sweep(bucket);
    const index = bucket.indexes.get(name);
    if (!index || index.deletedAt !== undefined) throw ossError('NoSuchVectorIndex');
    return index;
  }

  /** An index as GetVectorIndex sees it (including one still `deleting`). */
  visibleIndex(bucket: VectorBucket, name: string): VectorIndex {
    this.sweep(bucket);
    const index = bucket.indexes.get(name);
    if (!index) throw ossError('NoSuchVectorIndex');
    return index;
  }

  createIndex(
    bucket: VectorBucket,
    spec: { name: string; dimension: number; distanceMetric: DistanceMetric; nonFilterableMetadataKeys?: string[] | undefined },
  ): VectorIndex {
    this.sweep(bucket);
    if (bucket.indexes.has(spec.name)) throw ossError('VectorBucketIndexAlreadyExist');
    if (bucket.indexes.size >= this.opts.maxIndexesPerBucket) throw ossError('VectorBucketIndexExceedLimit');
    const metric: Metric = spec.distanceMetric;
    const index: VectorIndex = {
      name: spec.name,
      dimension: spec.dimension,
      distanceMetric: spec.distanceMetric,
      nonFilterableMetadataKeys: spec.nonFilterableMetadataKeys,
      nonFilterable: new Set(spec.nonFilterableMetadataKeys ?? []),
      createdAt: this.clock.now(),
      store: createVectorStore({ dimension: spec.dimension, metric, euclideanSquared: this.opts.euclideanSquared }),
    };
    bucket.indexes.set(spec.name, index);
    return index;
  }

  /** seed 000: only an `enable` index can be deleted; deleting it deletes all of its vectors. */
  deleteIndex(bucket: VectorBucket, name: string): void {
    const index = this.visibleIndex(bucket, name);
    const status = this.indexStatus(index);
    if (status !== 'enable') {
      throw ossError('VectorIndexOperationConflict', `The index cannot be deleted while its status is ${status}.`);
    }
    index.store.clear();
    if (this.opts.indexDeletingMs > 0) {
      index.deletedAt = this.clock.now();
    } else {
      index.store.close();
      bucket.indexes.delete(name);
    }
  }

  /** Every vector store, for shutdown. */
  close(): void {
    for (const r of this.regions.values()) {
      for (const b of r.buckets.values()) for (const i of b.indexes.values()) i.store.close();
    }
    this.regions.clear();
  }
}
