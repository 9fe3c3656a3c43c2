/**
 * The Cloudflare Vectorize pipeline: route → account id → authenticate/authorize → index (existence before body
 * validation) → parse JSON and validate against the spec → interceptor → handler → envelope.
 * One catch point renders every provider error; anything unexpected becomes a 500 envelope, never a crash.
 */
import type { Clock } from '../engine/clock.ts';
import type { Quota, Interceptor } from '../engine/interception.ts';
import type { Random } from '../engine/random.ts';
import { ProviderError } from '../http/errors.ts';
import type { Journal } from '../http/journal.ts';
import { loadSpecValidator, type SpecValidator } from '../http/spec-validator.ts';
import type { Provider, SimRequest, SimResponse } from '../http/types.ts';
import { authenticate, authorize } from './auth.ts';
import { controlActions } from './control.ts';
import { CloudflareError, cfError } from './errors.ts';
import type { CfContext, CfHandler } from './handlers/context.ts';
import { createIndex, deleteIndex, getIndex, getIndexInfo, listIndexes } from './handlers/indexes.ts';
import { createMetadataIndex, deleteMetadataIndex, listMetadataIndexes } from './handlers/metadata-index.ts';
import { deleteVectorsByIds, getVectorsByIds, insertVectors, listVectors, queryVectors, upsertVectors } from './handlers/vectors.ts';
import type { CloudflareVectorizeOptions } from './options.ts';
import { BASE_PATH, JSON_BODY_OPERATIONS, PERMISSION, route, type CfOperationId } from './routes.ts';
import type { CloudflareVectorizeState } from './state.ts';
import { baseHeaders, errorResponse } from './wire.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const HANDLERS: Record<CfOperationId, CfHandler> = {
  CreateIndex: createIndex,
  ListIndexes: listIndexes,
  GetIndex: getIndex,
  DeleteIndex: deleteIndex,
  GetIndexInfo: getIndexInfo,
  InsertVectors: insertVectors,
  UpsertVectors: upsertVectors,
  QueryVectors: queryVectors,
  GetVectorsByIds: getVectorsByIds,
  DeleteVectorsByIds: deleteVectorsByIds,
  ListVectors: listVectors,
  CreateMetadataIndex: createMetadataIndex,
  ListMetadataIndexes: listMetadataIndexes,
  DeleteMetadataIndex: deleteMetadataIndex,
};

/** Batch mutations that an injected `partial` fault may apply in part (issue 3 "Bad input"). */
const PARTIAL_OPERATIONS: ReadonlySet<CfOperationId> = new Set(['InsertVectors', 'UpsertVectors', 'DeleteVectorsByIds']);

/** Cloudflare account ids are 32 hex characters (seed 003 `maxLength32`). */
const ACCOUNT_ID = /^[0-9a-f]{32}$/;
export const CLOUDFLARE_API_HOST = 'api.cloudflare.com';

export interface CloudflareVectorizeProviderDeps {
  state: CloudflareVectorizeState;
  opts: CloudflareVectorizeOptions;
  clock: Clock;
  random: Random;
  journal: Journal;
  interceptor: Interceptor;
  /** Validate every response against the spec and record findings in the journal (tests turn this on). */
  validateResponses?: boolean;
}

export class CloudflareVectorizeProvider implements Provider {
  readonly slug = 'cloudflare-vectorize';
  readonly basePath = BASE_PATH;
  private readonly spec: SpecValidator;
  /** POST /__vconf/actions/cloudflare-vectorize/{flush,mutations} (simulator/http/control.ts). */
  readonly controlActions: Record<string, (body: unknown) => unknown>;
  private readonly knownFields = new Map<string, Set<string>>();
  private readonly record: ReturnType<Journal['recorder']>;

  constructor(private readonly deps: CloudflareVectorizeProviderDeps) {
    this.spec = loadSpecValidator('cloudflare-vectorize');
    this.record = deps.journal.recorder(this.slug, deps.clock);
    this.controlActions = controlActions(deps.state);
  }

  get maxBodyBytes(): number {
    return this.deps.opts.maxBodyBytes;
  }

  matchesHost(host: string): boolean {
    return host === CLOUDFLARE_API_HOST;
  }

