/**
 * OSS4-HMAC-SHA256, vectors variant (fact sheet oss-vectors.md §7). Pure functions, no HTTP: the simulator's verifier
 * (auth.ts) and the project's own client both use them, so a bug shows up as a failing test vector, not as two
 * implementations agreeing with each other.
 *
 * The only difference from plain OSS V4 is the canonical URI (an ARN instead of the request path); callers that
 * need plain V4 (the official Go test vectors) pass their own `canonicalUri`.
 */
import { createHmac, hash } from 'node:crypto';
import { hmacSha256Key } from '../http/hmac.ts';
import { memoize } from '../http/memo.ts';

export const OSS4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const OSS4_SERVICE = 'aliyun_v4_request';
export const DEFAULT_PRODUCT = 'oss';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** Header values as a caller may hold them; arrays are repeated headers. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

// ---------------------------------------------------------------------------------------------------------------
// Canonical URI

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encode every UTF-8 byte except `A–Z a–z 0–9 - . _ ~` and `/`, upper-case hex (§7.2 step 2). */
export function escapeUriPath(path: string): string {
  let out = '';
  for (const ch of path) {
    if (ch === '/' || UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * `/acs:ossvector:{region}:{accountId}:{bucket}/`, or `/acs:ossvector:{region}::/` without a bucket (the account id
 * is then left out even when known: ListVectorBuckets, §1.3), already percent-encoded.
 */
export function buildArnUri(region: string, accountId?: string, bucket?: string): string {
  const raw = bucket === undefined ? `/acs:ossvector:${region}::/` : `/acs:ossvector:${region}:${accountId ?? ''}:${bucket}/`;
  // Fixed per bucket and computed on every verified request: cache it (bounded, cleared when full).
  let uri = arnUriCache.get(raw);
  if (uri === undefined) {
    if (arnUriCache.size >= 4096) arnUriCache.clear();
    uri = escapeUriPath(raw);
    arnUriCache.set(raw, uri);
  }
  return uri;
}

const arnUriCache = new Map<string, string>();

// ---------------------------------------------------------------------------------------------------------------
// Canonical query

/** Orders [name, value] pairs by name (a shared comparator: no closure per call on the hot path). */
function byName(a: readonly [string, string], b: readonly [string, string]): number {
  return compareCodePoints(a[0], b[0]);
}

/** UTF-8 byte order equals code point order; plain `<` on JS strings compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

export interface CanonicalQueryOptions {
  /**
   * Repeated keys (vectors operations never send any): 'python' keeps every pair, sorted by key then value;
   * 'go' emits the key once per occurrence, each time with the last value (what Go's map-based loop produces).
   */
  duplicates?: 'python' | 'go';
}

/**
 * §7.2 step 3, from the raw query as sent: `+` → `%20`, split on `&`, drop empty items, split at the first `=`,
 * sort by key then value, emit `k=v` or bare `k` for an empty value. `?deleteVectors` and `?deleteVectors=` agree.
 */
export function canonicalQuery(rawQuery: string, opts: CanonicalQueryOptions = {}): string {
  return opts.duplicates === 'go' ? canonicalQueryOnce(rawQuery, opts) : canonicalQueryDefault(rawQuery);
}

const canonicalQueryDefault = memoize((rawQuery: string) => canonicalQueryOnce(rawQuery, {}));

function canonicalQueryOnce(rawQuery: string, opts: CanonicalQueryOptions): string {
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  if (query === '') return '';
  const pairs: [string, string][] = [];
  for (const item of query.replaceAll('+', '%20').split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    pairs.push(eq < 0 ? [item, ''] : [item.slice(0, eq), item.slice(eq + 1)]);
  }
  if (opts.duplicates === 'go') {
    const last = new Map<string, string>();
    for (const [k, v] of pairs) last.set(k, v);
    for (const p of pairs) p[1] = last.get(p[0])!;
  }
  pairs.sort((a, b) => compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]));
  return pairs.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&');
}

/** Whether a raw query repeats a key (then the Python and Go canonical forms differ). */
export const hasDuplicateQueryKeys: (rawQuery: string) => boolean = memoize(hasDuplicateQueryKeysOnce);

function hasDuplicateQueryKeysOnce(rawQuery: string): boolean {
  const seen = new Set<string>();
  for (const item of rawQuery.replaceAll('+', '%20').split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical headers

/** Signed without being named in AdditionalHeaders: `x-oss-*`, `content-type`, `content-md5`. */
export function isDefaultSignedHeader(lowerName: string): boolean {
  return lowerName.startsWith('x-oss-') || lowerName === 'content-type' || lowerName === 'content-md5';
}

/** Headers grouped by lower-cased name, values trimmed; repeated values keep their order. */
function lowerHeaders(headers: HeaderBag): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const list = out.get(lower) ?? [];
    if (typeof value === 'string') list.push(value.trim());
    else for (const v of value) list.push(v.trim());
    out.set(lower, list);
  }
  return out;
}

