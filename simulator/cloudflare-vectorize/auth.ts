/**
 * Cloudflare API authentication (seed 003 "Security"; fact sheet §1, §7.3): `Authorization: Bearer <token>` or the
 * legacy `X-Auth-Email` + `X-Auth-Key` pair. Tokens are bound to accounts and to Vectorize Read or Write; a global
 * key has every permission on its accounts. Bearer wins when both schemes are sent.
 */
import type { SimRequest } from '../http/types.ts';
import { cfError } from './errors.ts';
import type { CloudflareVectorizeOptions, Permission } from './options.ts';

export interface Caller {
  /** What the interceptor keys per-credential limits by. */
  credential: string;
  accounts: readonly string[];
  permission: Permission;
}

const BEARER = /^bearer ([A-Za-z0-9_-]+)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GLOBAL_KEY = /^[A-Za-z0-9]{32,64}$/;

export function authenticate(req: SimRequest, opts: CloudflareVectorizeOptions): Caller {
  const authorization = req.headers.authorization;
  const email = req.headers['x-auth-email'];
  const key = req.headers['x-auth-key'];
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization.trim())?.[1];
    if (token === undefined) throw cfError(6003, undefined, { chain: [6111] });
    const known = opts.tokens.find((t) => t.token === token);
    // fact sheet §7.3: an unknown well-formed token was not pinned down; 403 10000 as advised there.
    if (!known) throw cfError(10000);
    return { credential: `token:${token}`, accounts: known.accounts, permission: known.permission };
  }
  if (email === undefined && key === undefined) throw cfError(9106);
  if (email === undefined || !EMAIL.test(email.trim())) throw cfError(6003, undefined, { chain: [6102] });
  if (key === undefined || !GLOBAL_KEY.test(key.trim())) throw cfError(6003, undefined, { chain: [6103] });
  const pair = opts.globalKeys.find((g) => g.email.toLowerCase() === email.trim().toLowerCase() && g.key === key.trim());
  if (!pair) throw cfError(10000);
  return { credential: `key:${pair.email}`, accounts: pair.accounts, permission: 'write' };
}

/** The token must be valid for the addressed account and carry the operation's permission (fact sheet §1). */
export function authorize(caller: Caller, accountId: string, needs: Permission): void {
  if (!caller.accounts.includes(accountId)) throw cfError(10000);
  if (needs === 'write' && caller.permission !== 'write') throw cfError(10000);
}
