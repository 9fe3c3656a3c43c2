/**
 * Server-side OSS4-HMAC-SHA256 verification (fact sheet oss-vectors.md §7.4): sign with the client helper, verify
 * with the simulator's verifier, and check each failure's provider error.
 */
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../simulator/core/errors.ts';
import type { SimRequest } from '../../simulator/http/types.ts';
import { verifyOss4, type OssCredentialLookup } from '../../simulator/oss-vectors/auth.ts';
import {
  buildArnUri,
  buildScope,
  canonicalRequest,
  formatAuthorization,
  signature,
  signingKey,
  signRequest,
  stringToSign,
  type SignRequestInput,
} from '../../simulator/oss-vectors/signing.ts';

const ACCOUNTS: Record<string, { secret: string; accountId: string }> = {
  ak: { secret: 'sk', accountId: '1234567890' },
  other: { secret: 'other-secret', accountId: '9876543210' },
};
const lookup: OssCredentialLookup = (id) => ACCOUNTS[id];

const NOW = new Date(1702743657 * 1000); // 20231216T162057Z
const REGION = 'cn-hangzhou';
const VHOST = 'examplebucket-1234567890.cn-hangzhou.oss-vectors.aliyuncs.com';
const REGIONAL_HOST = 'cn-hangzhou.oss-vectors.aliyuncs.com';
const BUCKET_CTX = { name: 'examplebucket', accountId: '1234567890' };
const MINUTE = 60_000;

interface Req {
  method?: string;
  host?: string;
  path?: string;
  rawQuery?: string;
  headers?: Record<string, string>;
}

/** A SimRequest as the front ends build it: header names lower-cased. */
function simRequest(r: Req): SimRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  const rawQuery = r.rawQuery ?? '';
  return {
    method: r.method ?? 'POST',
    host: r.host ?? VHOST,
    path: r.path ?? '/',
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers,
    body: Buffer.alloc(0),
    remoteAddress: '127.0.0.1',
  };
}

type SignOpts = Partial<Omit<SignRequestInput, 'headers'>> & { headers?: Record<string, string> };

/** Signs as a client (ak/sk, account 1234567890, examplebucket, at NOW) and returns the request with its headers. */
function signed(opts: SignOpts = {}, req: Req = {}): SimRequest {
  const headers = opts.headers ?? { 'Content-Type': 'application/json' };
  const input: SignRequestInput = {
    method: req.method ?? 'POST',
    rawQuery: req.rawQuery ?? 'deleteVectors',
    accessKeyId: 'ak',
    accessKeySecret: 'sk',
    region: REGION,
    accountId: '1234567890',
    bucket: 'examplebucket',
    now: NOW,
    ...opts,
    headers,
  };
  const added = signRequest(input);
  return simRequest({ method: input.method, rawQuery: input.rawQuery, ...req, headers: { ...headers, ...added, ...req.headers } });
}

