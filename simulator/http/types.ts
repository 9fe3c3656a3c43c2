/**
 * The simulator's own request/response shapes. Both front ends (MSW in-process, node:http) convert to these, so a
 * provider's pipeline runs identically in both, and the HTTP path pays no fetch/Request allocation per request.
 */
export interface SimRequest {
  method: string;
  /** Host without port, lower-cased (from the absolute request URL, or the Host header). */
  host: string;
  /** Decoded path, e.g. `/` or `/examplebucket/`. */
  path: string;
  /** Raw query string without the leading `?` (as sent; signatures are computed over it). */
  rawQuery: string;
  /** Parsed query; valueless keys (`?deleteVectors`) map to ''. */
  query: URLSearchParams;
  /** Header names lower-cased; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  /** Client address for per-client limits; '127.0.0.1' for in-process requests. */
  remoteAddress: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Fault injection: drop the connection instead of answering (HTTP front end only). */
  dropConnection?: boolean;
}

/** A provider plugged into the shared front ends. */
export interface Provider {
  /** One slug everywhere: spec file, simulator folder, scenario folder, report path. */
  readonly slug: string;
  /** Path prefix of the provider's API on its own HTTP server (Cloudflare: `/client/v4`); '' when none. */
  readonly basePath?: string;
  /** Told the HTTP front end's base URL once it listens (e.g. to mint upload URLs that point at itself). */
  onListening?(baseUrl: string): void;
  /** Provider-specific control actions, reachable at POST /__vconf/actions/{slug}/{name} (e.g. flush). */
  readonly controlActions?: Record<string, (body: unknown) => unknown>;
  /** Whether an in-process request (real provider host names) belongs to this provider. */
  matchesHost(host: string, path: string): boolean;
  /** Answers one request. Never throws: errors are rendered in the provider's wire format. */
  handle(req: SimRequest): Promise<SimResponse>;
  /** Largest request body accepted before the provider's oversize error. */
  readonly maxBodyBytes: number;
  /** The response for a body over maxBodyBytes, in the provider's wire format. */
  oversizeResponse(req: SimRequest): SimResponse;
}
