/** Vector operations (seed 001; fact sheet §3.9–3.13). */
import { allFiniteFloat32, float32ToArray } from '../../engine/float32.ts';
import { compileFilter, FilterError } from '../../engine/filter.ts';
import type { Metadata } from '../../engine/types.ts';
import { ProviderError } from '../../core/errors.ts';
import { OSS_ERRORS, ossError } from '../errors.ts';
import type { VectorIndex } from '../state.ts';
import { emptyResponse, jsonResponse } from '../wire.ts';
import { requireBucket, type OssContext } from './context.ts';
import { decodeToken, encodeToken } from './tokens.ts';

const KB = 1024;

function invalid(message: string): never {
  throw ossError('VectorIndexParameterInvalid', message);
}

function partialFailure(p: NonNullable<OssContext['partial']>): ProviderError {
  const known = (OSS_ERRORS as Record<string, { ec: string } | undefined>)[p.code];
  return new ProviderError(p.status, p.code, p.message ?? `Injected ${p.code} after a partial write.`, { EC: known?.ec });
}

function liveIndex(ctx: OssContext): VectorIndex {
  const name = ctx.body.indexName;
  // seed 001 marks DeleteVectors' indexName "Required: No" in its table, but every operation needs an index to act on.
  if (typeof name !== 'string') invalid('indexName is required.');
  return ctx.state.liveIndex(requireBucket(ctx), name);
}

function checkVectorValues(index: VectorIndex, values: unknown, where: string): ArrayLike<number> {
  if (!Array.isArray(values) && !(values instanceof Float32Array)) invalid(`${where}.float32 must be an array of numbers.`);
  if (values.length !== index.dimension) {
    invalid(`${where}.float32 has ${values.length} dimensions; the index has ${index.dimension}.`);
  }
  if (!allFiniteFloat32(values)) invalid(`${where}.float32 must hold finite float32 numbers.`);
  if (index.distanceMetric === 'cosine' && (values as ArrayLike<number> & { every(f: (v: number) => boolean): boolean }).every((v) => v === 0)) {
    invalid(`${where}.float32 is an all-zero vector, which has no cosine distance.`);
  }
  return values as ArrayLike<number>;
}

/** The metadata a filter may see: everything not listed in nonFilterableMetadataKeys. */
function filterable(index: VectorIndex, metadata: Metadata | undefined): Metadata | undefined {
  if (!metadata || index.nonFilterable.size === 0) return metadata;
  const out: Metadata = {};
  for (const [k, v] of Object.entries(metadata)) if (!index.nonFilterable.has(k)) out[k] = v;
  return out;
}

/** fact sheet §3.9: ≤ 40 KB in all; filterable part ≤ 2 KB and ≤ 10 keys, values string or string array (more with numeric filters). */
function checkMetadata(ctx: OssContext, index: VectorIndex, metadata: unknown, where: string): Metadata | undefined {
  if (metadata === undefined) return undefined;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) invalid(`${where} must be an object.`);
  const m = metadata as Metadata;
  if (Buffer.byteLength(JSON.stringify(m)) > 40 * KB) invalid(`${where} exceeds 40 KB.`);
  const f = filterable(index, m) ?? {};
  const keys = Object.keys(f);
  if (keys.length > 10) invalid(`${where} has ${keys.length} filterable keys; at most 10 are allowed.`);
  if (Buffer.byteLength(JSON.stringify(f)) > 2 * KB) invalid(`${where} filterable metadata exceeds 2 KB.`);
  const primitive = (v: unknown) =>
    typeof v === 'string' || (ctx.opts.numericFilters && (typeof v === 'number' || typeof v === 'boolean'));
  for (const k of keys) {
    const v = f[k];
    const ok = primitive(v) || (Array.isArray(v) && v.length > 0 && v.every(primitive));
    if (!ok) invalid(`${where}.${k} must be a ${ctx.opts.numericFilters ? 'string, number, boolean' : 'string'} or a non-empty array of them.`);
  }
  return m;
}

export function putVectors(ctx: OssContext) {
  const index = liveIndex(ctx);
  const vectors = ctx.body.vectors as { key: string; data?: { float32?: unknown }; metadata?: unknown }[];
  const seen = new Set<string>();
  const items = vectors.map((v, i) => {
    const where = `vectors[${i}]`;
    // fact sheet §3.9: a key repeated within one batch fails the whole request.
    if (seen.has(v.key)) invalid(`${where}.key "${v.key}" appears more than once in the request.`);
    seen.add(v.key);
    if (!v.data) invalid(`${where}.data is required.`);
    return {
      key: v.key,
      values: checkVectorValues(index, ctx.vectorFloats?.get(i) ?? v.data.float32, `${where}.data`),
      metadata: checkMetadata(ctx, index, v.metadata, `${where}.metadata`),
    };
  });
  if (ctx.partial) {
    index.store.upsert(ctx.partial.pick(items)); // injected on purpose: part of the batch, then a 5xx
    throw partialFailure(ctx.partial);
  }
  index.store.upsert(items); // validated first, applied whole
  return emptyResponse(200, ctx.headers);
}

