/** Vector operations (seed 003; fact sheet §2.1, §3, §4, §5, §6). Writes enqueue mutations; reads see applied state. */
import { float32ToArray } from '../../engine/float32.ts';
import type { Metadata, MetadataValue } from '../../engine/types.ts';
import { CloudflareError, cfError } from '../errors.ts';
import { CfFilterError, compileCfFilter, type FilterPredicate } from '../filter.ts';
import { ndjsonText, parseVectors } from '../ndjson.ts';
import { valueAtPath, type CfIndex, type MutationOp } from '../model.ts';
import { isoMicros, okResponse } from '../wire.ts';
import { requireIndex, type CfContext } from './context.ts';

function partialFailure(p: NonNullable<CfContext['partial']>): CloudflareError {
  const code = Number(p.code);
  return new CloudflareError(p.status, Number.isInteger(code) ? code : 1000, p.message ?? `Injected ${p.code} after a partial write.`);
}

/** Enqueues the mutation (or, under an injected partial fault, only the picked part of it, then fails). */
function accept(ctx: CfContext, index: CfIndex, op: MutationOp) {
  if (ctx.partial) {
    const part: MutationOp = op.kind === 'delete' ? { kind: 'delete', ids: ctx.partial.pick(op.ids) }
      : op.kind === 'insert' || op.kind === 'upsert' ? { kind: op.kind, vectors: ctx.partial.pick(op.vectors) }
      : op;
    ctx.state.mutations.enqueue(index, part);
    throw partialFailure(ctx.partial);
  }
  const mutation = ctx.state.mutations.enqueue(index, op);
  return okResponse(200, ctx.headers, { mutationId: mutation.id });
}

function writeVectors(ctx: CfContext, kind: 'insert' | 'upsert') {
  const index = requireIndex(ctx);
  const raw = ctx.req.query.get('unparsable-behavior');
  if (raw !== null && raw !== 'error' && raw !== 'discard') {
    throw cfError(40026, `unparsable-behavior must be "error" or "discard", got ${JSON.stringify(raw)}`);
  }
  const lineCheck = ctx.spec.schema('VectorInput');
  const vectors = parseVectors(ndjsonText(ctx.req.headers['content-type'], ctx.req.body), {
    dimensions: index.dimensions,
    maxVectors: ctx.opts.maxVectorsPerBatch,
    unparsable: (raw ?? ctx.opts.unparsableBehaviorDefault) as 'error' | 'discard',
    rejectUnknownFields: ctx.opts.rejectUnknownFields,
    lineIssues: (line) => lineCheck(line).map((i) => `${i.where.replace(/^VectorInput/, '')}: ${i.message}`),
  });
  return accept(ctx, index, { kind, vectors });
}

/** fact sheet §3: existing ids are left unchanged (first write wins). */
export function insertVectors(ctx: CfContext) {
  return writeVectors(ctx, 'insert');
}

/** fact sheet §3: existing ids are replaced wholesale. */
export function upsertVectors(ctx: CfContext) {
  return writeVectors(ctx, 'upsert');
}

/** seed 003: enqueue a delete of ≤ 100 ids and return its mutationId; unknown ids are ignored when it is applied. */
export function deleteVectorsByIds(ctx: CfContext) {
  const index = requireIndex(ctx);
  const ids = (ctx.body.ids as string[] | undefined) ?? [];
  if (ids.length > ctx.opts.maxDeleteByIds) {
    throw cfError(40007, `too many ids in payload; max id count is ${ctx.opts.maxDeleteByIds}, got ${ids.length}`);
  }
  if (ids.length === 0 && ctx.opts.emptyDeleteIds === 'reject') throw cfError(40026, 'ids must hold at least one vector id');
  return accept(ctx, index, { kind: 'delete', ids: [...new Set(ids)] });
}

