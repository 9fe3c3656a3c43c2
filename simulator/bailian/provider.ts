/**
 * The Bailian pipeline: route → (upload: its own pre-signed check) → authenticate (ACS3) → workspace access →
 * decode and validate the form/query against the spec → interceptor (faults, QPS limits) → handler → wire format.
 * One catch point renders every provider error; anything unexpected becomes a 500 InternalError, never a crash.
 */
import type { Clock } from '../engine/clock.ts';
import type { Interceptor } from '../engine/interception.ts';
import type { Random } from '../engine/random.ts';
import { ProviderError } from '../http/errors.ts';
import type { Journal } from '../http/journal.ts';
import { loadSpecValidator, type SpecValidator } from '../http/spec-validator.ts';
import type { Provider, SimRequest, SimResponse } from '../http/types.ts';
import { NonceStore, verifyAcs3 } from './auth.ts';
import { bailianError, MESSAGES, shapeOf } from './errors.ts';
import { addCategory, deleteCategory, listCategory } from './handlers/categories.ts';
import type { BailianContext, BailianHandler } from './handlers/context.ts';
import { addFile, applyFileUploadLease, deleteFile, deleteFiles, describeFile, listFile, updateFileTag } from './handlers/files.ts';
import { upload, UploadError, uploadErrorResponse } from './handlers/upload.ts';
import type { BailianAccessKey, BailianOptions } from './options.ts';
import { decodeForm, decodePairs, fieldKinds, validateAgainst } from './params.ts';
import { FORM_OPERATIONS, route, UPLOAD_PREFIX, type BailianOperationId } from './routes.ts';
import type { BailianState, Workspace } from './state.ts';
import { commonHeaders, errorResponse } from './wire.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const HANDLERS: Record<Exclude<BailianOperationId, 'UploadFile'>, BailianHandler> = {
  ApplyFileUploadLease: applyFileUploadLease,
  AddFile: addFile,
  DescribeFile: describeFile,
  ListFile: listFile,
  DeleteFile: deleteFile,
  DeleteFiles: deleteFiles,
  UpdateFileTag: updateFileTag,
  AddCategory: addCategory,
  ListCategory: listCategory,
  DeleteCategory: deleteCategory,
};

/** Batch deletes that an injected partial fault may apply in part (all other operations fail whole). */
const PARTIAL_OPERATIONS: ReadonlySet<BailianOperationId> = new Set(['DeleteFiles']);

/** Public and VPC endpoints: `bailian[-vpc][.{region}].aliyuncs.com` (fact sheet §1). */
const BAILIAN_HOST = /^bailian(-vpc)?(\.[a-z0-9-]+)?\.aliyuncs\.com$/;

export interface BailianProviderDeps {
  state: BailianState;
  opts: BailianOptions;
  clock: Clock;
  random: Random;
  journal: Journal;
  interceptor: Interceptor;
  validateResponses?: boolean;
}

interface Caller {
  accessKeyId: string;
  accountId: string;
  key: BailianAccessKey;
}

export class BailianProvider implements Provider {
  readonly slug = 'bailian';
  readonly maxBodyBytes: number;
  private readonly spec: SpecValidator;
  private readonly nonces = new NonceStore();
  private httpBaseUrl: string | undefined;
  private readonly record: ReturnType<Journal['recorder']>;

  constructor(private readonly deps: BailianProviderDeps) {
    this.maxBodyBytes = deps.opts.maxBodyBytes;
    this.spec = loadSpecValidator('bailian');
    this.record = deps.journal.recorder(this.slug, deps.clock);
  }

  onListening(baseUrl: string): void {
    this.httpBaseUrl = baseUrl;
  }

  matchesHost(host: string): boolean {
    return BAILIAN_HOST.test(host) || host === this.deps.opts.uploadHost;
  }

