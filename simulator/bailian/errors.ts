/**
 * Bailian error catalog, keyed by the provider's own code (fact sheet bailian-files.md §5). Two wire shapes:
 * - business errors of the data-centre APIs: the common response body `{Code, Message, RequestId, Status, Success:false}`
 *   (§1.1; codes and messages from the SDK response models, §5.1);
 * - POP gateway errors (signature, throttling, unknown API): `{RequestId, HostId, Code, Message, Recommend}` (§5.2, §5.3).
 * Where the real status is unknown or differs by product the choice is here and can be overridden
 * (options.errorStatusOverrides, options.businessErrorStatus, options.throttleStatus).
 */
import { ProviderError } from '../core/errors.ts';

export type ErrorShape = 'business' | 'gateway';

interface CatalogEntry {
  status: number;
  shape: ErrorShape;
  message: string;
}

export const BAILIAN_ERRORS = {
  // §5.1: the documented business codes (SDK response models).
  InvalidParameter: { status: 400, shape: 'business', message: 'Required parameter(%s) missing or invalid, please check the request parameters.' },
  Forbidden: { status: 403, shape: 'business', message: 'User not authorized to operate on the specified resource.' },
  'DataCenter.FileTooLarge': { status: 400, shape: 'business', message: 'The file exceeds the maximum size of 100000000 bytes.' },
  'DataCenter.Throttling': { status: 429, shape: 'business', message: 'Requests throttling triggered.' },
  // §5.2, §5.3: POP gateway errors.
  IncompleteSignature: { status: 400, shape: 'gateway', message: 'The request signature does not conform to Aliyun standards.' },
  SignatureDoesNotMatch: { status: 400, shape: 'gateway', message: 'Specified signature is not matched with our calculation.' },
  'InvalidAccessKeyId.NotFound': { status: 404, shape: 'gateway', message: 'Specified access key is not found.' },
  'InvalidTimeStamp.Expired': { status: 400, shape: 'gateway', message: 'Specified time stamp or date value is expired.' },
  SignatureNonceUsed: { status: 400, shape: 'gateway', message: 'Specified signature nonce was used already.' },
  MissingParameter: { status: 400, shape: 'gateway', message: 'The input parameter that is mandatory for processing this request is not supplied.' },
  'InvalidApi.NotFound': { status: 404, shape: 'gateway', message: 'Specified api is not found, please check your url and method.' },
  'Throttling.User': { status: 429, shape: 'gateway', message: 'Request was denied due to user flow control.' },
  'Throttling.Api': { status: 429, shape: 'gateway', message: 'Request was denied due to api flow control.' },
  InternalError: { status: 500, shape: 'gateway', message: 'The request processing has failed due to some unknown error, exception or failure.' },
  ServiceUnavailable: { status: 503, shape: 'gateway', message: 'The request has failed due to a temporary failure of the server.' },
  // The simulator's own: an operation it does not model (LocalStack-style 501 naming it).
  NotImplemented: { status: 501, shape: 'gateway', message: 'The operation is not implemented by the vconf simulator.' },
} satisfies Record<string, CatalogEntry>;

export type BailianErrorCode = keyof typeof BAILIAN_ERRORS;

/** Messages the SDK models document for specific situations (§2.2, §5.1). */
export const MESSAGES = {
  fileNotFound: 'FileId not exists.',
  cannotDelete: 'Current file status does not support delete.',
  workspaceInvalid: 'workspace id is null or invalid.',
  categoryNotFound: 'Cant find out category for category_id param.',
} as const;

export function bailianError(
  code: BailianErrorCode,
  message?: string,
  headers: Record<string, string> = {},
): ProviderError {
  const entry: CatalogEntry = BAILIAN_ERRORS[code];
  return new ProviderError(entry.status, code, message ?? entry.message, { shape: entry.shape }, headers);
}

/** `InvalidParameter` naming the parameter, in the documented message pattern. */
export function invalidParameter(name: string, why?: string): ProviderError {
  const base = `Required parameter(${name}) missing or invalid, please check the request parameters.`;
  return bailianError('InvalidParameter', why ? `${base} ${why}` : base);
}

/** The shape of a code that may come from outside the catalog (injected faults): business unless the catalog says so. */
export function shapeOf(code: string): ErrorShape {
  return (BAILIAN_ERRORS as Record<string, CatalogEntry | undefined>)[code]?.shape ?? (/^(Throttling|Invalid|Signature|Incomplete|Missing|InternalError|ServiceUnavailable)/.test(code) ? 'gateway' : 'business');
}
