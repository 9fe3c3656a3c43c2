// OSS4-HMAC-SHA256 for k6 scripts (k6 runs its own JavaScript runtime and cannot load the project's TypeScript
// signer in simulator/oss-vectors/signing.ts; test/load/k6.test.ts runs it against the simulator with signing on,
// where any difference from the SDKs' signature is refused with 403).
import crypto from 'k6/crypto';

function encodeArnPath(s) {
  return s.replace(/[^A-Za-z0-9\-._~/]/g, (c) =>
    Array.from(unescape(encodeURIComponent(c)))
      .map((b) => '%' + b.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
      .join(''),
  );
}

function pad(n) {
  return String(n).padStart(2, '0');
}

export function ossDate(d) {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/**
 * Headers for a vectors request: method, raw query (e.g. 'deleteVectors'), content type, bucket ARN parts.
 * Only x-oss-*, content-type and content-md5 are signed, exactly as the official SDKs do (fact sheet §7.2).
 */
export function signOss4({ method, rawQuery, contentType, region, accountId, bucket, accessKeyId, accessKeySecret, now }) {
  const xOssDate = ossDate(now || new Date());
  const day = xOssDate.slice(0, 8);
  const uri = encodeArnPath(bucket ? `/acs:ossvector:${region}:${accountId}:${bucket}/` : `/acs:ossvector:${region}::/`);
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const i = kv.indexOf('=');
      return i === -1 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join('&');
  const headers = { 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD', 'x-oss-date': xOssDate };
  if (contentType) headers['content-type'] = contentType;
  const canonicalHeaders = Object.keys(headers)
    .sort()
    .map((k) => `${k}:${headers[k]}\n`)
    .join('');
  const canonicalRequest = [method, uri, query, canonicalHeaders, '', 'UNSIGNED-PAYLOAD'].join('\n');
  const scope = `${day}/${region}/oss/aliyun_v4_request`;
  const stringToSign = ['OSS4-HMAC-SHA256', xOssDate, scope, crypto.sha256(canonicalRequest, 'hex')].join('\n');
  let key = crypto.hmac('sha256', `aliyun_v4${accessKeySecret}`, day, 'binary');
  key = crypto.hmac('sha256', key, region, 'binary');
  key = crypto.hmac('sha256', key, 'oss', 'binary');
  key = crypto.hmac('sha256', key, 'aliyun_v4_request', 'binary');
  const signature = crypto.hmac('sha256', key, stringToSign, 'hex');
  return {
    ...headers,
    authorization: `OSS4-HMAC-SHA256 Credential=${accessKeyId}/${scope},Signature=${signature}`,
  };
}