function vectorJson(index: VectorIndex, key: string, returnData: boolean, returnMetadata: boolean) {
  const v = index.store.get(key);
  if (!v) return undefined;
  return {
    key,
    ...(returnData ? { data: { float32: float32ToArray(v.values) } } : {}),
    ...(returnMetadata && v.metadata !== undefined ? { metadata: v.metadata } : {}),
  };
}

/** fact sheet §3.10: missing keys are silently omitted; output follows request order. */
export function getVectors(ctx: OssContext) {
  const index = liveIndex(ctx);
  const b = ctx.body as { keys: string[]; returnData?: boolean; returnMetadata?: boolean };
  const unique = [...new Set(b.keys)];
  const vectors = unique.flatMap((k) => vectorJson(index, k, b.returnData === true, b.returnMetadata === true) ?? []);
  return jsonResponse(200, ctx.headers, { vectors });
}

/** fact sheet §3.11: maxResults ≤ 1000 (default 500), pages capped near 1 MB, segments partition the keys. */
export function listVectors(ctx: OssContext) {
  const index = liveIndex(ctx);
  const b = ctx.body as {
    maxResults?: number;
    nextToken?: string;
    returnData?: boolean;
    returnMetadata?: boolean;
    segmentCount?: number;
    segmentIndex?: number;
  };
  if ((b.segmentCount === undefined) !== (b.segmentIndex === undefined)) {
    invalid('segmentCount and segmentIndex must be given together.');
  }
  if (b.segmentCount !== undefined && b.segmentIndex! >= b.segmentCount) invalid('segmentIndex must be less than segmentCount.');
  const segment = b.segmentCount !== undefined ? { index: b.segmentIndex!, count: b.segmentCount } : undefined;
  const tokenKind = segment ? `vectors/${segment.index}/${segment.count}` : 'vectors';
  const after = decodeToken(tokenKind, b.nextToken);
  const limit = b.maxResults ?? 500;
  const { keys, more } = index.store.list({ after, limit, segment });
  const vectors = [];
  let bytes = 0;
  let cut = false;
  for (const key of keys) {
    const v = vectorJson(index, key, b.returnData === true, b.returnMetadata === true)!;
    bytes += JSON.stringify(v).length;
    if (bytes > KB * KB && vectors.length > 0) {
      cut = true;
      break;
    }
    vectors.push(v);
  }
  const last = vectors[vectors.length - 1];
  return jsonResponse(200, ctx.headers, {
    vectors,
    ...((more || cut) && last ? { nextToken: encodeToken(tokenKind, last.key) } : {}),
  });
}

/** seed 001: 1–500 unique keys; keys that do not exist are ignored; 204 with an empty body. */
export function deleteVectors(ctx: OssContext) {
  const index = liveIndex(ctx);
  const keys = ctx.body.keys as string[];
  const unique = new Set(keys);
  if (unique.size !== keys.length && ctx.opts.deleteDuplicateKeys === 'reject') invalid('keys must be unique.');
  if (unique.size > 500) invalid(`keys holds ${unique.size} unique keys; at most 500 are allowed.`);
  if (ctx.partial) {
    // seed 001: "If the HTTP status code is 5xx, only some of the data in the batch request may be deleted."
    index.store.delete(ctx.partial.pick([...unique]));
    throw partialFailure(ctx.partial);
  }
  index.store.delete(unique);
  return emptyResponse(204, ctx.headers);
}

/** fact sheet §3.13: hits ordered by increasing distance; distance/metadata only when asked for. */
export function queryVectors(ctx: OssContext) {
  const index = liveIndex(ctx);
  const b = ctx.body as {
    queryVector: { float32: unknown };
    topK: number;
    filter?: unknown;
    returnDistance?: boolean;
    returnMetadata?: boolean;
  };
  const vector = checkVectorValues(index, b.queryVector.float32, 'queryVector');
  if (b.topK > ctx.opts.topKMax) invalid(`topK must be between 1 and ${ctx.opts.topKMax}.`);
  let predicate: ((m: Metadata | undefined) => boolean) | undefined;
  if (b.filter !== undefined) {
    if (Buffer.byteLength(JSON.stringify(b.filter)) > 64 * KB) invalid('filter exceeds 64 KB.');
    try {
      const test = compileFilter(b.filter, { numericOperators: ctx.opts.numericFilters, maxDepth: 8, maxItems: 1024 });
      predicate = (m) => test(filterable(index, m));
    } catch (err) {
      if (err instanceof FilterError) invalid(`filter is invalid: ${err.message}`);
      throw err;
    }
  }
  const hits = index.store.query(vector, { topK: b.topK, filter: predicate });
  const vectors = hits.map((h) => {
    const meta = b.returnMetadata ? index.store.get(h.key)?.metadata : undefined;
    return {
      key: h.key,
      ...(b.returnDistance ? { distance: h.distance } : {}),
      ...(meta !== undefined ? { metadata: meta } : {}),
    };
  });
  return jsonResponse(200, ctx.headers, { vectors });
}
