/** ACS3-HMAC-SHA256 test vectors of the fact sheet (bailian-files.md §6.3) and the SDKs' encoding quirks (§1, §6.2). */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_SHA256,
  acsEncode,
  canonicalQuery,
  canonicalRequest,
  encodePathSegment,
  parseAuthorization,
  sha256Hex,
  signRequest,
  signature,
  stringToSign,
} from '../../simulator/bailian/signing.ts';

const V3_HEADERS = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

describe('ACS3-HMAC-SHA256 test vectors', () => {
  it('(a) the published RunInstances example: canonical hash 29622f5f… and signature e521358f… (fact sheet §6.3a)', () => {
    const canonical = canonicalRequest({
      method: 'POST',
      rawPath: '/',
      query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
      headers: {
        host: 'ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action': 'RunInstances',
        'x-acs-version': '2014-05-26',
        'x-acs-date': '2023-10-26T09:01:01Z',
        'x-acs-signature-nonce': 'd410180a5abf7fe235dd9b74aca91fc0',
        'x-acs-content-sha256': EMPTY_SHA256,
      },
      signedHeaderNames: V3_HEADERS,
      payloadHash: EMPTY_SHA256,
    });
    const sts = stringToSign(canonical);
    expect(sts).toBe('ACS3-HMAC-SHA256\n29622f5feb1e9fcaaa2e276a72889c975f7b16f00e02be1ca34965b18cd85015');
    expect(signature('YourAccessKeySecret', sts)).toBe('e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804');
  });

  it('(b) Bailian DeleteFiles with a form body: body hash a91ba527…, canonical hash fce98690…, signature b56ff668… (fact sheet §6.3b)', () => {
    const body = 'FileIds=%5B%22file_a%22%2C%22file_b%22%5D';
    expect(sha256Hex(body)).toBe('a91ba527b305b86594f7fd503d260f4d24584b7ddd0d714eb0e66e9fee3e7e7e');
    const headers = signRequest({
      method: 'POST',
      rawPath: '/llm-ws1/datacenter/file/delete',
      headers: { host: 'bailian.cn-beijing.aliyuncs.com', 'content-type': 'application/x-www-form-urlencoded' },
      body,
      accessKeyId: 'testAK',
      accessKeySecret: 'testSecret',
      action: 'DeleteFiles',
      now: new Date('2026-01-01T00:00:00Z'),
      nonce: '0123456789abcdef0123456789abcdef',
    });
    const canonical = canonicalRequest({
      method: 'POST',
      rawPath: '/llm-ws1/datacenter/file/delete',
      query: {},
      headers,
      signedHeaderNames: ['content-type', ...V3_HEADERS],
      payloadHash: headers['x-acs-content-sha256']!,
    });
    expect(canonical).toBe(
      [
        'POST',
        '/llm-ws1/datacenter/file/delete',
        '',
        'content-type:application/x-www-form-urlencoded',
        'host:bailian.cn-beijing.aliyuncs.com',
        'x-acs-action:DeleteFiles',
        'x-acs-content-sha256:a91ba527b305b86594f7fd503d260f4d24584b7ddd0d714eb0e66e9fee3e7e7e',
        'x-acs-date:2026-01-01T00:00:00Z',
        'x-acs-signature-nonce:0123456789abcdef0123456789abcdef',
        'x-acs-version:2023-12-29',
        '',
        'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        'a91ba527b305b86594f7fd503d260f4d24584b7ddd0d714eb0e66e9fee3e7e7e',
      ].join('\n'),
    );
    expect(stringToSign(canonical)).toBe('ACS3-HMAC-SHA256\nfce9869002ea6b8cff61a435c89258e57d1c7c97183bf1f8c30d8ddfa90b6675');
    expect(headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=testAK,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;' +
        'x-acs-signature-nonce;x-acs-version,Signature=b56ff66807b6a8831c13f7536efca20dd7a086e78b63927fbc9489b710db0464',
    );
  });

  it('(c) Bailian ListFile with a JSON-array query value: canonical query, hash ad94e6eb… and signature 89f78848… (fact sheet §6.3c)', () => {
    const query = { MaxResults: '20', FileIds: '["file_a","file_b"]', CategoryId: 'cate_1' };
    expect(canonicalQuery(query)).toBe('CategoryId=cate_1&FileIds=%5B%22file_a%22%2C%22file_b%22%5D&MaxResults=20');
    const headers = signRequest({
      method: 'GET',
      rawPath: '/llm-ws1/datacenter/files',
      query,
      headers: { host: 'bailian.cn-beijing.aliyuncs.com' },
      accessKeyId: 'testAK',
      accessKeySecret: 'testSecret',
      action: 'ListFile',
      now: new Date('2026-01-01T00:00:00Z'),
      nonce: '0123456789abcdef0123456789abcdef',
    });
    const canonical = canonicalRequest({
      method: 'GET',
      rawPath: '/llm-ws1/datacenter/files',
      query,
      headers,
      signedHeaderNames: V3_HEADERS,
      payloadHash: EMPTY_SHA256,
    });
    expect(stringToSign(canonical)).toBe('ACS3-HMAC-SHA256\nad94e6ebf5ac8547545f2226f10dd356f690d57ec0d47047808aa75526e6cf85');
    expect(parseAuthorization(headers.authorization!)).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'testAK',
      signedHeaders: V3_HEADERS,
      signature: '89f7884873c248c42dc519ff173ba16a3a6a031cbbf32a60dbdd9002c747dd2e',
    });
  });
});

describe('encoding rules', () => {
  it("query values are RFC 3986 strict: ! ' ( ) * and spaces escaped, ~ kept (fact sheet §6.2 step 2)", () => {
    expect(acsEncode("a b!'()*~é")).toBe('a%20b%21%27%28%29%2A~%C3%A9');
  });

  it('path segments: Node replaces only the first + * %7E (Darabonba quirk), Python escapes ! \' ( ) * too (fact sheet §1)', () => {
    expect(encodePathSegment('a*b*c')).toBe('a%2Ab*c');
    expect(encodePathSegment("a*b!(c)", 'python')).toBe('a%2Ab%21%28c%29');
    expect(encodePathSegment('工作区-1')).toBe('%E5%B7%A5%E4%BD%9C%E5%8C%BA-1');
  });

  it('Authorization headers that are not Credential/SignedHeaders/Signature triples are refused by the parser (fact sheet §6.2 step 8)', () => {
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host')).toBeUndefined();
    expect(parseAuthorization('garbage')).toBeUndefined();
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=00')?.signedHeaders).toEqual(['host']);
  });
});
