/**
 * Server-side OSS4-HMAC-SHA256 verification (fact sheet oss-vectors.md §7.4). Authentication only: who signed the
 * request. Whether that caller may touch the bucket is the handlers' business.
 *
 * Error codes where the sources are silent (the real service's answers to these were not observable):
 * - no Authorization header → 403 AccessDenied (§4.4: "no credentials").
 * - Authorization not OSS4-HMAC-SHA256, or unparsable → 400 InvalidArgument (classic OSS answers a malformed
 *   Authorization with InvalidArgument; the OSS EC pages 0002-00000209/210/213 describe these cases).
 * - x-oss-date missing or not YYYYMMDDTHHMMSSZ, Credential date ≠ x-oss-date date, product ≠ `oss`
 *   → 400 InvalidArgument (S3-compatible services answer "Invalid credential date" the same way; a 403
 *   SignatureDoesNotMatch would hide the cause from SDK authors).
 * - AdditionalHeaders naming a header the request lacks or sends empty → 400 InvalidArgument (OSS documents this
 *   as an error for V2 and presigned V4, EC 0002-00000112 / 0002-00000077; SDKs never do it).
 */
import type { SimRequest } from '../http/types.ts';
import { ossError } from './errors.ts';
import {
  DEFAULT_PRODUCT,
  buildArnUri,
  buildScope,
  canonicalRequest,
  hasDuplicateQueryKeys,
  parseAuthorization,
  parseOssDate,
  signature,
  signingKey,
  stringToSign,
  type CanonicalQueryOptions,
  type HeaderBag,
} from './signing.ts';

export interface OssCredentialLookup {
  (accessKeyId: string): { secret: string; accountId: string } | undefined;
}

export interface VerifiedCaller {
  accessKeyId: string;
  accountId: string;
  /** Region from the Credential scope (the one the signature was computed for). */
  region: string;
}

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

const EC_NO_VALID_DATE = '0002-00000503';
const EC_INVALID_CREDENTIAL = '0002-00000213';
const EC_EMPTY_ADDITIONAL_HEADERS = '0002-00000209';
const EC_EMPTY_ADDITIONAL_HEADER_NAME = '0002-00000210';

