/**
 * Route table on one screen (fact sheet bailian-files.md §2): (method, path) → operationId. Paths start with the
 * workspace id; the SDKs add a trailing `/` to some of them, so every pattern accepts both (§7). The upload to a
 * leased URL has its own prefix, which no workspace path can take (those always have `datacenter` second).
 */
import type { operations } from '../../specs/generated/bailian.ts';

export type BailianOperationId = keyof operations;

interface Route {
  method: string;
  pattern: RegExp;
  operationId: BailianOperationId;
  /** Names of the pattern's capture groups, in order. */
  params: string[];
}

export const UPLOAD_PREFIX = '/vconf-upload/';

const S = '([^/]+)';
const ROUTES: Route[] = [
  { method: 'POST', pattern: new RegExp(`^/${S}/datacenter/category/${S}$`), operationId: 'ApplyFileUploadLease', params: ['WorkspaceId', 'CategoryId'] },
  { method: 'PUT', pattern: new RegExp(`^/vconf-upload/${S}$`), operationId: 'UploadFile', params: ['LeaseId'] },
  { method: 'PUT', pattern: new RegExp(`^/${S}/datacenter/file/?$`), operationId: 'AddFile', params: ['WorkspaceId'] },
  { method: 'POST', pattern: new RegExp(`^/${S}/datacenter/file/delete/?$`), operationId: 'DeleteFiles', params: ['WorkspaceId'] },
  { method: 'GET', pattern: new RegExp(`^/${S}/datacenter/file/${S}/?$`), operationId: 'DescribeFile', params: ['WorkspaceId', 'FileId'] },
  { method: 'DELETE', pattern: new RegExp(`^/${S}/datacenter/file/${S}/?$`), operationId: 'DeleteFile', params: ['WorkspaceId', 'FileId'] },
  { method: 'PUT', pattern: new RegExp(`^/${S}/datacenter/file/${S}/?$`), operationId: 'UpdateFileTag', params: ['WorkspaceId', 'FileId'] },
  { method: 'GET', pattern: new RegExp(`^/${S}/datacenter/files/?$`), operationId: 'ListFile', params: ['WorkspaceId'] },
  { method: 'POST', pattern: new RegExp(`^/${S}/datacenter/category/?$`), operationId: 'AddCategory', params: ['WorkspaceId'] },
  { method: 'POST', pattern: new RegExp(`^/${S}/datacenter/categories/?$`), operationId: 'ListCategory', params: ['WorkspaceId'] },
  { method: 'DELETE', pattern: new RegExp(`^/${S}/datacenter/category/${S}/?$`), operationId: 'DeleteCategory', params: ['WorkspaceId', 'CategoryId'] },
];

/** Data-centre operations the SDKs have and the simulator does not model (fact sheet §2): answered 501 naming them. */
const UNMODELLED: { method: string; pattern: RegExp; operation: string }[] = [
  { method: 'POST', pattern: new RegExp(`^/${S}/datacenter/file/fromoss/?$`), operation: 'AddFilesFromAuthorizedOss' },
  { method: 'PUT', pattern: new RegExp(`^/${S}/datacenter/batchupdatetag/?$`), operation: 'BatchUpdateFileTag' },
  { method: 'GET', pattern: new RegExp(`^/${S}/datacenter/parser/settings/?$`), operation: 'GetParseSettings' },
  { method: 'PUT', pattern: new RegExp(`^/${S}/datacenter/parser/settings/?$`), operation: 'ChangeParseSetting' },
  { method: 'GET', pattern: new RegExp(`^/${S}/datacenter/parser/parsertype/?$`), operation: 'GetAvailableParserTypes' },
  { method: 'POST', pattern: new RegExp(`^/${S}/datacenter/?$`), operation: 'ApplyTempStorageLease' },
];

export type RouteMatch =
  | { kind: 'operation'; operationId: BailianOperationId; params: Record<string, string> }
  | { kind: 'unmodelled'; operation: string }
  | { kind: 'none' };

/**
 * `action` is the request's x-acs-action: a signed Bailian call to an operation this table lacks (the knowledge-base
 * APIs, say) is named in a 501 rather than answered as an unknown path.
 */
export function route(method: string, path: string, action: string | undefined): RouteMatch {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.params.forEach((name, i) => (params[name] = m[i + 1]!));
    return { kind: 'operation', operationId: r.operationId, params };
  }
  for (const u of UNMODELLED) if (u.method === method && u.pattern.test(path)) return { kind: 'unmodelled', operation: u.operation };
  if (action && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(action)) return { kind: 'unmodelled', operation: action };
  return { kind: 'none' };
}

/** Operations whose form body the simulator decodes and validates against `<operationId>Request` in the spec. */
export const FORM_OPERATIONS: ReadonlySet<BailianOperationId> = new Set([
  'ApplyFileUploadLease',
  'AddFile',
  'DeleteFiles',
  'UpdateFileTag',
  'AddCategory',
  'ListCategory',
]);