/**
 * What the SDK signers put in AdditionalHeaders: requested names lower-cased, minus default-signed ones, minus
 * those absent or empty in the request, de-duplicated and sorted (§7.2 step 5).
 */
export function effectiveAdditionalHeaders(headers: HeaderBag, requested: readonly string[] = []): string[] {
  const present = lowerHeaders(headers);
  const keep = new Set<string>();
  for (const name of requested) {
    const lower = name.toLowerCase();
    if (isDefaultSignedHeader(lower)) continue;
    const values = present.get(lower);
    if (values !== undefined && values.join(',') !== '') keep.add(lower);
  }
  return [...keep].sort(compareCodePoints);
}

/**
 * §7.2 step 4: `name:value\n` for every default-signed header and every header named in `additionalHeaders`,
 * names lower-cased, values trimmed (repeated headers joined with `,`, as Go does), sorted by name.
 */
export function canonicalHeaders(headers: HeaderBag, additionalHeaders: readonly string[] = []): string {
  const extra = additionalHeaders.length > 0 ? new Set(additionalHeaders.map((h) => h.toLowerCase())) : undefined;
  // Only the signed headers take part; a request carries many that never do (user-agent, accept, …).
  // Fast path for the verifier: names already lower-case, one string value each (SimRequest headers).
  const simple: [string, string][] = [];
  let plain = true;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (!isDefaultSignedHeader(lower) && !extra?.has(lower)) continue;
    if (lower !== name || typeof value !== 'string') {
      plain = false;
      break;
    }
    simple.push([name, value.trim()]);
  }
  if (plain) {
    simple.sort(byName);
    let out = '';
    for (const [name, value] of simple) out += `${name}:${value}\n`;
    return out;
  }
  const signed: Record<string, string | readonly string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (isDefaultSignedHeader(lower) || extra?.has(lower)) signed[name] = value;
  }
  const grouped = lowerHeaders(signed);
  const names = [...grouped.keys()].sort(compareCodePoints);
  let out = '';
  for (const name of names) out += `${name}:${grouped.get(name)!.join(',')}\n`;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical request, string to sign, key, signature

export interface CanonicalRequestInput {
  method: string;
  /** Already encoded: `buildArnUri(...)` for vectors, `escapeUriPath('/bucket/key')` for plain OSS V4. */
  canonicalUri: string;
  rawQuery: string;
  headers: HeaderBag;
  /** Lower-case names, in the order they appear in the Authorization header (SDKs: sorted). */
  additionalHeaders?: readonly string[];
  queryOptions?: CanonicalQueryOptions;
}

/** The six parts of §7.2 joined with `\n` (the headers part ends in `\n`, hence the blank line). */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const additional = input.additionalHeaders ?? [];
  const sent = input.headers['x-oss-content-sha256'];
  const payload =
    (typeof sent === 'string' ? sent.trim() : sent === undefined ? lowerHeaders(input.headers).get('x-oss-content-sha256')?.join(',') : sent.join(',')) ||
    UNSIGNED_PAYLOAD;
  return [
    input.method.toUpperCase(),
    input.canonicalUri,
    canonicalQuery(input.rawQuery, input.queryOptions),
    canonicalHeaders(input.headers, additional),
    additional.join(';'),
    payload,
  ].join('\n');
}

export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** `{yyyymmdd}/{region}/{product}/aliyun_v4_request`. */
export function buildScope(yyyymmdd: string, region: string, product: string = DEFAULT_PRODUCT): string {
  return `${yyyymmdd}/${region}/${product}/${OSS4_SERVICE}`;
}

/** §7.3: algorithm, x-oss-date, scope and hex(sha256(canonical request)), joined with `\n`. */
export function stringToSign(xOssDate: string, scope: string, canonicalRequestText: string): string {
  return `${OSS4_ALGORITHM}\n${xOssDate}\n${scope}\n${sha256Hex(canonicalRequestText)}`;
}

export interface DerivedKeys {
  kDate: Buffer;
  kRegion: Buffer;
  kProduct: Buffer;
  kSigning: Buffer;
}

