/** Opaque continuation tokens: base64url of a tagged position, rejected when not ours. */
import { ossError } from '../errors.ts';

export function encodeToken(kind: string, position: string): string {
  return Buffer.from(`${kind}\u0000${position}`, 'utf8').toString('base64url');
}

export function decodeToken(kind: string, token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  const sep = text.indexOf('\u0000');
  if (sep === -1 || text.slice(0, sep) !== kind) throw ossError('VectorIndexParameterInvalid', 'The nextToken is invalid.');
  return text.slice(sep + 1);
}
