/**
 * How the runner talks to OSS Vectors: the project's signed client (OSS4-HMAC-SHA256 over the bucket ARN), the
 * named states of simulator/oss-vectors/given.ts, identities, run-prefixed bucket names with guaranteed clean-up,
 * the error-code location and the volatile fields.
 *
 * Real-target credentials use the official SDKs' variable names: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET,
 * OSS_SESSION_TOKEN (Go/Python EnvironmentVariableCredentialsProvider), plus OSS_ACCOUNT_ID and OSS_REGION (the SDK
 * integration tests' OSS_TEST_ACCOUNT_ID / OSS_TEST_REGION are accepted too). Optional second identities for the
 * permission scenarios: VCONF_OSS_OTHER_ACCESS_KEY_ID/_SECRET (a key of another account) and
 * VCONF_OSS_RAM_ACCESS_KEY_ID/_SECRET (a RAM user of the owner's account with no policy attached).
 */
import { capturingFetch, cleanupEach, env, ownerRetry, sleep } from '../runner/adapter-kit.ts';
import { createOssClient, type OssAnswer } from '../clients/oss-vectors.ts';
import { DEFAULT_OSS_ACCOUNTS, type OssVectorsOptions } from '../../simulator/oss-vectors/options.ts';
import type { OssOperationId } from '../../simulator/oss-vectors/routes.ts';
import { OSS_PROVIDER_STATES } from '../../simulator/oss-vectors/given.ts';
import { normaliseResponse } from '../runner/normalise.ts';
import { proxyFormFetch } from '../runner/targets.ts';
import type { Exchange, ExchangeResponse, NormalisedResponse, ProviderAdapter, ProviderSession, TargetContext } from '../runner/types.ts';

const SLUG = 'oss-vectors';
const SIM_REGION = 'cn-hangzhou';

interface Identity {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
  unsigned?: boolean;
}

const REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    bucket: { type: 'string' },
    body: { description: 'JSON body' },
    rawBody: { type: 'string', description: 'raw body text instead of JSON (malformed-input scenarios)' },
    query: { type: 'object', additionalProperties: { type: 'string' } },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    markerForm: { enum: ['bare', 'equals'], description: '?deleteVectors (Go SDK, default) or ?deleteVectors= (Python SDK)' },
  },
};

/** Volatile fields of OSS answers (fact sheet §1.4, §3.2, §3.6, §3.7). */
const VOLATILE_BODY_PATHS = [
  'Error.RequestId',
  'Error.HostId',
  'BucketInfo.CreationDate',
  'ListAllMyBucketsResult.Buckets[*].CreationDate',
  'index.createTime',
  'indexes[*].createTime',
  'nextToken',
];
/** Headers worth comparing; the rest (request id, date, server time, length, connection) are volatile or transport. */
const STABLE_HEADERS = ['content-type', 'server', 'x-oss-ec', 'location'];

export const adapter: ProviderAdapter = {
  slug: SLUG,
  identities: ['owner', 'other', 'anonymous', 'ram-no-permissions'],
  resourceKinds: ['bucket'],
  requestSchema: REQUEST_SCHEMA,
  states: OSS_PROVIDER_STATES,
  replayIgnore: [{ field: 'body.Error.Message', reason: 'free text: clients branch on Error.Code, never on the message' }],
  connect: async (target) => connect(target),
};

