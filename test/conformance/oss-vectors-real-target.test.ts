/**
 * The real-service target without the internet (issue 6 §5): its code path — the service's virtual-host names with
 * the account id in the host, OSS4-HMAC-SHA256 signing with credentials from the SDKs' environment variables, run-
 * prefixed resources, clean-up, polling — runs against a second simulator over HTTP with signing on. Only the last
 * hop differs: requests travel in proxy form (`POST https://bucket-acct.region.oss-vectors…/?deleteVectors`) to the
 * simulator's address instead of through DNS. Record mode saves normalised answers; replay compares field by field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../scenarios/runner/report-model.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import { createSimulator, type Simulator } from '../../simulator/index.ts';
import { tempDir } from './helpers.ts';

const ENV = {
  OSS_ACCESS_KEY_ID: 'test',
  OSS_ACCESS_KEY_SECRET: 'test',
  OSS_ACCOUNT_ID: '1234567890',
  OSS_REGION: 'cn-hangzhou',
  VCONF_OSS_OTHER_ACCESS_KEY_ID: 'other',
  VCONF_OSS_OTHER_ACCESS_KEY_SECRET: 'other',
};

let sim: Simulator;
let via: string;
let report: RunReport;
const recordings = tempDir('recordings');

beforeAll(async () => {
  sim = createSimulator({ limits: 'none' }); // auth on: every request must carry a valid signature
  via = (await sim.startHttp())['oss-vectors'];
  report = await runConformance({ target: { kind: 'real', env: ENV, via }, providers: ['oss-vectors'], record: true, recordingsDir: recordings });
});

afterAll(async () => {
  await sim.close();
});

describe('real target, pointed at a second simulator', () => {
  it('runs every scenario that needs no simulator control; those that do are not applicable, with the reason', () => {
    const by = (r: string) => report.scenarios.filter((s) => s.result === r).map((s) => s.id).sort();
    expect(by('not-applicable')).toEqual(['dv-partial-on-5xx', 'dv-qps-limit', 'dv-ram-user-denied', 'dvb-ram-user-denied', 'dvi-conflict-while-creating', 'dvi-ram-user-denied']);
    const na = Object.fromEntries(report.scenarios.map((s) => [s.id, s.reason ?? '']));
    expect(na['dv-qps-limit']).toContain('cannot be set on the real service');
    expect(na['dvi-ram-user-denied']).toContain('no credentials for this identity');
    // The simulator standing in for the service requires indexName; the deviation is declared for simulators only,
    // so against a "real" target it is a failure — exactly what a recording of the real service would settle.
    expect(by('failed')).toEqual(['dv-index-name-optional']);
    expect(report.run.target.kind).toBe('real');
  });

  it('used the service host names with the account in the host, signed requests, and run-prefixed buckets', () => {
    const entries = sim.journal.read({ provider: 'oss-vectors' });
    expect(entries.length).toBeGreaterThan(100);
    expect(entries.every((e) => e.host.endsWith('.oss-vectors.aliyuncs.com'))).toBe(true);
    const bucketHosts = entries.filter((e) => e.host !== 'cn-hangzhou.oss-vectors.aliyuncs.com').map((e) => e.host);
    expect(bucketHosts.every((h) => /^vc[a-z0-9]+-[a-z0-9]+-[a-z0-9-]+-1234567890\.cn-hangzhou\.oss-vectors\.aliyuncs\.com$/.test(h) || /^(ab|trailing-|abcdefghijklmnopqrstuvwxyz0123456)-1234567890\./.test(h))).toBe(true);
    // Signature failures would show up as SignatureDoesNotMatch/InvalidAccessKeyId: none.
    expect(entries.filter((e) => e.code === 'SignatureDoesNotMatch' || e.code === 'InvalidAccessKeyId')).toEqual([]);
    expect(entries.filter((e) => e.code === 'AccessDenied').length).toBeGreaterThanOrEqual(4); // unsigned + other account
  });

  it('cleaned up every resource it created', () => {
    expect(sim.ossVectors.state.listBuckets('1234567890', 'cn-hangzhou')).toEqual([]);
    expect(report.scenarios.flatMap((s) => s.cleanup)).toEqual([]);
  });

  it('record mode saved normalised answers; replaying them against the in-process simulator finds no difference', async () => {
    const rec = JSON.parse(readFileSync(join(recordings, 'oss-vectors', 'nb-get-vector-bucket.json'), 'utf8')) as { steps: { response: { body: unknown } }[]; recordedAt: string };
    expect(rec.recordedAt).toMatch(/^\d{4}-/);
    expect(rec.steps[0]!.response.body).toEqual({
      BucketInfo: expect.objectContaining({ Name: 'acs:ossvector:cn-hangzhou:{{var.accountId}}:{{main}}', CreationDate: '<volatile>' }),
    });
    const replay = await runConformance({ target: { kind: 'in-process' }, providers: ['oss-vectors'], replay: true, recordingsDir: recordings });
    const compared = replay.scenarios.filter((s) => s.replay?.recording);
    expect(compared.length).toBeGreaterThan(35);
    expect(compared.filter((s) => s.replay!.diffs.length > 0).map((s) => [s.id, s.replay!.diffs])).toEqual([]);
    expect(replay.counts.failed).toBe(0);
  });

  it('a recording that disagrees with the simulator fails the replay, naming the field', async () => {
    const file = join(recordings, 'oss-vectors', 'dv-batch-delete.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"key": "keep"', '"key": "kept"'));
    const replay = await runConformance({ target: { kind: 'in-process' }, scenarios: ['dv-batch-delete'], replay: true, recordingsDir: recordings });
    const s = replay.scenarios[0]!;
    expect(s.result).toBe('failed');
    expect(s.replay!.diffs).toEqual([expect.objectContaining({ field: 'steps.only-keep-remains.body.vectors[0].key', expected: 'kept', actual: 'keep' })]);
    expect(s.reason).toContain('differs from the recording');
  });

  it('without credentials the real target reports every scenario as not applicable, naming the variables', async () => {
    const r = await runConformance({ target: { kind: 'real', env: {} }, scenarios: ['dv-batch-delete'] });
    expect(r.scenarios[0]!.result).toBe('not-applicable');
    expect(r.scenarios[0]!.reason).toBe('real OSS Vectors credentials are not set (OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_ACCOUNT_ID, OSS_REGION)');
  });
});
