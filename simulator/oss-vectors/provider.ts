/**
 * The OSS Vectors pipeline: address → route → authenticate → bucket (existence before body validation, as the
 * real service does: fact sheet §3.5) → parse JSON → validate against the spec → handler → wire format.
 * One catch point renders every provider error; anything unexpected becomes a 500 InternalError, never a crash.
 */
import type { Clock } from '../engine/clock.ts';
import type { Random } from '../engine/random.ts';
import { ProviderError } from '../http/errors.ts';
import type { Interceptor } from '../engine/interception.ts';
import type { Journal } from '../http/journal.ts';
import { OFFLOAD_BYTES, parseJsonOffThread } from '../http/json-offload.ts';
import { loadSpecValidator, type SpecValidator } from '../http/spec-validator.ts';
import type { Provider, SimRequest, SimResponse } from '../http/types.ts';
import { verifyOss4, type VerifiedCaller } from './auth.ts';
import { OSS_ERRORS, ossError } from './errors.ts';
import { assertBucketName, deleteVectorBucket, getVectorBucket, listVectorBuckets, putVectorBucket } from './handlers/buckets.ts';
import type { OssContext, OssHandler } from './handlers/context.ts';
import { deleteVectorIndex, getVectorIndex, listVectorIndexes, putVectorIndex } from './handlers/indexes.ts';
import { deleteVectors, getVectors, listVectors, putVectors, queryVectors } from './handlers/vectors.ts';
import { OSS_VECTORS_DOMAIN, resolveAddressing, type Addressing } from './hosts.ts';
import type { OssVectorsOptions } from './options.ts';
import { JSON_BODY_OPERATIONS, route, type OssOperationId } from './routes.ts';
import type { OssVectorsState } from './state.ts';
import { commonHeaders, errorResponse } from './wire.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const HANDLERS: Record<OssOperationId, OssHandler> = {
  PutVectorBucket: putVectorBucket,
  GetVectorBucket: getVectorBucket,
  ListVectorBuckets: listVectorBuckets,
  DeleteVectorBucket: deleteVectorBucket,
  PutVectorIndex: putVectorIndex,
  GetVectorIndex: getVectorIndex,
  ListVectorIndexes: listVectorIndexes,
  DeleteVectorIndex: deleteVectorIndex,
  PutVectors: putVectors,
  GetVectors: getVectors,
  ListVectors: listVectors,
  DeleteVectors: deleteVectors,
  QueryVectors: queryVectors,
};

export interface OssVectorsProviderDeps {
  state: OssVectorsState;
  opts: OssVectorsOptions;
  clock: Clock;
  random: Random;
  journal: Journal;
  interceptor: Interceptor;
  /** Validate every response against the spec and record findings in the journal (tests turn this on). */
  validateResponses?: boolean;
}

export class OssVectorsProvider implements Provider {
  readonly slug = 'oss-vectors';
  readonly maxBodyBytes: number;
  private readonly spec: SpecValidator;
  private readonly credentials = new Map<string, { secret: string; accountId: string }>();
  private readonly knownFields = new Map<string, Set<string>>();
  private readonly lookup = (id: string) => this.credentials.get(id);
  private readonly record: ReturnType<Journal['recorder']>;

  constructor(private readonly deps: OssVectorsProviderDeps) {
    this.maxBodyBytes = deps.opts.maxBodyBytes;
    this.record = deps.journal.recorder(this.slug, deps.clock);
    this.spec = loadSpecValidator('oss-vectors');
    for (const account of deps.opts.accounts) {
      for (const key of account.accessKeys) this.credentials.set(key.id, { secret: key.secret, accountId: account.id });
    }
  }

  matchesHost(host: string): boolean {
    return host.endsWith(OSS_VECTORS_DOMAIN);
  }

