/** Index rules (fact sheet §2.1, §4, §7.2) and authentication (seed 003 "Security"; fact sheet §1, §7.3). */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../simulator/config.ts';
import { OTHER_ACCOUNT } from '../../simulator/cloudflare-vectorize/options.ts';
import { ACCOUNT, API, createIndex, expectCfError, expectConforms, inProcessCloudflare, indexPath, raw } from '../helpers/cloudflare.ts';

const { sim, client } = inProcessCloudflare();
const base = `/accounts/${ACCOUNT}/vectorize/v2/indexes`;
const create = (body: unknown, token?: string) => raw(API, 'POST', base, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(token ? { token } : {}) });

describe('indexes', () => {
  it('names: lower-case letters, digits and dashes starting with a letter, at most 64 bytes; others are 3003 (fact sheet §4)', async () => {
    for (const name of ['Upper', '1abc', 'has_underscore', 'a'.repeat(65), '', 'ünï']) {
      expectCfError(await create({ name, config: { dimensions: 32, metric: 'cosine' } }), 400, 3003);
    }
    const ok = await create({ name: `a${'b-9'.repeat(21)}`, config: { dimensions: 32, metric: 'cosine' } });
    expect(ok.status, ok.text).toBe(200);
    expectConforms('CreateIndex', ok);
  });

  it('dimensions 32–1536 by default ("Dimensions must be in range: [32, 1536]", observed); the OAS range 1–1536 is one option away (fact sheet §2.1)', async () => {
    for (const dimensions of [31, 1537, 0, 32.5]) {
      const res = await create({ name: `dims-${String(dimensions).replace('.', '-')}`, config: { dimensions, metric: 'cosine' } });
      expectCfError(res, 400, 3001);
      expect(res.json.errors[0]!.message).toBe('vectorize.index.invalid_config - Dimensions must be in range: [32, 1536]');
    }
    expect((await create({ name: 'dims-1536', config: { dimensions: 1536, metric: 'dot-product' } })).status).toBe(200);
    sim.cloudflareVectorize.options.minDimensions = 1;
    try {
      expect((await create({ name: 'dims-one', config: { dimensions: 1, metric: 'euclidean' } })).status).toBe(200);
    } finally {
      sim.cloudflareVectorize.options.minDimensions = 32;
    }
  });

  it('config is required ("Config must be provided"); unknown metrics and presets are 3001 (fact sheet §2.1, observed)', async () => {
    const flat = await create({ name: 'flat', dimensions: 32, metric: 'cosine' });
    expectCfError(flat, 400, 3001);
    expect(flat.json.errors[0]!.message).toBe('vectorize.index.invalid_config - Config must be provided');
    expectCfError(await create({ name: 'bad-metric', config: { dimensions: 32, metric: 'manhattan' } }), 400, 3001);
    expectCfError(await create({ name: 'bad-preset', config: { preset: '@cf/nope' } }), 400, 3001);
  });

  it('every preset maps to its model\'s dimensions and cosine (DOC-CREATE)', async () => {
    const expected = { '@cf/baai/bge-small-en-v1.5': 384, '@cf/baai/bge-base-en-v1.5': 768, '@cf/baai/bge-large-en-v1.5': 1024, 'openai/text-embedding-ada-002': 1536, 'cohere/embed-multilingual-v2.0': 768 };
    let i = 0;
    for (const [preset, dimensions] of Object.entries(expected)) {
      const res = await create({ name: `preset-${i++}`, config: { preset } });
      expect((res.json.result as { config: unknown }).config).toEqual({ dimensions, metric: 'cosine', preset });
    }
  });

  it('a duplicate name, and the name of a deleted index, are 3002 duplicate_name (fact sheet §4, observed code 3002)', async () => {
    await createIndex(client, 'dup');
    const again = await create({ name: 'dup', config: { dimensions: 32, metric: 'cosine' } });
    expectCfError(again, 400, 3002);
    expect(again.json.errors[0]!.message).toBe('vectorize.index.duplicate_name - Index name "dup"');
    await client.vectorize.indexes.delete('dup', { account_id: ACCOUNT });
    expectCfError(await create({ name: 'dup', config: { dimensions: 32, metric: 'cosine' } }), 400, 3002);
  });

  it('unknown index: 3000 not_found with status 400 by default (observed), 404 when configured; a deleted one: 3005 (fact sheet §7.2)', async () => {
    const missing = await raw(API, 'GET', indexPath('never'));
    expectCfError(missing, 400, 3000);
    expect(missing.json.errors[0]!.message).toBe('vectorize.index.not_found - Index name "never"');
    expectConforms('GetIndex', missing);
    sim.cloudflareVectorize.options.indexNotFoundStatus = 404;
    try {
      expectCfError(await raw(API, 'POST', indexPath('never', '/delete_by_ids'), { headers: { 'content-type': 'application/json' }, body: '{"ids":["a"]}' }), 404, 3000);
    } finally {
      sim.cloudflareVectorize.options.indexNotFoundStatus = 400;
    }
    await createIndex(client, 'was-here');
    await client.vectorize.indexes.delete('was-here', { account_id: ACCOUNT });
    const deleted = await raw(API, 'GET', indexPath('was-here', '/info'));
    expectCfError(deleted, 400, 3005);
    expect(deleted.json.errors[0]!.message).toBe('vectorize.index.deleted - Index name "was-here" was deleted');
  });

  it('createIndexStatus 201 follows the docs\' Python example instead of the OAS 200 (fact sheet §2.1)', async () => {
    sim.cloudflareVectorize.options.createIndexStatus = 201;
    try {
      const res = await create({ name: 'created-201', config: { dimensions: 32, metric: 'cosine' } });
      expect(res.status).toBe(201);
      expectConforms('CreateIndex', res);
    } finally {
      sim.cloudflareVectorize.options.createIndexStatus = 200;
    }
  });

  it('list returns the account\'s indexes only, in creation order, as SinglePage result array (fact sheet §9)', async () => {
    const res = await raw(API, 'GET', `/accounts/${OTHER_ACCOUNT}/vectorize/v2/indexes`, { token: 'other' });
    expect(res.json.result).toEqual([]);
    const mine = (await raw(API, 'GET', base)).json.result as { name: string }[];
    expect(mine.length).toBeGreaterThan(3);
  });
});

