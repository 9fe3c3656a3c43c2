/**
 * Bad input (issue 3 "Bad input"): malformed JSON and NDJSON, wrong types, unknown fields, lone surrogates, random
 * bytes. Every answer is Cloudflare's envelope with the documented code (checked against the spec after each test by
 * the helper), nothing crashes, and nothing is half-applied.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../simulator/engine/random.ts';
import { ACCOUNT, API, axis, createIndex, expectCfError, inProcessCloudflare, indexPath, ndjson, raw, settle } from '../helpers/cloudflare.ts';

const { sim, clock, client } = inProcessCloudflare();
const json = (name: string, suffix: string, body: string) => raw(API, 'POST', indexPath(name, suffix), { headers: { 'content-type': 'application/json' }, body });
const pending = (name: string) => sim.cloudflareVectorize.state.pendingSummary().find((s) => s.index === name)?.pending;

describe('bad input', () => {
  it('malformed JSON, a JSON array and non-JSON content types are 40026 on every JSON operation (fact sheet §7.2: 40026 observed)', async () => {
    await createIndex(client, 'b-json');
    for (const suffix of ['/query', '/get_by_ids', '/delete_by_ids', '/metadata_index/create', '/metadata_index/delete']) {
      expectCfError(await json('b-json', suffix, '{"ids": ["a",'), 400, 40026);
      expectCfError(await json('b-json', suffix, '["a"]'), 400, 40026);
      expectCfError(await raw(API, 'POST', indexPath('b-json', suffix), { headers: { 'content-type': 'text/plain' }, body: '{}' }), 400, 40026);
    }
    expectCfError(await raw(API, 'POST', `/accounts/${ACCOUNT}/vectorize/v2/indexes`, { headers: { 'content-type': 'application/json' }, body: 'nope' }), 400, 40026);
    expect(pending('b-json')).toBe(0);
  });

  it('wrong types are 40026: ids not strings, topK not an integer, returnMetadata false (observed 40026), filter not an object (fact sheet §2.1, §7.2)', async () => {
    await createIndex(client, 'b-types');
    expectCfError(await json('b-types', '/delete_by_ids', '{"ids": "a"}'), 400, 40026);
    expectCfError(await json('b-types', '/delete_by_ids', '{"ids": [1, 2]}'), 400, 40026);
    expectCfError(await json('b-types', '/get_by_ids', '{"ids": [null]}'), 400, 40026);
    const vector = JSON.stringify(axis(0));
    expectCfError(await json('b-types', '/query', `{"vector": ${vector}, "topK": "5"}`), 400, 40026);
    expectCfError(await json('b-types', '/query', `{"vector": ${vector}, "topK": 2.5}`), 400, 40026);
    expectCfError(await json('b-types', '/query', `{"vector": ${vector}, "returnMetadata": false}`), 400, 40026);
    expectCfError(await json('b-types', '/query', `{"vector": ${vector}, "filter": "genre = drama"}`), 400, 40026);
    expectCfError(await json('b-types', '/query', '{"vector": ["x"]}'), 400, 40026);
    expectCfError(await json('b-types', '/metadata_index/create', '{"propertyName": "p", "indexType": "date"}'), 400, 40014);
    expect(pending('b-types')).toBe(0);
  });

  it('unknown fields are tolerated by default and 40026/40023 with rejectUnknownFields (options.ts)', async () => {
    await createIndex(client, 'b-unknown');
    expect((await json('b-unknown', '/delete_by_ids', '{"ids": ["a"], "extra": 1}')).status).toBe(200);
    const opts = sim.cloudflareVectorize.options;
    opts.rejectUnknownFields = true;
    try {
      expectCfError(await json('b-unknown', '/delete_by_ids', '{"ids": ["a"], "extra": 1}'), 400, 40026);
      const line = `${JSON.stringify({ id: 'a', values: axis(0), colour: 'red' })}\n`;
      expectCfError(await raw(API, 'POST', indexPath('b-unknown', '/upsert'), { headers: { 'content-type': 'application/x-ndjson' }, body: line }), 400, 40023);
    } finally {
      opts.rejectUnknownFields = false;
    }
  });

  it('one bad line fails the whole NDJSON batch and enqueues nothing: no half-applied write (issue 3 "Bad input")', async () => {
    await createIndex(client, 'b-atomic');
    const lines = [
      ...Array.from({ length: 50 }, (_, i) => ({ id: `ok${i}`, values: axis(i) })),
      { id: 'bad', values: axis(0).slice(1) },
    ];
    expectCfError(await raw(API, 'POST', indexPath('b-atomic', '/upsert'), { headers: { 'content-type': 'application/x-ndjson' }, body: ndjson(lines) }), 400, 40012);
    for (const body of ['', '\n\n', '{"id":"x","values":"1,2"}', 'null', '[1,2]', '{"id":5,"values":[]}']) {
      expectCfError(await raw(API, 'POST', indexPath('b-atomic', '/insert'), { headers: { 'content-type': 'application/x-ndjson' }, body }), 400, 40023);
    }
    expect(pending('b-atomic')).toBe(0);
    settle(sim, clock);
    expect((await client.vectorize.indexes.info('b-atomic', { account_id: ACCOUNT }))!.vectorCount).toBe(0);
  });

  it('a lone UTF-16 surrogate in an id or metadata fails the batch with 40023, as the live service does; non-UTF-8 bytes never crash', async () => {
    await createIndex(client, 'b-surrogate');
    for (const line of ['{"id":"\\ud835","values":VALUES}', '{"id":"ok","values":VALUES,"metadata":{"t":"x\\udc00"}}']) {
      const body = line.replace('VALUES', JSON.stringify(axis(0)));
      expectCfError(await raw(API, 'POST', indexPath('b-surrogate', '/upsert'), { headers: { 'content-type': 'application/x-ndjson' }, body }), 400, 40023);
    }
    const invalidUtf8 = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff, 0xfe]), Buffer.from(`","values":${JSON.stringify(axis(0))}}`)]);
    const res = await raw(API, 'POST', indexPath('b-surrogate', '/upsert'), { headers: { 'content-type': 'application/x-ndjson' }, body: invalidUtf8 });
    expect(res.status).toBe(200); // decoded as U+FFFD, a valid id
  });

  it('random bytes, truncated multipart bodies and odd methods never crash the simulator (seeded fuzz, 200 requests)', async () => {
    await createIndex(client, 'b-fuzz');
    const random = createRandom('cloudflare-fuzz');
    const suffixes = ['', '/info', '/insert', '/upsert', '/query', '/get_by_ids', '/delete_by_ids', '/list', '/metadata_index/create', '/metadata_index/list', '/metadata_index/delete'];
    const types = ['application/json', 'application/x-ndjson', 'multipart/form-data; boundary=xyz', 'multipart/form-data', undefined];
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(Array.from({ length: random.int(300) }, () => random.int(256)));
      const body = random.next() < 0.3 ? Buffer.concat([Buffer.from('--xyz\r\nContent-Disposition: form-data; name="vectors"\r\n\r\n{"id":'), bytes]) : bytes;
      const type = random.pick(types);
      const method = random.pick(['POST', 'POST', 'GET', 'DELETE', 'PATCH']);
      const res = await raw(API, method, indexPath('b-fuzz', random.pick(suffixes)), { ...(method === 'GET' ? {} : { body }), headers: type ? { 'content-type': type } : {} });
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(500);
      expect(res.json.errors).toBeDefined();
    }
    expect(sim.journal.read().filter((e) => e.crash)).toEqual([]);
  });
});
