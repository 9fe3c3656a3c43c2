/**
 * ACS3-HMAC-SHA256 (V3) request signing as the official Alibaba Cloud SDKs do it (fact sheet bailian-files.md §6;
 * @alicloud/openapi-core `getAuthorization`, Python alibabacloud_tea_openapi `get_authorization`). Pure functions,
 * no HTTP: the simulator's verifier (auth.ts) and the project's client (scenarios/clients/bailian.ts) share them, so
 * a mistake shows up as a failing published test vector rather than as two implementations agreeing with each other.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';
/** sha256 of the empty body: what bodiless requests carry in x-acs-content-sha256. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const API_VERSION = '2023-12-29';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 strict: `encodeURIComponent` plus `! ' ( ) *` (openapi-core `encode`, used for query values). */
export function acsEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * One path segment as the generated SDKs encode it. Node (`$dara.URL.percentEncode`): `encodeURIComponent`, then the
 * *first* `+`, `*` and `%7E` replaced (a Darabonba quirk). Python (`DaraURL.percent_encode`): `quote(safe='')`, which
 * also escapes `! ' ( ) *`. For the ids Bailian uses (letters, digits, `_`, `-`, `.`) both are plain.
 */
export function encodePathSegment(segment: string, style: 'node' | 'python' = 'node'): string {
  if (style === 'python') return acsEncode(segment).replace(/%7E/g, '~');
  return encodeURIComponent(segment).replace('+', '%20').replace('*', '%2A').replace('%7E', '~');
}

/** Step 1: the request path as sent, with `+` → `%20`, `*` → `%2A`, `%7E` → `~` everywhere. */
export function canonicalUri(rawPath: string): string {
  return (rawPath || '/').replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
}

/** Step 2: keys sorted (code units, as JS `sort()` does), each `key=` + the strictly encoded value; keys as-is. */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>): string {
  const pairs = Array.isArray(query) ? [...(query as [string, string][])] : Object.entries(query as Record<string, string>);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${acsEncode(v)}`).join('&');
}

/** Whether a header takes part in the signature: `host`, `content-type` and every `x-acs-*` (step 3). */
export function isSignableHeader(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');
}

/**
 * Steps 3–4 over the named headers: lower-cased names sorted, values trimmed; repeated headers (given as arrays)
 * sorted and joined with `,`. Returns the canonical block (each line ends in `\n`) and the `;`-joined names.
 */
export function canonicalHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  names: readonly string[],
): { block: string; signedHeaders: string } {
  const lower = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const list = lower.get(key) ?? [];
    for (const v of Array.isArray(value) ? value : [value as string]) list.push(v.trim());
    lower.set(key, list);
  }
  const sorted = [...new Set(names.map((n) => n.toLowerCase()))].sort();
  let block = '';
  for (const name of sorted) block += `${name}:${(lower.get(name) ?? ['']).sort().join(',')}\n`;
  return { block, signedHeaders: sorted.join(';') };
}

export interface CanonicalInput {
  method: string;
  /** Path exactly as sent (percent-encoded segments). */
  rawPath: string;
  /** Decoded query parameters. */
  query: ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Lower-case header names to sign. */
  signedHeaderNames: readonly string[];
  /** Hex sha256 of the body (x-acs-content-sha256). */
  payloadHash: string;
}

/** Step 5. Note the blank line: the header block already ends in `\n`. */
export function canonicalRequest(input: CanonicalInput): string {
  const { block, signedHeaders } = canonicalHeaders(input.headers, input.signedHeaderNames);
  return [input.method.toUpperCase(), canonicalUri(input.rawPath), canonicalQuery(input.query), block, signedHeaders, input.payloadHash].join('\n');
}

/** Step 6. */
export function stringToSign(canonical: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

/** Step 7. */
export function signature(secret: string, sts: string): string {
  return createHmac('sha256', secret).update(sts).digest('hex');
}

export function authorizationHeader(accessKeyId: string, signedHeaders: string, sig: string): string {
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${sig}`;
}

export interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; undefined when it is not of that form. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const m = /^\s*(\S+)\s+(.*)$/.exec(header);
  if (!m) return undefined;
  const fields = new Map<string, string>();
  for (const part of m[2]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const sig = fields.get('Signature');
  if (!credential || !signed || !sig) return undefined;
  return { algorithm: m[1]!, accessKeyId: credential, signedHeaders: signed.split(';').filter((s) => s !== ''), signature: sig };
}

/** `yyyy-MM-ddTHH:mm:ssZ` (what the SDKs send in x-acs-date). */
export function formatAcsDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parses x-acs-date strictly; undefined when malformed. */
export function parseAcsDate(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface SignInput {
  method: string;
  /** Path as it will be sent (encoded segments), e.g. `/llm-ws1/datacenter/file/delete`. */
  rawPath: string;
  query?: Record<string, string>;
  /** Headers already on the request; must include `host`. Content-type included when a body is sent. */
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  accessKeyId: string;
  accessKeySecret: string;
  action: string;
  version?: string;
  now?: Date;
  nonce?: string;
}

/**
 * Signs like openapi-core's `doRequest`: adds x-acs-action/version/date/signature-nonce/content-sha256 and signs every
 * host/content-type/x-acs-* header present. Returns the complete header set to send (including Authorization).
 */
export function signRequest(input: SignInput): Record<string, string> {
  const payloadHash = input.body === undefined ? EMPTY_SHA256 : sha256Hex(input.body);
  const headers: Record<string, string> = {
    ...input.headers,
    'x-acs-action': input.action,
    'x-acs-version': input.version ?? API_VERSION,
    'x-acs-date': formatAcsDate(input.now ?? new Date()),
    'x-acs-signature-nonce': input.nonce ?? randomBytes(16).toString('hex'),
    'x-acs-content-sha256': payloadHash,
  };
  const names = Object.keys(headers).map((n) => n.toLowerCase()).filter(isSignableHeader);
  const canonical = canonicalRequest({
    method: input.method,
    rawPath: input.rawPath,
    query: input.query ?? {},
    headers,
    signedHeaderNames: names,
    payloadHash,
  });
  const { signedHeaders } = canonicalHeaders(headers, names);
  headers.authorization = authorizationHeader(input.accessKeyId, signedHeaders, signature(input.accessKeySecret, stringToSign(canonical)));
  return headers;
}
