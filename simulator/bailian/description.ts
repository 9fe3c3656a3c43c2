/**
 * Bailian application-data files as a description for the one pipeline (simulator/http/pipeline.ts): routes by method
 * and path, ACS3-HMAC-SHA256 signatures (the upload to a leased URL carries its own pre-signed check instead), the
 * workspace (looked up before the form is decoded), forms and queries checked against specs/bailian.yaml, and the
 * ACS wire format (the upload answers as OSS does, in XML).
 */
import { ProviderError } from '../core/errors.ts';
import { createRandom } from '../engine/random.ts';
import type { ProviderDescription, ProviderStages, StageTypes } from '../http/description.ts';
import type { SimRequest } from '../http/types.ts';
import { NonceStore, verifyAcs3 } from './auth.ts';
import { bailianError, MESSAGES, shapeOf } from './errors.ts';
import { addCategory, deleteCategory, listCategory } from './handlers/categories.ts';
import type { BailianContext } from './handlers/context.ts';
import { addFile, applyFileUploadLease, deleteFile, deleteFiles, describeFile, listFile, updateFileTag } from './handlers/files.ts';
import { upload, UploadError, uploadErrorResponse } from './handlers/upload.ts';
import { BAILIAN_LIMITS } from './limits.ts';
import { BAILIAN_OPTIONS_SCHEMA, defaultBailianOptions, type BailianAccessKey, type BailianOptions } from './options.ts';
import { decodeForm, decodePairs, fieldKinds, validateAgainst } from './params.ts';
import { FORM_OPERATIONS, route, UPLOAD_PREFIX, type BailianOperationId } from './routes.ts';
import { BailianState, type Workspace } from './state.ts';
import { commonHeaders, errorResponse } from './wire.ts';

/** Public and VPC endpoints: `bailian[-vpc][.{region}].aliyuncs.com` (fact sheet §1). */
const BAILIAN_HOST = /^bailian(-vpc)?(\.[a-z0-9-]+)?\.aliyuncs\.com$/;

interface Caller {
  accessKeyId: string;
  accountId: string;
  key: BailianAccessKey;
}

interface BailianTypes extends StageTypes {
  op: BailianOperationId;
  /** Path parameters (WorkspaceId, FileId, CategoryId, LeaseId). */
  route: Record<string, string>;
  caller: Caller | undefined;
  resource: Workspace | undefined;
  body: Record<string, unknown>;
  ctx: BailianContext;
}

const NO_INPUT: Record<string, unknown> = {};