/** Compares two hex strings in time that depends only on their length (no early exit on the first difference). */
function constantTimeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Verifies the request's OSS4-HMAC-SHA256 signature and returns the caller.
 *
 * `bucket`: the bucket and the account id taken from the host (`{bucket}-{accountId}.…`); for path-style requests
 * `accountId` is undefined (the signer's own account id is then used for the canonical URI); for regional requests
 * (ListVectorBuckets) `bucket` itself is undefined and the URI is `/acs:ossvector:{region}::/`.
 */
export function verifyOss4(
  req: SimRequest,
  lookup: OssCredentialLookup,
  bucket: { name: string; accountId?: string } | undefined,
  nowMs: number,
  opts: { maxSkewMs?: number } = {},
): VerifiedCaller {
  const header = req.headers['authorization'];
  if (header === undefined || header.trim() === '') {
    const presigned = req.query.has('x-oss-signature') || req.query.has('x-oss-credential');
    throw ossError(
      'AccessDenied',
      presigned
        ? 'Authentication information is missing: query-string (presigned) authentication is not supported for vector buckets by this simulator; send an Authorization header.'
        : 'Authentication information is missing: the request carries no Authorization header.',
    );
  }

  const parsed = parseAuthorization(header);
  if (!parsed.ok) {
    const ec =
      parsed.reason === 'empty-additional-headers'
        ? EC_EMPTY_ADDITIONAL_HEADERS
        : parsed.reason === 'empty-additional-header-name'
          ? EC_EMPTY_ADDITIONAL_HEADER_NAME
          : parsed.reason === 'invalid-credential'
            ? EC_INVALID_CREDENTIAL
            : undefined;
    throw ossError('InvalidArgument', `Authorization header is invalid. ${parsed.message}`, ec ? { EC: ec } : {});
  }
  const auth = parsed.value;

  if (auth.product !== DEFAULT_PRODUCT) {
    throw ossError('InvalidArgument', `Authorization header is invalid. Credential product must be "oss", not ${JSON.stringify(auth.product)}.`, {
      EC: EC_INVALID_CREDENTIAL,
    });
  }

  const xOssDate = req.headers['x-oss-date']?.trim();
  if (xOssDate === undefined || xOssDate === '') {
    throw ossError('InvalidArgument', 'OSS V4 authentication requires a valid x-oss-date header.', { EC: EC_NO_VALID_DATE });
  }
  const requestMs = parseOssDate(xOssDate);
  if (requestMs === undefined) {
    throw ossError('InvalidArgument', `Invalid x-oss-date ${JSON.stringify(xOssDate)}; expected YYYYMMDDTHHMMSSZ.`, { EC: EC_NO_VALID_DATE });
  }
  if (xOssDate.slice(0, 8) !== auth.date) {
    throw ossError('InvalidArgument', `Invalid credential date ${auth.date}: it is not the date of x-oss-date ${xOssDate}.`, {
      EC: EC_INVALID_CREDENTIAL,
    });
  }

  for (const name of auth.additionalHeaders) {
    const value = name === 'host' ? (req.headers['host'] ?? req.host) : req.headers[name];
    if (value === undefined || value.trim() === '') {
      throw ossError('InvalidArgument', `AdditionalHeaders names ${JSON.stringify(name)}, which the request does not carry or sends empty.`);
    }
  }

  const credential = lookup(auth.accessKeyId);
  if (credential === undefined) throw ossError('InvalidAccessKeyId', undefined, { OSSAccessKeyId: auth.accessKeyId });

  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (Math.abs(nowMs - requestMs) > maxSkewMs) {
    throw ossError('RequestTimeTooSkewed', undefined, {
      RequestTime: new Date(requestMs).toISOString(),
      ServerTime: new Date(nowMs).toISOString(),
      MaxAllowedSkewMilliseconds: String(maxSkewMs),
    });
  }

  // `host` is never in the SDKs' header maps, but a hand-written client may sign it (§7.2 step 5).
  const headers: HeaderBag =
    auth.additionalHeaders.includes('host') && req.headers['host'] === undefined ? { ...req.headers, host: req.host } : req.headers;
  // Account-level requests: the fact sheet and the Python SDK sign `/acs:ossvector:{region}::/`; the Go SDK's
  // vectors signer signs `/acs:ossvector:{region}:{accountId}:` (its buildArnUri). Accept both.
  const canonicalUris =
    bucket === undefined
      ? [buildArnUri(auth.region), `/acs%3Aossvector%3A${encodeURIComponent(auth.region)}%3A${encodeURIComponent(credential.accountId)}%3A`]
      : [buildArnUri(auth.region, bucket.accountId ?? credential.accountId, bucket.name)];
  const scope = buildScope(auth.date, auth.region, auth.product);
  const key = signingKey(credential.secret, auth.date, auth.region, auth.product);

  // Python keeps repeated query keys, Go keeps the last value; accept either (vectors requests never repeat keys).
  const variants: CanonicalQueryOptions[] = hasDuplicateQueryKeys(req.rawQuery) ? [{ duplicates: 'python' }, { duplicates: 'go' }] : [{}];
  let first: { canonical: string; sts: string } | undefined;
  for (const canonicalUri of canonicalUris) for (const queryOptions of variants) {
    const canonical = canonicalRequest({
      method: req.method,
      canonicalUri,
      rawQuery: req.rawQuery,
      headers,
      additionalHeaders: auth.additionalHeaders,
      queryOptions,
    });
    const sts = stringToSign(xOssDate, scope, canonical);
    first ??= { canonical, sts };
    if (constantTimeEqualHex(signature(key, sts), auth.signature)) {
      return { accessKeyId: auth.accessKeyId, accountId: credential.accountId, region: auth.region };
    }
  }
  throw ossError('SignatureDoesNotMatch', undefined, {
    StringToSign: first!.sts,
    CanonicalRequest: first!.canonical,
    SignatureProvided: auth.signature,
    OSSAccessKeyId: auth.accessKeyId,
  });
}
