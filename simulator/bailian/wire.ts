/**
 * Bailian wire format (fact sheet bailian-files.md §1.1, §5): JSON bodies with `x-acs-request-id`; successes in the
 * common body `{Code:"Success", Data, Message, RequestId, Status:"200", Success:true}`; errors in the shape their code
 * belongs to (errors.ts).
 */
import type { ProviderError } from '../core/errors.ts';
import type { SimResponse } from '../http/types.ts';
import { shapeOf, type ErrorShape } from './errors.ts';
import type { BailianOptions } from './options.ts';

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

export function commonHeaders(requestId: string, nowMs: number): Record<string, string> {
  return {
    'x-acs-request-id': requestId,
    date: new Date(nowMs).toUTCString(),
    'access-control-expose-headers': '*',
  };
}

export function okResponse(headers: Record<string, string>, requestId: string, data: unknown): SimResponse {
  const body = { Code: 'Success', Data: data, Message: '', RequestId: requestId, Status: '200', Success: true };
  return { status: 200, headers: { ...headers, 'content-type': JSON_CONTENT_TYPE }, body: JSON.stringify(body) };
}

export function errorResponse(
  err: ProviderError,
  headers: Record<string, string>,
  requestId: string,
  host: string,
  opts: Pick<BailianOptions, 'businessErrorStatus' | 'errorStatusOverrides'>,
): SimResponse {
  const shape: ErrorShape = err.details.shape === 'gateway' || err.details.shape === 'business' ? err.details.shape : shapeOf(err.code);
  const status = opts.errorStatusOverrides[err.code] ?? err.status;
  let body: Record<string, unknown>;
  let httpStatus = status;
  if (shape === 'business') {
    body = { Code: err.code, Message: err.message, RequestId: requestId, Status: String(status), Success: false };
    // Switchable (fact sheet §8 q2): some Alibaba APIs answer business failures with HTTP 200 and Success:false.
    if (opts.businessErrorStatus === '200' && status < 500) httpStatus = 200;
  } else {
    body = {
      RequestId: requestId,
      HostId: host,
      Code: err.code,
      Message: err.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=bailian`,
    };
  }
  return { status: httpStatus, headers: { ...headers, ...err.headers, 'content-type': JSON_CONTENT_TYPE }, body: JSON.stringify(body) };
}
