/**
 * How the runner talks to Bailian (Model Studio application data): the project's ACS3-signed client, the named states
 * of simulator/bailian/given.ts, identities (each with its workspace), run-prefixed categories with guaranteed
 * clean-up of every file in them, the error-code location and the volatile fields.
 *
 * Real-target credentials use the names of Alibaba Cloud's Credentials tool and the Model Studio samples:
 * ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, optional ALIBABA_CLOUD_SECURITY_TOKEN (STS), and
 * WORKSPACE_ID (the knowledge-base API guide's name for the workspace id). The endpoint is VCONF_BAILIAN_ENDPOINT, else
 * `https://bailian.{ALIBABA_CLOUD_REGION_ID or cn-beijing}.aliyuncs.com` (the SDKs need it set explicitly, fact sheet
 * bailian-files.md §1). Optional identities for the permission scenarios: VCONF_BAILIAN_OTHER_ACCESS_KEY_ID/_SECRET
 * with VCONF_BAILIAN_OTHER_WORKSPACE_ID (another account and its workspace), and VCONF_BAILIAN_RAM_ACCESS_KEY_ID/_SECRET
 * (a RAM user of the owner's account without AliyunBailianDataFullAccess).
 *
 * Every file a scenario creates lives in the scenario's own category (resource kind `category`, named
 * `<run prefix>-<ordinal>-<logical>`; file names start with it too). Clean-up deletes every file of the category
 * (waiting, bounded, for files still parsing) and then the category.
 */
import { capturingFetch, cleanupEach, env, ownerRetry, sleep } from '../runner/adapter-kit.ts';
import { createBailianClient, DEFAULT_BAILIAN_ENDPOINT, type BailianCall } from '../clients/bailian.ts';
import { DEFAULT_BAILIAN_ACCOUNTS, type BailianOptions } from '../../simulator/bailian/options.ts';
import {
  BAILIAN_PROVIDER_STATES,
  waitUntilParsed,
  type BailianApiOperation,
  type BailianStateAnswer,
  type BailianStateContext,
  type BailianStateRequest,
  type LeaseParam,
} from '../../simulator/bailian/given.ts';
import { MASK, normaliseResponse } from '../runner/normalise.ts';
import { proxyFormFetch } from '../runner/targets.ts';
import type { Exchange, ExchangeResponse, NormalisedResponse, ProviderAdapter, ProviderSession, TargetContext } from '../runner/types.ts';

const SLUG = 'bailian';

interface Identity {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
  workspaceId: string;
  unsigned?: boolean;
}

const REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    workspace: { type: 'string', description: "workspace id; default: the identity's own workspace" },
    category: {
      type: 'string',
      description: 'a category resource ({{box}}), sent as its CategoryId wherever the operation takes one; any other value is sent as given (e.g. default)',
    },
    fileId: { type: 'string', description: 'path FileId (DescribeFile, DeleteFile, UpdateFileTag)' },
    form: { type: 'object', description: 'form fields; lists and objects travel as JSON strings, as the SDKs send them' },
    query: { type: 'object', description: 'query parameters (ListFile); lists travel as JSON strings' },
    rawBody: { type: 'string', description: 'raw body instead of the encoded form (malformed-input scenarios)' },
    contentType: { type: 'string' },
    lease: { type: 'string', description: 'UploadFile: the Data of an ApplyFileUploadLease answer, captured (JSON)' },
    content: { type: 'string', description: 'UploadFile: the file bytes' },
    uploadHeaders: { type: 'object', description: "UploadFile: headers to send instead of the lease's (negative scenarios)" },
    waitWhileParsing: { type: 'boolean', description: 'DescribeFile: ask again (bounded) while the status is INIT or PARSING' },
    retryAfterMs: {
      type: 'string',
      description: 'wait this long first, as an SDK honouring x-acs-retry-after does (captured from a throttled answer; at most 10 s)',
    },
  },
};

