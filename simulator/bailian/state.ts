/**
 * Bailian application data: workspaces (owned by accounts), categories, upload leases and files, and their rules.
 * No HTTP here (moto-style models). File statuses are computed lazily from timestamps on the injected clock
 * (fact sheet bailian-files.md §3): INIT for `parseInitMs`, PARSING for `parseDurationMs`, then PARSE_SUCCESS or
 * PARSE_FAILED, decided when the file is added.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../engine/clock.ts';
import type { Random } from '../engine/random.ts';
import { SimulatorError } from '../core/errors.ts';
import { bailianError, invalidParameter, MESSAGES } from './errors.ts';
import type { BailianOptions } from './options.ts';

export type FileStatus = 'INIT' | 'PARSING' | 'PARSE_SUCCESS' | 'PARSE_FAILED';
export type ParseOutcome = 'PARSE_SUCCESS' | 'PARSE_FAILED';
export type CategoryType = 'UNSTRUCTURED' | 'SESSION_FILE';
export type DeleteResultStatus = 'DELETED' | 'FAILED' | 'NOT_FOUND';

/** Only finished files may be deleted (seed 004: "only delete files whose status is PARSE_FAILED or PARSE_SUCCESS"). */
export const DELETABLE: ReadonlySet<FileStatus> = new Set(['PARSE_SUCCESS', 'PARSE_FAILED']);

export interface Category {
  id: string;
  name: string;
  type: CategoryType;
  parentId: string | undefined;
  isDefault: boolean;
  seq: number;
}

export interface Lease {
  id: string;
  workspaceId: string;
  categoryId: string;
  categoryType: CategoryType;
  fileName: string;
  md5: string;
  declaredSize: number;
  createdAt: number;
  urlExpiresAt: number;
  contentType: string;
  /** The `X-bailian-extra` header the upload must carry. */
  extra: string;
  upload?: { size: number; md5: string; at: number } | undefined;
  consumed: boolean;
}

export interface FileRecord {
  id: string;
  workspaceId: string;
  categoryId: string;
  fileName: string;
  fileType: string;
  sizeInBytes: number;
  parser: string;
  tags: string[];
  createdAt: number;
  seq: number;
  /** Lifecycle timing fixed when the file is added, so later option changes do not rewrite history. */
  initMs: number;
  parseMs: number;
  outcome: ParseOutcome;
}

export interface Workspace {
  id: string;
  accountId: string;
  categories: Map<string, Category>;
  defaultCategoryId: string;
  files: Map<string, FileRecord>;
  /** Ids deleted from this workspace (idempotent deletes answer them per options). */
  deleted: Set<string>;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextToken: string | undefined;
  maxResults: number;
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  md: 'text/markdown',
};

