/**
 * Route table on one screen (fact sheet §2): (method, bucket?, action marker) → operationId.
 * Markers arrive as `?deleteVectors` (Go) or `?deleteVectors=` (Python); we look at query keys, never raw URLs.
 */

import type { operations } from '../../specs/generated/oss-vectors.ts';
import { memoize } from '../http/memo.ts';

/** The spec's operationIds: an operation in specs/oss-vectors.yaml without a route or handler fails to compile. */
export type OssOperationId = keyof operations;

const POST_MARKERS: Record<string, OssOperationId> = {
  putVectorIndex: 'PutVectorIndex',
  getVectorIndex: 'GetVectorIndex',
  listVectorIndexes: 'ListVectorIndexes',
  deleteVectorIndex: 'DeleteVectorIndex',
  putVectors: 'PutVectors',
  getVectors: 'GetVectors',
  listVectors: 'ListVectors',
  deleteVectors: 'DeleteVectors',
  queryVectors: 'QueryVectors',
};

/** Side APIs the SDKs expose on vector buckets that this simulator does not model: answered 501 naming them. */
const UNMODELLED: Record<string, Record<string, string>> = {
  policy: { PUT: 'PutBucketPolicy', GET: 'GetBucketPolicy', DELETE: 'DeleteBucketPolicy' },
  logging: { PUT: 'PutBucketLogging', GET: 'GetBucketLogging', DELETE: 'DeleteBucketLogging' },
};

export type RouteMatch =
  | { kind: 'operation'; operationId: OssOperationId }
  | { kind: 'unmodelled'; operation: string }
  | { kind: 'none' };

/** Memoised per method, bucket presence and raw query (the same few request lines arrive over and over). */
export function route(method: string, hasBucket: boolean, rawQuery: string): RouteMatch {
  return routeMemo(`${method} ${hasBucket ? 'b' : '-'} ${rawQuery}`);
}

const routeMemo = memoize((key: string) => {
  const [method, bucket] = key.split(' ', 2) as [string, string];
  return routeOnce(method, bucket === 'b', new URLSearchParams(key.slice(method.length + bucket.length + 2)));
});

function routeOnce(method: string, hasBucket: boolean, query: URLSearchParams): RouteMatch {
  for (const [marker, byMethod] of Object.entries(UNMODELLED)) {
    if (query.has(marker) && byMethod[method]) return { kind: 'unmodelled', operation: byMethod[method]! };
  }
  if (!hasBucket) return method === 'GET' ? { kind: 'operation', operationId: 'ListVectorBuckets' } : { kind: 'none' };
  if (method === 'POST') {
    const matches = [...query.keys()].filter((k) => k in POST_MARKERS);
    return matches.length === 1 ? { kind: 'operation', operationId: POST_MARKERS[matches[0]!]! } : { kind: 'none' };
  }
  if (method === 'GET' && query.has('bucketInfo')) return { kind: 'operation', operationId: 'GetVectorBucket' };
  const markerFree = ![...query.keys()].some((k) => k in POST_MARKERS || k === 'bucketInfo');
  if (method === 'PUT' && markerFree) return { kind: 'operation', operationId: 'PutVectorBucket' };
  if (method === 'DELETE' && markerFree) return { kind: 'operation', operationId: 'DeleteVectorBucket' };
  return { kind: 'none' };
}

/** Operations with a JSON request body (parsed, then validated against the spec). */
export const JSON_BODY_OPERATIONS: ReadonlySet<OssOperationId> = new Set(Object.values(POST_MARKERS));