  oversizeResponse(req: SimRequest): SimResponse {
    const headers = this.headers(this.deps.clock.now());
    const err = ossError('EntityTooLarge', `The request body exceeds the maximum allowed size of ${this.maxBodyBytes} bytes.`);
    this.record(req, { operation: 'unknown', status: err.status, code: err.code, requestId: headers['x-oss-request-id'] });
    return errorResponse(err, headers, req.host);
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const started = this.deps.clock.now();
    const headers = this.headers(started);
    let operation = 'unknown';
    let res: SimResponse;
    let crash: string | undefined;
    let code: string | undefined;
    let injected: string | undefined;
    try {
      const addressing = resolveAddressing(req.host, req.path);
      if (!addressing) throw ossError('MethodNotAllowed', `${req.method} ${req.path} is not a vector bucket operation.`);
      const match = route(req.method, addressing.bucket !== undefined, req.rawQuery);
      if (match.kind === 'unmodelled') {
        operation = match.operation;
        throw ossError('NotImplemented', `${match.operation} is not implemented by the vconf simulator.`);
      }
      if (match.kind === 'none') throw ossError('MethodNotAllowed', `${req.method} with query "${req.rawQuery}" is not a vector bucket operation.`);
      operation = match.operationId;
      const ctx = await this.context(req, match.operationId, addressing, headers);
      const { decision, latencyMs } = this.deps.interceptor.decide({
        provider: this.slug,
        operation,
        account: ctx.callerAccountId,
        resource: typeof ctx.body.indexName === 'string' ? `${ctx.bucketName}/${ctx.body.indexName}` : ctx.bucketName,
        credential: ctx.accessKeyId,
        client: req.remoteAddress,
        batchSize: Array.isArray(ctx.body.vectors) ? ctx.body.vectors.length : undefined,
      });
      if (latencyMs > 0) await sleep(latencyMs);
      if (decision.kind !== 'pass') injected = decision.kind;
      else if (latencyMs > 0) injected = 'latency';
      if (decision.kind === 'drop') {
        this.record(req, { operation, status: 0, requestId: headers['x-oss-request-id'], injected });
        return { status: 0, headers: {}, dropConnection: true };
      }
      if (decision.kind === 'throttle') throw ossError('QpsLimitExceeded', `QPS limit exceeded (${decision.limit}).`);
      if (decision.kind === 'fail') throw new ProviderError(decision.status, decision.code, decision.message ?? `Injected ${decision.code}.`, { EC: ecFor(decision.code) });
      if (decision.kind === 'partial') {
        if (!PARTIAL_OPERATIONS.has(match.operationId)) {
          throw new ProviderError(decision.status, decision.code, decision.message ?? `Injected ${decision.code}.`, { EC: ecFor(decision.code) });
        }
        ctx.partial = decision;
      }
      res = HANDLERS[match.operationId](ctx);
    } catch (err) {
      if (!(err instanceof ProviderError)) crash = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const perr = err instanceof ProviderError ? err : ossError('InternalError');
      code = perr.code;
      res = errorResponse(perr, headers, req.host);
    }
    res.headers['x-oss-server-time'] = String(Math.max(0, this.deps.clock.now() - started));
    const specIssues = this.deps.validateResponses ? this.spec.responseFindings(operation, res) : undefined;
    this.record(req, { operation, status: res.status, code, requestId: headers['x-oss-request-id'], specIssues, crash, injected });
    return res;
  }

  private async context(req: SimRequest, operationId: OssOperationId, addr: Addressing, headers: Record<string, string>): Promise<OssContext> {
    const { state, opts, clock } = this.deps;
    if (operationId === 'PutVectorBucket' || operationId === 'DeleteVectorBucket') assertBucketName(addr.bucket!);
    const { caller, targetAccountId } = this.authenticate(req, addr);
    const region = addr.region ?? caller?.region ?? opts.defaultRegion;
    const callerAccountId = caller?.accountId ?? targetAccountId;
    let bucket;
    if (addr.bucket !== undefined) {
      if (operationId !== 'PutVectorBucket') {
        bucket = state.findBucket(targetAccountId, region, addr.bucket);
        if (!bucket) throw ossError('NoSuchBucket', undefined, { BucketName: addr.bucket });
      }
      // seed 002: only the owner may delete a bucket; no account may act on another account's bucket.
      if (targetAccountId !== callerAccountId) {
        throw ossError('AccessDenied', 'You have no right to access this vector bucket: it belongs to another account.', { BucketName: addr.bucket });
      }
    }
    let body: Record<string, unknown> = {};
    let vectorFloats: Map<number, Float32Array> | undefined;
    if (JSON_BODY_OPERATIONS.has(operationId)) {
      if (operationId === 'PutVectors' && req.body.length >= OFFLOAD_BYTES) {
        const parsed = await parseJsonOffThread(req.body).catch(() => undefined);
        if (parsed === 'malformed') throw ossError('MalformedJson');
        body = parsed ? this.checkBody(operationId, parsed.body) : this.parseBody(operationId, req.body);
        vectorFloats = parsed?.floats;
      } else {
        body = this.parseBody(operationId, req.body);
      }
    }
    return {
      req,
      operationId,
      requestId: headers['x-oss-request-id']!,
      callerAccountId,
      accessKeyId: caller?.accessKeyId,
      region,
      bucketName: addr.bucket,
      bucket,
      body,
      vectorFloats,
      state,
      opts,
      clock,
      headers,
    };
  }