export function fileTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export class BailianState {
  private readonly workspaces = new Map<string, Workspace>();
  private readonly leases = new Map<string, Lease>();
  private seq = 0;
  /** Signs upload URLs (OSS V1-style pre-signed URLs, fact sheet §2 "pre-signed OSS URL"). */
  readonly uploadSecret: string;

  constructor(
    private readonly opts: BailianOptions,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.uploadSecret = random.hex(40);
    // A bad pattern is a configuration error: refuse it now rather than on the first AddFile.
    matches(opts.parseFailPattern, '');
    matches(opts.parseStuckPattern, '');
    for (const account of opts.accounts) for (const ws of account.workspaces) this.addWorkspace(ws, account.id);
  }

  /** Adds a workspace owned by `accountId` (config load, or tests building a world). */
  addWorkspace(id: string, accountId: string): Workspace {
    const existing = this.workspaces.get(id);
    if (existing) {
      if (existing.accountId !== accountId) throw new SimulatorError(`workspace ${id} is configured for accounts ${existing.accountId} and ${accountId}`);
      return existing;
    }
    const ws: Workspace = { id, accountId, categories: new Map(), defaultCategoryId: '', files: new Map(), deleted: new Set() };
    const def = this.newCategory(ws, { name: 'default', type: 'UNSTRUCTURED', parentId: undefined, isDefault: true });
    ws.defaultCategoryId = def.id;
    this.workspaces.set(id, ws);
    return ws;
  }

  workspace(id: string): Workspace | undefined {
    return this.workspaces.get(id);
  }

  private suffix(ws: Workspace): string {
    return ws.accountId.replace(/\D/g, '').slice(-8).padStart(8, '1');
  }

  // --- categories ------------------------------------------------------------------------------------------------

  private newCategory(ws: Workspace, c: Omit<Category, 'id' | 'seq'>): Category {
    const cat: Category = { ...c, id: `cate_${this.random.hex(32)}_${this.suffix(ws)}`, seq: ++this.seq };
    ws.categories.set(cat.id, cat);
    return cat;
  }

  /** `default` names the workspace's default category (fact sheet §2: AddFile CategoryId "or default"). */
  category(ws: Workspace, id: string): Category {
    const cat = ws.categories.get(id === 'default' ? ws.defaultCategoryId : id);
    if (!cat) throw bailianError('InvalidParameter', MESSAGES.categoryNotFound);
    return cat;
  }

  addCategory(ws: Workspace, c: { name: string; type: CategoryType; parentId?: string | undefined }): Category {
    let parentId: string | undefined;
    if (c.parentId !== undefined && c.parentId !== '') {
      const parent = this.category(ws, c.parentId);
      if (parent.type !== c.type) throw invalidParameter('ParentCategoryId', 'The parent category is of another CategoryType.');
      parentId = parent.id;
    }
    return this.newCategory(ws, { name: c.name, type: c.type, parentId, isDefault: false });
  }

  listCategories(
    ws: Workspace,
    q: { type: CategoryType; name?: string | undefined; parentId?: string | undefined; maxResults: number; nextToken?: string | undefined },
  ): Page<Category> {
    const parentId = q.parentId ? this.category(ws, q.parentId).id : undefined;
    const all = [...ws.categories.values()]
      .filter((c) => c.type === q.type && c.parentId === parentId && (q.name === undefined || c.name.includes(q.name)))
      .sort((a, b) => a.seq - b.seq);
    return page(all, (c) => c.seq, 'asc', q.maxResults, q.nextToken, 'categories');
  }

  deleteCategory(ws: Workspace, id: string): Category {
    const cat = this.category(ws, id);
    if (cat.isDefault) throw invalidParameter('CategoryId', 'The default category cannot be deleted.');
    const children = [...ws.categories.values()].filter((c) => c.parentId === cat.id);
    const files = [...ws.files.values()].filter((f) => f.categoryId === cat.id);
    if ((children.length > 0 || files.length > 0) && this.opts.deleteNonEmptyCategory === 'reject') {
      throw invalidParameter('CategoryId', `The category still holds ${files.length} file(s) and ${children.length} sub-categor${children.length === 1 ? 'y' : 'ies'}.`);
    }
    for (const child of children) this.deleteCategoryTree(ws, child);
    for (const f of files) this.remove(ws, f);
    ws.categories.delete(cat.id);
    return cat;
  }

  private deleteCategoryTree(ws: Workspace, cat: Category): void {
    for (const child of [...ws.categories.values()].filter((c) => c.parentId === cat.id)) this.deleteCategoryTree(ws, child);
    for (const f of [...ws.files.values()].filter((x) => x.categoryId === cat.id)) this.remove(ws, f);
    ws.categories.delete(cat.id);
  }

  // --- leases and uploads ----------------------------------------------------------------------------------------

  createLease(
    ws: Workspace,
    cat: Category,
    l: { fileName: string; md5: string; sizeInBytes: number; categoryType: CategoryType },
  ): Lease {
    const now = this.clock.now();
    const lease: Lease = {
      id: `${this.random.hex(32)}.${now}`,
      workspaceId: ws.id,
      categoryId: cat.id,
      categoryType: l.categoryType,
      fileName: l.fileName,
      md5: l.md5,
      declaredSize: l.sizeInBytes,
      createdAt: now,
      urlExpiresAt: now + this.opts.uploadUrlTtlMs,
      contentType: CONTENT_TYPES[fileTypeOf(l.fileName)] ?? 'application/octet-stream',
      extra: Buffer.from(ws.accountId).toString('base64'),
      consumed: false,
    };
    this.leases.set(lease.id, lease);
    this.pruneLeases(now);
    return lease;
  }

  lease(id: string): Lease | undefined {
    return this.leases.get(id);
  }

  recordUpload(lease: Lease, body: Buffer): void {
    lease.upload = { size: body.length, md5: createHash('md5').update(body).digest('hex'), at: this.clock.now() };
  }

  private pruneLeases(now: number): void {
    if (this.leases.size < 10_000) return;
    for (const [id, l] of this.leases) if (l.consumed || now - l.createdAt > this.opts.leaseTtlMs) this.leases.delete(id);
  }

  // --- files -----------------------------------------------------------------------------------------------------

  /** AddFile (fact sheet §2.2): the lease must belong to the workspace, be uploaded, unexpired and unused; it is consumed. */
  addFile(
    ws: Workspace,
    a: { leaseId: string; parser: string; categoryId: string; tags: string[] },
  ): FileRecord {
    const now = this.clock.now();
    const lease = this.leases.get(a.leaseId);
    if (!lease || lease.workspaceId !== ws.id) throw invalidParameter('LeaseId', 'No such lease in this workspace.');
    if (lease.consumed) throw invalidParameter('LeaseId', 'The lease has already been used by AddFile.');
    if (now - lease.createdAt > this.opts.leaseTtlMs) throw invalidParameter('LeaseId', 'The lease has expired (AddFile must follow the lease within 12 hours).');
    if (!lease.upload) throw invalidParameter('LeaseId', 'Nothing was uploaded to the leased URL.');
    const cat = this.category(ws, a.categoryId);
    if (cat.id !== lease.categoryId) throw invalidParameter('CategoryId', 'The lease was issued for another category.');
    if (this.opts.verifyMd5 && lease.upload.md5 !== lease.md5.toLowerCase()) {
      throw invalidParameter('Md5', 'The uploaded file does not match the Md5 given to ApplyFileUploadLease.');
    }
    lease.consumed = true;
    const fileType = fileTypeOf(lease.fileName);
    const stuck = matches(this.opts.parseStuckPattern, lease.fileName);
    const fails = matches(this.opts.parseFailPattern, lease.fileName) || !this.opts.parsableFileTypes.includes(fileType);
    const file: FileRecord = {
      id: `file_${this.random.hex(32)}_${this.suffix(ws)}`,
      workspaceId: ws.id,
      categoryId: cat.id,
      fileName: lease.fileName,
      fileType,
      sizeInBytes: lease.upload.size,
      parser: a.parser,
      tags: [...a.tags],
      createdAt: now,
      seq: ++this.seq,
      initMs: this.opts.parseInitMs,
      parseMs: stuck ? this.opts.stuckParsingMs : this.opts.parseDurationMs,
      outcome: fails ? 'PARSE_FAILED' : 'PARSE_SUCCESS',
    };
    ws.files.set(file.id, file);
    return file;
  }

  status(f: FileRecord): FileStatus {
    const age = this.clock.now() - f.createdAt;
    if (age < f.initMs) return 'INIT';
    if (age < f.initMs + f.parseMs) return 'PARSING';
    return f.outcome;
  }

  /**
   * Makes a file end its parsing with `outcome`, now or when its parsing window ends (`immediately` skips the
   * rest of INIT/PARSING). The programmatic way to make a given file fail parsing; see also options.parseFailPattern.
   */
  setParseOutcome(workspaceId: string, fileId: string, outcome: ParseOutcome, immediately = false): void {
    const f = this.workspaces.get(workspaceId)?.files.get(fileId);
    if (!f) throw new SimulatorError(`no file ${fileId} in workspace ${workspaceId}`);
    f.outcome = outcome;
    if (immediately) {
      f.initMs = 0;
      f.parseMs = 0;
    }
  }

  /** A live file of the workspace; the documented not-found error otherwise (§5.1 "FileId not exists."). */
  file(ws: Workspace, id: string): FileRecord {
    const f = ws.files.get(id);
    if (!f) throw bailianError('InvalidParameter', MESSAGES.fileNotFound);
    return f;
  }

  listFiles(
    ws: Workspace,
    q: { categoryId: string; fileName?: string | undefined; fileIds?: string[] | undefined; maxResults: number; nextToken?: string | undefined },
  ): Page<FileRecord> {
    const cat = this.category(ws, q.categoryId);
    const ids = q.fileIds ? new Set(q.fileIds) : undefined;
    const all = [...ws.files.values()]
      .filter((f) => f.categoryId === cat.id && (ids === undefined || ids.has(f.id)) && (q.fileName === undefined || f.fileName.includes(q.fileName)))
      .sort((a, b) => b.seq - a.seq); // newest first
    return page(all, (f) => f.seq, 'desc', q.maxResults, q.nextToken, 'files');
  }

  updateTags(ws: Workspace, id: string, tags: string[]): FileRecord {
    const f = this.file(ws, id);
    f.tags = [...tags];
    return f;
  }

  private remove(ws: Workspace, f: FileRecord): void {
    ws.files.delete(f.id);
    ws.deleted.add(f.id);
  }

  /** DeleteFile (D-DEL): only finished files; a file deleted earlier answers per options (idempotent by default). */
  deleteFile(ws: Workspace, id: string): void {
    const f = ws.files.get(id);
    if (!f) {
      if (ws.deleted.has(id) && this.opts.deleteFileAlreadyDeleted === 'success') return;
      throw bailianError('InvalidParameter', MESSAGES.fileNotFound);
    }
    if (!DELETABLE.has(this.status(f))) throw bailianError('InvalidParameter', MESSAGES.cannotDelete);
    this.remove(ws, f);
  }

  /**
   * DeleteFiles (seed 004): one result per distinct id, in request order. Every outcome is decided before anything is
   * removed; `pick` (an injected partial failure) limits which of the deletable files are actually removed.
   */
  deleteFiles(ws: Workspace, ids: readonly string[], pick?: (deletable: string[]) => string[]): { FileId: string; Status: DeleteResultStatus }[] {
    const results: { FileId: string; Status: DeleteResultStatus }[] = [];
    const deletable: string[] = [];
    for (const id of new Set(ids)) {
      const f = ws.files.get(id);
      let status: DeleteResultStatus;
      if (f) {
        status = DELETABLE.has(this.status(f)) ? 'DELETED' : 'FAILED';
        if (status === 'DELETED') deletable.push(id);
      } else {
        status = ws.deleted.has(id) ? this.opts.deleteFilesAlreadyDeleted : 'NOT_FOUND';
      }
      results.push({ FileId: id, Status: status });
    }
    for (const id of pick ? pick(deletable) : deletable) this.remove(ws, ws.files.get(id)!);
    return results;
  }

  close(): void {
    this.workspaces.clear();
    this.leases.clear();
  }
}