/** Volatile fields of Bailian answers (fact sheet §1.1, §2, §5). */
const VOLATILE_BODY_PATHS = [
  'RequestId',
  'HostId',
  'Data.FileUploadLeaseId',
  'Data.Param.Url',
  'Data.Param.Headers.X-bailian-extra',
  'Data.CreateTime',
  'Data.FileList[*].CreateTime',
  'Data.NextToken',
];
/** Headers worth comparing; request id, date and retry-after are volatile. */
const STABLE_HEADERS = ['content-type'];
const FILE_ID = /\bfile_[0-9a-f]{32}_\d+\b/g;
const CATEGORY_ID = /\bcate_[0-9a-f]{32}_\d+\b/g;
const MAX_RETRY_AFTER_MS = 10_000;
const FINISHED = new Set(['PARSE_SUCCESS', 'PARSE_FAILED']);

const NOT_MODELLED = {
  'api:knowledge-base':
    'knowledge bases (CreateIndex, SubmitIndexJob, DeleteIndexDocument) are modelled neither by the simulator nor by the project client, so the effect of DeleteFiles on them cannot be observed here',
  'api:data-table': 'data tables (structured application data, made in the console) are modelled neither by the simulator nor by the project client',
};

export const adapter: ProviderAdapter = {
  slug: SLUG,
  identities: ['owner', 'other', 'anonymous', 'ram-no-permissions'],
  resourceKinds: ['category'],
  requestSchema: REQUEST_SCHEMA,
  states: BAILIAN_PROVIDER_STATES,
  replayIgnore: [{ field: 'body.Message', reason: 'free text: clients branch on Code (and per-file Status), never on the message' }],
  connect: async (target) => connect(target),
};

