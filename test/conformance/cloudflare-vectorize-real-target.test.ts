/**
 * The real-service target for Cloudflare Vectorize without the internet (issue 6 §5): its code path — the API host
 * api.cloudflare.com/client/v4, Bearer and X-Auth-Email/X-Auth-Key credentials from the SDK's environment variables,
 * run-prefixed indexes, clean-up, bounded polling of info.processedUpToMutation instead of a flush — runs against a
 * second simulator over HTTP with auth on. Only the last hop differs: requests travel in proxy form
 * (`POST https://api.cloudflare.com/client/v4/accounts/…/delete_by_ids`) to the simulator's address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../scenarios/runner/report-model.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import { DEFAULT_ACCOUNT } from '../../simulator/cloudflare-vectorize/options.ts';
import { createSimulator, type Simulator } from '../../simulator/index.ts';
import { tempDir } from './helpers.ts';

const ENV = {
  CLOUDFLARE_API_TOKEN: 'test',
  CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT,
  CLOUDFLARE_EMAIL: 'user@example.com',
  CLOUDFLARE_API_KEY: '144c9defac04969c7bfad8efaa8ea194',
  VCONF_CLOUDFLARE_READ_ONLY_API_TOKEN: 'readonly',
  VCONF_CLOUDFLARE_OTHER_ACCOUNT_API_TOKEN: 'other',
};

let sim: Simulator;
let report: RunReport;
const recordings = tempDir('cf-recordings');

beforeAll(async () => {
  // Auth on; a short but real mutation delay, so every wait goes through polling info (no control API on "real").
  sim = createSimulator({ limits: 'none', cloudflareVectorize: { mutationDelayMs: 200 } });
  const via = (await sim.startHttp())['cloudflare-vectorize'];
  report = await runConformance({ target: { kind: 'real', env: ENV, via }, providers: ['cloudflare-vectorize'], record: true, recordingsDir: recordings });
}, 120_000);

afterAll(async () => {
  await sim.close();
});

describe('cloudflare-vectorize: real target, pointed at a second simulator', () => {
  it('every scenario runs and passes: no scenario needs simulator control', () => {
    // The one declared real-target deviation: a commit faster than the next request (here only under heavy load).
    const other = report.scenarios.filter((s) => s.result !== 'passed' && !(s.id === 'dbi-async-visibility' && s.result === 'deviation'));
    expect(other.map((s) => [s.id, s.result, s.reason])).toEqual([]);
    expect(report.run.target.kind).toBe('real');
  });

  it('used api.cloudflare.com with the account in the path, the identities asked for, and run-prefixed indexes', () => {
    const entries = sim.journal.read({ provider: 'cloudflare-vectorize' });
    expect(entries.length).toBeGreaterThan(100);
    expect(entries.every((e) => e.host === 'api.cloudflare.com')).toBe(true);
    expect(entries.filter((e) => e.code === '7003').length).toBe(1); // the 33-character account scenario only
    const indexPaths = entries.map((e) => /\/vectorize\/v2\/indexes\/([^/]+)/.exec(e.path)?.[1]).filter((n): n is string => n !== undefined);
    expect(indexPaths.every((n) => /^vc[a-z0-9]+-[a-z0-9]+-[a-z]+$/.test(n))).toBe(true);
    // Refusals come only from the scenarios that ask for them: 9106 anonymous, 6003 malformed, 10000 read-only/other.
    expect(entries.filter((e) => e.code === '9106').length).toBe(1);
    expect(entries.filter((e) => e.code === '6003').length).toBe(1);
    expect(entries.filter((e) => e.code === '10000').length).toBe(2);
    // Waiting was done by polling info, not by a flush.
    expect(entries.filter((e) => e.operation === 'GetIndexInfo').length).toBeGreaterThan(30);
  });

  it('cleaned up every index it created', () => {
    expect(sim.cloudflareVectorize.state.listIndexes(DEFAULT_ACCOUNT)).toEqual([]);
    expect(report.scenarios.flatMap((s) => s.cleanup)).toEqual([]);
  });

  it('record mode saved normalised answers; replaying them against the in-process simulator finds no difference', async () => {
    const rec = JSON.parse(readFileSync(join(recordings, 'cloudflare-vectorize', 'dbi-returns-mutation-id.json'), 'utf8')) as { steps: { response: { body: unknown } }[] };
    expect(rec.steps[0]!.response.body).toEqual({ result: { mutationId: '<volatile>' }, success: true, errors: [], messages: [] });
    const replay = await runConformance({ target: { kind: 'in-process' }, providers: ['cloudflare-vectorize'], replay: true, recordingsDir: recordings });
    const compared = replay.scenarios.filter((s) => s.replay?.recording);
    expect(compared.length).toBe(replay.scenarios.length);
    expect(compared.filter((s) => s.replay!.diffs.length > 0).map((s) => [s.id, s.replay!.diffs])).toEqual([]);
    expect(replay.counts.failed).toBe(0);
  });

  it('without credentials every scenario is not applicable, naming the variables', async () => {
    const r = await runConformance({ target: { kind: 'real', env: {} }, providers: ['cloudflare-vectorize'], scenarios: ['dbi-returns-mutation-id'] });
    expect(r.scenarios[0]!.result).toBe('not-applicable');
    expect(r.scenarios[0]!.reason).toBe('real Cloudflare Vectorize credentials are not set (CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID)');
  });

  it('with only the owner token the optional identities are not applicable, naming the reason', async () => {
    const r = await runConformance({
      target: { kind: 'real', env: { CLOUDFLARE_API_TOKEN: 'test', CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT }, via: (await sim.startHttp())['cloudflare-vectorize'] },
      providers: ['cloudflare-vectorize'],
      scenarios: ['auth-*'],
    });
    const by = Object.fromEntries(r.scenarios.map((s) => [s.id, s.result]));
    expect(by).toEqual({
      'auth-bearer-token': 'passed',
      'auth-global-key': 'not-applicable',
      'auth-malformed-token': 'passed',
      'auth-missing-credentials': 'passed',
      'auth-other-account-token': 'not-applicable',
      'auth-read-only-may-read': 'not-applicable',
      'auth-read-only-refused': 'not-applicable',
    });
    expect(r.scenarios.find((s) => s.id === 'auth-global-key')!.reason).toContain('identity:global-key: no credentials for this identity');
  });
});
