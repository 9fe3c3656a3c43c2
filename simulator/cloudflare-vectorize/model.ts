/**
 * What a Vectorize index is, as data shared by the state (state.ts), the mutation log (mutation-log.ts) and the
 * handlers: indexes, vectors, mutations, and metadata paths. No behaviour beyond reading paths.
 */
import type Denque from 'denque';
import type { Metadata, MetadataValue } from '../engine/types.ts';
import type { EngineVectorStore } from '../engine/vector-store.ts';

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

/** The value at a dotted property path (`a.b` → metadata.a.b; fact sheet §5: the dot is the nesting separator). */
export function valueAtPath(metadata: Metadata | undefined, path: string): MetadataValue | undefined {
  let node: MetadataValue | undefined = metadata;
  for (const part of path.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, MetadataValue>)[part];
  }
  return node;
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