  oversizeResponse(req: SimRequest): SimResponse {
    const requestId = this.requestId();
    const res = req.path.startsWith(UPLOAD_PREFIX)
      ? uploadErrorResponse(new UploadError(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size of ${this.maxBodyBytes} bytes.`), requestId, req.host)
      : errorResponse(
          bailianError('DataCenter.FileTooLarge', `The request body exceeds the maximum of ${this.maxBodyBytes} bytes.`),
          commonHeaders(requestId, this.deps.clock.now()),
          requestId,
          req.host,
          this.deps.opts,
        );
    this.record(req, { operation: 'unknown', status: res.status, requestId });
    return res;
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const requestId = this.requestId();
    const headers = commonHeaders(requestId, this.deps.clock.now());
    let operation = 'unknown';
    let res: SimResponse;
    let crash: string | undefined;
    let code: string | undefined;
    let injected: string | undefined;
    try {
      const match = route(req.method, req.path, req.headers['x-acs-action']?.trim());
      if (match.kind === 'none') throw bailianError('InvalidApi.NotFound', `Specified api is not found, please check your url and method: ${req.method} ${req.path}.`);
      if (match.kind === 'unmodelled') {
        operation = match.operation;
        throw bailianError('NotImplemented', `${match.operation} is not implemented by the vconf simulator.`);
      }
      operation = match.operationId;
      if (match.operationId === 'UploadFile') {
        const r = await this.intercept(req, 'UploadFile', undefined, undefined, undefined, undefined);
        injected = r.injected;
        if (r.drop) return this.dropped(req, operation, requestId, injected);
        res = upload(req, match.params.LeaseId!, this.deps.state, this.deps.clock.now(), requestId);
      } else {
        const ctx = this.context(req, match.operationId, match.params, requestId, headers);
        const ids = ctx.input.FileIds;
        const r = await this.intercept(req, match.operationId, ctx.workspace, ctx.accessKeyId, Array.isArray(ids) && match.operationId === 'DeleteFiles' ? ids.length : undefined, ctx);
        injected = r.injected;
        if (r.drop) return this.dropped(req, operation, requestId, injected);
        res = HANDLERS[match.operationId](ctx);
      }
    } catch (err) {
      if (err instanceof UploadError) {
        code = err.code;
        res = uploadErrorResponse(err, requestId, req.host);
      } else {
        if (!(err instanceof ProviderError)) crash = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        const perr = err instanceof ProviderError ? err : bailianError('InternalError');
        code = perr.code;
        res = errorResponse(perr, headers, requestId, req.host, this.deps.opts);
      }
    }
    const specIssues = this.deps.validateResponses ? this.spec.responseFindings(operation, res) : undefined;
    this.record(req, { operation, status: res.status, code, requestId, specIssues, crash, injected });
    return res;
  }

  private context(
    req: SimRequest,
    operationId: Exclude<BailianOperationId, 'UploadFile'>,
    params: Record<string, string>,
    requestId: string,
    headers: Record<string, string>,
  ): BailianContext {
    const { opts, state, clock } = this.deps;
    const caller = this.authenticate(req);
    const workspace = this.workspaceFor(params.WorkspaceId!, caller);
    let input: Record<string, unknown> = {};
    if (FORM_OPERATIONS.has(operationId)) {
      input = decodeForm(req, fieldKinds(this.spec, operationId));
      validateAgainst(this.spec, `${operationId}Request`, input);
    } else if (operationId === 'ListFile') {
      input = decodePairs(req.query.entries(), fieldKinds(this.spec, operationId));
    }
    return { req, operationId, requestId, params, workspace, accessKeyId: caller?.accessKeyId, input, state, opts, clock, headers, uploadBase: this.uploadBase(req) };
  }

  private authenticate(req: SimRequest): Caller | undefined {
    const { opts, clock } = this.deps;
    if (!opts.auth) return undefined;
    const { accessKeyId } = verifyAcs3(req, (id) => this.findKey(id)?.key, clock.now(), { maxSkewMs: opts.maxSkewMs, nonces: this.nonces });
    const found = this.findKey(accessKeyId)!;
    return { accessKeyId, accountId: found.accountId, key: found.key };
  }

  private findKey(id: string): { key: BailianAccessKey; accountId: string } | undefined {
    // Looked up per request so tests may change the world's keys between requests.
    for (const account of this.deps.opts.accounts) {
      const key = account.accessKeys.find((k) => k.id === id);
      if (key) return { key, accountId: account.id };
    }
    return undefined;
  }

  /**
   * Workspace scoping (fact sheet §7; seed 004: a RAM user must "join a workspace"): an unknown workspace is
   * InvalidParameter "workspace id is null or invalid."; another account's workspace, or one the key was not
   * granted, is 403 Forbidden.
   */
  private workspaceFor(id: string, caller: Caller | undefined): Workspace {
    const ws = this.deps.state.workspace(id);
    if (!ws) throw bailianError('InvalidParameter', MESSAGES.workspaceInvalid);
    if (caller && (caller.accountId !== ws.accountId || (caller.key.workspaces !== undefined && !caller.key.workspaces.includes(ws.id)))) {
      throw bailianError('Forbidden');
    }
    return ws;
  }

  /**
   * Where upload URLs point: the configured base; the upload host for requests that named a Bailian host (in-process
   * msw, so the upload is intercepted too); otherwise the address the client reached (its Host header), so uploads
   * come back to this simulator whatever address it was bound to.
   */
  private uploadBase(req: SimRequest): string {
    const { opts } = this.deps;
    if (opts.uploadBaseUrl) return opts.uploadBaseUrl.replace(/\/$/, '');
    if (this.matchesHost(req.host)) return `https://${opts.uploadHost}`;
    const host = req.headers.host?.trim();
    if (host) return `http://${host}`;
    return this.httpBaseUrl ?? `https://${opts.uploadHost}`;
  }

  /** Consults the interceptor once; renders throttles and failures as errors; reports drops and injections. */
  private async intercept(
    req: SimRequest,
    operation: BailianOperationId,
    workspace: Workspace | undefined,
    credential: string | undefined,
    batchSize: number | undefined,
    ctx: BailianContext | undefined,
  ): Promise<{ drop: boolean; injected: string | undefined }> {
    const { decision, latencyMs } = this.deps.interceptor.decide({
      provider: this.slug,
      operation,
      account: workspace?.accountId,
      resource: workspace?.id,
      credential,
      client: req.remoteAddress,
      batchSize,
    });
    if (latencyMs > 0) await sleep(latencyMs);
    const injected = decision.kind === 'pass' ? (latencyMs > 0 ? 'latency' : undefined) : decision.kind;
    switch (decision.kind) {
      case 'pass':
        return { drop: false, injected };
      case 'drop':
        return { drop: true, injected };
      case 'throttle': {
        const { opts } = this.deps;
        const base = bailianError(opts.throttleCode);
        throw new ProviderError(opts.throttleStatus, opts.throttleCode, `${base.message} (limit ${decision.limit})`, base.details, {
          'x-acs-retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs))),
        });
      }
      case 'fail':
        // An injected 429 is a throttle to the client: it carries x-acs-retry-after like the limiter's (ms).
        throw new ProviderError(
          decision.status,
          decision.code,
          decision.message ?? `Injected ${decision.code}.`,
          { shape: shapeOf(decision.code) },
          decision.status === 429 ? { 'x-acs-retry-after': '1000' } : {},
        );
      case 'partial':
        if (!ctx || !PARTIAL_OPERATIONS.has(operation)) {
          throw new ProviderError(decision.status, decision.code, decision.message ?? `Injected ${decision.code}.`, { shape: shapeOf(decision.code) });
        }
        ctx.partial = decision;
        return { drop: false, injected };
    }
  }

  private dropped(req: SimRequest, operation: string, requestId: string, injected: string | undefined): SimResponse {
    this.record(req, { operation, status: 0, requestId, injected });
    return { status: 0, headers: {}, dropConnection: true };
  }

  /** GUID-like, upper case, as the service's (fact sheet §1.1: `17204B98-7734-4F9A-8464-2446A84821CA`). */
  private requestId(): string {
    const h = this.deps.random.hex(32).toUpperCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
