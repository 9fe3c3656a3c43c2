/**
 * How the runner talks to Cloudflare Vectorize v2: the project's plain-fetch client with Bearer (or legacy
 * X-Auth-Email/X-Auth-Key) auth, the named states of simulator/cloudflare-vectorize/given.ts, identities,
 * run-prefixed index names with guaranteed clean-up, the error-code location and the volatile fields.
 *
 * Asynchronous mutations (seed 003 "async mutation"; fact sheet §6): a step may say `awaitMutation: '{{id}}'` — before
 * it is sent, that mutation is processed: simulator targets flush the index through the control surface
 * (`POST /__vconf/actions/cloudflare-vectorize/flush`); the real target polls `info.processedUpToMutation`, bounded.
 *
 * Real-target credentials use the official SDK's variable names (fact sheet §9): CLOUDFLARE_API_TOKEN (owner, a token
 * with Vectorize Write), optional CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY (legacy global key), CLOUDFLARE_BASE_URL;
 * the account is CLOUDFLARE_ACCOUNT_ID (the SDK has no account variable; this is Wrangler's name). Optional
 * identities for the permission scenarios: VCONF_CLOUDFLARE_READ_ONLY_API_TOKEN (Vectorize Read only) and
 * VCONF_CLOUDFLARE_OTHER_ACCOUNT_API_TOKEN (a valid token of another account).
 */
import { capturingFetch, cleanupEach, env, ownerRetry, sleep } from '../runner/adapter-kit.ts';
import { CLOUDFLARE_API_BASE, createCloudflareClient, type CfAnswer, type CfAuth, type CfVector } from '../clients/cloudflare-vectorize.ts';
import { defaultCloudflareVectorizeOptions, DEFAULT_ACCOUNT } from '../../simulator/cloudflare-vectorize/options.ts';
import type { CfOperationId } from '../../simulator/cloudflare-vectorize/routes.ts';
import { CF_PROVIDER_STATES, type CfStateRequest } from '../../simulator/cloudflare-vectorize/given.ts';
import { normaliseResponse } from '../runner/normalise.ts';
import { proxyFormFetch } from '../runner/targets.ts';
import type { Exchange, ExchangeResponse, NormalisedResponse, ProviderAdapter, ProviderSession, TargetContext } from '../runner/types.ts';

const SLUG = 'cloudflare-vectorize';

const REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    index: { type: 'string', description: 'index name in the path' },
    accountId: { type: 'string', description: 'another account id in the path than the session\'s (routing scenarios)' },
    body: { description: 'JSON body' },
    vectors: {
      type: ['array', 'object'],
      description: 'insert/upsert vectors, sent as NDJSON: [{id, values, metadata?, namespace?}] or a $vectors generator ({key, data.float32} becomes {id, values})',
    },
    rawBody: { type: 'string', description: 'raw body text instead of JSON (malformed-input scenarios)' },
    contentType: { type: 'string' },
    query: { type: 'object', additionalProperties: { type: 'string' } },
    awaitMutation: { type: 'string', description: 'before sending, wait until the index has processed this mutation id' },
  },
};

/** Volatile fields of Vectorize answers (fact sheet §2.1, §6): ids and timestamps differ on every run. */
const VOLATILE_BODY_PATHS = [
  'result.mutationId',
  'result.processedUpToMutation',
  'result.processedUpToDatetime',
  'result.created_on',
  'result.modified_on',
  'result[*].created_on',
  'result[*].modified_on',
  'result.nextCursor',
  'result.cursorExpirationTimestamp',
];
/** Headers worth comparing; the rest (cf-ray, date, rate-limit counters, length, connection) are volatile or transport. */
const STABLE_HEADERS = ['content-type'];

/** Identities a scenario may call as. */
const IDENTITIES = ['owner', 'read-only', 'other-account', 'global-key', 'anonymous', 'malformed-token'];

export const adapter: ProviderAdapter = {
  slug: SLUG,
  identities: IDENTITIES,
  resourceKinds: ['index'],
  requestSchema: REQUEST_SCHEMA,
  states: CF_PROVIDER_STATES,
  replayIgnore: [
    { field: 'body.errors[0].message', reason: 'free text: clients branch on errors[].code, never on the message' },
    { field: 'body.errors[0].documentation_url', reason: 'a link the service may add or move; not behaviour' },
  ],
  connect: async (target) => connect(target),
};

