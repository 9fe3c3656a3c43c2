/**
 * Server-side ACS3-HMAC-SHA256 verification (fact sheet bailian-files.md §6), exactly as the SDKs sign: the header
 * names to sign are read from the incoming `Authorization` (openapi-core 1.x adds `x-acs-credentials-provider`, so a
 * fixed list would reject real SDK traffic), the body hash is recomputed, `x-acs-date` must be within ±15 min, and a
 * nonce is accepted once per access key. Authentication only: which workspaces the key may use is the provider's
 * business.
 *
 * Codes where the sources are silent: no/unparsable Authorization or an unsupported algorithm → 400
 * IncompleteSignature; a missing x-acs-date / x-acs-signature-nonce / x-acs-content-sha256 → 400 MissingParameter;
 * a body that does not hash to x-acs-content-sha256 → SignatureDoesNotMatch (the gateway signs the declared hash,
 * so a tampered body fails the signature, §6.2 step 5).
 */
import { timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '../http/types.ts';
import { bailianError } from './errors.ts';
import {
  ACS3_ALGORITHM,
  canonicalRequest,
  encodePathSegment,
  parseAcsDate,
  parseAuthorization,
  sha256Hex,
  signature,
  stringToSign,
} from './signing.ts';

export interface CredentialLookup {
  (accessKeyId: string): { secret: string } | undefined;
}

/** Remembers nonces per access key for twice the allowed skew (older requests fail the date check anyway). */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private checks = 0;

  /** True when the nonce is new (and records it); false when it was used already. */
  claim(accessKeyId: string, nonce: string, nowMs: number, ttlMs: number): boolean {
    if (++this.checks % 1024 === 0 || this.seen.size > 100_000) this.prune(nowMs);
    const key = `${accessKeyId}\n${nonce}`;
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > nowMs) return false;
    this.seen.set(key, nowMs + ttlMs);
    return true;
  }

  private prune(nowMs: number): void {
    for (const [key, expires] of this.seen) if (expires <= nowMs) this.seen.delete(key);
  }
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Candidate canonical URIs for the request path. The front ends hand providers the decoded path, so the path as
 * sent is rebuilt with each SDK family's segment encoder (Node leaves `! ' ( )` alone, Python escapes them, §1).
 */
function pathCandidates(path: string): string[] {
  const node = path.split('/').map((s) => encodePathSegment(s, 'node')).join('/');
  const python = path.split('/').map((s) => encodePathSegment(s, 'python')).join('/');
  return node === python ? [node] : [node, python];
}

export interface VerifyOptions {
  maxSkewMs: number;
  nonces: NonceStore;
}

/** Verifies the request and returns the access key id that signed it; throws the gateway's error otherwise. */
export function verifyAcs3(req: SimRequest, lookup: CredentialLookup, nowMs: number, opts: VerifyOptions): { accessKeyId: string } {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw bailianError('IncompleteSignature', 'The request carries no Authorization header; sign it with ACS3-HMAC-SHA256.');
  }
  const auth = parseAuthorization(header);
  if (!auth) {
    throw bailianError('IncompleteSignature', 'The Authorization header is not "ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…".');
  }
  if (auth.algorithm !== ACS3_ALGORITHM) {
    throw bailianError('IncompleteSignature', `Signature algorithm ${JSON.stringify(auth.algorithm)} is not supported by the vconf simulator; use ${ACS3_ALGORITHM}.`);
  }
  const credential = lookup(auth.accessKeyId);
  if (!credential) throw bailianError('InvalidAccessKeyId.NotFound');

  for (const name of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
    if (!req.headers[name]?.trim()) throw bailianError('MissingParameter', `The request header "${name}" is required for ACS3 signatures.`);
  }
  // Everything signable that the request carries must be signed; everything signed must be there (§6.2 recipe).
  const signed = new Set(auth.signedHeaders.map((n) => n.toLowerCase()));
  const headers: Record<string, string> = { ...req.headers };
  if (headers.host === undefined) headers.host = req.host; // fetch (in-process) never exposes Host
  const unsigned = Object.keys(headers).filter((n) => (n === 'host' || n.startsWith('x-acs-')) && !signed.has(n));
  if (unsigned.length > 0) throw bailianError('IncompleteSignature', `SignedHeaders must list ${unsigned.join(', ')}.`);
  const absent = [...signed].filter((n) => headers[n] === undefined);
  if (absent.length > 0) throw bailianError('IncompleteSignature', `SignedHeaders lists ${absent.join(', ')}, which the request does not carry.`);

  const date = headers['x-acs-date']!.trim();
  const requestMs = parseAcsDate(date);
  if (requestMs === undefined) throw bailianError('IncompleteSignature', `x-acs-date ${JSON.stringify(date)} is not yyyy-MM-ddTHH:mm:ssZ.`);
  if (Math.abs(nowMs - requestMs) > opts.maxSkewMs) {
    throw bailianError('InvalidTimeStamp.Expired', `Specified time stamp or date value is expired. x-acs-date ${date}, server time ${new Date(nowMs).toISOString()}, allowed skew ${opts.maxSkewMs} ms.`);
  }

  const declaredHash = headers['x-acs-content-sha256']!.trim();
  if (!constantTimeEqual(sha256Hex(req.body), declaredHash.toLowerCase())) {
    throw bailianError('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation: x-acs-content-sha256 is not the SHA-256 of the request body.');
  }

  const query: [string, string][] = [...req.query.entries()];
  let first: string | undefined;
  for (const rawPath of pathCandidates(req.path)) {
    const canonical = canonicalRequest({ method: req.method, rawPath, query, headers, signedHeaderNames: [...signed], payloadHash: declaredHash });
    first ??= canonical;
    if (constantTimeEqual(signature(credential.secret, stringToSign(canonical)), auth.signature.toLowerCase())) {
      if (!opts.nonces.claim(auth.accessKeyId, headers['x-acs-signature-nonce']!.trim(), nowMs, 2 * opts.maxSkewMs)) {
        throw bailianError('SignatureNonceUsed');
      }
      return { accessKeyId: auth.accessKeyId };
    }
  }
  throw bailianError('SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(first!)} canonical request:${JSON.stringify(first)}`);
}
