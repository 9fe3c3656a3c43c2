/** Bucket operations (seed 002; fact sheet §3.1–3.4). */
import { ossError } from '../errors.ts';
import type { VectorBucket } from '../state.ts';
import { emptyResponse, jsonResponse } from '../wire.ts';
import { requireBucket, type OssContext } from './context.ts';

/** fact sheet §3.1: 3–32 chars of [a-z0-9-], not starting or ending with '-'. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/;

export function assertBucketName(name: string): void {
  if (!BUCKET_NAME.test(name)) throw ossError('InvalidVectorBucketName');
}

/** Seconds precision, `.000Z` (fact sheet §3.2). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function bucketArn(b: { region: string; accountId: string; name: string }): string {
  return `acs:ossvector:${b.region}:${b.accountId}:${b.name}`;
}

function bucketInfo(b: VectorBucket) {
  return {
    CreationDate: isoSeconds(b.createdAt),
    ExtranetEndpoint: `${b.region}.oss-vectors.aliyuncs.com`,
    IntranetEndpoint: `${b.region}-internal.oss-vectors.aliyuncs.com`,
    Location: `oss-${b.region}`,
    Region: b.region,
    Name: bucketArn(b),
  };
}

export function putVectorBucket(ctx: OssContext) {
  const name = ctx.bucketName!;
  ctx.state.createBucket(ctx.callerAccountId, ctx.region, name);
  return emptyResponse(200, { ...ctx.headers, location: `/${name}` });
}

export function getVectorBucket(ctx: OssContext) {
  return jsonResponse(200, ctx.headers, { BucketInfo: bucketInfo(requireBucket(ctx)) });
}

export function deleteVectorBucket(ctx: OssContext) {
  ctx.state.deleteBucket(requireBucket(ctx)); // 409 VectorBucketNotEmpty while indexes remain (seed 002)
  return emptyResponse(204, ctx.headers);
}

/** GET / on the regional host: prefix, marker, max-keys 1–1000 (default 100). Region-scoped (fact sheet §11.14). */
export function listVectorBuckets(ctx: OssContext) {
  const q = ctx.req.query;
  const prefix = q.get('prefix') ?? '';
  const marker = q.get('marker') ?? '';
  let maxKeys = 100;
  const rawMax = q.get('max-keys');
  if (rawMax !== null && rawMax !== '') {
    if (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > 1000) {
      throw ossError('InvalidArgument', 'max-keys must be an integer between 1 and 1000.', { ArgumentName: 'max-keys', ArgumentValue: rawMax });
    }
    maxKeys = Number(rawMax);
  }
  const all = ctx.state
    .listBuckets(ctx.callerAccountId, ctx.region)
    .filter((b) => b.name.startsWith(prefix) && b.name > marker);
  const page = all.slice(0, maxKeys);
  const truncated = all.length > page.length;
  const result: Record<string, unknown> = {};
  // fact sheet §3.3: when everything has been returned, Prefix/Marker/MaxKeys/IsTruncated/NextMarker are omitted.
  if (truncated) {
    Object.assign(result, { Prefix: prefix, Marker: marker, MaxKeys: maxKeys, IsTruncated: true, NextMarker: page[page.length - 1]!.name });
  }
  result.Buckets = page.map(bucketInfo);
  return jsonResponse(200, ctx.headers, { ListAllMyBucketsResult: result });
}