  oversizeResponse(req: SimRequest): SimResponse {
    const headers = this.headers();
    const err = cfError(40005, `request body too large; the maximum is ${this.maxBodyBytes} bytes`);
    const operation = this.operationOf(req);
    const res = errorResponse(err, headers);
    this.record(req, { operation, status: res.status, code: err.code, requestId: headers['cf-ray'], specIssues: this.specIssues(operation, res) });
    return res;
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const headers = this.headers();
    let operation = 'unknown';
    let res: SimResponse;
    let crash: string | undefined;
    let code: string | undefined;
    let injected: string | undefined;
    let quota: Quota | undefined;
    try {
      const match = route(req.method, req.path);
      if (match.kind === 'none') throw cfError(7000);
      if (!ACCOUNT_ID.test(match.accountId)) {
        throw cfError(7003, `Could not route to ${req.path}, perhaps your object identifier is invalid?`);
      }
      if (match.kind === 'unmodelled') throw cfError(1001, `${match.operation} is not implemented by the vconf simulator (it simulates Vectorize v2).`);
      if (match.kind === 'method-not-allowed') throw cfError(7001, `Method ${req.method} not allowed for ${req.path}`);
      operation = match.operationId;
      const { opts, state, clock } = this.deps;
      let credential: string | undefined;
      if (opts.auth) {
        const caller = authenticate(req, opts);
        authorize(caller, match.accountId, PERMISSION[match.operationId]);
        credential = caller.credential;
      }
      const index = match.indexName === undefined ? undefined : state.getIndex(match.accountId, match.indexName);
      const body = JSON_BODY_OPERATIONS.has(match.operationId) ? this.parseBody(match.operationId, req) : {};
      const ctx: CfContext = {
        req,
        operationId: match.operationId,
        accountId: match.accountId,
        indexName: match.indexName,
        index,
        body,
        state,
        opts,
        clock,
        spec: this.spec,
        headers,
      };
      const { decision, latencyMs, quota: q } = this.deps.interceptor.decide({
        provider: this.slug,
        operation,
        account: match.accountId,
        resource: match.indexName === undefined ? undefined : `${match.accountId}/${match.indexName}`,
        credential,
        client: req.remoteAddress,
        batchSize: Array.isArray(body.ids) ? body.ids.length : undefined,
      });
      quota = q;
      if (latencyMs > 0) await sleep(latencyMs);
      if (decision.kind !== 'pass') injected = decision.kind;
      if (decision.kind === 'drop') {
        this.record(req, { operation, status: 0, requestId: headers['cf-ray'], injected });
        return { status: 0, headers: {}, dropConnection: true };
      }
      if (decision.kind === 'throttle') {
        // fact sheet §8: 429 with Retry-After in whole seconds, rounded up.
        throw cfError(971, undefined, { headers: { 'retry-after': String(Math.max(0, Math.ceil(decision.retryAfterMs / 1000))) } });
      }
      if (decision.kind === 'fail' || (decision.kind === 'partial' && !PARTIAL_OPERATIONS.has(match.operationId))) {
        const numeric = Number(decision.code);
        // An injected 429 still carries Retry-After, as every Cloudflare 429 does (fact sheet §8).
        const retry: Record<string, string> = decision.status === 429 ? { 'retry-after': '1' } : {};
        throw new CloudflareError(decision.status, Number.isInteger(numeric) ? numeric : 1000, decision.message ?? `Injected ${decision.code}.`, [], retry);
      }
      if (decision.kind === 'partial') ctx.partial = decision;
      res = HANDLERS[match.operationId](ctx);
    } catch (err) {
      if (!(err instanceof ProviderError)) crash = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const perr = err instanceof ProviderError ? err : cfError(1000);
      code = perr.code;
      res = errorResponse(perr, headers);
    }
    if (quota) Object.assign(res.headers, rateLimitHeaders(quota));
    this.record(req, { operation, status: res.status, code, requestId: headers['cf-ray'], specIssues: this.specIssues(operation, res), crash, injected });
    return res;
  }

  private parseBody(operationId: CfOperationId, req: SimRequest): Record<string, unknown> {
    // Observed (workers-sdk #6516): JSON operations refuse other content types with 40026.
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw cfError(40026, 'Expected request with `Content-Type: application/json`');
    let body: unknown = {};
    try {
      if (req.body.length > 0) body = JSON.parse(req.body.toString('utf8'));
    } catch {
      throw cfError(40026, 'failed to parse request body as JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw cfError(40026, 'the request body must be a JSON object');
    if (operationId === 'CreateIndex') return body as Record<string, unknown>; // its handler gives the service's own messages
    const issues = this.spec.validateRequestBody(operationId, body);
    if (issues.length > 0) {
      throw cfError(operationId === 'CreateMetadataIndex' || operationId === 'DeleteMetadataIndex' ? 40014 : 40026,
        `invalid request body: ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`);
    }
    if (this.deps.opts.rejectUnknownFields) {
      const known = this.requestFields(operationId);
      const unknown = Object.keys(body).filter((k) => !known.has(k));
      if (unknown.length > 0) throw cfError(40026, `unknown field(s) in request body: ${unknown.join(', ')}`);
    }
    return body as Record<string, unknown>;
  }

  private requestFields(operationId: CfOperationId): Set<string> {
    let known = this.knownFields.get(operationId);
    if (!known) {
      const schemas = (this.spec.doc.components?.schemas ?? {}) as Record<string, { properties?: object }>;
      known = new Set(Object.keys(schemas[`${operationId}Request`]?.properties ?? {}));
      this.knownFields.set(operationId, known);
    }
    return known;
  }

  private operationOf(req: SimRequest): string {
    const match = route(req.method, req.path);
    return match.kind === 'operation' ? match.operationId : 'unknown';
  }

  private specIssues(operation: string, res: SimResponse): string[] | undefined {
    return this.deps.validateResponses ? this.spec.responseFindings(operation, res) : undefined;
  }

  private headers(): Record<string, string> {
    return baseHeaders(this.deps.random.hex(16));
  }
}

/**
 * fact sheet §8: `Ratelimit` (e.g. `"default";r=50;t=30`) and `Ratelimit-Policy` (e.g. `"burst";q=100;w=60`) on
 * responses: the tightest rule that counted the request, its remaining quota, seconds to reset, and its window.
 */
function rateLimitHeaders(q: Quota): Record<string, string> {
  const name = q.policy.slice(q.policy.lastIndexOf('/') + 1);
  return {
    ratelimit: `"${name}";r=${Math.max(0, Math.floor(q.remaining))};t=${Math.max(0, Math.ceil(q.resetMs / 1000))}`,
    'ratelimit-policy': `"${name}";q=${q.limit};w=${Math.ceil(q.windowMs / 1000)}`,
  };
}
