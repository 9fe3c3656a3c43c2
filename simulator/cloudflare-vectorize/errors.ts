/**
 * Cloudflare Vectorize error catalog, keyed by the numeric code that travels in `errors[].code` (fact sheet §7).
 * `source` says where each code and its wording come from. Cloudflare documents none of the Vectorize codes: codes
 * marked `observed` were quoted from the live service by third parties; codes marked `simulator` are numbers this
 * simulator assigned where the service's code is unknown (clients should match on the status and the message prefix).
 */
import { ProviderError } from '../core/errors.ts';

interface CatalogEntry {
  status: number;
  message: string;
  source: string;
}

export const CF_ERRORS = {
  // --- Generic Cloudflare API (fact sheet §7.3, §8) ------------------------------------------------------------
  971: { status: 429, message: 'More than 1200 requests per 300 seconds reached. Please wait and consider throttling your request speed', source: 'fact sheet §8 (historic message; code 971 commonly cited)' },
  1000: { status: 500, message: 'Internal Server Error', source: 'simulator (seed 003 example code 1000)' },
  1001: { status: 501, message: 'Not implemented', source: 'simulator' },
  6003: { status: 400, message: 'Invalid request headers', source: 'fact sheet §7.3 (observed)' },
  6102: { status: 400, message: 'Invalid format for X-Auth-Email header', source: 'fact sheet §7.3 (observed, error_chain)' },
  6103: { status: 400, message: 'Invalid format for X-Auth-Key header', source: 'fact sheet §7.3 (observed, error_chain)' },
  6111: { status: 400, message: 'Invalid format for Authorization header', source: 'fact sheet §7.3 (observed, error_chain)' },
  7000: { status: 404, message: 'No route for that URI', source: 'generic Cloudflare API routing error' },
  7001: { status: 405, message: 'Method not allowed', source: 'generic Cloudflare API routing error' },
  7003: { status: 400, message: 'Could not route to the path, perhaps your object identifier is invalid?', source: 'generic Cloudflare API routing error' },
  9106: { status: 400, message: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers', source: 'fact sheet §7.3 (observed)' },
  10000: { status: 403, message: 'Authentication error', source: 'fact sheet §7.3 (observed)' },
  // --- Vectorize control plane (fact sheet §7.2) -----------------------------------------------------------------
  3000: { status: 400, message: 'vectorize.index.not_found', source: 'fact sheet §7.2 (observed; status configurable)' },
  3001: { status: 400, message: 'vectorize.index.invalid_config', source: 'fact sheet §7.2 (message observed; code simulator)' },
  3002: { status: 400, message: 'vectorize.index.duplicate_name', source: 'observed (code 3002 quoted by third-party deploy scripts)' },
  3003: { status: 400, message: 'vectorize.index.invalid_name', source: 'simulator (naming rules: fact sheet §4)' },
  3004: { status: 400, message: 'vectorize.index.limit_exceeded', source: 'simulator (indexes per account: fact sheet §4)' },
  3005: { status: 400, message: 'vectorize.index.deleted', source: 'fact sheet §7.2 (observed)' },
  // --- Vectorize data plane (fact sheet §7.2) --------------------------------------------------------------------
  40005: { status: 413, message: 'request body too large', source: 'simulator (upload size 100 MB: fact sheet §4)' },
  40006: { status: 400, message: 'invalid metadata filter', source: 'observed in a third-party double ("unsupported metadata filter")' },
  40007: { status: 400, message: 'too many ids in payload', source: 'fact sheet §4, §7.2 (observed)' },
  40008: { status: 400, message: 'id too long', source: 'fact sheet §4, §7.2 (observed)' },
  40009: { status: 400, message: 'too many vectors in payload', source: 'simulator (batch limit: fact sheet §4)' },
  40010: { status: 400, message: 'invalid metadata', source: 'simulator (metadata rules: fact sheet §3)' },
  40011: { status: 400, message: 'invalid namespace', source: 'simulator (namespace ≤ 64 bytes: fact sheet §4)' },
  40012: { status: 400, message: 'invalid vector', source: 'observed ("invalid vector for id=…, expected N dimensions, and got M dimensions")' },
  40013: { status: 400, message: 'vector not found', source: 'simulator (query by vectorId: fact sheet §2.1)' },
  40014: { status: 400, message: 'invalid metadata index', source: 'simulator (metadata indexes: fact sheet §2.1, §4)' },
  40015: { status: 400, message: 'invalid cursor', source: 'simulator (list cursors: fact sheet §2.1)' },
  40023: { status: 400, message: 'failed to parse upsert vectors request', source: 'fact sheet §7.2 (observed)' },
  40025: { status: 400, message: 'max top K exceeded', source: 'fact sheet §4, §7.2 (observed)' },
  40026: { status: 400, message: 'invalid request', source: 'fact sheet §7.2 (observed: wrong content type, invalid returnMetadata)' },
} satisfies Record<number, CatalogEntry>;

export type CfErrorCode = keyof typeof CF_ERRORS;

export interface ChainEntry {
  code: number;
  message: string;
}

/** A provider error with Cloudflare's optional `error_chain` (fact sheet §7.3: 6003 carries 6111/6102/6103). */
export class CloudflareError extends ProviderError {
  constructor(
    status: number,
    readonly numericCode: number,
    message: string,
    readonly chain: ChainEntry[] = [],
    headers: Record<string, string> = {},
  ) {
    super(status, String(numericCode), message, {}, headers);
    this.name = 'CloudflareError';
  }
}

/** Throw the provider's error; `message` replaces the catalog text when the cause is more specific. */
export function cfError(code: CfErrorCode, message?: string, opts: { status?: number; chain?: CfErrorCode[]; headers?: Record<string, string> } = {}): CloudflareError {
  const entry: CatalogEntry = CF_ERRORS[code];
  const chain = (opts.chain ?? []).map((c) => ({ code: c, message: CF_ERRORS[c].message }));
  return new CloudflareError(opts.status ?? entry.status, code, message ?? entry.message, chain, opts.headers ?? {});
}