function matches(pattern: string, name: string): boolean {
  if (pattern === '') return false;
  try {
    return new RegExp(pattern, 'i').test(name);
  } catch {
    throw new SimulatorError(`bailian option pattern ${JSON.stringify(pattern)} is not a valid regular expression`);
  }
}

/** Opaque tokens: base64url of `<kind>:<seq of the last item returned>`; the next page continues after it. */
function page<T>(
  all: T[],
  seqOf: (t: T) => number,
  order: 'asc' | 'desc',
  maxResults: number,
  nextToken: string | undefined,
  kind: string,
): Page<T> {
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const decoded = Buffer.from(nextToken, 'base64url').toString('utf8');
    const m = new RegExp(`^${kind}:(\\d+)$`).exec(decoded);
    if (!m) throw invalidParameter('NextToken', 'The token is not one this API returned.');
    const after = Number(m[1]);
    start = all.findIndex((t) => (order === 'desc' ? seqOf(t) < after : seqOf(t) > after));
    if (start === -1) start = all.length;
  }
  const items = all.slice(start, start + maxResults);
  const more = start + items.length < all.length;
  const last = items[items.length - 1];
  return {
    items,
    total: all.length,
    nextToken: more && last !== undefined ? Buffer.from(`${kind}:${seqOf(last)}`).toString('base64url') : undefined,
    maxResults,
  };
}
