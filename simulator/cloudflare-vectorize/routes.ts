/**
 * Route table on one screen (fact sheet §2): paths under `/client/v4/accounts/{account_id}/vectorize/v2/indexes`.
 * Operation ids are the spec's; the type comes from the generated spec types, so an operation without a route or a
 * handler fails to compile.
 */
import type { operations } from '../../specs/generated/cloudflare-vectorize.ts';
import type { Permission } from './options.ts';

export type CfOperationId = keyof operations;

export const BASE_PATH = '/client/v4';

/** (suffix after `/indexes`, method) → operation; `:name` stands for the index name segment. */
const TABLE: Record<string, Partial<Record<string, CfOperationId>>> = {
  '': { POST: 'CreateIndex', GET: 'ListIndexes' },
  '/:name': { GET: 'GetIndex', DELETE: 'DeleteIndex' },
  '/:name/info': { GET: 'GetIndexInfo' },
  '/:name/insert': { POST: 'InsertVectors' },
  '/:name/upsert': { POST: 'UpsertVectors' },
  '/:name/query': { POST: 'QueryVectors' },
  '/:name/get_by_ids': { POST: 'GetVectorsByIds' },
  '/:name/delete_by_ids': { POST: 'DeleteVectorsByIds' },
  '/:name/list': { GET: 'ListVectors' },
  '/:name/metadata_index/create': { POST: 'CreateMetadataIndex' },
  '/:name/metadata_index/list': { GET: 'ListMetadataIndexes' },
  '/:name/metadata_index/delete': { POST: 'DeleteMetadataIndex' },
};

/** Fact sheet §1: read-style operations accept Vectorize Read or Write; the rest need Write. */
export const PERMISSION: Record<CfOperationId, Permission> = {
  CreateIndex: 'write',
  ListIndexes: 'read',
  GetIndex: 'read',
  DeleteIndex: 'write',
  GetIndexInfo: 'read',
  InsertVectors: 'write',
  UpsertVectors: 'write',
  QueryVectors: 'read',
  GetVectorsByIds: 'read',
  DeleteVectorsByIds: 'write',
  ListVectors: 'read',
  CreateMetadataIndex: 'write',
  ListMetadataIndexes: 'read',
  DeleteMetadataIndex: 'write',
};

/** Operations whose body is JSON (parsed, then validated against the spec). */
export const JSON_BODY_OPERATIONS: ReadonlySet<CfOperationId> = new Set([
  'CreateIndex',
  'QueryVectors',
  'GetVectorsByIds',
  'DeleteVectorsByIds',
  'CreateMetadataIndex',
  'DeleteMetadataIndex',
]);

export type RouteMatch =
  | { kind: 'operation'; operationId: CfOperationId; accountId: string; indexName: string | undefined }
  /** Vectorize v1 (deprecated) and other Vectorize paths the simulator does not model: 501 naming them. */
  | { kind: 'unmodelled'; operation: string; accountId: string }
  | { kind: 'method-not-allowed'; accountId: string }
  | { kind: 'none' };

const PREFIX = /^\/client\/v4\/accounts\/([^/]*)\/vectorize\/(v2\/)?indexes(\/.*)?$/;

export function route(method: string, path: string): RouteMatch {
  const m = PREFIX.exec(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
  if (!m) return { kind: 'none' };
  const accountId = m[1]!;
  if (m[2] === undefined) return { kind: 'unmodelled', operation: `Vectorize v1 (deprecated) ${method} ${path}`, accountId };
  const rest = m[3] ?? '';
  const segments = rest.split('/').filter((s, i) => i > 0 || s !== '');
  const indexName = segments[0];
  const suffix = indexName === undefined ? '' : ['/:name', ...segments.slice(1)].join('/');
  const byMethod = TABLE[suffix];
  if (!byMethod) return { kind: 'none' };
  const operationId = byMethod[method];
  if (!operationId) return { kind: 'method-not-allowed', accountId };
  return { kind: 'operation', operationId, accountId, indexName };
}
