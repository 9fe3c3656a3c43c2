/**
 * Behaviour switches for Cloudflare Vectorize v2. Every default follows seed 003 first, then the fact sheet
 * (`providers/cloudflare-vectorize.md`, cited as "fact sheet §N"). Where the sources disagree the option says which
 * way the default goes and why; the report and the spec's `x-choices` list the same choices.
 */

export type Permission = 'read' | 'write';

export interface CfApiToken {
  /** The bearer token (`Authorization: Bearer <token>`). */
  token: string;
  /** Accounts the token may act on. */
  accounts: string[];
  /** Vectorize Read or Vectorize Write (fact sheet §1: read ops accept either, writes need Write). */
  permission: Permission;
}

export interface CfGlobalKey {
  /** `X-Auth-Email`. */
  email: string;
  /** `X-Auth-Key` (legacy global API key: every permission on its accounts). */
  key: string;
  accounts: string[];
}

export interface CloudflareVectorizeOptions {
  /** Account ids (32 lower-case hex characters, seed 003 `maxLength32`). Default: the seed's example account. */
  accounts: string[];
  /** API tokens. Default: `test` (Write) and `readonly` (Read) on the default account, `other` (Write) on a second. */
  tokens: CfApiToken[];
  /** Legacy email + global key pairs. Default: the seed's example `user@example.com` / `144c9def…`. */
  globalKeys: CfGlobalKey[];
  /** Check credentials at all. Default true; `vconf serve --no-auth` turns it off. */
  auth: boolean;
  /**
   * Delay between accepting a mutation and applying it (fact sheet §6: "typically a few seconds"). Default 3000 ms for
   * `vconf serve`; tests pass a ManualClock and advance it, or flush through `/__vconf/cloudflare-vectorize/flush`.
   */
  mutationDelayMs: number;
  /** Dimensions range (fact sheet §2.1, §4: OAS says 1–1536, the service answers "[32, 1536]"). Default 32–1536. */
  minDimensions: number;
  maxDimensions: number;
  /** Index name length in bytes (fact sheet §4: 64 bytes for v2; DOC-INTRO suggests < 32 characters). Default 64. */
  maxIndexNameBytes: number;
  /** Indexes per account (fact sheet §4: 50,000 Workers Paid, 100 Free). Default 50,000. */
  maxIndexesPerAccount: number;
  /** topK cap without values or full metadata (fact sheet §4: 100). */
  topKMax: number;
  /** topK cap with `returnValues: true` or `returnMetadata: "all"` (issue 3, fact sheet §4: docs 20, service 50). Default 50. */
  topKMaxWithValuesOrMetadata: number;
  /** Ids per get_by_ids (fact sheet §4: 20, observed). */
  maxGetByIds: number;
  /** Ids per delete_by_ids (fact sheet §4: 100, observed; more answers 40007). */
  maxDeleteByIds: number;
  /** Vectors per insert/upsert request (fact sheet §4: 5000 over HTTP, 1000 through the Workers binding). Default 5000. */
  maxVectorsPerBatch: number;
  /** Metadata indexes per index (fact sheet §4: 10). */
  maxMetadataIndexes: number;
  /** `ids: []` (or no `ids`) on delete_by_ids (fact sheet §4 open question): 'accept' enqueues an empty mutation; 'reject' answers 400 40026. Default 'accept'. */
  emptyDeleteIds: 'accept' | 'reject';
  /** Default of the `unparsable-behavior` query parameter (fact sheet §3: undocumented, assume `error`). */
  unparsableBehaviorDefault: 'error' | 'discard';
  /** HTTP status of `3000 vectorize.index.not_found` (fact sheet §7.2: 400 observed, 404 in a mock). Default 400. */
  indexNotFoundStatus: 400 | 404;
  /** HTTP status of a successful create (OAS 200; DOC-CREATE's Python example prints 201). Default 200. */
  createIndexStatus: 200 | 201;
  /** Euclidean score squared or plain L2 (fact sheet §4.1 open question). Default plain L2 (DOC-CREATE "L2 distance"). */
  euclideanSquared: boolean;
  /** dot-product score (fact sheet §4.1): 'negative' = −a·b, ascending (documented); 'positive' = a·b, descending. */
  dotProductScore: 'negative' | 'positive';
  /** How long a list-vectors cursor stays valid (fact sheet §2.1 `cursorExpirationTimestamp`; length undocumented). Default 1 h. */
  listCursorTtlMs: number;
  /** Reject request fields the spec does not define. Default false (JSON APIs usually tolerate them). */
  rejectUnknownFields: boolean;
  /** Largest request body in bytes (fact sheet §4: upload size 100 MB). */
  maxBodyBytes: number;
}

