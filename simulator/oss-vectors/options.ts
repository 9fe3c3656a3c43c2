/**
 * Behaviour switches for OSS Vectors. Every default follows the seeds, then the fact sheet; where the sources
 * disagree the choice is documented here and in README.md ("Choices where the sources disagree").
 */

export interface OssAccountConfig {
  id: string;
  accessKeys: { id: string; secret: string }[];
}

export interface OssVectorsOptions {
  /** Accounts and their access keys. Default: 1234567890 (test/test) and 9876543210 (other/other). */
  accounts: OssAccountConfig[];
  /** Region for requests whose host names none (IP or localhost endpoints) and auth is off. */
  defaultRegion: string;
  /** Verify OSS4-HMAC-SHA256 signatures. Default true. */
  auth: boolean;
  /** Allowed clock skew for x-oss-date (fact sheet §7.4: 15 min). */
  maxSkewMs: number;
  /** DeleteVectors duplicates (seed 001 limits *unique* keys, silent on duplicates): 'collapse' counts each key once; 'reject' answers 400. */
  deleteDuplicateKeys: 'collapse' | 'reject';
  /** Enable $gt/$gte/$lt/$lte and number/boolean values in filters (fact sheet §11.5: docs disagree). Default true (superset). */
  numericFilters: boolean;
  /** QueryVectors topK upper bound (fact sheet §11.4: 30 by default vs 100). Default 30. */
  topKMax: number;
  /** Vector buckets per account per region (fact sheet §11.1: 10 vs 100). Default 10. */
  maxBucketsPerRegion: number;
  /** Indexes per bucket (fact sheet §6). */
  maxIndexesPerBucket: number;
  /** PutVectorBucket on a bucket the caller already owns (fact sheet §11.12): 'conflict' = 409 BucketAlreadyExists, 'ok' = 200. */
  existingBucket: 'conflict' | 'ok';
  /** How long a deleted bucket name stays unavailable (BucketNameNotAvailable; real service: hours). Default 0. */
  bucketNameReuseDelayMs: number;
  /** How long a new index reports status `creating` (seed 000; default immediate). Writes are accepted meanwhile. */
  indexCreatingMs: number;
  /** How long a deleted index stays listed as `deleting` (default immediate). */
  indexDeletingMs: number;
  /** Euclidean distance squared or plain (fact sheet §11.16: undocumented). Default plain L2. */
  euclideanSquared: boolean;
  /** Reject request fields the spec does not define (default false: tolerated, as JSON APIs usually do). */
  rejectUnknownFields: boolean;
  /** Largest request body (bytes) before 400 EntityTooLarge. S3 Vectors caps payloads at 20 MiB (fact sheet §6). */
  maxBodyBytes: number;
}

export const DEFAULT_OSS_ACCOUNTS: OssAccountConfig[] = [
  { id: '1234567890', accessKeys: [{ id: 'test', secret: 'test' }] },
  { id: '9876543210', accessKeys: [{ id: 'other', secret: 'other' }] },
];

export function defaultOssVectorsOptions(): OssVectorsOptions {
  return {
    accounts: structuredClone(DEFAULT_OSS_ACCOUNTS),
    defaultRegion: 'cn-hangzhou',
    auth: true,
    maxSkewMs: 15 * 60 * 1000,
    deleteDuplicateKeys: 'collapse',
    numericFilters: true,
    topKMax: 30,
    maxBucketsPerRegion: 10,
    maxIndexesPerBucket: 100,
    existingBucket: 'conflict',
    bucketNameReuseDelayMs: 0,
    indexCreatingMs: 0,
    indexDeletingMs: 0,
    euclideanSquared: false,
    rejectUnknownFields: false,
    maxBodyBytes: 20 * 1024 * 1024,
  };
}

/** The `ossVectors` block of a `--config` file (validated at load; every field is one of the switches above). */
export const OSS_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'accessKeys'],
        properties: {
          id: { type: 'string', pattern: '^[0-9]+$' },
          accessKeys: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'secret'],
              properties: { id: { type: 'string', minLength: 1 }, secret: { type: 'string', minLength: 1 } },
            },
          },
        },
      },
    },
    defaultRegion: { type: 'string', minLength: 1 },
    auth: { type: 'boolean' },
    maxSkewMs: { type: 'integer', minimum: 0 },
    deleteDuplicateKeys: { enum: ['collapse', 'reject'] },
    numericFilters: { type: 'boolean' },
    topKMax: { type: 'integer', minimum: 1, maximum: 100 },
    maxBucketsPerRegion: { type: 'integer', minimum: 1 },
    maxIndexesPerBucket: { type: 'integer', minimum: 1 },
    existingBucket: { enum: ['conflict', 'ok'] },
    bucketNameReuseDelayMs: { type: 'integer', minimum: 0 },
    indexCreatingMs: { type: 'integer', minimum: 0 },
    indexDeletingMs: { type: 'integer', minimum: 0 },
    euclideanSquared: { type: 'boolean' },
    rejectUnknownFields: { type: 'boolean' },
    maxBodyBytes: { type: 'integer', minimum: 1024 },
  },
};
