/** Index operations (seed 000; fact sheet §3.5–3.8). */
import type { VectorIndex } from '../state.ts';
import type { DistanceMetric } from '../state.ts';
import { emptyResponse, jsonResponse } from '../wire.ts';
import { isoSeconds } from './buckets.ts';
import { requireBucket, type OssContext } from './context.ts';
import { decodeToken, encodeToken } from './tokens.ts';

function indexJson(ctx: OssContext, index: VectorIndex) {
  return {
    indexName: index.name,
    createTime: isoSeconds(index.createdAt),
    dataType: 'float32',
    dimension: index.dimension,
    distanceMetric: index.distanceMetric,
    ...(index.nonFilterableMetadataKeys ? { metadata: { nonFilterableMetadataKeys: index.nonFilterableMetadataKeys } } : {}),
    status: ctx.state.indexStatus(index),
  };
}

export function putVectorIndex(ctx: OssContext) {
  const b = ctx.body as {
    indexName: string;
    dimension: number;
    distanceMetric: DistanceMetric;
    metadata?: { nonFilterableMetadataKeys?: string[] };
  };
  ctx.state.createIndex(requireBucket(ctx), {
    name: b.indexName,
    dimension: b.dimension,
    distanceMetric: b.distanceMetric,
    nonFilterableMetadataKeys: b.metadata?.nonFilterableMetadataKeys,
  });
  return emptyResponse(200, ctx.headers);
}

export function getVectorIndex(ctx: OssContext) {
  const index = ctx.state.visibleIndex(requireBucket(ctx), ctx.body.indexName as string);
  return jsonResponse(200, ctx.headers, { index: indexJson(ctx, index) });
}

/** maxResults 0–500, 0 or absent ⇒ 100; lexicographic; nextToken only while more remain (fact sheet §3.7). */
export function listVectorIndexes(ctx: OssContext) {
  const b = ctx.body as { maxResults?: number; nextToken?: string; prefix?: string };
  const limit = b.maxResults === undefined || b.maxResults === 0 ? 100 : b.maxResults;
  const after = decodeToken('indexes', b.nextToken);
  const prefix = b.prefix ?? '';
  const all = ctx.state
    .listIndexes(requireBucket(ctx))
    .filter((i) => i.name.startsWith(prefix) && (after === undefined || i.name > after));
  const page = all.slice(0, limit);
  return jsonResponse(200, ctx.headers, {
    indexes: page.map((i) => indexJson(ctx, i)),
    ...(all.length > page.length ? { nextToken: encodeToken('indexes', page[page.length - 1]!.name) } : {}),
  });
}

/** seed 000: 204; deletes every vector of the index; 409 VectorIndexOperationConflict unless status is enable. */
export function deleteVectorIndex(ctx: OssContext) {
  ctx.state.deleteIndex(requireBucket(ctx), ctx.body.indexName as string);
  return emptyResponse(204, ctx.headers);
}
