/**
 * The upload to a leased URL (fact sheet bailian-files.md §2: "raw file bytes + every header in Param.Headers").
 * On the real service this is a pre-signed OSS URL, so it answers like OSS: empty 200 with an ETag, errors as OSS
 * XML. The URL's signature covers method, content type, expiry and lease id; `X-bailian-extra` must match too.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ProviderError } from '../../core/errors.ts';
import type { SimRequest, SimResponse } from '../../http/types.ts';
import type { BailianState } from '../state.ts';
import { uploadSignature } from './files.ts';

/** An error of the upload itself: rendered as OSS XML (the upload URL is OSS's), not in Bailian's JSON. */
export class UploadError extends ProviderError {
  constructor(status: number, code: string, message: string) {
    super(status, code, message);
    this.name = 'UploadError';
  }
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function uploadErrorResponse(err: ProviderError, requestId: string, host: string): SimResponse {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${xmlEscape(err.code)}</Code>\n  <Message>${xmlEscape(err.message)}</Message>\n` +
    `  <RequestId>${requestId}</RequestId>\n  <HostId>${xmlEscape(host)}</HostId>\n</Error>\n`;
  return { status: err.status, headers: { 'x-oss-request-id': requestId, 'content-type': 'application/xml', server: 'AliyunOSS' }, body };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function upload(req: SimRequest, leaseId: string, state: BailianState, nowMs: number, requestId: string): SimResponse {
  const lease = state.lease(leaseId);
  const expires = Number(req.query.get('Expires'));
  const sig = req.query.get('Signature') ?? '';
  if (!req.query.get('Expires') || !Number.isSafeInteger(expires) || sig === '') {
    throw new UploadError(403, 'AccessDenied', 'The pre-signed URL lacks Expires or Signature.');
  }
  const contentType = (req.headers['content-type'] ?? '').trim();
  // An unknown lease id cannot have produced a valid signature: answer exactly as a forged one.
  if (!lease || !sameString(uploadSignature(state.uploadSecret, contentType, expires, leaseId), sig)) {
    throw new UploadError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided (send the leased Content-Type unchanged).');
  }
  if (nowMs > expires * 1000) throw new UploadError(403, 'AccessDenied', 'Request has expired.');
  if (lease.consumed) throw new UploadError(403, 'AccessDenied', 'The lease has already been used by AddFile.');
  if ((req.headers['x-bailian-extra'] ?? '').trim() !== lease.extra) {
    throw new UploadError(403, 'AccessDenied', 'The X-bailian-extra header of the lease is missing or altered.');
  }
  state.recordUpload(lease, req.body);
  const etag = `"${createHash('md5').update(req.body).digest('hex').toUpperCase()}"`;
  return { status: 200, headers: { 'x-oss-request-id': requestId, etag, server: 'AliyunOSS' }, body: '' };
}