export const DEFAULT_ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
export const OTHER_ACCOUNT = '9a7806061c88ada191ed06f989cc3dac';

export function defaultCloudflareVectorizeOptions(): CloudflareVectorizeOptions {
  return {
    accounts: [DEFAULT_ACCOUNT, OTHER_ACCOUNT],
    tokens: [
      { token: 'test', accounts: [DEFAULT_ACCOUNT], permission: 'write' },
      { token: 'readonly', accounts: [DEFAULT_ACCOUNT], permission: 'read' },
      { token: 'other', accounts: [OTHER_ACCOUNT], permission: 'write' },
    ],
    globalKeys: [{ email: 'user@example.com', key: '144c9defac04969c7bfad8efaa8ea194', accounts: [DEFAULT_ACCOUNT] }],
    auth: true,
    mutationDelayMs: 3000,
    minDimensions: 32,
    maxDimensions: 1536,
    maxIndexNameBytes: 64,
    maxIndexesPerAccount: 50_000,
    topKMax: 100,
    topKMaxWithValuesOrMetadata: 50,
    maxGetByIds: 20,
    maxDeleteByIds: 100,
    maxVectorsPerBatch: 5000,
    maxMetadataIndexes: 10,
    emptyDeleteIds: 'accept',
    unparsableBehaviorDefault: 'error',
    indexNotFoundStatus: 400,
    createIndexStatus: 200,
    euclideanSquared: false,
    dotProductScore: 'negative',
    listCursorTtlMs: 60 * 60 * 1000,
    rejectUnknownFields: false,
    maxBodyBytes: 100 * 1024 * 1024,
  };
}

/** The `cloudflareVectorize` block of a `--config` file (validated at load; every field is one of the switches above). */
const ACCOUNT_ID_SCHEMA = { type: 'string', pattern: '^[0-9a-f]{32}$' };
export const CLOUDFLARE_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accounts: { type: 'array', minItems: 1, items: ACCOUNT_ID_SCHEMA },
    tokens: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['token', 'accounts', 'permission'],
        properties: {
          token: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
          accounts: { type: 'array', items: ACCOUNT_ID_SCHEMA },
          permission: { enum: ['read', 'write'] },
        },
      },
    },
    globalKeys: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'key', 'accounts'],
        properties: {
          email: { type: 'string', minLength: 3 },
          key: { type: 'string', pattern: '^[A-Za-z0-9]{32,64}$' },
          accounts: { type: 'array', items: ACCOUNT_ID_SCHEMA },
        },
      },
    },
    auth: { type: 'boolean' },
    mutationDelayMs: { type: 'integer', minimum: 0 },
    minDimensions: { type: 'integer', minimum: 1 },
    maxDimensions: { type: 'integer', minimum: 1 },
    maxIndexNameBytes: { type: 'integer', minimum: 1 },
    maxIndexesPerAccount: { type: 'integer', minimum: 1 },
    topKMax: { type: 'integer', minimum: 1 },
    topKMaxWithValuesOrMetadata: { type: 'integer', minimum: 1 },
    maxGetByIds: { type: 'integer', minimum: 1 },
    maxDeleteByIds: { type: 'integer', minimum: 1 },
    maxVectorsPerBatch: { type: 'integer', minimum: 1 },
    maxMetadataIndexes: { type: 'integer', minimum: 0 },
    emptyDeleteIds: { enum: ['accept', 'reject'] },
    unparsableBehaviorDefault: { enum: ['error', 'discard'] },
    indexNotFoundStatus: { enum: [400, 404] },
    createIndexStatus: { enum: [200, 201] },
    euclideanSquared: { type: 'boolean' },
    dotProductScore: { enum: ['negative', 'positive'] },
    listCursorTtlMs: { type: 'integer', minimum: 1 },
    rejectUnknownFields: { type: 'boolean' },
    maxBodyBytes: { type: 'integer', minimum: 1024 },
  },
};
