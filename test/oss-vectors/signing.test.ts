/**
 * OSS4-HMAC-SHA256 signing, checked against the fact sheet's worked vectors (oss-vectors.md §7.5, produced by the
 * Python SDK's own VectorsSignerV4) and the official Go SDK V4 unit-test vectors (oss/signer/signer_test.go).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildArnUri,
  buildScope,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  deriveKeys,
  effectiveAdditionalHeaders,
  escapeUriPath,
  formatAuthorization,
  formatOssDate,
  parseAuthorization,
  parseOssDate,
  sha256Hex,
  signature,
  signingKey,
  signRequest,
  stringToSign,
  type HeaderBag,
} from '../../simulator/oss-vectors/signing.ts';

// §7.5 common inputs
const AK = 'ak';
const SK = 'sk';
const REGION = 'cn-hangzhou';
const ACCOUNT = '1234567890';
const BUCKET = 'examplebucket';
const NOW = new Date(1702743657 * 1000);
const X_OSS_DATE = '20231216T162057Z';
const SCOPE = '20231216/cn-hangzhou/oss/aliyun_v4_request';
const BUCKET_URI = '/acs%3Aossvector%3Acn-hangzhou%3A1234567890%3Aexamplebucket/';

/** Headers as the signer sees them after adding its own (§7.1). */
const signed = (extra: Record<string, string>): Record<string, string> => ({
  ...extra,
  'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
  'x-oss-date': X_OSS_DATE,
  Date: 'Sat, 16 Dec 2023 16:20:57 GMT',
});

interface WorkedVector {
  method: string;
  rawQuery: string;
  bucket?: string;
  headers: Record<string, string>;
  securityToken?: string;
  canonical: string;
  hash: string;
  signature: string;
}

function checkVector(v: WorkedVector): void {
  const headers = signed(v.securityToken ? { ...v.headers, 'x-oss-security-token': v.securityToken } : v.headers);
  const cr = canonicalRequest({
    method: v.method,
    canonicalUri: buildArnUri(REGION, ACCOUNT, v.bucket),
    rawQuery: v.rawQuery,
    headers,
  });
  expect(cr).toBe(v.canonical);
  expect(sha256Hex(cr)).toBe(v.hash);
  const sts = stringToSign(X_OSS_DATE, SCOPE, cr);
  expect(sts).toBe(`OSS4-HMAC-SHA256\n${X_OSS_DATE}\n${SCOPE}\n${v.hash}`);
  expect(signature(signingKey(SK, '20231216', REGION), sts)).toBe(v.signature);

  // The client helper reaches the same signature from the unsigned request.
  const added = signRequest({
    method: v.method,
    rawQuery: v.rawQuery,
    headers: v.headers,
    accessKeyId: AK,
    accessKeySecret: SK,
    region: REGION,
    accountId: ACCOUNT,
    ...(v.bucket !== undefined ? { bucket: v.bucket } : {}),
    ...(v.securityToken !== undefined ? { securityToken: v.securityToken } : {}),
    now: NOW,
  });
  expect(added.authorization).toBe(`OSS4-HMAC-SHA256 Credential=ak/${SCOPE},Signature=${v.signature}`);
}

describe('derived keys (fact sheet §7.3, §7.5 common inputs)', () => {
  it('kDate, kRegion, kProduct and kSigning for ak/sk, 20231216, cn-hangzhou, oss', () => {
    const k = deriveKeys(SK, '20231216', REGION, 'oss');
    expect(k.kDate.toString('hex')).toBe('151acc75ab7203acc219c35ef7415d0c604d059c7140665fe78233ec8ae7f9ea');
    expect(k.kRegion.toString('hex')).toBe('cd7fb718a1d15d167938c1ea34698de973b43added106b102eba0973c9aad028');
    expect(k.kProduct.toString('hex')).toBe('fde9c360ae5165f5a84690330c8bc545e6bde502ba8ba4972db81e5a2ea80bec');
    expect(k.kSigning.toString('hex')).toBe('b412a03b134ebddd720f5167b5de6db66620ebb3b01cff4d49e3ccb09f8de97f');
  });

  it('signingKey caches per secret/date/region/product and equals the uncached kSigning', () => {
    const a = signingKey(SK, '20231216', REGION);
    expect(signingKey(SK, '20231216', REGION)).toBe(a);
    expect(a.equals(deriveKeys(SK, '20231216', REGION).kSigning)).toBe(true);
    expect(signingKey('other', '20231216', REGION).equals(a)).toBe(false);
    expect(signingKey(SK, '20231217', REGION).equals(a)).toBe(false);
    expect(signingKey(SK, '20231216', 'cn-beijing').equals(a)).toBe(false);
    expect(signingKey(SK, '20231216', REGION, 'oss-cloudbox').equals(a)).toBe(false);
  });
});

