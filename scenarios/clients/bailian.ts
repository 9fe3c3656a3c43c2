/**
 * The project's own Bailian (Model Studio application data) client: encodes requests as the official SDKs do (ROA
 * paths, form bodies whose list parameters are JSON strings, fact sheet bailian-files.md §1, §4), signs them with
 * ACS3-HMAC-SHA256 (simulator/bailian/signing.ts, §6) and sends them through `fetch`, so it reaches the in-process
 * simulator (msw), the HTTP simulator or the real service alike. Used by tests, the conformance runner and benchmarks.
 */
import { readAnswer } from './answer.ts';
import { encodePathSegment, signRequest } from '../../simulator/bailian/signing.ts';
import type { BailianOperationId } from '../../simulator/bailian/routes.ts';

type ApiOperation = Exclude<BailianOperationId, 'UploadFile'>;

const OPS: Record<ApiOperation, { method: string; path: (p: Record<string, string>) => string; body: boolean }> = {
  ApplyFileUploadLease: { method: 'POST', path: (p) => `/${p.ws}/datacenter/category/${p.CategoryId}`, body: true },
  AddFile: { method: 'PUT', path: (p) => `/${p.ws}/datacenter/file`, body: true },
  DescribeFile: { method: 'GET', path: (p) => `/${p.ws}/datacenter/file/${p.FileId}/`, body: false },
  ListFile: { method: 'GET', path: (p) => `/${p.ws}/datacenter/files`, body: false },
  DeleteFile: { method: 'DELETE', path: (p) => `/${p.ws}/datacenter/file/${p.FileId}/`, body: false },
  DeleteFiles: { method: 'POST', path: (p) => `/${p.ws}/datacenter/file/delete`, body: true },
  UpdateFileTag: { method: 'PUT', path: (p) => `/${p.ws}/datacenter/file/${p.FileId}`, body: true },
  AddCategory: { method: 'POST', path: (p) => `/${p.ws}/datacenter/category/`, body: true },
  ListCategory: { method: 'POST', path: (p) => `/${p.ws}/datacenter/categories`, body: true },
  DeleteCategory: { method: 'DELETE', path: (p) => `/${p.ws}/datacenter/category/${p.CategoryId}/`, body: false },
};

export const DEFAULT_BAILIAN_ENDPOINT = 'https://bailian.cn-beijing.aliyuncs.com';

export interface BailianClientOptions {
  /** `http://127.0.0.1:PORT` for the HTTP simulator; default the public cn-beijing endpoint (msw intercepts it in-process). */
  endpoint?: string | undefined;
  accessKeyId: string;
  accessKeySecret: string;
  /** Workspace used when a call names none. */
  workspaceId?: string | undefined;
  /** Send unsigned requests (auth-off simulators and negative tests). */
  unsigned?: boolean;
  /** Clock for x-acs-date (skew tests). */
  now?: () => Date;
  fetch?: typeof fetch;
}

export type ParamValue = string | number | boolean | unknown[] | Record<string, unknown>;

export interface BailianCall {
  workspaceId?: string;
  /** Path parameters: FileId, CategoryId. */
  path?: { FileId?: string; CategoryId?: string };
  /** Form fields; arrays and objects are sent as JSON strings, as the SDKs' "shrink" step does. */
  form?: Record<string, ParamValue | undefined>;
  query?: Record<string, ParamValue | undefined>;
  /** Raw body bytes instead of the encoded form (malformed-input tests); signed as sent. */
  rawBody?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** Fixed nonce (replay tests). */
  nonce?: string;
  /** Change the signed headers before sending (tamper tests). */
  tamper?: (headers: Record<string, string>) => void;
  /** Override x-acs-action (routing tests). */
  action?: string;
}

export interface PreparedRequest {
  url: string;
  /** Path and query as sent. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

export interface BailianAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are asserted field by field in tests
}

function wireValue(v: ParamValue): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** `k=v&…` with `encodeURIComponent`, as openapi-core's `toForm` writes it. */
export function encodeForm(fields: Record<string, ParamValue | undefined>): string {
  return Object.entries(fields)
    .filter((e): e is [string, ParamValue] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(wireValue(v))}`)
    .join('&');
}

const answer: (res: Response) => Promise<BailianAnswer> = readAnswer;

export function createBailianClient(opts: BailianClientOptions) {
  const endpoint = (opts.endpoint ?? DEFAULT_BAILIAN_ENDPOINT).replace(/\/$/, '');
  const host = new URL(endpoint).host;
  const doFetch = (...args: Parameters<typeof fetch>) => (opts.fetch ?? globalThis.fetch)(...args); // msw patches fetch late

  /**
   * Encodes and signs one request without sending it. Every call gets a fresh date and nonce, so load generators
   * (autocannon's `setupRequest`) must prepare each request anew: the simulator rejects a replayed nonce.
   */
  function prepare(op: ApiOperation, c: BailianCall = {}): PreparedRequest {
    const spec = OPS[op];
    const ws = c.workspaceId ?? opts.workspaceId;
    if (ws === undefined) throw new Error(`${op}: no workspace id`);
    const rawPath = spec.path({
      ws: encodePathSegment(ws),
      FileId: encodePathSegment(c.path?.FileId ?? ''),
      CategoryId: encodePathSegment(c.path?.CategoryId ?? ''),
    });
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) query[k] = wireValue(v);
    const rawQuery = Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const body = c.rawBody ?? (c.form !== undefined || spec.body ? encodeForm(c.form ?? {}) : undefined);
    const base: Record<string, string> = { host, accept: 'application/json', ...c.headers };
    if (body !== undefined) base['content-type'] = c.contentType ?? 'application/x-www-form-urlencoded';
    let headers: Record<string, string> = base;
    if (!opts.unsigned) {
      headers = signRequest({
        method: spec.method,
        rawPath,
        query,
        headers: base,
        body,
        accessKeyId: opts.accessKeyId,
        accessKeySecret: opts.accessKeySecret,
        action: c.action ?? op,
        now: opts.now?.(),
        ...(c.nonce !== undefined ? { nonce: c.nonce } : {}),
      });
    }
    c.tamper?.(headers);
    const pathAndQuery = `${rawPath}${rawQuery ? `?${rawQuery}` : ''}`;
    return { url: `${endpoint}${pathAndQuery}`, path: pathAndQuery, method: spec.method, headers, body };
  }

  async function call(op: ApiOperation, c: BailianCall = {}): Promise<BailianAnswer> {
    const r = prepare(op, c);
    return answer(await doFetch(r.url, { method: r.method, headers: r.headers, body: r.body as BodyInit | undefined }));
  }

  /** The upload step: PUT the bytes to the leased URL with every leased header (fact sheet §2). */
  async function upload(
    lease: { Param: { Method: string; Url: string; Headers: Record<string, string> } },
    bytes: string | Uint8Array,
    headers?: Record<string, string>,
  ): Promise<BailianAnswer> {
    return answer(await doFetch(lease.Param.Url, { method: lease.Param.Method, headers: headers ?? lease.Param.Headers, body: bytes as BodyInit }));
  }

  return { call, prepare, upload, options: opts };
}

export type BailianClient = ReturnType<typeof createBailianClient>;