describe('authentication and routing', () => {
  const info = (init: Parameters<typeof raw>[3]) => raw(API, 'GET', base, init);

  it('no credentials: 400 9106 "Missing X-Auth-Key, X-Auth-Email or Authorization headers" (fact sheet §7.3)', async () => {
    const res = await info({ token: null });
    expectCfError(res, 400, 9106);
    expect(res.json.errors[0]!.message).toBe('Missing X-Auth-Key, X-Auth-Email or Authorization headers');
    expectConforms('ListIndexes', res);
  });

  it('a malformed Authorization header: 400 6003 with error_chain 6111 (fact sheet §7.3)', async () => {
    for (const authorization of ['Basic dGVzdA==', 'Bearer', 'Bearer bad token', 'Bearer ¿?']) {
      const res = await info({ token: null, headers: { authorization } });
      expectCfError(res, 400, 6003);
      expect(res.json.errors[0]).toEqual({ code: 6003, message: 'Invalid request headers', error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }] });
    }
  });

  it('legacy X-Auth-Email + X-Auth-Key (the seed\'s example pair) works; malformed ones are 6003 with 6102/6103; a wrong key is 403 10000 (seed 003; fact sheet §7.3)', async () => {
    const email = 'user@example.com';
    const key = '144c9defac04969c7bfad8efaa8ea194';
    expect((await info({ token: null, headers: { 'x-auth-email': email, 'x-auth-key': key } })).status).toBe(200);
    expect((await info({ token: null, headers: { 'x-auth-email': 'nope', 'x-auth-key': key } })).json.errors[0]!.error_chain).toEqual([{ code: 6102, message: 'Invalid format for X-Auth-Email header' }]);
    expect((await info({ token: null, headers: { 'x-auth-email': email, 'x-auth-key': 'short' } })).json.errors[0]!.error_chain).toEqual([{ code: 6103, message: 'Invalid format for X-Auth-Key header' }]);
    expect((await info({ token: null, headers: { 'x-auth-email': email } })).json.errors[0]!.code).toBe(6003);
    expectCfError(await info({ token: null, headers: { 'x-auth-email': email, 'x-auth-key': 'f'.repeat(32) } }), 403, 10000);
  });

  it('an unknown token, a token for another account, and a Read token on a write are 403 10000 "Authentication error"; Read tokens may read (fact sheet §1, §7.3)', async () => {
    const unknown = await info({ token: 'unknown-token' });
    expectCfError(unknown, 403, 10000);
    expect(unknown.json.errors[0]!.message).toBe('Authentication error');
    expectConforms('ListIndexes', unknown);
    expectCfError(await info({ token: 'other' }), 403, 10000);
    expect((await info({ token: 'readonly' })).status).toBe(200);
    expectCfError(await create({ name: 'ro', config: { dimensions: 32, metric: 'cosine' } }, 'readonly'), 403, 10000);
    await createIndex(client, 'ro-target');
    expect((await raw(API, 'POST', indexPath('ro-target', '/query'), { token: 'readonly', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vector: new Array(32).fill(1) }) })).status).toBe(200);
    expectCfError(await raw(API, 'POST', indexPath('ro-target', '/delete_by_ids'), { token: 'readonly', headers: { 'content-type': 'application/json' }, body: '{"ids":["a"]}' }), 403, 10000);
  });

  it('routing: an account id that is not 32 hex characters is 7003, an unknown path 7000 (404), a wrong method 7001 (405), Vectorize v1 paths 501 naming them', async () => {
    expectCfError(await raw(API, 'GET', '/accounts/not-an-account/vectorize/v2/indexes'), 400, 7003);
    expectCfError(await raw(API, 'GET', `${base}/x/unknown-op`), 404, 7000);
    expectCfError(await raw(API, 'PUT', indexPath('x')), 405, 7001);
    const v1 = await raw(API, 'GET', `/accounts/${ACCOUNT}/vectorize/indexes`);
    expectCfError(v1, 501, 1001);
    expect(v1.json.errors[0]!.message).toContain('Vectorize v1 (deprecated)');
  });

  it('with auth off (vconf serve --no-auth) any well-formed account works without credentials (options.ts)', async () => {
    sim.cloudflareVectorize.options.auth = false;
    try {
      expect((await raw(API, 'GET', `/accounts/${'a'.repeat(32)}/vectorize/v2/indexes`, { token: null })).status).toBe(200);
    } finally {
      sim.cloudflareVectorize.options.auth = true;
    }
  });

  it('the config file accepts cloudflareVectorize switches and refuses unknown ones, naming the field (simulator/config.ts)', () => {
    expect(parseConfig({ cloudflareVectorize: { mutationDelayMs: 0, topKMaxWithValuesOrMetadata: 20, tokens: [{ token: 'ci', accounts: [ACCOUNT], permission: 'read' }] } })).toBeTruthy();
    expect(() => parseConfig({ cloudflareVectorize: { mutationDelay: 1 } })).toThrow(/cloudflareVectorize: must NOT have additional properties "mutationDelay"/);
    expect(() => parseConfig({ cloudflareVectorize: { indexNotFoundStatus: 500 } })).toThrow(/indexNotFoundStatus/);
  });
});
