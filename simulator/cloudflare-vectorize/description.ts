/**
 * Cloudflare Vectorize v2 as a description for the one pipeline (simulator/http/pipeline.ts): routes under
 * `/client/v4/accounts/{account_id}/vectorize/v2/indexes`, Bearer / global-key authentication and permissions, the
 * index (looked up before the body), JSON bodies checked against specs/cloudflare-vectorize.yaml, the mutation log's
 * due writes applied before each handler, and Cloudflare's v4 envelope.
 */
import type { Quota } from '../engine/interception.ts';
import type { ProviderDescription, ProviderStages, StageTypes } from '../http/description.ts';
import type { SimRequest } from '../http/types.ts';
import { authenticate, authorize } from './auth.ts';
import { controlActions } from './control.ts';
import { CloudflareError, cfError } from './errors.ts';
import type { CfContext } from './handlers/context.ts';
import { createIndex, deleteIndex, getIndex, getIndexInfo, listIndexes } from './handlers/indexes.ts';
import { createMetadataIndex, deleteMetadataIndex, listMetadataIndexes } from './handlers/metadata-index.ts';
import { deleteVectorsByIds, getVectorsByIds, insertVectors, listVectors, queryVectors, upsertVectors } from './handlers/vectors.ts';
import { CLOUDFLARE_LIMITS } from './limits.ts';
import { CLOUDFLARE_OPTIONS_SCHEMA, defaultCloudflareVectorizeOptions, type CloudflareVectorizeOptions } from './options.ts';
import { BASE_PATH, JSON_BODY_OPERATIONS, PERMISSION, route, type CfOperationId } from './routes.ts';
import type { CfIndex } from './model.ts';
import { CloudflareVectorizeState } from './state.ts';
import { baseHeaders, errorResponse } from './wire.ts';
import { createRandom } from '../engine/random.ts';

/** Cloudflare account ids are 32 hex characters (seed 003 `maxLength32`). */
const ACCOUNT_ID = /^[0-9a-f]{32}$/;
export const CLOUDFLARE_API_HOST = 'api.cloudflare.com';

interface CfRoute {
  accountId: string;
  indexName: string | undefined;
}

interface CfTypes extends StageTypes {
  op: CfOperationId;
  route: CfRoute;
  /** The credential per-token limits count by (undefined with authentication off). */
  caller: string | undefined;
  resource: CfIndex | undefined;
  body: Record<string, unknown>;
  ctx: CfContext;
}

const NO_BODY: Record<string, unknown> = {};

