/**
 * OSS Vectors error catalog, keyed by the provider's own code. Messages follow the service's wording where it is
 * known (fact sheet oss-vectors.md §4.4); EC values are the ones seen in the official SDKs' fixtures.
 */
import { ProviderError } from '../core/errors.ts';

interface CatalogEntry {
  status: number;
  message: string;
  ec: string;
}

export const OSS_ERRORS = {
  // seed 000/001: VectorIndexParameterInvalid, MalformedJson, AccessDenied, NoSuchVectorIndex, VectorIndexOperationConflict
  VectorIndexParameterInvalid: { status: 400, message: 'The vector index parameter provided in the request is invalid.', ec: '0035-00000001' },
  MalformedJson: { status: 400, message: 'The JSON format in the request body is invalid.', ec: '0035-00000002' },
  AccessDenied: { status: 403, message: 'You have no right to access this resource.', ec: '0003-00000001' },
  NoSuchVectorIndex: { status: 404, message: 'The specified vector index does not exist.', ec: '0035-00000004' },
  VectorIndexOperationConflict: { status: 409, message: 'The index cannot be deleted if its status is not enable.', ec: '0035-00000005' },
  // seed 001
  QpsLimitExceeded: { status: 503, message: 'QPS limit exceeded. The request rate is limited.', ec: '0035-00000006' },
  // seed 002
  InvalidVectorBucketName: { status: 400, message: 'The vector bucket name does not meet naming requirements.', ec: '0015-00000001' },
  VectorBucketNotEmpty: { status: 409, message: 'The vector bucket contains indexes and cannot be deleted.', ec: '0015-00000301' },
  // fact sheet §3.1, §3.5, §4.4
  NoSuchBucket: { status: 404, message: 'The specified bucket does not exist.', ec: '0015-00000101' },
  TooManyBuckets: { status: 400, message: 'You have attempted to create more buckets than allowed.', ec: '0015-00000102' },
  BucketAlreadyExists: { status: 409, message: 'The requested bucket name is not available.', ec: '0015-00000104' },
  BucketNameNotAvailable: { status: 409, message: 'The bucket name was deleted recently and is not available yet.', ec: '0015-00000105' },
  VectorBucketIndexExceedLimit: { status: 400, message: 'The number of vector indexes in the bucket exceeds the limit.', ec: '0035-00000007' },
  VectorBucketIndexAlreadyExist: { status: 409, message: 'The vector index already exists.', ec: '0035-00000008' },
  InvalidAccessKeyId: { status: 403, message: 'The OSS Access Key Id you provided does not exist in our records.', ec: '0002-00000902' },
  SignatureDoesNotMatch: { status: 403, message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', ec: '0002-00000040' },
  RequestTimeTooSkewed: { status: 403, message: 'The difference between the request time and the current time is too large.', ec: '0002-00000504' },
  InvalidArgument: { status: 400, message: 'The request is invalid.', ec: '0016-00000001' },
  EntityTooLarge: { status: 400, message: 'Your proposed upload exceeds the maximum allowed size.', ec: '0016-00000002' },
  MethodNotAllowed: { status: 405, message: 'The specified method is not allowed against this resource.', ec: '0016-00000003' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.', ec: '0016-00000004' },
  NotImplemented: { status: 501, message: 'A header you provided implies functionality that is not implemented.', ec: '0016-00000005' },
} satisfies Record<string, CatalogEntry>;

export type OssErrorCode = keyof typeof OSS_ERRORS;

/** Throw the provider's error; `message` overrides the catalog text when the cause is more specific. */
export function ossError(code: OssErrorCode, message?: string, details: Record<string, string | undefined> = {}): ProviderError {
  const entry: CatalogEntry = OSS_ERRORS[code];
  return new ProviderError(entry.status, code, message ?? entry.message, { EC: entry.ec, ...details });
}