async function connect(target: TargetContext): Promise<ProviderSession> {
  const retry = ownerRetry(target, SLUG);
  const identities = new Map<string, Identity>();
  const capabilityReasons: Record<string, string> = { ...NOT_MODELLED };
  let endpoint: string | undefined;
  let unavailable: string | undefined;
  let transport: typeof fetch | undefined;
  const isReal = target.kind === 'real';

  if (isReal) {
    const ak = env(target, 'ALIBABA_CLOUD_ACCESS_KEY_ID');
    const sk = env(target, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    const ws = env(target, 'WORKSPACE_ID');
    const missing = [!ak && 'ALIBABA_CLOUD_ACCESS_KEY_ID', !sk && 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', !ws && 'WORKSPACE_ID'].filter(Boolean);
    if (missing.length > 0) unavailable = `real Bailian credentials are not set (${missing.join(', ')})`;
    identities.set('owner', { accessKeyId: ak ?? '', accessKeySecret: sk ?? '', securityToken: env(target, 'ALIBABA_CLOUD_SECURITY_TOKEN'), workspaceId: ws ?? '' });
    const oak = env(target, 'VCONF_BAILIAN_OTHER_ACCESS_KEY_ID');
    const osk = env(target, 'VCONF_BAILIAN_OTHER_ACCESS_KEY_SECRET');
    const ows = env(target, 'VCONF_BAILIAN_OTHER_WORKSPACE_ID');
    if (oak && osk && ows) identities.set('other', { accessKeyId: oak, accessKeySecret: osk, workspaceId: ows });
    else capabilityReasons['identity:other'] = 'set VCONF_BAILIAN_OTHER_ACCESS_KEY_ID, VCONF_BAILIAN_OTHER_ACCESS_KEY_SECRET and VCONF_BAILIAN_OTHER_WORKSPACE_ID (another account and its workspace)';
    const rak = env(target, 'VCONF_BAILIAN_RAM_ACCESS_KEY_ID');
    const rsk = env(target, 'VCONF_BAILIAN_RAM_ACCESS_KEY_SECRET');
    if (rak && rsk) identities.set('ram-no-permissions', { accessKeyId: rak, accessKeySecret: rsk, workspaceId: ws ?? '' });
    else capabilityReasons['identity:ram-no-permissions'] = 'set VCONF_BAILIAN_RAM_ACCESS_KEY_ID and VCONF_BAILIAN_RAM_ACCESS_KEY_SECRET (a RAM user without AliyunBailianDataFullAccess)';
    endpoint = env(target, 'VCONF_BAILIAN_ENDPOINT') ?? `https://bailian.${env(target, 'ALIBABA_CLOUD_REGION_ID') ?? 'cn-beijing'}.aliyuncs.com`;
    transport = target.via ? proxyFormFetch(target.via) : undefined;
  } else {
    // The simulator's default world: account 1234567890 (key test/test, workspace llm-simulator) and 9876543210
    // (other/other, llm-other). It has no RAM users or policies.
    const [owner, other] = DEFAULT_BAILIAN_ACCOUNTS;
    identities.set('owner', { accessKeyId: owner!.accessKeys[0]!.id, accessKeySecret: owner!.accessKeys[0]!.secret, workspaceId: owner!.workspaces[0]! });
    identities.set('other', { accessKeyId: other!.accessKeys[0]!.id, accessKeySecret: other!.accessKeys[0]!.secret, workspaceId: other!.workspaces[0]! });
    capabilityReasons['identity:ram-no-permissions'] = 'the simulator models no RAM users or policies (real service only: VCONF_BAILIAN_RAM_ACCESS_KEY_ID/_SECRET)';
    if (target.kind === 'http') {
      endpoint = target.endpoints?.[SLUG];
      if (!endpoint) unavailable = `no ${SLUG} endpoint given for the HTTP target`;
    } else {
      endpoint = DEFAULT_BAILIAN_ENDPOINT;
      transport = target.fetch;
    }
  }
  const owner = identities.get('owner')!;
  identities.set('anonymous', { accessKeyId: '', accessKeySecret: '', workspaceId: owner.workspaceId, unsigned: true });

  const capabilities = new Set([...identities.keys()].map((i) => `identity:${i}`));
  const options = () => target.control?.providerOptions?.(SLUG) as BailianOptions | undefined;
  if (options()) capabilities.add('control:options');

  /** name → CategoryId of every category created for this run; files (id → logical name) of the current scenario. */
  const categories = new Map<string, string>();
  const scenarioFiles = new Map<string, string>();
  const settle = isReal ? { timeoutMs: 300_000, intervalMs: 2_000 } : { timeoutMs: 30_000, intervalMs: 200 };

  function clientFor(who: Identity, fetchImpl: typeof fetch) {
    return createBailianClient({
      endpoint,
      accessKeyId: who.accessKeyId,
      accessKeySecret: who.accessKeySecret,
      workspaceId: who.workspaceId,
      unsigned: who.unsigned === true,
      fetch: fetchImpl,
    });
  }

  /** A category resource name → its id; anything else unchanged (`default`, an unknown id in a negative scenario). */
  const categoryId = (value: unknown) => (typeof value === 'string' ? (categories.get(value) ?? value) : undefined);

  async function sendOnce(operation: string, request: Record<string, unknown>, as: string): Promise<Exchange> {
    const who = identities.get(as);
    if (!who) throw new Error(`identity "${as}" is not available on this target`);
    const { fetch: capture, captured } = capturingFetch(transport ?? globalThis.fetch, redact);
    const client = clientFor(who, capture);
    let answer;
    if (operation === 'UploadFile') {
      if (typeof request.lease !== 'string') throw new Error('UploadFile needs `lease`: the captured Data of an ApplyFileUploadLease answer');
      const lease = JSON.parse(request.lease) as { Param: LeaseParam };
      const headers = request.uploadHeaders as Record<string, string> | undefined;
      answer = await client.upload(lease, typeof request.content === 'string' ? request.content : '', headers);
    } else {
      const op = operation as BailianApiOperation;
      const category = categoryId(request.category);
      const form = request.form as BailianCall['form'] | undefined;
      const query = request.query as BailianCall['query'] | undefined;
      const call: BailianCall = {
        workspaceId: typeof request.workspace === 'string' ? request.workspace : who.workspaceId,
        path: {
          ...(typeof request.fileId === 'string' ? { FileId: request.fileId } : {}),
          ...(category !== undefined && (op === 'ApplyFileUploadLease' || op === 'DeleteCategory') ? { CategoryId: category } : {}),
        },
        ...(form !== undefined || (category !== undefined && op === 'AddFile') ? { form: { ...(category !== undefined && op === 'AddFile' ? { CategoryId: category } : {}), ...form } } : {}),
        ...(query !== undefined || (category !== undefined && op === 'ListFile') ? { query: { ...(category !== undefined && op === 'ListFile' ? { CategoryId: category } : {}), ...query } } : {}),
        ...(typeof request.rawBody === 'string' ? { rawBody: request.rawBody } : {}),
        ...(typeof request.contentType === 'string' ? { contentType: request.contentType } : {}),
        ...(who.securityToken ? { headers: { 'x-acs-security-token': who.securityToken } } : {}),
      };
      answer = await client.call(op, call);
    }
    return { operation, request: captured()!, response: { status: answer.status, headers: answer.headers, body: answer.text } };
  }

  async function send(operation: string, request: Record<string, unknown>, as: string): Promise<Exchange> {
    // "If you are throttled, try again later" (seed 004): the throttle answer says how much later, in ms (fact sheet §5.2).
    if (request.retryAfterMs !== undefined) {
      const ms = Number(request.retryAfterMs);
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`retryAfterMs must be a number of milliseconds, got ${JSON.stringify(request.retryAfterMs)}`);
      await sleep(Math.min(ms, MAX_RETRY_AFTER_MS) + 20);
    }
    if (operation !== 'DescribeFile' || request.waitWhileParsing !== true) return sendOnce(operation, request, as);
    // Parsing is asynchronous (fact sheet §3): ask again, bounded, while the file is INIT or PARSING.
    const deadline = Date.now() + settle.timeoutMs;
    for (;;) {
      const ex = await sendOnce(operation, request, as);
      let status: unknown;
      try {
        status = (JSON.parse(ex.response.body) as { Data?: { Status?: unknown } }).Data?.Status;
      } catch {
        status = undefined;
      }
      if ((status !== 'INIT' && status !== 'PARSING') || Date.now() + settle.intervalMs > deadline) return ex;
      await sleep(settle.intervalMs);
    }
  }

  /** Owner calls for states and clean-up: retried like an SDK with retries configured (5xx, throttling), bounded. */
  async function ownerCall(operation: BailianApiOperation | 'UploadFile', request: Record<string, unknown>): Promise<BailianStateAnswer> {
    const retryable = (ex: Exchange) => {
      const r = ex.response;
      return r.status >= 500 || r.status === 429 || /Throttling/.test(errorCode(r) ?? '') ? Number(r.headers['x-acs-retry-after'] ?? 0) : undefined;
    };
    const r = (await retry(() => send(operation, request, 'owner'), retryable)).response;
    let json: unknown;
    try {
      json = r.body ? JSON.parse(r.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: r.status, text: r.body, json };
  }

  const stateContext = (): BailianStateContext => ({
    call: (operation, req: BailianStateRequest) =>
      ownerCall(operation, {
        ...(req.workspaceId !== undefined ? { workspace: req.workspaceId } : {}),
        ...(req.path?.FileId !== undefined ? { fileId: req.path.FileId } : {}),
        ...(req.path?.CategoryId !== undefined ? { category: req.path.CategoryId } : {}),
        ...(req.form !== undefined ? { form: req.form } : {}),
        ...(req.query !== undefined ? { query: req.query } : {}),
      }),
    upload: (param, bytes) => ownerCall('UploadFile', { lease: JSON.stringify({ Param: param }), content: bytes }),
    options: options(),
    categories,
    settle,
  });

  /** Every file of the category, paged (ListFile, fact sheet §2.2). */
  async function listFiles(id: string): Promise<{ FileId: string; Status: string }[]> {
    const out: { FileId: string; Status: string }[] = [];
    let token: string | undefined;
    do {
      const res = await ownerCall('ListFile', { category: id, query: { MaxResults: 100, ...(token ? { NextToken: token } : {}) } });
      if (res.status !== 200 || res.json?.Success !== true) throw new Error(`ListFile ${id}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      out.push(...((res.json.Data?.FileList ?? []) as { FileId: string; Status: string }[]));
      token = res.json.Data?.HasNext ? res.json.Data?.NextToken : undefined;
    } while (token);
    return out;
  }

  /** Deletes every file of a category created for the scenario, then the category; returns the problems. */
  async function cleanupCategory(name: string): Promise<string[]> {
    const problems: string[] = [];
    for (const id of categories.has(name) ? [categories.get(name)!] : await categoriesNamed(name)) problems.push(...(await cleanupCategoryId(name, id)));
    return problems;
  }

  /** Categories named exactly `name` (a scenario's own steps may have made one; ListCategory matches by substring). */
  async function categoriesNamed(name: string): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const res = await ownerCall('ListCategory', { form: { CategoryType: 'UNSTRUCTURED', CategoryName: name, MaxResults: 100, ...(token ? { NextToken: token } : {}) } });
      if (res.status !== 200 || res.json?.Success !== true) throw new Error(`ListCategory ${name}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      const list = (res.json.Data?.CategoryList ?? []) as { CategoryId: string; CategoryName: string }[];
      ids.push(...list.filter((c) => c.CategoryName === name).map((c) => c.CategoryId));
      token = res.json.Data?.HasNext ? res.json.Data?.NextToken : undefined;
    } while (token);
    return ids;
  }

  async function cleanupCategoryId(name: string, id: string): Promise<string[]> {
    const problems: string[] = [];
    const opts = options();
    let files = await listFiles(id);
    if (!opts && files.some((f) => !FINISHED.has(f.Status))) {
      // Only finished files can be deleted (seed 004): wait for the rest, bounded.
      const ctx = stateContext();
      for (const f of files.filter((x) => !FINISHED.has(x.Status))) await waitUntilParsed(ctx, f.FileId);
      files = await listFiles(id);
    }
    const finished = files.filter((f) => FINISHED.has(f.Status)).map((f) => f.FileId);
    for (let i = 0; i < finished.length; i += 20) {
      const res = await ownerCall('DeleteFiles', { form: { FileIds: finished.slice(i, i + 20) } });
      const results = (res.json?.Data?.DeleteFileResultList ?? []) as { FileId: string; Status: string }[];
      if (res.status !== 200 || res.json?.Success !== true) problems.push(`DeleteFiles in ${name}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      else for (const r of results.filter((x) => x.Status === 'FAILED')) problems.push(`DeleteFiles in ${name}: ${r.FileId} FAILED`);
    }
    const unfinished = files.filter((f) => !FINISHED.has(f.Status));
    if (unfinished.length > 0 && !opts) {
      problems.push(`${name}: ${unfinished.length} file(s) still parsing after ${settle.timeoutMs} ms, left behind: ${unfinished.map((f) => f.FileId).join(', ')}`);
      return problems;
    }
    // A file the simulator holds in INIT/PARSING for an hour can only go with its category (option deleteNonEmptyCategory).
    const saved = opts?.deleteNonEmptyCategory;
    if (opts && unfinished.length > 0) opts.deleteNonEmptyCategory = 'cascade';
    try {
      const del = await ownerCall('DeleteCategory', { category: id });
      if (del.status === 200 && del.json?.Success === true) categories.delete(name);
      else problems.push(`DeleteCategory ${name}: HTTP ${del.status} ${del.text.slice(0, 200)} (resource may be left behind)`);
    } finally {
      if (opts && saved !== undefined) opts.deleteNonEmptyCategory = saved;
    }
    return problems;
  }

  const variables: Record<string, string> = { workspaceId: owner.workspaceId };
  const other = identities.get('other');
  if (other) variables.otherWorkspaceId = other.workspaceId;

  return {
    capabilities,
    capabilityReasons,
    unavailable,
    variables,
    allocate(kind, logical, ordinal) {
      if (kind !== 'category') throw new Error(`unknown resource kind ${kind}`);
      // Run prefix, scenario ordinal, logical name; file names in the category start with it too.
      return `${target.runPrefix}-${ordinal.toString(36)}-${logical}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40).replace(/-+$/, '');
    },
    send,
    async applyState(name, params) {
      const state = BAILIAN_PROVIDER_STATES.find((s) => s.name === name);
      if (!state) throw new Error(`unknown state "${name}"`);
      const outcome = await state.setUp(stateContext(), params);
      for (const [logical, id] of Object.entries(outcome?.variables ?? {})) scenarioFiles.set(id, logical);
      return outcome ?? undefined;
    },
    async cleanup(resources) {
      const problems = await cleanupEach(resources, cleanupCategory);
      scenarioFiles.clear();
      return problems;
    },
    errorCode,
    normalise(res, names) {
      const replacements: Record<string, string> = { [owner.workspaceId]: '{{var.workspaceId}}' };
      if (other) replacements[other.workspaceId] = '{{var.otherWorkspaceId}}';
      for (const [logical, real] of Object.entries(names)) {
        replacements[real] = `{{${logical}}}`;
        const id = categories.get(real);
        if (id) replacements[id] = `{{${logical}.id}}`;
      }
      for (const [id, logical] of scenarioFiles) replacements[id] = `{{${logical}}}`;
      return normalise(res, replacements);
    },
    async close() {},
  };
}

function errorCode(res: ExchangeResponse): string | undefined {
  if (!res.body) return undefined;
  try {
    const body = JSON.parse(res.body) as { Code?: unknown; Success?: unknown };
    // Business errors may travel with HTTP 200 and Success:false (fact sheet §8 q2).
    if ((res.status >= 300 || body.Success === false) && typeof body.Code === 'string') return body.Code;
    return undefined;
  } catch {
    // the upload goes to OSS, whose errors are XML
  }
  return res.status >= 300 ? /<Code>([^<]+)<\/Code>/.exec(res.body)?.[1] : undefined;
}

function normalise(res: ExchangeResponse, replacements: Record<string, string>): NormalisedResponse {
  const named = normaliseResponse(res, {
    stableHeaders: STABLE_HEADERS,
    volatilePaths: VOLATILE_BODY_PATHS,
    replacements,
    // not JSON: an OSS XML error of the upload, whose request id and host vary
    text: (body) => body.replace(/<(RequestId|HostId)>[^<]*<\/\1>/g, `<$1>${MASK}</$1>`),
  });
  // Ids the service assigned to files and categories no state named (e.g. created by a scenario's own steps).
  return JSON.parse(JSON.stringify(named).replace(FILE_ID, '<file-id>').replace(CATEGORY_ID, '<category-id>')) as NormalisedResponse;
}

function redact(name: string, value: string): string {
  if (name === 'authorization') {
    return value.replace(/Credential=([^,]{0,4})[^,]*,/, 'Credential=$1****,').replace(/Signature=([0-9a-f]{8})[0-9a-f]+/, 'Signature=$1…');
  }
  if (name === 'x-acs-security-token') return '<redacted>';
  return value;
}
