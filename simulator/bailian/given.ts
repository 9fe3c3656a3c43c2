/**
 * Named provider states for Bailian application data: the preconditions of scenarios/bailian/*.yaml and the names a
 * Pact provider verification would use, each mapped to one set-up function (pact-js style: the exact name with
 * `{param}` placeholders, the values passed separately).
 *
 * States are built from signed requests (`ctx.call`, `ctx.upload`: lease → upload → AddFile), so the same set-up works
 * on the in-process simulator, an HTTP simulator and the real service. Parsing takes time (fact sheet
 * bailian-files.md §3): where the caller holds the simulator's options the parse timings are set for the one AddFile
 * (instant PARSE_SUCCESS / PARSE_FAILED, or a file held in INIT / PARSING); elsewhere the state waits, bounded, until
 * DescribeFile reports a finished status. A file held in INIT or PARSING cannot be produced through the API, so those
 * states need the options and declare it in `requires`.
 *
 * A file that should fail parsing is named with the simulator's convention (`vconf-parse-fail`, options.ts) and is a
 * PDF whose bytes are not a PDF, so the real parser fails it too; the state checks the outcome either way.
 */
import { createHash } from 'node:crypto';
import { stringParam as str, StateSetupError } from '../core/given.ts';
import type { BailianOptions } from './options.ts';
import type { BailianOperationId } from './routes.ts';
import { setTimeout as sleep } from 'node:timers/promises';

export type BailianApiOperation = Exclude<BailianOperationId, 'UploadFile'>;

export interface BailianStateAnswer {
  status: number;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
}

/** The request shape of scenarios/clients/bailian.ts (path parameters, form fields, query). */
export interface BailianStateRequest {
  workspaceId?: string;
  path?: { FileId?: string; CategoryId?: string };
  form?: Record<string, string | number | boolean | unknown[] | Record<string, unknown> | undefined>;
  query?: Record<string, string | number | boolean | unknown[] | Record<string, unknown> | undefined>;
}

export interface LeaseParam {
  Method: string;
  Url: string;
  Headers: Record<string, string>;
}

export interface BailianStateContext {
  /** A signed request as the workspace owner. Implementations retry throttles and 5xx with bounded backoff. */
  call(operation: BailianApiOperation, request: BailianStateRequest): Promise<BailianStateAnswer>;
  /** PUT the bytes to a leased URL with every leased header (fact sheet §2). */
  upload(param: LeaseParam, bytes: string): Promise<BailianStateAnswer>;
  /** The simulator's live options when the caller holds the simulator; undefined on HTTP endpoints and real targets. */
  options?: BailianOptions | undefined;
  /** Categories created so far, name → CategoryId; states add to it and the caller cleans them up. */
  categories: Map<string, string>;
  /** How long to wait for parsing to finish where it cannot be made instant. */
  settle: { timeoutMs: number; intervalMs: number };
}

export type StateTeardown = () => Promise<void>;

export interface BailianStateOutcome {
  teardown?: StateTeardown | undefined;
  /** Variables for later steps, e.g. `{ a: 'file_…' }` for `a file {file} …` with file `a`. */
  variables?: Record<string, string> | undefined;
}

export interface BailianProviderState {
  /** The exact state name, placeholders in braces. */
  name: string;
  /** Capabilities beyond signed requests: `control:options` = needs ctx.options; `api:…` = an API nobody here models. */
  requires: string[];
  /** Parameters whose values name the variables the state defines. */
  defines?: string[];
  setUp(ctx: BailianStateContext, params: Record<string, unknown>): Promise<BailianStateOutcome | void>;
}

type FileStatus = 'INIT' | 'PARSING' | 'PARSE_SUCCESS' | 'PARSE_FAILED';
const FINISHED: ReadonlySet<string> = new Set(['PARSE_SUCCESS', 'PARSE_FAILED']);
const HOUR = 60 * 60 * 1000;

