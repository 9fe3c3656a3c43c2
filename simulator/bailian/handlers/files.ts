/** File operations (seed 004; fact sheet bailian-files.md §2–§4). Thin: parse, call the state, shape the answer. */
import { createHmac } from 'node:crypto';
import { ProviderError } from '../../core/errors.ts';
import { bailianError, invalidParameter, shapeOf } from '../errors.ts';
import type { CategoryType, FileRecord, Lease } from '../state.ts';
import { okResponse } from '../wire.ts';
import { requireWorkspace, type BailianContext } from './context.ts';

const MAX_UPLOAD_BYTES = 100_000_000;
const UTC8_MS = 8 * 60 * 60 * 1000;

/** `yyyy-MM-dd HH:mm:ss` in UTC+8 (fact sheet §2.1). */
export function createTime(ms: number): string {
  return new Date(ms + UTC8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function fileJson(ctx: BailianContext, f: FileRecord) {
  return {
    FileId: f.id,
    CategoryId: f.categoryId,
    FileName: f.fileName,
    FileType: f.fileType,
    SizeInBytes: f.sizeInBytes,
    Parser: f.parser,
    Status: ctx.state.status(f),
    CreateTime: createTime(f.createdAt),
    Tags: [...f.tags],
  };
}

/** OSS V1-style pre-signature of the upload URL: method, content type, expiry and lease id. */
export function uploadSignature(secret: string, contentType: string, expires: number, leaseId: string): string {
  return createHmac('sha1', secret).update(`PUT\n\n${contentType}\n${expires}\n/${leaseId}`).digest('base64');
}

function uploadUrl(ctx: BailianContext, lease: Lease): string {
  const expires = Math.floor(lease.urlExpiresAt / 1000);
  const sig = uploadSignature(ctx.state.uploadSecret, lease.contentType, expires, lease.id);
  const q = new URLSearchParams({ Expires: String(expires), OSSAccessKeyId: 'vconf', Signature: sig });
  return `${ctx.uploadBase}/vconf-upload/${encodeURIComponent(lease.id)}?${q.toString()}`;
}

export function applyFileUploadLease(ctx: BailianContext) {
  const b = ctx.input as { FileName: string; Md5: string; SizeInBytes: number; CategoryType?: CategoryType };
  if (b.SizeInBytes > MAX_UPLOAD_BYTES) {
    throw bailianError('DataCenter.FileTooLarge', `SizeInBytes ${b.SizeInBytes} exceeds the maximum of ${MAX_UPLOAD_BYTES} bytes.`);
  }
  if (b.FileName.lastIndexOf('.') <= 0 || b.FileName.endsWith('.')) throw invalidParameter('FileName', 'The name must include the file extension.');
  const cat = ctx.state.category(requireWorkspace(ctx), ctx.params.CategoryId!);
  const categoryType = b.CategoryType ?? cat.type;
  if (categoryType !== cat.type) throw invalidParameter('CategoryType', `The category is of type ${cat.type}.`);
  const lease = ctx.state.createLease(requireWorkspace(ctx), cat, { fileName: b.FileName, md5: b.Md5, sizeInBytes: b.SizeInBytes, categoryType });
  return okResponse(ctx.headers, ctx.requestId, {
    FileUploadLeaseId: lease.id,
    Type: 'HTTP',
    Param: {
      Method: 'PUT',
      Url: uploadUrl(ctx, lease),
      Headers: { 'X-bailian-extra': lease.extra, 'Content-Type': lease.contentType },
    },
  });
}

export function addFile(ctx: BailianContext) {
  const b = ctx.input as { LeaseId: string; Parser: string; CategoryId: string; Tags?: string[] };
  const file = ctx.state.addFile(requireWorkspace(ctx), { leaseId: b.LeaseId, parser: b.Parser, categoryId: b.CategoryId, tags: b.Tags ?? [] });
  return okResponse(ctx.headers, ctx.requestId, { FileId: file.id, Parser: file.parser });
}

export function describeFile(ctx: BailianContext) {
  return okResponse(ctx.headers, ctx.requestId, fileJson(ctx, ctx.state.file(requireWorkspace(ctx), ctx.params.FileId!)));
}

/** ListFile's query has no component schema in the spec: its four rules are checked here (fact sheet §2.2). */
export function listFile(ctx: BailianContext) {
  const q = ctx.input;
  if (typeof q.CategoryId !== 'string' || q.CategoryId === '') throw invalidParameter('CategoryId');
  const max = ctx.opts.listMaxResults;
  if (q.MaxResults !== undefined && !(Number.isInteger(q.MaxResults) && (q.MaxResults as number) >= 1 && (q.MaxResults as number) <= max)) {
    throw invalidParameter('MaxResults', `MaxResults must be an integer from 1 to ${max}.`);
  }
  if (q.FileIds !== undefined && !(Array.isArray(q.FileIds) && q.FileIds.every((id) => typeof id === 'string' && id !== ''))) {
    throw invalidParameter('FileIds', 'FileIds must be a JSON array of file ids.');
  }
  for (const name of ['NextToken', 'FileName'] as const) if (q[name] !== undefined && typeof q[name] !== 'string') throw invalidParameter(name);
  const page = ctx.state.listFiles(requireWorkspace(ctx), {
    categoryId: q.CategoryId,
    fileName: q.FileName === '' ? undefined : (q.FileName as string | undefined),
    fileIds: q.FileIds as string[] | undefined,
    maxResults: (q.MaxResults as number | undefined) ?? 20,
    nextToken: q.NextToken as string | undefined,
  });
  return okResponse(ctx.headers, ctx.requestId, {
    FileList: page.items.map((f) => fileJson(ctx, f)),
    HasNext: page.nextToken !== undefined,
    MaxResults: page.maxResults,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    TotalCount: page.total,
  });
}

export function deleteFile(ctx: BailianContext) {
  ctx.state.deleteFile(requireWorkspace(ctx), ctx.params.FileId!);
  return okResponse(ctx.headers, ctx.requestId, { FileId: ctx.params.FileId });
}

/** seed 004: 1–20 ids (the spec schema), one result per distinct id; nothing removed unless every check passed. */
export function deleteFiles(ctx: BailianContext) {
  const ids = ctx.input.FileIds as string[];
  if (ctx.opts.duplicateFileIds === 'reject' && new Set(ids).size !== ids.length) throw invalidParameter('FileIds', 'FileIds must not repeat an id.');
  if (ctx.partial) {
    const p = ctx.partial;
    ctx.state.deleteFiles(requireWorkspace(ctx), ids, (deletable) => p.pick(deletable)); // injected on purpose: some deleted, then an error
    throw new ProviderError(p.status, p.code, p.message ?? `Injected ${p.code} after a partial delete.`, { shape: shapeOf(p.code) });
  }
  return okResponse(ctx.headers, ctx.requestId, { DeleteFileResultList: ctx.state.deleteFiles(requireWorkspace(ctx), ids) });
}

export function updateFileTag(ctx: BailianContext) {
  const f = ctx.state.updateTags(requireWorkspace(ctx), ctx.params.FileId!, ctx.input.Tags as string[]);
  return okResponse(ctx.headers, ctx.requestId, { FileId: f.id });
}
