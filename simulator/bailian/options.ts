/**
 * Behaviour switches for Bailian application-data files. Defaults follow the seed (004_ce74739a6d71172a.txt), then
 * the fact sheet (bailian-files.md, "§N"); where the sources are silent or disagree (fact sheet §8) the choice is
 * named here with its reason, and every one of them can be flipped per simulator (tests may flip them live).
 */

export interface BailianAccessKey {
  id: string;
  secret: string;
  /**
   * Workspaces this key may use (a RAM user that joined them, seed: "must … join a workspace"). Omitted: every
   * workspace of its account (the main account "can call this operation directly").
   */
  workspaces?: string[];
}

export interface BailianAccountConfig {
  id: string;
  /** Workspace ids owned by the account (globally unique across accounts). */
  workspaces: string[];
  accessKeys: BailianAccessKey[];
}

export interface BailianOptions {
  /** Accounts, their workspaces and keys. Default: 1234567890 (test/test, workspace llm-simulator) and 9876543210 (other/other, llm-other). */
  accounts: BailianAccountConfig[];
  /** Verify ACS3-HMAC-SHA256 signatures (§6). Default true. */
  auth: boolean;
  /** Allowed x-acs-date skew (§6.2: ±15 min). */
  maxSkewMs: number;
  /** File lifecycle (§3): how long a new file reports INIT. Default 1000 ms. */
  parseInitMs: number;
  /** … then PARSING for this long before PARSE_SUCCESS / PARSE_FAILED. Default 2000 ms. */
  parseDurationMs: number;
  /**
   * Files whose name matches this (case-insensitive regex source) end in PARSE_FAILED. Default `vconf-parse-fail`
   * (e.g. `report.vconf-parse-fail.pdf`). Files of a type outside `parsableFileTypes` fail too.
   */
  parseFailPattern: string;
  /** Files whose name matches this stay PARSING for `stuckParsingMs` (tests of "still parsing"). Default `vconf-parse-stuck`. */
  parseStuckPattern: string;
  /** How long a "stuck" file keeps PARSING. Default 24 h. */
  stuckParsingMs: number;
  /** Extensions the parser accepts (§2.1: pdf, docx, doc, txt, md, pptx, ppt); other types end in PARSE_FAILED. */
  parsableFileTypes: string[];
  /**
   * HTTP status of business errors (§8 q2: undocumented). 'http' (default): the error's own status (400 InvalidParameter,
   * 403 Forbidden) with `Success:false`, as the SDK's ClientError expects (§4: "expect InvalidParameter, HTTP 400").
   * '200': HTTP 200 with `Success:false` and the nominal status in the body's `Status` (SDKs then return normally, §5.4).
   */
  businessErrorStatus: 'http' | '200';
  /** Throttle answer (§8 q1; §5.2 recommendation): status 429 (or 400, the POP gateway's), code `Throttling.User`. */
  throttleStatus: 400 | 429;
  throttleCode: 'Throttling.User' | 'Throttling.Api' | 'DataCenter.Throttling';
  /** DeleteFiles result for an id deleted earlier (§8 q3; §4 "NOT_FOUND is the natural value"). Default NOT_FOUND. */
  deleteFilesAlreadyDeleted: 'NOT_FOUND' | 'DELETED';
  /** DeleteFile (single) of a file deleted earlier: 'success' (default, D-DEL "idempotent") or the not-found error. */
  deleteFileAlreadyDeleted: 'success' | 'not-found';
  /** Repeated ids in one DeleteFiles call (§8 q3: undocumented): 'collapse' (one result per distinct id, default) or 'reject' (400). */
  duplicateFileIds: 'collapse' | 'reject';
  /** ListFile / ListCategory MaxResults upper bound (§8 q5: "commonly 200 — unverified"). Default 200; default page 20 (§2.2). */
  listMaxResults: number;
  /** How long a leased upload URL accepts the upload (§2.2: "valid for minutes"). Default 10 min. */
  uploadUrlTtlMs: number;
  /** How long after the lease AddFile may consume it (§2.2: within 12 h). */
  leaseTtlMs: number;
  /** Compare the uploaded bytes' MD5 with the lease's `Md5` at AddFile (§2.2: "not verified in the current version"). Default false. */
  verifyMd5: boolean;
  /** DeleteCategory of a category that still holds files: 'reject' (default, InvalidParameter) or 'cascade'. */
  deleteNonEmptyCategory: 'reject' | 'cascade';
  /** Host of in-process upload URLs (claimed by the provider, so msw intercepts the upload). */
  uploadHost: string;
  /** Force every upload URL onto this base (e.g. `http://127.0.0.1:8080`); default: the address the lease request reached. */
  uploadBaseUrl?: string | undefined;
  /** Status overrides for gateway errors whose status differs by product (§5.3), e.g. `{ "SignatureDoesNotMatch": 403 }`. */
  errorStatusOverrides: Record<string, number>;
  /** Largest request body (bytes): uploads are at most 100,000,000 bytes (§2.2), plus slack for the form encoding. */
  maxBodyBytes: number;
}