async function connect(target: TargetContext): Promise<ProviderSession> {
  const retry = ownerRetry(target, SLUG);
  const identities = new Map<string, CfAuth>();
  let accountId: string;
  let baseUrl: string;
  let unavailable: string | undefined;
  let transport: typeof fetch | undefined;
  const isReal = target.kind === 'real';

  if (isReal) {
    const token = env(target, 'CLOUDFLARE_API_TOKEN');
    accountId = env(target, 'CLOUDFLARE_ACCOUNT_ID') ?? '';
    const missing = [!token && 'CLOUDFLARE_API_TOKEN', !accountId && 'CLOUDFLARE_ACCOUNT_ID'].filter(Boolean);
    if (missing.length > 0) unavailable = `real Cloudflare Vectorize credentials are not set (${missing.join(', ')})`;
    identities.set('owner', { kind: 'token', token: token ?? '' });
    const email = env(target, 'CLOUDFLARE_EMAIL');
    const key = env(target, 'CLOUDFLARE_API_KEY');
    if (email && key) identities.set('global-key', { kind: 'global-key', email, key });
    const ro = env(target, 'VCONF_CLOUDFLARE_READ_ONLY_API_TOKEN');
    if (ro) identities.set('read-only', { kind: 'token', token: ro });
    const other = env(target, 'VCONF_CLOUDFLARE_OTHER_ACCOUNT_API_TOKEN');
    if (other) identities.set('other-account', { kind: 'token', token: other });
    baseUrl = env(target, 'CLOUDFLARE_BASE_URL') ?? CLOUDFLARE_API_BASE;
    transport = target.via ? proxyFormFetch(target.via) : undefined;
  } else {
    // The simulator's default world (simulator/cloudflare-vectorize/options.ts): token `test` (Write) and `readonly`
    // (Read) on the seed's example account, `other` (Write) on a second account, the seed's example global key.
    const o = defaultCloudflareVectorizeOptions();
    accountId = DEFAULT_ACCOUNT;
    const tokenFor = (pred: (t: (typeof o.tokens)[number]) => boolean) => o.tokens.find(pred)!.token;
    identities.set('owner', { kind: 'token', token: tokenFor((t) => t.permission === 'write' && t.accounts.includes(DEFAULT_ACCOUNT)) });
    identities.set('read-only', { kind: 'token', token: tokenFor((t) => t.permission === 'read' && t.accounts.includes(DEFAULT_ACCOUNT)) });
    identities.set('other-account', { kind: 'token', token: tokenFor((t) => !t.accounts.includes(DEFAULT_ACCOUNT)) });
    identities.set('global-key', { kind: 'global-key', email: o.globalKeys[0]!.email, key: o.globalKeys[0]!.key });
    if (target.kind === 'http') {
      baseUrl = target.endpoints?.[SLUG] ?? '';
      if (!baseUrl) unavailable = `no ${SLUG} endpoint given for the HTTP target`;
    } else {
      baseUrl = CLOUDFLARE_API_BASE;
      transport = target.fetch;
    }
  }
  identities.set('anonymous', { kind: 'none' });
  // fact sheet §7.3: a bearer value that is not a token (here: with spaces) is a header-format error, not a bad token.
  identities.set('malformed-token', { kind: 'headers', headers: { authorization: 'Bearer not a token' } });

  const capabilities = new Set([...identities.keys()].map((i) => `identity:${i}`));
  const control = target.control;
  const canFlush = !isReal && control?.providerAction !== undefined;

  function client(as: string, fetchImpl: typeof fetch | undefined) {
    const auth = identities.get(as);
    if (!auth) throw new Error(`identity "${as}" is not available on this target`);
    return createCloudflareClient({ baseUrl, accountId, auth, fetch: fetchImpl ?? transport });
  }

  /** The mutation has been processed once this resolves: flush on simulators, bounded polling of info elsewhere. */
  async function awaitMutation(index: string, mutationId: string): Promise<void> {
    if (canFlush) {
      await control!.providerAction!(SLUG, 'flush', { account: accountId, index });
      return;
    }
    await client('owner', undefined).waitForMutation(index, mutationId, { timeoutMs: isReal ? 120_000 : 30_000 });
  }

  async function send(operation: string, request: Record<string, unknown>, as: string): Promise<Exchange> {
    const index = typeof request.index === 'string' ? request.index : undefined;
    if (typeof request.awaitMutation === 'string') {
      if (!index) throw new Error('awaitMutation needs the step\'s index');
      await awaitMutation(index, request.awaitMutation);
    }
    const { fetch: capture, captured } = capturingFetch(transport ?? globalThis.fetch, redact);
    const answer = await client(as, capture).call(operation as CfOperationId, {
      index,
      ...(typeof request.accountId === 'string' ? { accountId: request.accountId } : {}),
      ...('body' in request ? { body: request.body } : {}),
      ...(request.vectors !== undefined ? { vectors: toVectors(request.vectors) } : {}),
      ...(typeof request.rawBody === 'string' ? { rawBody: request.rawBody } : {}),
      ...(typeof request.contentType === 'string' ? { contentType: request.contentType } : {}),
      ...(request.query ? { query: request.query as Record<string, string> } : {}),
    });
    return { operation, request: captured()!, response: { status: answer.status, headers: answer.headers, body: answer.text } };
  }

  /** Owner calls for states and clean-up: retried like the SDK retries (429, 5xx), bounded. */
  async function ownerCall(operation: CfOperationId, request: CfStateRequest): Promise<CfAnswer> {
    return retry(() => client('owner', undefined).call(operation, request), (a) => (a.status >= 500 || a.status === 429 ? 0 : undefined));
  }


  async function deleteIndex(name: string): Promise<string | undefined> {
    const res = await ownerCall('DeleteIndex', { index: name });
    if (res.status === 200) return undefined;
    const code = errorCodeOf(res.text);
    if (code === '3000' || code === '3005') return undefined; // never created, or already deleted
    return `DeleteIndex ${name}: HTTP ${res.status} ${res.text.slice(0, 200)} (index may be left behind)`;
  }

  return {
    capabilities,
    unavailable,
    variables: { accountId },
    allocate(kind, logical, ordinal) {
      if (kind !== 'index') throw new Error(`unknown resource kind ${kind}`);
      // fact sheet §4: lower-case letters, digits and dashes, starting with a letter, shorter than 32 characters.
      // Unique per run: the name of a deleted index can never be used again.
      const raw = `${target.runPrefix}-${ordinal.toString(36)}-${logical}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
      return (/^[a-z]/.test(raw) ? raw : `v${raw}`).slice(0, 31).replace(/-+$/, '');
    },
    send,
    async applyState(name, params) {
      const state = CF_PROVIDER_STATES.find((s) => s.name === name);
      if (!state) throw new Error(`unknown state "${name}"`);
      const teardown = await state.setUp({ call: ownerCall, awaitMutation }, { ...state.optional, ...params });
      return teardown ?? undefined;
    },
    cleanup: (resources) => cleanupEach(resources, deleteIndex),
    errorCode,
    normalise(res, names) {
      return normalise(res, names, accountId);
    },
    async close() {},
  };
}

/** `{key, data: {float32}}` (the `$vectors` generator) → `{id, values}`; Cloudflare-shaped items pass unchanged. */
function toVectors(value: unknown): CfVector[] {
  if (!Array.isArray(value)) throw new Error('vectors must resolve to a list');
  return value.map((v: Record<string, unknown>) => {
    if (typeof v.id === 'string') return v as unknown as CfVector;
    const data = v.data as { float32?: number[] } | undefined;
    if (typeof v.key === 'string' && Array.isArray(data?.float32)) {
      return { id: v.key, values: data.float32, ...(v.metadata !== undefined ? { metadata: v.metadata as Record<string, unknown> } : {}) };
    }
    throw new Error(`a vector needs id and values: ${JSON.stringify(v).slice(0, 100)}`);
  });
}

function errorCodeOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { success?: unknown; errors?: { code?: unknown }[] };
    const code = body.errors?.[0]?.code;
    if (body.success !== true && (typeof code === 'number' || typeof code === 'string')) return String(code);
  } catch {
    // not the envelope (an HTML error page of a proxy, say): no provider code
  }
  return undefined;
}

/** fact sheet §1, §7: the code travels in the envelope's `errors[0].code`. */
function errorCode(res: ExchangeResponse): string | undefined {
  if (res.status < 300 || !res.body) return undefined;
  return errorCodeOf(res.body);
}

function normalise(res: ExchangeResponse, names: Record<string, string>, accountId: string): NormalisedResponse {
  const replacements: Record<string, string> = accountId ? { [accountId]: '{{var.accountId}}' } : {};
  for (const [logical, real] of Object.entries(names)) replacements[real] = `{{${logical}}}`;
  return normaliseResponse(res, { stableHeaders: STABLE_HEADERS, volatilePaths: VOLATILE_BODY_PATHS, replacements });
}

function redact(name: string, value: string): string {
  if (name === 'authorization') return value.replace(/^(Bearer\s+)(\S{0,4})\S*$/i, '$1$2…');
  if (name === 'x-auth-key') return `${value.slice(0, 4)}…`;
  return value;
}