const hmac = (key: string | Uint8Array, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** The whole derivation chain of §7.3 (uncached; for tests and diagnostics). */
export function deriveKeys(secret: string, yyyymmdd: string, region: string, product: string = DEFAULT_PRODUCT): DerivedKeys {
  const kDate = hmac('aliyun_v4' + secret, yyyymmdd);
  const kRegion = hmac(kDate, region);
  const kProduct = hmac(kRegion, product);
  const kSigning = hmac(kProduct, OSS4_SERVICE);
  return { kDate, kRegion, kProduct, kSigning };
}

// Four HMACs per request add up under load; a key is valid for a whole day, so a handful of entries suffice.
const KEY_CACHE_LIMIT = 256;
const keyCache = new Map<string, Buffer>();

/** kSigning for (secret, date, region, product), cached. The returned buffer is shared: do not mutate it. */
export function signingKey(secret: string, yyyymmdd: string, region: string, product: string = DEFAULT_PRODUCT): Buffer {
  const cacheKey = `${secret}\u0000${yyyymmdd}\u0000${region}\u0000${product}`;
  let key = keyCache.get(cacheKey);
  if (key === undefined) {
    key = deriveKeys(secret, yyyymmdd, region, product).kSigning;
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

/** Lower-case hex HMAC-SHA256(kSigning, StringToSign). */
export function signature(key: Uint8Array, stringToSignText: string): string {
  // Pads prepared once per derived key (the derived keys are cached, so identity is stable); see http/hmac.ts.
  return hmacSha256Key(key).hex(stringToSignText);
}

// ---------------------------------------------------------------------------------------------------------------
// Authorization header

export interface ParsedAuthorization {
  accessKeyId: string;
  /** yyyymmdd from the Credential scope. */
  date: string;
  region: string;
  product: string;
  service: typeof OSS4_SERVICE;
  /** Lower-cased, in the order sent; empty when the field is absent. */
  additionalHeaders: string[];
  /** Lower-case hex. */
  signature: string;
}

export type AuthorizationFailure =
  /** Not `OSS4-HMAC-SHA256 …` at all (another scheme, e.g. V1 `OSS ak:sig`). */
  | 'unsupported-algorithm'
  /** Fields missing, repeated, unknown, or not `key=value`. */
  | 'malformed'
  /** Credential is not `ak/yyyymmdd/region/product/aliyun_v4_request` (OSS EC 0002-00000213). */
  | 'invalid-credential'
  /** `AdditionalHeaders=` with nothing after it (OSS EC 0002-00000209). */
  | 'empty-additional-headers'
  /** AdditionalHeaders with an empty name, e.g. `abc;;def` (OSS EC 0002-00000210). */
  | 'empty-additional-header-name'
  /** Signature is not 64 hex digits. */
  | 'invalid-signature-format';

export type ParseAuthorizationResult =
  | { ok: true; value: ParsedAuthorization }
  | { ok: false; reason: AuthorizationFailure; message: string };

const fail = (reason: AuthorizationFailure, message: string): ParseAuthorizationResult => ({ ok: false, reason, message });

/**
 * `OSS4-HMAC-SHA256 Credential=<ak>/<scope>[,AdditionalHeaders=<h1;h2>],Signature=<hex>`. SDKs use `,`, the docs'
 * template `, `; both are accepted (any whitespace after a comma).
 */
export const parseAuthorization: (header: string) => ParseAuthorizationResult = memoize(parseAuthorizationOnce);

function parseAuthorizationOnce(header: string): ParseAuthorizationResult {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme !== OSS4_ALGORITHM) {
    return fail('unsupported-algorithm', `Authorization scheme ${JSON.stringify(scheme)} is not supported; only ${OSS4_ALGORITHM} is.`);
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).trim().split(/,\s*/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return fail('malformed', `Authorization field ${JSON.stringify(part)} is not key=value.`);
    const key = part.slice(0, eq);
    if (key !== 'Credential' && key !== 'AdditionalHeaders' && key !== 'Signature') {
      return fail('malformed', `Authorization field ${JSON.stringify(key)} is not recognised.`);
    }
    if (fields.has(key)) return fail('malformed', `Authorization field ${key} appears more than once.`);
    fields.set(key, part.slice(eq + 1));
  }
  const credential = fields.get('Credential');
  const sig = fields.get('Signature');
  if (credential === undefined) return fail('malformed', 'Authorization header has no Credential field.');
  if (sig === undefined) return fail('malformed', 'Authorization header has no Signature field.');

  const scope = credential.split('/');
  const [accessKeyId, date, region, product, service] = scope;
  if (scope.length !== 5 || !accessKeyId || !date || !region || !product || service === undefined) {
    return fail('invalid-credential', 'Credential must be <AccessKeyId>/<SignDate>/<Region>/oss/aliyun_v4_request.');
  }
  if (!/^\d{8}$/.test(date)) return fail('invalid-credential', `Credential date ${JSON.stringify(date)} is not yyyymmdd.`);
  if (service !== OSS4_SERVICE) {
    return fail('invalid-credential', `Credential must end with /${OSS4_SERVICE}, not /${service}.`);
  }
  if (!/^[0-9a-fA-F]{64}$/.test(sig)) return fail('invalid-signature-format', 'Signature must be 64 hexadecimal digits.');

  let additionalHeaders: string[] = [];
  const additional = fields.get('AdditionalHeaders');
  if (additional !== undefined) {
    if (additional === '') return fail('empty-additional-headers', 'AdditionalHeaders in the Authorization header is empty.');
    additionalHeaders = additional.split(';').map((h) => h.toLowerCase());
    if (additionalHeaders.some((h) => h.trim() === '')) {
      return fail('empty-additional-header-name', 'AdditionalHeaders in the Authorization header contains an empty name.');
    }
  }
  return {
    ok: true,
    value: { accessKeyId, date, region, product, service: OSS4_SERVICE, additionalHeaders, signature: sig.toLowerCase() },
  };
}

/** Inverse of parseAuthorization, exactly as the SDKs write it (no spaces after commas). */
export function formatAuthorization(accessKeyId: string, scope: string, additionalHeaders: readonly string[], sig: string): string {
  const extra = additionalHeaders.length > 0 ? `,AdditionalHeaders=${additionalHeaders.join(';')}` : '';
  return `${OSS4_ALGORITHM} Credential=${accessKeyId}/${scope}${extra},Signature=${sig}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** `YYYYMMDDTHHMMSSZ` (UTC, seconds truncated). */
export function formatOssDate(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Milliseconds since the epoch for a valid `YYYYMMDDTHHMMSSZ`, else undefined (memoised: one value per second). */
export const parseOssDate: (value: string) => number | undefined = memoize(parseOssDateOnce, 64);

function parseOssDateOnce(value: string): number | undefined {
  if (value.length !== 16 || value.charCodeAt(8) !== 84 /* T */ || value.charCodeAt(15) !== 90 /* Z */) return undefined;
  const y = digits(value, 0, 4);
  const mo = digits(value, 4, 6);
  const d = digits(value, 6, 8);
  const h = digits(value, 9, 11);
  const mi = digits(value, 11, 13);
  const sec = digits(value, 13, 15);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && sec <= 59)) return undefined; // NaN fails too
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  // Date.UTC rolls an impossible day (Feb 30) into the next month: reject it.
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}

/** The decimal number in value[from, to), or NaN if any character is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Client side

export interface SignRequestInput {
  method: string;
  rawQuery: string;
  /** The request's headers before signing (not modified). */
  headers: HeaderBag;
  accessKeyId: string;
  accessKeySecret: string;
  region: string;
  /** Required with a bucket: it goes into the canonical URI. Ignored without one (§1.3). */
  accountId?: string;
  bucket?: string;
  securityToken?: string;
  now: Date;
  /** Extra headers to sign; filtered like the SDKs do (see effectiveAdditionalHeaders). */
  additionalHeaders?: readonly string[];
  /** Default 'oss'. */
  product?: string;
  /** Overrides the ARN (plain OSS V4, e.g. the official Go test vectors). */
  canonicalUri?: string;
}

/**
 * Signs like the official SDKs' vectors signer (§7.1): returns the headers to add, lower-case names —
 * `x-oss-date`, `date`, `x-oss-content-sha256: UNSIGNED-PAYLOAD`, `authorization`, and `x-oss-security-token`
 * when a token is given. The caller must drop any other-cased copies of these names from its own headers.
 */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const product = input.product ?? DEFAULT_PRODUCT;
  const xOssDate = formatOssDate(input.now);
  const added: Record<string, string> = {
    'x-oss-date': xOssDate,
    date: input.now.toUTCString(),
    'x-oss-content-sha256': UNSIGNED_PAYLOAD,
  };
  if (input.securityToken) added['x-oss-security-token'] = input.securityToken;

  // The SDKs set these headers on the request before canonicalising, replacing any value already there.
  const headers: Record<string, string | readonly string[] | undefined> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (!(lower in added) && lower !== 'authorization') headers[name] = value;
  }
  Object.assign(headers, added);

  if (input.bucket !== undefined && input.canonicalUri === undefined && !input.accountId) {
    throw new Error('signRequest: accountId is required for a bucket-scoped request');
  }
  const additional = effectiveAdditionalHeaders(headers, input.additionalHeaders);
  const scope = buildScope(xOssDate.slice(0, 8), input.region, product);
  const cr = canonicalRequest({
    method: input.method,
    canonicalUri: input.canonicalUri ?? buildArnUri(input.region, input.accountId, input.bucket),
    rawQuery: input.rawQuery,
    headers,
    additionalHeaders: additional,
  });
  const sts = stringToSign(xOssDate, scope, cr);
  const sig = signature(signingKey(input.accessKeySecret, xOssDate.slice(0, 8), input.region, product), sts);
  added.authorization = formatAuthorization(input.accessKeyId, scope, additional, sig);
  return added;
}
