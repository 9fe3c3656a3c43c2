/**
 * Addressing (fact sheet §1.2, §1.3): virtual host `{bucket}-{accountId}.{region}.oss-vectors.aliyuncs.com`,
 * regional host `{region}.oss-vectors.aliyuncs.com`, and path style `/{bucket}/` on any host (Go SDK with an IP
 * endpoint). Local endpoints (IPs, localhost, any other name) behave like a regional host.
 */

import { memoize } from '../http/memo.ts';

export const OSS_VECTORS_DOMAIN = '.oss-vectors.aliyuncs.com';

export interface Addressing {
  /** Bucket named by the request, if any. */
  bucket?: string | undefined;
  /** Account id from the virtual-host label; undefined for path-style and regional requests. */
  hostAccountId?: string | undefined;
  /** Region from the host name, if the host names one. */
  region?: string | undefined;
  style: 'virtual-host' | 'path' | 'regional';
}

/** Returns undefined when the path is neither `/` nor `/{bucket}` / `/{bucket}/`. Memoised per host and path. */
export function resolveAddressing(host: string, path: string): Addressing | undefined {
  return resolveMemo(`${host}\u0000${path}`);
}

const resolveMemo = memoize((key: string) => {
  const sep = key.indexOf('\u0000');
  return resolveAddressingOnce(key.slice(0, sep), key.slice(sep + 1));
});

function resolveAddressingOnce(host: string, path: string): Addressing | undefined {
  let region: string | undefined;
  let label: string | undefined;
  if (host.endsWith(OSS_VECTORS_DOMAIN)) {
    const labels = host.slice(0, -OSS_VECTORS_DOMAIN.length).split('.');
    // region[-internal], or {bucket}-{acct}.region[-internal]
    const regionLabel = labels[labels.length - 1]!;
    region = regionLabel.endsWith('-internal') ? regionLabel.slice(0, -'-internal'.length) : regionLabel;
    if (labels.length === 2) label = labels[0];
  } else {
    const first = host.split('.')[0] ?? '';
    if (host.includes('.') && !/^\d+$/.test(first)) label = first;
  }
  if (label !== undefined) {
    const dash = label.lastIndexOf('-');
    const account = dash > 0 ? label.slice(dash + 1) : '';
    if (/^\d+$/.test(account)) {
      if (path !== '/') return undefined;
      return { bucket: label.slice(0, dash), hostAccountId: account, region, style: 'virtual-host' };
    }
  }
  if (path === '/') return { region, style: 'regional' };
  const m = /^\/([^/]+)\/?$/.exec(path);
  if (!m) return undefined;
  return { bucket: m[1], region, style: 'path' };
}
