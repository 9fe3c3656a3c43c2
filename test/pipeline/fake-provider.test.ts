/**
 * A fourth provider registered through the description type only (test/fixtures/fake-kv.ts), driven end to end
 * in-process (msw) and over real HTTP on 127.0.0.1 by the same pipeline the three real providers use (issue 11):
 * routes, auth, resource lookup, body validation, faults and limits (learned from the description), the catch point,
 * the journal and spec checks of answers — with no edit outside the fixture.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../simulator/engine/clock.ts';
import { createSimulatorWith } from '../../simulator/index.ts';
import { FAKE_HOST, FAKE_TOKEN, fakeKv } from '../fixtures/fake-kv.ts';

const auth = { authorization: `Bearer ${FAKE_TOKEN}` };

function client(base: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: Object.fromEntries(res.headers), text, json: text ? (JSON.parse(text) as { error?: { code: string; message: string }; value?: string }) : undefined };
  };
}

/** The same behaviour, whichever front end carries the request. */
function behaviour(name: string, open: () => Promise<{ base: string; sim: ReturnType<typeof createSimulatorWith<[typeof fakeKv]>>; clock: ManualClock; close(): Promise<void> }>) {
  describe(`fake-kv ${name}`, () => {
    let env: Awaited<ReturnType<typeof open>>;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      env = await open();
      call = client(env.base);
    });
    afterAll(() => env.close());

    it('routes, authenticates, validates and answers in its own wire format', async () => {
      expect((await call('PUT', '/v1/keys/a', { value: 'one' })).status).toBe(204);
      const got = await call('GET', '/v1/keys/a');
      expect([got.status, got.json?.value, got.headers['x-fake-request-id']]).toEqual([200, 'one', expect.stringMatching(/^fake-\d+$/)]);
      expect((await call('GET', '/v1/keys/missing')).json?.error?.code).toBe('NoSuchKey');
      expect((await call('GET', '/v1/keys/a', undefined, {})).json?.error?.code).toBe('Unauthenticated');
      expect((await call('PUT', '/v1/keys/b', '{nope')).json?.error?.code).toBe('BadJson');
      const invalid = await call('PUT', '/v1/keys/b', { value: 'x'.repeat(65) });
      expect([invalid.status, invalid.json?.error?.code]).toEqual([400, 'Invalid']);
      const unmodelled = await call('GET', '/v1/stats');
      expect([unmodelled.status, unmodelled.json?.error?.message]).toEqual([501, 'GetStats is not implemented']);
      const oversize = await call('PUT', '/v1/keys/c', { value: 'y'.repeat(2000) });
      expect([oversize.status, oversize.json?.error?.code]).toEqual([413, 'TooLarge']);
    });

    it('turns a handler bug into its own 500 and journals the crash', async () => {
      const res = await call('POST', '/v1/explode');
      expect([res.status, res.json?.error?.code]).toEqual([500, 'Internal']);
      const entry = env.sim.journal.read({ provider: 'fake-kv' }).find((e) => e.operation === 'Explode')!;
      expect(entry).toMatchObject({ status: 500, code: 'Internal', crash: 'TypeError: the handler has a bug' });
    });

    it('checks its answers against its own spec', async () => {
      expect((await call('GET', '/v1/misbehave')).status).toBe(299);
      const entry = env.sim.journal.read({ provider: 'fake-kv' }).find((e) => e.operation === 'Misbehave')!;
      expect(entry.specIssues).toEqual([expect.stringMatching(/^status: .*299/)]);
    });

    it('applies its documented limit and partial faults; the journal records every outcome', async () => {
      env.clock.advance(5000);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call('PUT', `/v1/keys/k${i}`, { value: 'v' })).status);
      expect(statuses).toEqual([204, 204, 204, 429]);
      const throttled = await call('PUT', '/v1/keys/k9', { value: 'v' });
      expect([throttled.json?.error?.code, throttled.headers['retry-after'], throttled.headers['x-fake-remaining']]).toEqual(['RateLimited', '1', '0']);
      env.sim.control.addFault({ provider: 'fake-kv', operation: 'DeleteKeys', times: 1, seed: 'fake', action: { kind: 'partial', status: 503, code: 'Busy', fraction: 0.5 } });
      const partial = await call('POST', '/v1/keys:batchDelete', { keys: ['k0', 'k1', 'k2', 'a'] });
      expect([partial.status, partial.json?.error?.code]).toEqual([503, 'Busy']);
      expect(env.sim.fakeKv.state.keys.size).toBe(2); // k0, k1, k2 and a, less the half the fault picked
      expect((await call('POST', '/v1/keys:batchDelete', { keys: ['k0', 'k1', 'k2', 'a'] })).status).toBe(204);
      expect(env.sim.fakeKv.state.keys.size).toBe(0);
      const outcomes = env.sim.journal.read({ provider: 'fake-kv' }).filter((e) => e.operation === 'PutKey' || e.operation === 'DeleteKeys');
      expect(outcomes.filter((e) => e.injected === 'throttle').map((e) => e.status)).toEqual([429, 429]);
      expect(outcomes.filter((e) => e.injected === 'partial').map((e) => [e.operation, e.status, e.code])).toEqual([['DeleteKeys', 503, 'Busy']]);
    });
  });
}

behaviour('in-process (msw handlers)', async () => {
  const clock = new ManualClock(Date.parse('2026-12-04T10:00:00Z'));
  const sim = createSimulatorWith([fakeKv], { clock, validateResponses: true });
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    base: `https://${FAKE_HOST}`,
    sim,
    clock,
    close: async () => {
      server.close();
      await sim.close();
    },
  };
});

behaviour('over HTTP on 127.0.0.1', async () => {
  const clock = new ManualClock(Date.parse('2026-12-04T10:00:00Z'));
  const sim = createSimulatorWith([fakeKv], { clock, validateResponses: true });
  const endpoints = await sim.startHttp();
  return { base: endpoints['fake-kv'], sim, clock, close: () => sim.close() };
});

describe('fake-kv through the control endpoint', () => {
  it('the control API knows the fake provider: plans and limits naming it are accepted, others refused; its actions are served', async () => {
    const sim = createSimulatorWith([fakeKv], {});
    const base = (await sim.startHttp())['fake-kv'];
    try {
      const post = (path: string, body: unknown, method = 'POST') =>
        fetch(`${base}/__vconf/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post('faults', { provider: 'fake-kv', operation: 'GetKey', times: 1, action: { kind: 'drop' } })).status).toBe(201);
      const refused = await post('faults', { provider: 'oss-vectors', operation: 'GetKey', times: 1, action: { kind: 'drop' } });
      expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([400, expect.stringContaining('provider: must be equal to one of the allowed values (fake-kv)')]);
      const limits = (await (await post('limits', 'documented', 'PUT')).json()) as { limits: { id: string }[] };
      expect(limits.limits.map((l) => l.id)).toEqual(['fake-kv/PutKey']);
      await fetch(`${base}/v1/keys/z`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: '{"value":"v"}' });
      const action = (await (await post('actions/fake-kv/count', {})).json()) as { result: unknown };
      expect(action.result).toEqual({ keys: 1 });
      await expect(fetch(`${base}/v1/keys/z`, { headers: auth })).rejects.toThrow();
    } finally {
      await sim.close();
    }
    expect(sim.fakeKv.state.closed).toBe(true);
  });
});