  /**
   * Who is calling, and which account's bucket is addressed. Virtual-host requests name the account in the host;
   * path-style requests do not (fact sheet §1.3), but the client signed the bucket ARN with the account it meant,
   * so the account whose ARN verifies is the target.
   */
  private authenticate(req: SimRequest, addr: Addressing): { caller: VerifiedCaller | undefined; targetAccountId: string } {
    const { opts, clock, state } = this.deps;
    if (!opts.auth) {
      return { caller: undefined, targetAccountId: addr.hostAccountId ?? opts.accounts[0]?.id ?? '1234567890' };
    }
    const lookup = this.lookup;
    const now = clock.now();
    const verifyOpts = { maxSkewMs: opts.maxSkewMs };
    if (addr.bucket === undefined) {
      const caller = verifyOss4(req, lookup, undefined, now, verifyOpts);
      return { caller, targetAccountId: caller.accountId };
    }
    if (addr.hostAccountId !== undefined) {
      const caller = verifyOss4(req, lookup, { name: addr.bucket, accountId: addr.hostAccountId }, now, verifyOpts);
      return { caller, targetAccountId: addr.hostAccountId };
    }
    try {
      const caller = verifyOss4(req, lookup, { name: addr.bucket }, now, verifyOpts);
      return { caller, targetAccountId: caller.accountId };
    } catch (first) {
      if (!(first instanceof ProviderError) || first.code !== 'SignatureDoesNotMatch') throw first;
      const region = addr.region ?? regionFromAuthorization(req) ?? opts.defaultRegion;
      for (const owner of state.ownersOf(region, addr.bucket)) {
        try {
          const caller = verifyOss4(req, lookup, { name: addr.bucket, accountId: owner }, now, verifyOpts);
          return { caller, targetAccountId: owner };
        } catch {
          // not this owner's ARN
        }
      }
      throw first;
    }
  }

  private parseBody(operationId: OssOperationId, raw: Buffer): Record<string, unknown> {
    let body: unknown = {};
    try {
      // The SDKs send no body at all when every field is optional (Go/Python ListVectorIndexes with only a bucket).
      if (raw.length > 0) body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw ossError('MalformedJson');
    }
    return this.checkBody(operationId, body);
  }

  /** The parsed body must be an object that the spec accepts (unknown fields refused when so configured). */
  private checkBody(operationId: OssOperationId, body: unknown): Record<string, unknown> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw ossError('MalformedJson', 'The request body must be a JSON object.');
    }
    const issues = this.spec.validateRequestBody(operationId, body);
    if (issues.length > 0) {
      throw ossError('VectorIndexParameterInvalid', issues.map((i) => `${i.where}: ${i.message}`).join('; '));
    }
    if (this.deps.opts.rejectUnknownFields) {
      const known = this.requestFields(operationId);
      const unknown = Object.keys(body).filter((k) => !known.has(k));
      if (unknown.length > 0) throw ossError('VectorIndexParameterInvalid', `Unknown field(s): ${unknown.join(', ')}.`);
    }
    return body as Record<string, unknown>;
  }

  private requestFields(operationId: OssOperationId): Set<string> {
    let known = this.knownFields.get(operationId);
    if (!known) {
      const schemas = (this.spec.doc as { components?: { schemas?: Record<string, { properties?: object }> } }).components?.schemas;
      known = new Set(Object.keys(schemas?.[`${operationId}Request`]?.properties ?? {}));
      this.knownFields.set(operationId, known);
    }
    return known;
  }

  private headers(now: number): Record<string, string> {
    return commonHeaders(this.deps.random.hex(24).toUpperCase(), now);
  }
}

/** Batch writes that may be partially applied before a 5xx (seed 001: "The write operation does not ensure atomicity"). */
const PARTIAL_OPERATIONS: ReadonlySet<OssOperationId> = new Set(['DeleteVectors', 'PutVectors']);

function ecFor(code: string): string | undefined {
  return (OSS_ERRORS as Record<string, { ec: string } | undefined>)[code]?.ec;
}

function regionFromAuthorization(req: SimRequest): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
}

