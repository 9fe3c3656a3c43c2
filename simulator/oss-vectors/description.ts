/**
 * OSS Vectors as a description for the one pipeline (simulator/http/pipeline.ts): addressing and routes, OSS4
 * signatures, the bucket (its existence is checked before the body, as the real service does: fact sheet §3.5), JSON
 * bodies checked against specs/oss-vectors.yaml, handlers keyed by the spec's operationIds, and the OSS wire format.
 */
import { ProviderError } from '../core/errors.ts';
import type { ProviderDescription, ProviderStages, StageTypes } from '../http/description.ts';
import { OFFLOAD_BYTES, parseJsonOffThread } from '../http/json-offload.ts';
import type { SimRequest } from '../http/types.ts';
import { verifyOss4, type VerifiedCaller } from './auth.ts';
import { OSS_ERRORS, ossError } from './errors.ts';
import { assertBucketName, deleteVectorBucket, getVectorBucket, listVectorBuckets, putVectorBucket } from './handlers/buckets.ts';
import type { OssContext } from './handlers/context.ts';
import { deleteVectorIndex, getVectorIndex, listVectorIndexes, putVectorIndex } from './handlers/indexes.ts';
import { deleteVectors, getVectors, listVectors, putVectors, queryVectors } from './handlers/vectors.ts';
import { OSS_VECTORS_DOMAIN, resolveAddressing, type Addressing } from './hosts.ts';
import { OSS_LIMITS } from './limits.ts';
import { defaultOssVectorsOptions, OSS_OPTIONS_SCHEMA, type OssVectorsOptions } from './options.ts';
import { JSON_BODY_OPERATIONS, route, type OssOperationId } from './routes.ts';
import { OssVectorsState, type VectorBucket } from './state.ts';
import { commonHeaders, errorResponse } from './wire.ts';

export interface OssCaller {
  /** The verified signer (undefined with signature checks off). */
  signer: VerifiedCaller | undefined;
  /** The account whose bucket is addressed. */
  targetAccountId: string;
  callerAccountId: string;
  region: string;
}

export interface OssBody {
  body: Record<string, unknown>;
  /** Large PutVectors bodies parsed off the event loop: their float32 arrays, by vector index. */
  vectorFloats?: Map<number, Float32Array> | undefined;
}

interface OssTypes extends StageTypes {
  op: OssOperationId;
  route: Addressing;
  caller: OssCaller;
  resource: VectorBucket | undefined;
  body: OssBody;
  ctx: OssContext;
}

const NO_BODY: OssBody = { body: {} };

function ecFor(code: string): string | undefined {
  return (OSS_ERRORS as Record<string, { ec: string } | undefined>)[code]?.ec;
}

function regionFromAuthorization(req: SimRequest): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
}