export const cloudflareVectorize: ProviderDescription<'cloudflare-vectorize', CloudflareVectorizeOptions, CloudflareVectorizeState, CfTypes> = {
  slug: 'cloudflare-vectorize',
  optionsSchema: CLOUDFLARE_OPTIONS_SCHEMA,
  limits: CLOUDFLARE_LIMITS,
  defaultOptions: defaultCloudflareVectorizeOptions,
  // Mutation ids come from their own seeded source, so they do not depend on how many requests came before.
  createState: (opts, { clock, seed }) => new CloudflareVectorizeState(opts, clock, createRandom(`${seed}/cloudflare-vectorize/mutations`)),
  controlActions,

  stages({ opts, state, clock, random, spec }): ProviderStages<CfTypes> {
    const knownFields = new Map<string, Set<string>>();

    function requestFields(operationId: CfOperationId): Set<string> {
      let known = knownFields.get(operationId);
      if (!known) {
        const schemas = (spec.doc.components?.schemas ?? {}) as Record<string, { properties?: object }>;
        known = new Set(Object.keys(schemas[`${operationId}Request`]?.properties ?? {}));
        knownFields.set(operationId, known);
      }
      return known;
    }

    function parseJson(operationId: CfOperationId, req: SimRequest): Record<string, unknown> {
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
      const issues = spec.validateRequestBody(operationId, body);
      if (issues.length > 0) {
        throw cfError(
          operationId === 'CreateMetadataIndex' || operationId === 'DeleteMetadataIndex' ? 40014 : 40026,
          `invalid request body: ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`,
        );
      }
      if (opts.rejectUnknownFields) {
        const known = requestFields(operationId);
        const unknown = Object.keys(body).filter((k) => !known.has(k));
        if (unknown.length > 0) throw cfError(40026, `unknown field(s) in request body: ${unknown.join(', ')}`);
      }
      return body as Record<string, unknown>;
    }

    return {
      basePath: BASE_PATH,
      resolveBeforeBody: true,
      partialOperations: new Set<CfOperationId>(['InsertVectors', 'UpsertVectors', 'DeleteVectorsByIds']),
      // Reads may apply due mutations (applyDue), but only as a function of the clock: a replay reproduces them.
      readOnly: new Set<CfOperationId>(['ListIndexes', 'GetIndex', 'GetIndexInfo', 'QueryVectors', 'GetVectorsByIds', 'ListVectors', 'ListMetadataIndexes']),
      maxBodyBytes: () => opts.maxBodyBytes,
      matchesHost: (host) => host === CLOUDFLARE_API_HOST,

      begin: () => {
        const headers = baseHeaders(random.hex(16));
        return { requestId: headers['cf-ray']!, headers };
      },

      route(req) {
        const match = route(req.method, req.path);
        if (match.kind === 'none') throw cfError(7000);
        if (!ACCOUNT_ID.test(match.accountId)) throw cfError(7003, `Could not route to ${req.path}, perhaps your object identifier is invalid?`);
        if (match.kind === 'unmodelled') return { kind: 'unmodelled', operation: match.operation };
        if (match.kind === 'method-not-allowed') throw cfError(7001, `Method ${req.method} not allowed for ${req.path}`);
        return { kind: 'operation', operation: match.operationId, route: { accountId: match.accountId, indexName: match.indexName } };
      },

      authenticate(req, { operation, route: r }) {
        if (!opts.auth) return undefined;
        const caller = authenticate(req, opts);
        authorize(caller, r.accountId, PERMISSION[operation]);
        return caller.credential;
      },

      resolve: (_req, { route: r }) => (r.indexName === undefined ? undefined : state.getIndex(r.accountId, r.indexName)),

      parseBody: (req, { operation }) => (JSON_BODY_OPERATIONS.has(operation) ? parseJson(operation, req) : NO_BODY),

      target: ({ route: r, caller, body }) => ({
        account: r.accountId,
        resource: r.indexName === undefined ? undefined : `${r.accountId}/${r.indexName}`,
        credential: caller,
        batchSize: Array.isArray(body.ids) ? body.ids.length : undefined,
      }),

      applyDue: ({ resource }) => {
        if (resource) state.mutations.applyDue(resource);
      },

      context: (p, partial) => ({
        req: p.req,
        operationId: p.operation,
        accountId: p.route.accountId,
        indexName: p.route.indexName,
        index: p.resource,
        body: p.body,
        state,
        opts,
        clock,
        spec,
        headers: p.headers,
        partial,
      }),

      handlers: {
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
      },

      errors: {
        notImplemented: (operation) => cfError(1001, `${operation} is not implemented by the vconf simulator (it simulates Vectorize v2).`),
        internal: () => cfError(1000),
        oversize: (_req, max) => cfError(40005, `request body too large; the maximum is ${max} bytes`),
        // fact sheet §8: 429 with Retry-After in whole seconds, rounded up.
        throttle: (d) => cfError(971, undefined, { headers: { 'retry-after': String(Math.max(0, Math.ceil(d.retryAfterMs / 1000))) } }),
        fault(d) {
          const numeric = Number(d.code);
          // An injected 429 still carries Retry-After, as every Cloudflare 429 does (fact sheet §8).
          const retry: Record<string, string> = d.status === 429 ? { 'retry-after': '1' } : {};
          return new CloudflareError(d.status, Number.isInteger(numeric) ? numeric : 1000, d.message ?? `Injected ${d.code}.`, [], retry);
        },
      },

      renderError: (err, _req, { headers }) => errorResponse(err, headers),

      finish(res, { quota }) {
        if (quota) Object.assign(res.headers, rateLimitHeaders(quota));
      },
    };
  },
};

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