/** A successful common body (fact sheet §1.1); its Data. */
function ok(what: string, res: BailianStateAnswer): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (res.status !== 200 || res.json?.Success !== true) throw new StateSetupError(`${what}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  return res.json.Data;
}

/** The category's id, creating it (UNSTRUCTURED, fact sheet §2) the first time a state names it. */
export async function ensureCategory(ctx: BailianStateContext, name: string): Promise<string> {
  const known = ctx.categories.get(name);
  if (known) return known;
  const data = ok(`AddCategory ${name}`, await ctx.call('AddCategory', { form: { CategoryName: name, CategoryType: 'UNSTRUCTURED' } }));
  const id = String(data.CategoryId);
  ctx.categories.set(name, id);
  return id;
}

/** The status DescribeFile reports. */
export async function fileStatus(ctx: BailianStateContext, fileId: string): Promise<string> {
  return String(ok(`DescribeFile ${fileId}`, await ctx.call('DescribeFile', { path: { FileId: fileId } })).Status);
}

/** Waits (bounded by ctx.settle) until the file's parsing has finished; returns the final status. */
export async function waitUntilParsed(ctx: BailianStateContext, fileId: string): Promise<string> {
  const deadline = Date.now() + ctx.settle.timeoutMs;
  for (;;) {
    const status = await fileStatus(ctx, fileId);
    if (FINISHED.has(status) || Date.now() + ctx.settle.intervalMs > deadline) return status;
    await sleep(ctx.settle.intervalMs);
  }
}

/**
 * Lease → upload → AddFile into the category (fact sheet §2 flow); returns the new FileId. With `timing` and the
 * simulator's options, the file's INIT and PARSING durations are set for this one AddFile (the simulator fixes them
 * when the file is added), then the options are restored.
 */
async function addFile(
  ctx: BailianStateContext,
  category: string,
  fileName: string,
  bytes: string,
  timing?: { initMs: number; parseMs: number },
): Promise<string> {
  const categoryId = await ensureCategory(ctx, category);
  const lease = ok(
    `ApplyFileUploadLease ${fileName}`,
    await ctx.call('ApplyFileUploadLease', {
      path: { CategoryId: categoryId },
      form: { FileName: fileName, Md5: createHash('md5').update(bytes).digest('hex'), SizeInBytes: String(Buffer.byteLength(bytes)) },
    }),
  );
  const up = await ctx.upload(lease.Param as LeaseParam, bytes);
  if (up.status !== 200) throw new StateSetupError(`upload of ${fileName}: HTTP ${up.status} ${up.text.slice(0, 300)}`);
  const options = ctx.options;
  const saved = options ? { parseInitMs: options.parseInitMs, parseDurationMs: options.parseDurationMs } : undefined;
  if (options && timing) Object.assign(options, { parseInitMs: timing.initMs, parseDurationMs: timing.parseMs });
  try {
    const added = ok(
      `AddFile ${fileName}`,
      await ctx.call('AddFile', { form: { LeaseId: String(lease.FileUploadLeaseId), Parser: 'DASHSCOPE_DOCMIND', CategoryId: categoryId } }),
    );
    return String(added.FileId);
  } finally {
    if (options && saved) Object.assign(options, saved);
  }
}

/** A file that ends its parsing with `outcome`: instantly where the options allow, else after a bounded wait. */
async function finishedFile(ctx: BailianStateContext, p: Record<string, unknown>, outcome: 'PARSE_SUCCESS' | 'PARSE_FAILED'): Promise<BailianStateOutcome> {
  const file = str(p, 'file');
  const category = str(p, 'category');
  const [name, bytes] =
    outcome === 'PARSE_SUCCESS'
      ? [`${category}-${file}.txt`, `vconf conformance file ${file}: plain text that parses.\n`]
      : [`${category}-${file}.vconf-parse-fail.pdf`, `vconf conformance file ${file}: not a PDF, so parsing fails.\n`];
  const id = await addFile(ctx, category, name, bytes, ctx.options ? { initMs: 0, parseMs: 0 } : undefined);
  const status = await waitUntilParsed(ctx, id);
  if (status !== outcome) throw new StateSetupError(`file ${file} (${id}) ended in ${status}, not ${outcome}`);
  return { variables: { [file]: id } };
}

/** A file held in INIT or PARSING for an hour: only the simulator's options can do that. */
async function unfinishedFile(ctx: BailianStateContext, p: Record<string, unknown>, status: 'INIT' | 'PARSING'): Promise<BailianStateOutcome> {
  if (!ctx.options) throw new StateSetupError('needs the simulator options (control:options)');
  const file = str(p, 'file');
  const category = str(p, 'category');
  const timing = status === 'INIT' ? { initMs: HOUR, parseMs: 0 } : { initMs: 0, parseMs: HOUR };
  const id = await addFile(ctx, category, `${category}-${file}.txt`, `vconf conformance file ${file}, held in ${status}.\n`, timing);
  const now = await fileStatus(ctx, id);
  if (now !== status) throw new StateSetupError(`file ${file} (${id}) is ${now}, not ${status}`);
  return { variables: { [file]: id } };
}

const FILE_STATE = (status: FileStatus) => `a file {file} in category {category} whose status is ${status}`;

export const BAILIAN_PROVIDER_STATES: BailianProviderState[] = [
  {
    name: 'a category {category}',
    requires: [],
    async setUp(ctx, p) {
      await ensureCategory(ctx, str(p, 'category'));
    },
  },
  {
    name: FILE_STATE('PARSE_SUCCESS'),
    requires: [],
    defines: ['file'],
    setUp: (ctx, p) => finishedFile(ctx, p, 'PARSE_SUCCESS'),
  },
  {
    name: FILE_STATE('PARSE_FAILED'),
    requires: [],
    defines: ['file'],
    setUp: (ctx, p) => finishedFile(ctx, p, 'PARSE_FAILED'),
  },
  {
    // seed 004: "can only delete files whose status is … PARSE_FAILED or … PARSE_SUCCESS". The API cannot hold a file
    // in PARSING on demand, so this needs the simulator's options.
    name: FILE_STATE('PARSING'),
    requires: ['control:options'],
    defines: ['file'],
    setUp: (ctx, p) => unfinishedFile(ctx, p, 'PARSING'),
  },
  {
    name: FILE_STATE('INIT'),
    requires: ['control:options'],
    defines: ['file'],
    setUp: (ctx, p) => unfinishedFile(ctx, p, 'INIT'),
  },
  {
    // seed 004: DeleteFiles "does not affect knowledge bases that have already been built". Knowledge bases (the
    // index APIs: CreateIndex, SubmitIndexJob, DeleteIndexDocument) are modelled neither by the simulator nor by the
    // project client, so no target offers this state yet.
    name: 'a knowledge base {index} built from file {file}',
    requires: ['api:knowledge-base'],
    async setUp() {
      throw new StateSetupError('knowledge bases are not modelled (api:knowledge-base)');
    },
  },
  {
    // seed 004: "Deleting data tables through the API is not supported." Data tables (structured application data)
    // are created in the console; neither the simulator nor the project client models them.
    name: 'a data table {table} in Application Data',
    requires: ['api:data-table'],
    defines: ['table'],
    async setUp() {
      throw new StateSetupError('data tables are not modelled (api:data-table)');
    },
  },
];

export function findBailianState(name: string): BailianProviderState | undefined {
  return BAILIAN_PROVIDER_STATES.find((s) => s.name === name);
}