export const bailian: ProviderDescription<'bailian', BailianOptions, BailianState, BailianTypes> = {
  slug: 'bailian',
  optionsSchema: BAILIAN_OPTIONS_SCHEMA,
  limits: BAILIAN_LIMITS,
  defaultOptions: defaultBailianOptions,
  // Ids come from their own seeded source, so they do not depend on how many requests came before.
  createState: (opts, { clock, seed }) => new BailianState(opts, clock, createRandom(`${seed}/bailian/ids`)),

  stages({ opts, state, clock, random, spec }): ProviderStages<BailianTypes> {
    const nonces = new NonceStore();
    let httpBaseUrl: string | undefined;
    const matchesHost = (host: string) => BAILIAN_HOST.test(host) || host === opts.uploadHost;

    function findKey(id: string): { key: BailianAccessKey; accountId: string } | undefined {
      // Looked up per request so tests may change the world's keys between requests.
      for (const account of opts.accounts) {
        const key = account.accessKeys.find((k) => k.id === id);
        if (key) return { key, accountId: account.id };
      }
      return undefined;
    }

    /**
     * Where upload URLs point: the configured base; the upload host for requests that named a Bailian host (in-process
     * msw, so the upload is intercepted too); otherwise the address the client reached (its Host header), so uploads
     * come back to this simulator whatever address it was bound to.
     */
    function uploadBase(req: SimRequest): string {
      if (opts.uploadBaseUrl) return opts.uploadBaseUrl.replace(/\/$/, '');
      if (matchesHost(req.host)) return `https://${opts.uploadHost}`;
      const host = req.headers.host?.trim();
      if (host) return `http://${host}`;
      return httpBaseUrl ?? `https://${opts.uploadHost}`;
    }

    const fault = (status: number, code: string, message: string | undefined) =>
      // An injected 429 is a throttle to the client: it carries x-acs-retry-after like the limiter's (ms).
      new ProviderError(status, code, message ?? `Injected ${code}.`, { shape: shapeOf(code) }, status === 429 ? { 'x-acs-retry-after': '1000' } : {});

    return {
      resolveBeforeBody: true,
      partialOperations: new Set<BailianOperationId>(['DeleteFiles']),
      readOnly: new Set<BailianOperationId>(['DescribeFile', 'ListFile', 'ListCategory']),
      maxBodyBytes: () => opts.maxBodyBytes,
      matchesHost,
      onListening: (baseUrl) => {
        httpBaseUrl = baseUrl;
      },

      begin: () => {
        // GUID-like, upper case, as the service's (fact sheet §1.1: `17204B98-7734-4F9A-8464-2446A84821CA`).
        const h = random.hex(32).toUpperCase();
        const requestId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        return { requestId, headers: commonHeaders(requestId, clock.now()) };
      },

      route(req) {
        const match = route(req.method, req.path, req.headers['x-acs-action']?.trim());
        if (match.kind === 'none') throw bailianError('InvalidApi.NotFound', `Specified api is not found, please check your url and method: ${req.method} ${req.path}.`);
        if (match.kind === 'unmodelled') return { kind: 'unmodelled', operation: match.operation };
        return { kind: 'operation', operation: match.operationId, route: match.params };
      },

      authenticate(req, { operation }) {
        // The upload's pre-signed URL is its credential (handlers/upload.ts checks it).
        if (!opts.auth || operation === 'UploadFile') return undefined;
        const { accessKeyId } = verifyAcs3(req, (id) => findKey(id)?.key, clock.now(), { maxSkewMs: opts.maxSkewMs, nonces });
        const found = findKey(accessKeyId)!;
        return { accessKeyId, accountId: found.accountId, key: found.key };
      },

      /**
       * Workspace scoping (fact sheet §7; seed 004: a RAM user must "join a workspace"): an unknown workspace is
       * InvalidParameter "workspace id is null or invalid."; another account's workspace, or one the key was not
       * granted, is 403 Forbidden.
       */
      resolve(_req, { operation, route: params }, caller) {
        if (operation === 'UploadFile') return undefined;
        const ws = state.workspace(params.WorkspaceId!);
        if (!ws) throw bailianError('InvalidParameter', MESSAGES.workspaceInvalid);
        if (caller && (caller.accountId !== ws.accountId || (caller.key.workspaces !== undefined && !caller.key.workspaces.includes(ws.id)))) {
          throw bailianError('Forbidden');
        }
        return ws;
      },

      parseBody(req, { operation }) {
        if (FORM_OPERATIONS.has(operation)) {
          const input = decodeForm(req, fieldKinds(spec, operation));
          validateAgainst(spec, `${operation}Request`, input);
          return input;
        }
        if (operation === 'ListFile') return decodePairs(req.query.entries(), fieldKinds(spec, operation));
        return NO_INPUT;
      },

      target: ({ operation, resource, caller, body }) => ({
        account: resource?.accountId,
        resource: resource?.id,
        credential: caller?.accessKeyId,
        batchSize: operation === 'DeleteFiles' && Array.isArray(body.FileIds) ? body.FileIds.length : undefined,
      }),

      context: (p, partial) => ({
        req: p.req,
        operationId: p.operation,
        requestId: p.requestId,
        params: p.route,
        workspace: p.resource,
        accessKeyId: p.caller?.accessKeyId,
        input: p.body,
        state,
        opts,
        clock,
        headers: p.headers,
        uploadBase: uploadBase(p.req),
        partial,
      }),

      handlers: {
        ApplyFileUploadLease: applyFileUploadLease,
        UploadFile: (ctx) => upload(ctx.req, ctx.params.LeaseId!, ctx.state, ctx.clock.now(), ctx.requestId),
        AddFile: addFile,
        DescribeFile: describeFile,
        ListFile: listFile,
        DeleteFile: deleteFile,
        DeleteFiles: deleteFiles,
        UpdateFileTag: updateFileTag,
        AddCategory: addCategory,
        ListCategory: listCategory,
        DeleteCategory: deleteCategory,
      },

      errors: {
        notImplemented: (operation) => bailianError('NotImplemented', `${operation} is not implemented by the vconf simulator.`),
        internal: () => bailianError('InternalError'),
        oversize: (req, max) =>
          req.path.startsWith(UPLOAD_PREFIX)
            ? new UploadError(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size of ${max} bytes.`)
            : bailianError('DataCenter.FileTooLarge', `The request body exceeds the maximum of ${max} bytes.`),
        throttle(d) {
          const base = bailianError(opts.throttleCode);
          return new ProviderError(opts.throttleStatus, opts.throttleCode, `${base.message} (limit ${d.limit})`, base.details, {
            'x-acs-retry-after': String(Math.max(1, Math.ceil(d.retryAfterMs))),
          });
        },
        fault: (d) => fault(d.status, d.code, d.message),
      },

      renderError: (err, req, { requestId, headers }) =>
        err instanceof UploadError ? uploadErrorResponse(err, requestId, req.host) : errorResponse(err, headers, requestId, req.host, opts),
    };
  },
};