function vectorRecord(index: CfIndex, id: string) {
  const v = index.store.get(id);
  if (!v) return undefined;
  const namespace = index.namespaces.get(id);
  return {
    id,
    values: float32ToArray(v.values),
    ...(v.metadata !== undefined ? { metadata: v.metadata } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

/** fact sheet §2.1, §4: ≤ 20 ids; applied vectors in request order; unknown ids are absent. */
export function getVectorsByIds(ctx: CfContext) {
  const index = requireIndex(ctx);
  const ids = (ctx.body.ids as string[] | undefined) ?? [];
  if (ids.length > ctx.opts.maxGetByIds) {
    throw cfError(40007, `too many ids in payload; max id count is ${ctx.opts.maxGetByIds}, got ${ids.length}`);
  }
  return okResponse(200, ctx.headers, [...new Set(ids)].flatMap((id) => vectorRecord(index, id) ?? []));
}

/** fact sheet §4.1: cosine similarity; euclidean distance; dot product as −a·b (or a·b, configurable). */
function score(ctx: CfContext, index: CfIndex, distance: number): number {
  if (index.metric === 'cosine') return 1 - distance;
  if (index.metric === 'dot-product') return ctx.opts.dotProductScore === 'negative' ? distance : -distance;
  return distance;
}

function indexedMetadata(index: CfIndex, id: string, metadata: Metadata | undefined): Metadata {
  const out: Metadata = {};
  for (const path of Object.keys(index.indexed.get(id) ?? {})) out[path] = valueAtPath(metadata, path) as MetadataValue;
  return out;
}

/** fact sheet §2.1, §4, §5: by vector or vectorId; topK caps; filter before topK on indexed properties only. */
export function queryVectors(ctx: CfContext) {
  const index = requireIndex(ctx);
  const b = ctx.body as {
    vector?: number[];
    vectorId?: string;
    topK?: number;
    returnValues?: boolean;
    returnMetadata?: 'none' | 'indexed' | 'all';
    filter?: unknown;
    namespace?: string;
  };
  const topK = b.topK ?? 5;
  const returnMetadata = b.returnMetadata ?? 'none';
  const returnValues = b.returnValues === true;
  const heavy = returnValues || returnMetadata === 'all';
  const cap = heavy ? ctx.opts.topKMaxWithValuesOrMetadata : ctx.opts.topKMax;
  if (topK > cap) throw cfError(40025, `max top K is ${cap}${heavy ? ' when returning values or all metadata' : ''}, but got ${topK}`);
  if ((b.vector === undefined) === (b.vectorId === undefined)) throw cfError(40026, 'exactly one of vector and vectorId is required');
  let vector: ArrayLike<number>;
  if (b.vectorId !== undefined) {
    const stored = index.store.get(b.vectorId);
    if (!stored) throw cfError(40013, `vector not found: no vector with id="${b.vectorId}" in index "${index.name}"`);
    vector = stored.values;
  } else {
    vector = b.vector!;
    if (vector.length !== index.dimensions) {
      throw cfError(40012, `invalid query vector, expected ${index.dimensions} dimensions, and got ${vector.length} dimensions`);
    }
    if (!b.vector!.every((v) => Number.isFinite(Math.fround(v)))) throw cfError(40012, 'invalid query vector: values must be finite float32 numbers');
  }
  let test: FilterPredicate | undefined;
  if (b.filter !== undefined) {
    try {
      test = compileCfFilter(b.filter);
    } catch (err) {
      if (err instanceof CfFilterError) throw cfError(40006, `invalid metadata filter: ${err.message}`);
      throw err;
    }
  }
  const namespace = b.namespace;
  const accept =
    test === undefined && namespace === undefined
      ? undefined
      : (_m: Metadata | undefined, id: string) =>
          (namespace === undefined || index.namespaces.get(id) === namespace) && (test === undefined || test(index.indexed.get(id)));
  const hits = index.store.query(vector, { topK, filter: accept });
  const matches = hits.map((h) => {
    const stored = returnValues || returnMetadata !== 'none' ? index.store.get(h.key) : undefined;
    const ns = index.namespaces.get(h.key);
    return {
      id: h.key,
      score: score(ctx, index, h.distance),
      ...(returnValues ? { values: float32ToArray(stored!.values) } : {}),
      ...(returnMetadata === 'all' ? { metadata: stored!.metadata ?? null } : {}),
      ...(returnMetadata === 'indexed' ? { metadata: indexedMetadata(index, h.key, stored!.metadata) } : {}),
      ...(ns !== undefined ? { namespace: ns } : {}),
    };
  });
  return okResponse(200, ctx.headers, { count: matches.length, matches });
}

interface Cursor {
  after: string;
  expiresAt: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.after, c.expiresAt])).toString('base64url');
}

function decodeCursor(raw: string): Cursor | undefined {
  try {
    const [after, expiresAt] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    return typeof after === 'string' && typeof expiresAt === 'number' ? { after, expiresAt } : undefined;
  } catch {
    return undefined;
  }
}

/** fact sheet §2.1: `count` 1–1000 (default 100), ascending ids, `nextCursor` while more remain. */
export function listVectors(ctx: CfContext) {
  const index = requireIndex(ctx);
  const rawCount = ctx.req.query.get('count');
  const count = rawCount === null ? 100 : Number(rawCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw cfError(40026, `count must be an integer from 1 to 1000, got ${JSON.stringify(rawCount)}`);
  const rawCursor = ctx.req.query.get('cursor');
  let after: string | undefined;
  if (rawCursor !== null && rawCursor !== '') {
    const cursor = decodeCursor(rawCursor);
    if (!cursor) throw cfError(40015, 'invalid cursor');
    if (cursor.expiresAt <= ctx.clock.now()) throw cfError(40015, `cursor expired at ${isoMicros(cursor.expiresAt)}`);
    after = cursor.after;
  }
  const { keys, more } = index.store.list({ after, limit: count });
  const expiresAt = ctx.clock.now() + ctx.opts.listCursorTtlMs;
  return okResponse(200, ctx.headers, {
    count: keys.length,
    isTruncated: more,
    totalCount: index.store.size,
    vectors: keys.map((id) => ({ id })),
    nextCursor: more ? encodeCursor({ after: keys[keys.length - 1]!, expiresAt }) : null,
    cursorExpirationTimestamp: more ? isoMicros(expiresAt) : null,
  });
}