describe('worked vectors TV-1…TV-5 (fact sheet §7.5)', () => {
  it('TV-1 PutVectorBucket with Content-Type and Content-MD5 (fact sheet §7.5)', () => {
    checkVector({
      method: 'PUT',
      rawQuery: '',
      bucket: BUCKET,
      headers: { 'Content-Type': 'application/json', 'Content-MD5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
      canonical:
        `PUT\n${BUCKET_URI}\n\ncontent-md5:1B2M2Y8AsgTpgAmY7PhCfg==\ncontent-type:application/json\n` +
        `x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD`,
      hash: 'a13f91e2cff0d9fc74f4995031187e19c794fd12d854fc479c4d2356dfa6603f',
      signature: '2f4a7584982ec5fccc20e298c0e2aca7597c280585dd6858525016d8cf7dd4fa',
    });
  });

  it('TV-2 ListVectorBuckets on the regional host, ARN without account (fact sheet §7.5)', () => {
    checkVector({
      method: 'GET',
      rawQuery: 'max-keys=10&prefix=my',
      headers: {},
      canonical:
        'GET\n/acs%3Aossvector%3Acn-hangzhou%3A%3A/\nmax-keys=10&prefix=my\n' +
        'x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD',
      hash: '9b4d70cbcacfe7cc99244b6940ee8e7b4f3882987d4bb2f8289029df1cf750f2',
      signature: '1a881cab2be74c909eac74818e7b028c06a138c7dc4ca871d05b510ec05671ad',
    });
  });

  it('TV-3 DeleteVectors signature, both ?deleteVectors and ?deleteVectors= (fact sheet §7.5)', () => {
    for (const rawQuery of ['deleteVectors', 'deleteVectors=']) {
      checkVector({
        method: 'POST',
        rawQuery,
        bucket: BUCKET,
        headers: { 'Content-Type': 'application/json' },
        canonical:
          `POST\n${BUCKET_URI}\ndeleteVectors\ncontent-type:application/json\n` +
          'x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD',
        hash: '68795f42f6316fd2613b80fcd4cd3aa88f4f45cfe4edd97ea07d0c9a6fd7f30f',
        signature: 'dd83f8144c1b83e5e8536bbc0e0fc65f26ad22d4a31fc7e661438f9ecf2886df',
      });
    }
  });

  it('TV-4 GetVectorBucket as the SDKs send it, ?bucketInfo with Content-MD5 (fact sheet §7.5)', () => {
    checkVector({
      method: 'GET',
      rawQuery: 'bucketInfo',
      bucket: BUCKET,
      headers: { 'Content-MD5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
      canonical:
        `GET\n${BUCKET_URI}\nbucketInfo\ncontent-md5:1B2M2Y8AsgTpgAmY7PhCfg==\n` +
        'x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD',
      hash: '2d9451e13757caa5639be0ea6744d2914d45ba950acd1457b4626c7d7b98e051',
      signature: 'f7d33c18a6c491e171e3347c6381dd00a0bb004075549ffa1086b7a2e31d8d7d',
    });
  });

  it('TV-5 PutVectors with STS token and body MD5, Python form ?putVectors= (fact sheet §7.5)', () => {
    const body =
      '{"indexName": "exampleindex", "vectors": [{"key": "doc-001", "data": {"float32": [0.1, 0.2, 0.3]}, "metadata": {"genre": "comedy"}}]}';
    const md5 = createHash('md5').update(body).digest('base64');
    expect(md5).toBe('VY91K8L/pvOH3Iwn3lkKag==');
    checkVector({
      method: 'POST',
      rawQuery: 'putVectors=',
      bucket: BUCKET,
      headers: { 'Content-Type': 'application/json', 'Content-MD5': md5 },
      securityToken: 'STS-TOKEN-EXAMPLE',
      canonical:
        `POST\n${BUCKET_URI}\nputVectors\ncontent-md5:VY91K8L/pvOH3Iwn3lkKag==\ncontent-type:application/json\n` +
        'x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-security-token:STS-TOKEN-EXAMPLE\n\n\nUNSIGNED-PAYLOAD',
      hash: 'e8df3db7d37796ba90774357863e34a5ef83be1f6253925655e0ee5289f7d440',
      signature: '9c3b40b608bdf8884bc16cc70edf1b1b75a90230acc0280e164c96710f72b836',
    });
  });
});

describe('official Go SDK V4 vectors (fact sheet §7.5 cross-check; go-sdk-v2 oss/signer/signer_test.go)', () => {
  // url.Values{param1=value1, +param1=value3, |param1=value4, +param2, |param2, param2}.Encode(): keys escaped, sorted.
  const rawQuery = '%2Bparam1=value3&%2Bparam2=&param1=value1&param2=&%7Cparam1=value4&%7Cparam2=';
  const headers: HeaderBag = {
    'x-oss-head1': 'value',
    abc: 'value',
    ZAbc: 'value',
    XYZ: 'value',
    'content-type': 'text/plain',
    'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
  };
  const canonicalUri = escapeUriPath('/bucket/1234+-/123/1.txt');
  const common = { method: 'PUT', rawQuery, headers, accessKeyId: 'ak', accessKeySecret: 'sk', region: 'cn-hangzhou', canonicalUri };

  it('canonical URI and query follow the Go encoding rules', () => {
    expect(canonicalUri).toBe('/bucket/1234%2B-/123/1.txt');
    expect(canonicalQuery(rawQuery)).toBe('%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2');
  });

  it('TestV4AuthHeader (fact sheet §7.5)', () => {
    const added = signRequest({ ...common, now: new Date(1702743657 * 1000) });
    expect(added.authorization).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe',
    );
  });

  it('TestV4AuthHeaderWithAdditionalHeaders, both cases: [ZAbc, abc] and [x-oss-no-exist, ZAbc, x-oss-head1, abc] → abc;zabc (fact sheet §7.5)', () => {
    const expected =
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f';
    const now = new Date(1702747512 * 1000);
    expect(signRequest({ ...common, now, additionalHeaders: ['ZAbc', 'abc'] }).authorization).toBe(expected);
    expect(signRequest({ ...common, now, additionalHeaders: ['x-oss-no-exist', 'ZAbc', 'x-oss-head1', 'abc'] }).authorization).toBe(
      expected,
    );
  });
});

describe('canonical URI (fact sheet §7.2 step 2)', () => {
  it('percent-encodes `:` and keeps `/`; no bucket → empty account even when one is known', () => {
    expect(buildArnUri('cn-hangzhou', '1234567890', 'examplebucket')).toBe(BUCKET_URI);
    expect(buildArnUri('cn-hangzhou')).toBe('/acs%3Aossvector%3Acn-hangzhou%3A%3A/');
    expect(buildArnUri('cn-hangzhou', '1234567890')).toBe('/acs%3Aossvector%3Acn-hangzhou%3A%3A/');
  });

  it('escapes non-ASCII as upper-case UTF-8 bytes', () => {
    expect(escapeUriPath('/a b/é~._-')).toBe('/a%20b/%C3%A9~._-');
  });
});

describe('canonical query (fact sheet §7.2 step 3)', () => {
  it('valueless and empty-valued markers are the same', () => {
    expect(canonicalQuery('deleteVectors')).toBe('deleteVectors');
    expect(canonicalQuery('deleteVectors=')).toBe('deleteVectors');
    expect(canonicalQuery('?deleteVectors')).toBe('deleteVectors');
  });

  it('drops empty items, sorts by key, keeps raw encoding, turns + into %20', () => {
    expect(canonicalQuery('marker=&max-keys=10&prefix=my')).toBe('marker&max-keys=10&prefix=my');
    expect(canonicalQuery('&&prefix=a+b&marker=x%2Fy&')).toBe('marker=x%2Fy&prefix=a%20b');
    expect(canonicalQuery('a=b=c')).toBe('a=b=c');
    expect(canonicalQuery('')).toBe('');
  });

  it('repeated keys: Python keeps every pair sorted by value, Go repeats the last value', () => {
    expect(canonicalQuery('k=2&k=1&a')).toBe('a&k=1&k=2');
    expect(canonicalQuery('k=2&k=1&a', { duplicates: 'go' })).toBe('a&k=1&k=1');
  });
});

describe('canonical headers (fact sheet §7.2 steps 4–5)', () => {
  it('signs x-oss-*, content-type, content-md5 and named extras; lower-cases, trims, sorts', () => {
    const h = { 'X-Oss-Meta-A': '  v  ', 'Content-Type': 'application/json', Host: 'h', 'User-Agent': 'u', Range: 'bytes=0-1' };
    expect(canonicalHeaders(h)).toBe('content-type:application/json\nx-oss-meta-a:v\n');
    expect(canonicalHeaders(h, ['range'])).toBe('content-type:application/json\nrange:bytes=0-1\nx-oss-meta-a:v\n');
  });

  it('joins repeated header values with a comma, as Go does', () => {
    expect(canonicalHeaders({ 'x-oss-meta-a': [' 1 ', '2'] })).toBe('x-oss-meta-a:1,2\n');
  });

  it('AdditionalHeaders keep only present, non-empty, non-default names, sorted', () => {
    expect(effectiveAdditionalHeaders({ ZAbc: 'v', abc: 'v', empty: '', 'x-oss-head1': 'v' }, ['ZAbc', 'abc', 'empty', 'missing', 'x-oss-head1', 'ABC'])).toEqual([
      'abc',
      'zabc',
    ]);
  });
});

describe('Authorization header (fact sheet §7.1)', () => {
  const sig = '9c3b40b608bdf8884bc16cc70edf1b1b75a90230acc0280e164c96710f72b836';

  it('parses the SDK form (no spaces) and the docs form (", ")', () => {
    for (const header of [
      `OSS4-HMAC-SHA256 Credential=ak/${SCOPE},AdditionalHeaders=abc;zabc,Signature=${sig}`,
      `OSS4-HMAC-SHA256 Credential=ak/${SCOPE}, AdditionalHeaders=abc;zabc, Signature=${sig}`,
    ]) {
      const r = parseAuthorization(header);
      expect(r).toEqual({
        ok: true,
        value: { accessKeyId: 'ak', date: '20231216', region: REGION, product: 'oss', service: 'aliyun_v4_request', additionalHeaders: ['abc', 'zabc'], signature: sig },
      });
    }
  });

  it('formatAuthorization is its inverse', () => {
    const header = formatAuthorization('ak', SCOPE, ['abc'], sig);
    expect(header).toBe(`OSS4-HMAC-SHA256 Credential=ak/${SCOPE},AdditionalHeaders=abc,Signature=${sig}`);
    expect(parseAuthorization(header).ok).toBe(true);
    expect(buildScope('20231216', REGION)).toBe(SCOPE);
  });

  it.each([
    ['OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=', 'unsupported-algorithm'],
    ['OSS4-HMAC-SHA256', 'malformed'],
    [`OSS4-HMAC-SHA256 Signature=${sig}`, 'malformed'],
    [`OSS4-HMAC-SHA256 Credential=ak/${SCOPE}`, 'malformed'],
    [`OSS4-HMAC-SHA256 Credential=ak/${SCOPE},Credential=ak/${SCOPE},Signature=${sig}`, 'malformed'],
    [`OSS4-HMAC-SHA256 Credential=ak/${SCOPE},Foo=bar,Signature=${sig}`, 'malformed'],
    [`OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/abc,Signature=${sig}`, 'invalid-credential'],
    [`OSS4-HMAC-SHA256 Credential=ak/cn-hangzhou/oss/aliyun_v4_request,Signature=${sig}`, 'invalid-credential'],
    [`OSS4-HMAC-SHA256 Credential=ak/2023-12-16/cn-hangzhou/oss/aliyun_v4_request,Signature=${sig}`, 'invalid-credential'],
    [`OSS4-HMAC-SHA256 Credential=ak/${SCOPE},AdditionalHeaders=,Signature=${sig}`, 'empty-additional-headers'],
    [`OSS4-HMAC-SHA256 Credential=ak/${SCOPE},AdditionalHeaders=abc;;def,Signature=${sig}`, 'empty-additional-header-name'],
    [`OSS4-HMAC-SHA256 Credential=ak/${SCOPE},Signature=abc`, 'invalid-signature-format'],
  ])('rejects %s as %s', (header, reason) => {
    const r = parseAuthorization(header);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});

describe('dates (fact sheet §7.1)', () => {
  it('formats x-oss-date and Date like the SDKs', () => {
    expect(formatOssDate(NOW)).toBe(X_OSS_DATE);
    expect(formatOssDate(new Date(1702743657999))).toBe(X_OSS_DATE);
    const added = signRequest({ method: 'GET', rawQuery: '', headers: {}, accessKeyId: AK, accessKeySecret: SK, region: REGION, now: NOW });
    expect(added).toMatchObject({ 'x-oss-date': X_OSS_DATE, date: 'Sat, 16 Dec 2023 16:20:57 GMT', 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(added['x-oss-security-token']).toBeUndefined();
  });

  it('parses only valid YYYYMMDDTHHMMSSZ', () => {
    expect(parseOssDate(X_OSS_DATE)).toBe(NOW.getTime());
    for (const bad of ['20231316T162057Z', '20231216T166057Z', '20231216T162057', 'Sat, 16 Dec 2023 16:20:57 GMT', '']) {
      expect(parseOssDate(bad)).toBeUndefined();
    }
  });
});