async function connect(target: TargetContext): Promise<ProviderSession> {
  const retry = ownerRetry(target, SLUG);
  const identities = new Map<string, Identity>();
  let accountId: string;
  let region: string;
  let endpoint: string | undefined;
  let unavailable: string | undefined;
  let transport: typeof fetch | undefined;

  if (target.kind === 'real') {
    const ak = env(target, 'OSS_ACCESS_KEY_ID');
    const sk = env(target, 'OSS_ACCESS_KEY_SECRET');
    accountId = env(target, 'OSS_ACCOUNT_ID', 'OSS_TEST_ACCOUNT_ID') ?? '';
    region = env(target, 'OSS_REGION', 'OSS_TEST_REGION') ?? '';
    const missing = [!ak && 'OSS_ACCESS_KEY_ID', !sk && 'OSS_ACCESS_KEY_SECRET', !accountId && 'OSS_ACCOUNT_ID', !region && 'OSS_REGION'].filter(Boolean);
    if (missing.length > 0) unavailable = `real OSS Vectors credentials are not set (${missing.join(', ')})`;
    identities.set('owner', { accessKeyId: ak ?? '', accessKeySecret: sk ?? '', securityToken: env(target, 'OSS_SESSION_TOKEN') });
    const oak = env(target, 'VCONF_OSS_OTHER_ACCESS_KEY_ID');
    const osk = env(target, 'VCONF_OSS_OTHER_ACCESS_KEY_SECRET');
    if (oak && osk) identities.set('other', { accessKeyId: oak, accessKeySecret: osk });
    const rak = env(target, 'VCONF_OSS_RAM_ACCESS_KEY_ID');
    const rsk = env(target, 'VCONF_OSS_RAM_ACCESS_KEY_SECRET');
    if (rak && rsk) identities.set('ram-no-permissions', { accessKeyId: rak, accessKeySecret: rsk });
    transport = target.via ? proxyFormFetch(target.via) : undefined;
  } else {
    // The simulator's default world: account 1234567890 (key test/test) and 9876543210 (other/other).
    const [owner, other] = DEFAULT_OSS_ACCOUNTS;
    accountId = owner!.id;
    region = SIM_REGION;
    identities.set('owner', { accessKeyId: owner!.accessKeys[0]!.id, accessKeySecret: owner!.accessKeys[0]!.secret });
    identities.set('other', { accessKeyId: other!.accessKeys[0]!.id, accessKeySecret: other!.accessKeys[0]!.secret });
    if (target.kind === 'http') {
      endpoint = target.endpoints?.[SLUG];
      if (!endpoint) unavailable = `no ${SLUG} endpoint given for the HTTP target`;
    } else {
      transport = target.fetch;
    }
  }
  identities.set('anonymous', { accessKeyId: '', accessKeySecret: '', unsigned: true });

  const capabilities = new Set([...identities.keys()].map((i) => `identity:${i}`));
  const allocated = new Map<string, string>();
  const isReal = target.kind === 'real';

  async function send(operation: string, request: Record<string, unknown>, as: string): Promise<Exchange> {
    const who = identities.get(as);
    if (!who) throw new Error(`identity "${as}" is not available on this target`);
    const { fetch: capture, captured } = capturingFetch(transport ?? globalThis.fetch, redact);
    const client = createOssClient({
      endpoint,
      region,
      accountId,
      accessKeyId: who.accessKeyId,
      accessKeySecret: who.accessKeySecret,
      securityToken: who.securityToken,
      unsigned: who.unsigned === true,
      markerForm: request.markerForm === 'equals' ? 'equals' : 'bare',
      fetch: capture,
    });
    const answer = await client.call(operation as OssOperationId, {
      ...(typeof request.bucket === 'string' ? { bucket: request.bucket } : {}),
      ...('body' in request ? { body: request.body } : {}),
      ...(typeof request.rawBody === 'string' ? { rawBody: request.rawBody } : {}),
      ...(request.query ? { query: request.query as Record<string, string> } : {}),
      ...(request.headers ? { headers: request.headers as Record<string, string> } : {}),
    });
    return { operation, request: captured()!, response: { status: answer.status, headers: answer.headers, body: answer.text } };
  }

  /** Owner calls for states and clean-up: retried like the SDKs retry (5xx, 429), bounded. */
  async function ownerCall(operation: OssOperationId, request: { bucket?: string; body?: unknown }): Promise<OssAnswer> {
    const throttledOr5xx = (ex: Exchange) => (ex.response.status >= 500 || ex.response.status === 429 ? 0 : undefined);
    const r = (await retry(() => send(operation, request as Record<string, unknown>, 'owner'), throttledOr5xx)).response;
    let json: unknown;
    try {
      json = r.body ? JSON.parse(r.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: r.status, headers: r.headers, text: r.body, json };
  }

  async function deleteBucketDeep(bucket: string): Promise<string | undefined> {
    const deadline = Date.now() + (isReal ? 60_000 : 5_000);
    for (;;) {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const res = await ownerCall('ListVectorIndexes', { bucket, body: { maxResults: 500, ...(token ? { nextToken: token } : {}) } });
        if (res.status === 404) return undefined; // already gone
        if (res.status !== 200) return `ListVectorIndexes ${bucket}: HTTP ${res.status} ${res.text.slice(0, 200)}`;
        const page = res.json as { indexes?: { indexName: string }[]; nextToken?: string };
        names.push(...(page.indexes ?? []).map((i) => i.indexName));
        token = page.nextToken || undefined;
      } while (token);
      for (const indexName of names) {
        const res = await ownerCall('DeleteVectorIndex', { bucket, body: { indexName } });
        if (![204, 404, 409].includes(res.status)) return `DeleteVectorIndex ${bucket}/${indexName}: HTTP ${res.status} ${res.text.slice(0, 200)}`;
      }
      const del = await ownerCall('DeleteVectorBucket', { bucket });
      if (del.status === 204 || del.status === 404) return undefined;
      if (del.status !== 409 || Date.now() > deadline) return `DeleteVectorBucket ${bucket}: HTTP ${del.status} ${del.text.slice(0, 200)} (resource may be left behind)`;
      await sleep(500); // an index still `creating`/`deleting`: bounded wait, then try again
    }
  }

  const options = () => target.control?.providerOptions?.(SLUG) as OssVectorsOptions | undefined;
  if (options()) capabilities.add('control:options');

  return {
    capabilities,
    unavailable,
    variables: { accountId, region },
    allocate(kind, logical, ordinal) {
      if (kind !== 'bucket') throw new Error(`unknown resource kind ${kind}`);
      // 3–32 characters of [a-z0-9-] (fact sheet §3.1): run prefix, scenario ordinal, logical name.
      const name = `${target.runPrefix}-${ordinal.toString(36)}-${logical}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 32).replace(/-+$/, '');
      allocated.set(name, logical);
      return name;
    },
    send,
    async applyState(name, params) {
      const state = OSS_PROVIDER_STATES.find((s) => s.name === name);
      if (!state) throw new Error(`unknown state "${name}"`);
      const teardown = await state.setUp({ call: ownerCall, options: options() }, { ...state.optional, ...params });
      return teardown ?? undefined;
    },
    cleanup: (resources) => cleanupEach(resources, deleteBucketDeep),
    errorCode,
    normalise(res, names) {
      return normalise(res, names, accountId);
    },
    async close() {},
  };
}

function errorCode(res: ExchangeResponse): string | undefined {
  if (res.status < 300 || !res.body) return undefined;
  try {
    const code = (JSON.parse(res.body) as { Error?: { Code?: unknown } }).Error?.Code;
    if (typeof code === 'string') return code;
  } catch {
    // classic OSS answers XML (fact sheet §4.1)
  }
  return /<Code>([^<]+)<\/Code>/.exec(res.body)?.[1];
}

function normalise(res: ExchangeResponse, names: Record<string, string>, accountId: string): NormalisedResponse {
  const replacements: Record<string, string> = { [accountId]: '{{var.accountId}}' };
  for (const [logical, real] of Object.entries(names)) replacements[real] = `{{${logical}}}`;
  return normaliseResponse(res, { stableHeaders: STABLE_HEADERS, volatilePaths: VOLATILE_BODY_PATHS, replacements });
}

function redact(name: string, value: string): string {
  if (name === 'authorization') {
    return value
      .replace(/Credential=([^/]{0,4})[^/]*\//, 'Credential=$1****/')
      .replace(/Signature=([0-9a-f]{8})[0-9a-f]+/, 'Signature=$1…');
  }
  if (name === 'x-oss-security-token') return '<redacted>';
  return value;
}