function catchError(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

function withHeader(req: SimRequest, name: string, value: string | undefined): SimRequest {
  const headers = { ...req.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...req, headers };
}

describe('verifyOss4 round trip (fact sheet §7.4)', () => {
  it('virtual-host request: canonical URI uses the account id from the host', () => {
    expect(verifyOss4(signed(), lookup, BUCKET_CTX, NOW.getTime())).toEqual({ accessKeyId: 'ak', accountId: '1234567890', region: REGION });
  });

  it('path-style request: canonical URI uses the signer’s own account id', () => {
    const req = signed({}, { host: '127.0.0.1', path: '/examplebucket/' });
    expect(verifyOss4(req, lookup, { name: 'examplebucket' }, NOW.getTime()).accountId).toBe('1234567890');
  });

  it('regional request (ListVectorBuckets): `/acs:ossvector:{region}::/`', () => {
    const req = signed({ bucket: undefined, headers: {} }, { method: 'GET', host: REGIONAL_HOST, rawQuery: 'max-keys=10&prefix=my' });
    expect(verifyOss4(req, lookup, undefined, NOW.getTime())).toEqual({ accessKeyId: 'ak', accountId: '1234567890', region: REGION });
  });

  it('authenticates a caller signing for another account’s bucket (authorization is not decided here)', () => {
    const req = signed({ accessKeyId: 'other', accessKeySecret: 'other-secret' });
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime())).toEqual({ accessKeyId: 'other', accountId: '9876543210', region: REGION });
  });

  it('region comes from the Credential scope', () => {
    const req = signed({ region: 'cn-beijing' });
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime()).region).toBe('cn-beijing');
  });

  it('TV-3 as produced by the Python SDK verifies for both ?deleteVectors and ?deleteVectors= (fact sheet §7.5)', () => {
    for (const rawQuery of ['deleteVectors', 'deleteVectors=']) {
      const req = simRequest({
        rawQuery,
        headers: {
          'Content-Type': 'application/json',
          'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
          'x-oss-date': '20231216T162057Z',
          Date: 'Sat, 16 Dec 2023 16:20:57 GMT',
          Authorization:
            'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=dd83f8144c1b83e5e8536bbc0e0fc65f26ad22d4a31fc7e661438f9ecf2886df',
        },
      });
      expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime()).accountId).toBe('1234567890');
    }
  });

  it('Python-style `=` markers and Go-style bare markers verify across each other', () => {
    expect(verifyOss4(signed({}, { rawQuery: 'deleteVectors' }), lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
    // signed as Go sends it, received as Python would have sent it, and the reverse
    const go = signed({ rawQuery: 'deleteVectors' });
    expect(verifyOss4({ ...go, rawQuery: 'deleteVectors=' }, lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
    const py = signed({ rawQuery: 'putVectors=' });
    expect(verifyOss4({ ...py, rawQuery: 'putVectors' }, lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
  });

  it('unicode in query values, percent-encoded or raw', () => {
    for (const rawQuery of ['prefix=%E4%B8%AD%E6%96%87&max-keys=5', 'prefix=中文&max-keys=5', 'prefix=a+b%20c']) {
      const req = signed({ bucket: undefined, headers: {}, rawQuery }, { method: 'GET', host: REGIONAL_HOST });
      expect(verifyOss4(req, lookup, undefined, NOW.getTime()).accessKeyId).toBe('ak');
    }
  });

  it('header value with surrounding spaces is trimmed on both sides', () => {
    const padded = { 'Content-Type': '  application/json  ', 'x-oss-meta-note': ' spaced ' };
    const req = signed({ headers: padded });
    expect(req.headers['content-type']).toBe('  application/json  ');
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
    // a front end that already trimmed (node:http does) sees the same canonical value
    expect(verifyOss4(withHeader(req, 'content-type', 'application/json'), lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
  });

  it('Authorization with ", " separators (the docs’ template) verifies', () => {
    const req = signed();
    const spaced = req.headers['authorization']!.replaceAll(',', ', ');
    expect(verifyOss4(withHeader(req, 'authorization', spaced), lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
  });

  it('STS token is signed (x-oss-security-token)', () => {
    const req = signed({ securityToken: 'STS-TOKEN-EXAMPLE' });
    expect(req.headers['x-oss-security-token']).toBe('STS-TOKEN-EXAMPLE');
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
    const e = catchError(() => verifyOss4(withHeader(req, 'x-oss-security-token', 'OTHER'), lookup, BUCKET_CTX, NOW.getTime()));
    expect(e.code).toBe('SignatureDoesNotMatch');
  });

  it('AdditionalHeaders: named headers are signed, including host taken from the request', () => {
    const req = signed({ headers: { 'Content-Type': 'application/json', Range: 'bytes=0-9', host: VHOST }, additionalHeaders: ['range', 'host'] });
    expect(req.headers['authorization']).toContain(',AdditionalHeaders=host;range,');
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
    expect(verifyOss4(withHeader(req, 'host', undefined), lookup, BUCKET_CTX, NOW.getTime())).toBeTruthy();
    const e = catchError(() => verifyOss4(withHeader(req, 'range', 'bytes=0-10'), lookup, BUCKET_CTX, NOW.getTime()));
    expect(e.code).toBe('SignatureDoesNotMatch');
  });

  it('repeated query keys: both the Python and the Go canonical forms are accepted', () => {
    const rawQuery = 'k=2&k=1';
    const headers = { 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD', 'x-oss-date': '20231216T162057Z' };
    const scope = buildScope('20231216', REGION);
    for (const duplicates of ['python', 'go'] as const) {
      const cr = canonicalRequest({ method: 'GET', canonicalUri: buildArnUri(REGION), rawQuery, headers, queryOptions: { duplicates } });
      const sig = signature(signingKey('sk', '20231216', REGION), stringToSign('20231216T162057Z', scope, cr));
      const req = simRequest({ method: 'GET', host: REGIONAL_HOST, rawQuery, headers: { ...headers, authorization: formatAuthorization('ak', scope, [], sig) } });
      expect(verifyOss4(req, lookup, undefined, NOW.getTime()).accessKeyId).toBe('ak');
    }
  });
});

describe('verifyOss4 clock skew (fact sheet §7.4: 15 minutes)', () => {
  const req = signed();

  it('accepts exactly ±15 minutes', () => {
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime() + 15 * MINUTE)).toBeTruthy();
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime() - 15 * MINUTE)).toBeTruthy();
  });

  it('rejects beyond ±15 minutes with RequestTimeTooSkewed 403', () => {
    for (const now of [NOW.getTime() + 15 * MINUTE + 1000, NOW.getTime() - 15 * MINUTE - 1000]) {
      const e = catchError(() => verifyOss4(req, lookup, BUCKET_CTX, now));
      expect([e.status, e.code]).toEqual([403, 'RequestTimeTooSkewed']);
      expect(e.details).toMatchObject({ RequestTime: '2023-12-16T16:20:57.000Z', MaxAllowedSkewMilliseconds: '900000' });
    }
  });

  it('honours a configured maxSkewMs', () => {
    expect(verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime() + 60_000, { maxSkewMs: 60_000 })).toBeTruthy();
    expect(catchError(() => verifyOss4(req, lookup, BUCKET_CTX, NOW.getTime() + 61_000, { maxSkewMs: 60_000 })).code).toBe('RequestTimeTooSkewed');
  });
});

describe('verifyOss4 errors (fact sheet §4.4, §7.4)', () => {
  const now = NOW.getTime();

  it('missing Authorization → 403 AccessDenied naming missing authentication information', () => {
    const e = catchError(() => verifyOss4(withHeader(signed(), 'authorization', undefined), lookup, BUCKET_CTX, now));
    expect([e.status, e.code]).toEqual([403, 'AccessDenied']);
    expect(e.message).toMatch(/authentication information is missing/i);
  });

  it.each([
    ['V1 scheme', 'OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M='],
    ['no fields', 'OSS4-HMAC-SHA256'],
    ['bad service suffix', 'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/abc,Signature=' + 'a'.repeat(64)],
    ['short signature', 'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=abc'],
    ['product not oss', 'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss-cloudbox/aliyun_v4_request,Signature=' + 'a'.repeat(64)],
  ])('unparsable Authorization (%s) → 400 InvalidArgument', (_label, header) => {
    const e = catchError(() => verifyOss4(withHeader(signed(), 'authorization', header), lookup, BUCKET_CTX, now));
    expect([e.status, e.code]).toEqual([400, 'InvalidArgument']);
  });

  it('empty AdditionalHeaders → InvalidArgument, EC 0002-00000209; empty name → EC 0002-00000210', () => {
    const auth = signed().headers['authorization']!;
    const empty = auth.replace(',Signature=', ',AdditionalHeaders=,Signature=');
    const e1 = catchError(() => verifyOss4(withHeader(signed(), 'authorization', empty), lookup, BUCKET_CTX, now));
    expect([e1.code, e1.details['EC']]).toEqual(['InvalidArgument', '0002-00000209']);
    const emptyName = auth.replace(',Signature=', ',AdditionalHeaders=range;,Signature=');
    const e2 = catchError(() => verifyOss4(withHeader(signed(), 'authorization', emptyName), lookup, BUCKET_CTX, now));
    expect([e2.code, e2.details['EC']]).toEqual(['InvalidArgument', '0002-00000210']);
  });

  it('AdditionalHeaders naming an absent or empty header → InvalidArgument', () => {
    const req = signed({ headers: { 'Content-Type': 'application/json', Range: 'bytes=0-9' }, additionalHeaders: ['range'] });
    for (const value of [undefined, '', '   ']) {
      const e = catchError(() => verifyOss4(withHeader(req, 'range', value), lookup, BUCKET_CTX, now));
      expect([e.status, e.code]).toEqual([400, 'InvalidArgument']);
      expect(e.message).toContain('"range"');
    }
  });

  it('unknown AccessKeyId → 403 InvalidAccessKeyId', () => {
    const e = catchError(() => verifyOss4(signed({ accessKeyId: 'nobody' }), lookup, BUCKET_CTX, now));
    expect([e.status, e.code]).toEqual([403, 'InvalidAccessKeyId']);
    expect(e.message).toBe('The OSS Access Key Id you provided does not exist in our records.');
  });

  it('missing or malformed x-oss-date → 400 InvalidArgument', () => {
    for (const value of [undefined, '', 'Sat, 16 Dec 2023 16:20:57 GMT', '20231216T256057Z']) {
      const e = catchError(() => verifyOss4(withHeader(signed(), 'x-oss-date', value), lookup, BUCKET_CTX, now));
      expect([e.status, e.code]).toEqual([400, 'InvalidArgument']);
    }
  });

  it('Credential date ≠ x-oss-date date → 400 InvalidArgument', () => {
    const e = catchError(() => verifyOss4(withHeader(signed(), 'x-oss-date', '20231217T000000Z'), lookup, BUCKET_CTX, now));
    expect([e.status, e.code]).toEqual([400, 'InvalidArgument']);
    expect(e.message).toMatch(/credential date/i);
  });

  it('wrong secret → 403 SignatureDoesNotMatch with the server’s StringToSign', () => {
    const req = signed({ accessKeySecret: 'wrong' });
    const e = catchError(() => verifyOss4(req, lookup, BUCKET_CTX, now));
    expect([e.status, e.code]).toEqual([403, 'SignatureDoesNotMatch']);
    const cr = canonicalRequest({
      method: 'POST',
      canonicalUri: buildArnUri(REGION, '1234567890', 'examplebucket'),
      rawQuery: 'deleteVectors',
      headers: req.headers,
    });
    expect(e.details['StringToSign']).toBe(stringToSign('20231216T162057Z', buildScope('20231216', REGION), cr));
    expect(e.details['CanonicalRequest']).toBe(cr);
    expect(e.details['SignatureProvided']).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['method', (r: SimRequest) => ({ ...r, method: 'PUT' })],
    ['query', (r: SimRequest) => ({ ...r, rawQuery: 'putVectors' })],
    ['added query parameter', (r: SimRequest) => ({ ...r, rawQuery: 'deleteVectors&x=1' })],
    ['signed header', (r: SimRequest) => withHeader(r, 'content-type', 'text/plain')],
    ['added x-oss header', (r: SimRequest) => withHeader(r, 'x-oss-meta-extra', 'v')],
    ['x-oss-date within skew', (r: SimRequest) => withHeader(r, 'x-oss-date', '20231216T162058Z')],
    ['Authorization signature digit', (r: SimRequest) => withHeader(r, 'authorization', r.headers['authorization']!.replace(/.$/, (c) => (c === '0' ? '1' : '0')))],
  ])('tampered %s → SignatureDoesNotMatch', (_label, tamper) => {
    const e = catchError(() => verifyOss4(tamper(signed()), lookup, BUCKET_CTX, now));
    expect([e.status, e.code]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('bucket or host account that differs from the signed ARN → SignatureDoesNotMatch', () => {
    expect(catchError(() => verifyOss4(signed(), lookup, { name: 'otherbucket', accountId: '1234567890' }, now)).code).toBe('SignatureDoesNotMatch');
    expect(catchError(() => verifyOss4(signed(), lookup, { name: 'examplebucket', accountId: '9876543210' }, now)).code).toBe('SignatureDoesNotMatch');
    // a bucket-scoped signature presented on the regional host
    expect(catchError(() => verifyOss4(signed(), lookup, undefined, now)).code).toBe('SignatureDoesNotMatch');
  });

  it('unsigned headers (Date, User-Agent, Content-Length) may change freely', () => {
    let req = withHeader(signed(), 'date', 'Sun, 17 Dec 2023 00:00:00 GMT');
    req = withHeader(req, 'user-agent', 'changed');
    req = withHeader(req, 'content-length', '42');
    expect(verifyOss4(req, lookup, BUCKET_CTX, now)).toBeTruthy();
  });
});