export const DEFAULT_BAILIAN_ACCOUNTS: BailianAccountConfig[] = [
  { id: '1234567890', workspaces: ['llm-simulator'], accessKeys: [{ id: 'test', secret: 'test' }] },
  { id: '9876543210', workspaces: ['llm-other'], accessKeys: [{ id: 'other', secret: 'other' }] },
];

export function defaultBailianOptions(): BailianOptions {
  return {
    accounts: structuredClone(DEFAULT_BAILIAN_ACCOUNTS),
    auth: true,
    maxSkewMs: 15 * 60 * 1000,
    parseInitMs: 1000,
    parseDurationMs: 2000,
    parseFailPattern: 'vconf-parse-fail',
    parseStuckPattern: 'vconf-parse-stuck',
    stuckParsingMs: 24 * 60 * 60 * 1000,
    parsableFileTypes: ['pdf', 'docx', 'doc', 'txt', 'md', 'pptx', 'ppt'],
    businessErrorStatus: 'http',
    throttleStatus: 429,
    throttleCode: 'Throttling.User',
    deleteFilesAlreadyDeleted: 'NOT_FOUND',
    deleteFileAlreadyDeleted: 'success',
    duplicateFileIds: 'collapse',
    listMaxResults: 200,
    uploadUrlTtlMs: 10 * 60 * 1000,
    leaseTtlMs: 12 * 60 * 60 * 1000,
    verifyMd5: false,
    deleteNonEmptyCategory: 'reject',
    uploadHost: 'bailian-datahub-data-origin-prod.oss-cn-beijing.aliyuncs.com',
    errorStatusOverrides: {},
    maxBodyBytes: 100_000_000 + 64 * 1024,
  };
}

/** The `bailian` block of a `--config` file (validated at load; every field is one of the switches above). */
export const BAILIAN_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'workspaces', 'accessKeys'],
        properties: {
          id: { type: 'string', pattern: '^[0-9]+$' },
          workspaces: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } },
          accessKeys: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'secret'],
              properties: {
                id: { type: 'string', minLength: 1 },
                secret: { type: 'string', minLength: 1 },
                workspaces: { type: 'array', items: { type: 'string', minLength: 1 } },
              },
            },
          },
        },
      },
    },
    auth: { type: 'boolean' },
    maxSkewMs: { type: 'integer', minimum: 0 },
    parseInitMs: { type: 'integer', minimum: 0 },
    parseDurationMs: { type: 'integer', minimum: 0 },
    parseFailPattern: { type: 'string' },
    parseStuckPattern: { type: 'string' },
    stuckParsingMs: { type: 'integer', minimum: 0 },
    parsableFileTypes: { type: 'array', items: { type: 'string', minLength: 1 } },
    businessErrorStatus: { enum: ['http', '200'] },
    throttleStatus: { enum: [400, 429] },
    throttleCode: { enum: ['Throttling.User', 'Throttling.Api', 'DataCenter.Throttling'] },
    deleteFilesAlreadyDeleted: { enum: ['NOT_FOUND', 'DELETED'] },
    deleteFileAlreadyDeleted: { enum: ['success', 'not-found'] },
    duplicateFileIds: { enum: ['collapse', 'reject'] },
    listMaxResults: { type: 'integer', minimum: 1 },
    uploadUrlTtlMs: { type: 'integer', minimum: 1 },
    leaseTtlMs: { type: 'integer', minimum: 1 },
    verifyMd5: { type: 'boolean' },
    deleteNonEmptyCategory: { enum: ['reject', 'cascade'] },
    uploadHost: { type: 'string', pattern: '^[a-z0-9.-]+$' },
    uploadBaseUrl: { type: 'string', pattern: '^https?://[^/?#]+$' },
    errorStatusOverrides: { type: 'object', additionalProperties: { type: 'integer', minimum: 100, maximum: 599 } },
    maxBodyBytes: { type: 'integer', minimum: 1024 },
  },
};