export const ossVectors: ProviderDescription<'oss-vectors', OssVectorsOptions, OssVectorsState, OssTypes> = {
  slug: 'oss-vectors',
  optionsSchema: OSS_OPTIONS_SCHEMA,
  limits: OSS_LIMITS,
  defaultOptions: defaultOssVectorsOptions,
  createState: (opts, { clock }) => new OssVectorsState(opts, clock),

  stages({ opts, state, clock, random, spec }): ProviderStages<OssTypes> {
    const credentials = new Map<string, { secret: string; accountId: string }>();
    for (const account of opts.accounts) {
      for (const key of account.accessKeys) credentials.set(key.id, { secret: key.secret, accountId: account.id });
    }
    const lookup = (id: string) => credentials.get(id);
    const knownFields = new Map<string, Set<string>>();

    function requestFields(operationId: OssOperationId): Set<string> {
      let known = knownFields.get(operationId);
      if (!known) {
        const schemas = (spec.doc as { components?: { schemas?: Record<string, { properties?: object }> } }).components?.schemas;
        known = new Set(Object.keys(schemas?.[`${operationId}Request`]?.properties ?? {}));
        knownFields.set(operationId, known);
      }
      return known;
    }

    /** The parsed body must be an object that the spec accepts (unknown fields refused when so configured). */
    function checkBody(operationId: OssOperationId, body: unknown): Record<string, unknown> {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw ossError('MalformedJson', 'The request body must be a JSON object.');
      }
      const issues = spec.validateRequestBody(operationId, body);
      if (issues.length > 0) {
        throw ossError('VectorIndexParameterInvalid', issues.map((i) => `${i.where}: ${i.message}`).join('; '));
      }
      if (opts.rejectUnknownFields) {
        const known = requestFields(operationId);
        const unknown = Object.keys(body).filter((k) => !known.has(k));
        if (unknown.length > 0) throw ossError('VectorIndexParameterInvalid', `Unknown field(s): ${unknown.join(', ')}.`);
      }
      return body as Record<string, unknown>;
    }

    function parseJson(operationId: OssOperationId, raw: Buffer): Record<string, unknown> {
      let body: unknown = {};
      try {
        // The SDKs send no body at all when every field is optional (Go/Python ListVectorIndexes with only a bucket).
        if (raw.length > 0) body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw ossError('MalformedJson');
      }
      return checkBody(operationId, body);
    }

    const fault = (status: number, code: string, message: string | undefined) =>
      new ProviderError(status, code, message ?? `Injected ${code}.`, { EC: ecFor(code) });

    return {
      resolveBeforeBody: true,
      partialOperations: new Set<OssOperationId>(['DeleteVectors', 'PutVectors']),
      readOnly: new Set<OssOperationId>(['GetVectorBucket', 'ListVectorBuckets', 'GetVectorIndex', 'ListVectorIndexes', 'GetVectors', 'ListVectors', 'QueryVectors']),
      maxBodyBytes: () => opts.maxBodyBytes,
      matchesHost: (host) => host.endsWith(OSS_VECTORS_DOMAIN),

      begin: () => {
        const headers = commonHeaders(random.hex(24).toUpperCase(), clock.now());
        return { requestId: headers['x-oss-request-id']!, headers };
      },

      route(req) {
        const addressing = resolveAddressing(req.host, req.path);
        if (!addressing) throw ossError('MethodNotAllowed', `${req.method} ${req.path} is not a vector bucket operation.`);
        const match = route(req.method, addressing.bucket !== undefined, req.rawQuery);
        if (match.kind === 'unmodelled') return { kind: 'unmodelled', operation: match.operation };
        if (match.kind === 'none') throw ossError('MethodNotAllowed', `${req.method} with query "${req.rawQuery}" is not a vector bucket operation.`);
        if (match.operationId === 'PutVectorBucket' || match.operationId === 'DeleteVectorBucket') assertBucketName(addressing.bucket!);
        return { kind: 'operation', operation: match.operationId, route: addressing };
      },

      /**
       * Who is calling, and which account's bucket is addressed. Virtual-host requests name the account in the host;
       * path-style requests do not (fact sheet §1.3), but the client signed the bucket ARN with the account it meant,
       * so the account whose ARN verifies is the target.
       */
      authenticate(req, { route: addr }) {
        const { signer, targetAccountId } = verify(req, addr);
        return {
          signer,
          targetAccountId,
          region: addr.region ?? signer?.region ?? opts.defaultRegion,
          callerAccountId: signer?.accountId ?? targetAccountId,
        };
      },

      resolve(_req, { operation, route: addr }, caller) {
        if (addr.bucket === undefined) return undefined;
        let bucket: VectorBucket | undefined;
        if (operation !== 'PutVectorBucket') {
          bucket = state.findBucket(caller.targetAccountId, caller.region, addr.bucket);
          if (!bucket) throw ossError('NoSuchBucket', undefined, { BucketName: addr.bucket });
        }
        // seed 002: only the owner may delete a bucket; no account may act on another account's bucket.
        if (caller.targetAccountId !== caller.callerAccountId) {
          throw ossError('AccessDenied', 'You have no right to access this vector bucket: it belongs to another account.', { BucketName: addr.bucket });
        }
        return bucket;
      },

      async parseBody(req, { operation }) {
        if (!JSON_BODY_OPERATIONS.has(operation)) return NO_BODY;
        if (operation === 'PutVectors' && req.body.length >= OFFLOAD_BYTES) {
          const parsed = await parseJsonOffThread(req.body).catch(() => undefined);
          if (parsed === 'malformed') throw ossError('MalformedJson');
          return parsed ? { body: checkBody(operation, parsed.body), vectorFloats: parsed.floats } : { body: parseJson(operation, req.body) };
        }
        return { body: parseJson(operation, req.body) };
      },

      target: ({ caller, route: addr, body: { body } }) => ({
        account: caller.callerAccountId,
        resource: typeof body.indexName === 'string' ? `${addr.bucket}/${body.indexName}` : addr.bucket,
        credential: caller.signer?.accessKeyId,
        batchSize: Array.isArray(body.vectors) ? body.vectors.length : undefined,
      }),

      context: (p, partial) => ({
        req: p.req,
        operationId: p.operation,
        requestId: p.requestId,
        callerAccountId: p.caller.callerAccountId,
        accessKeyId: p.caller.signer?.accessKeyId,
        region: p.caller.region,
        bucketName: p.route.bucket,
        bucket: p.resource,
        body: p.body.body,
        vectorFloats: p.body.vectorFloats,
        state,
        opts,
        clock,
        headers: p.headers,
        partial,
      }),

      handlers: {
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
      },

      errors: {
        notImplemented: (operation) => ossError('NotImplemented', `${operation} is not implemented by the vconf simulator.`),
        internal: () => ossError('InternalError'),
        oversize: (_req, max) => ossError('EntityTooLarge', `The request body exceeds the maximum allowed size of ${max} bytes.`),
        throttle: (d) => ossError('QpsLimitExceeded', `QPS limit exceeded (${d.limit}).`),
        fault: (d) => fault(d.status, d.code, d.message),
      },

      renderError: (err, req, { headers }) => errorResponse(err, headers, req.host),

      finish(res, { started, now }) {
        res.headers['x-oss-server-time'] = String(Math.max(0, now - started));
      },
    };

    function verify(req: SimRequest, addr: Addressing): { signer: VerifiedCaller | undefined; targetAccountId: string } {
      if (!opts.auth) {
        return { signer: undefined, targetAccountId: addr.hostAccountId ?? opts.accounts[0]?.id ?? '1234567890' };
      }
      const now = clock.now();
      const verifyOpts = { maxSkewMs: opts.maxSkewMs };
      if (addr.bucket === undefined) {
        const signer = verifyOss4(req, lookup, undefined, now, verifyOpts);
        return { signer, targetAccountId: signer.accountId };
      }
      if (addr.hostAccountId !== undefined) {
        const signer = verifyOss4(req, lookup, { name: addr.bucket, accountId: addr.hostAccountId }, now, verifyOpts);
        return { signer, targetAccountId: addr.hostAccountId };
      }
      try {
        const signer = verifyOss4(req, lookup, { name: addr.bucket }, now, verifyOpts);
        return { signer, targetAccountId: signer.accountId };
      } catch (first) {
        if (!(first instanceof ProviderError) || first.code !== 'SignatureDoesNotMatch') throw first;
        const region = addr.region ?? regionFromAuthorization(req) ?? opts.defaultRegion;
        for (const owner of state.ownersOf(region, addr.bucket)) {
          try {
            const signer = verifyOss4(req, lookup, { name: addr.bucket, accountId: owner }, now, verifyOpts);
            return { signer, targetAccountId: owner };
          } catch {
            // not this owner's ARN
          }
        }
        throw first;
      }
    }
  },
};
