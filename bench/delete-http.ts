/**
 * Figure 1: signed DeleteVectors (one missing key → 204) against `vconf serve`, as a fraction of a bare node:http
 * server answering 204, both child processes, under the same autocannon settings in the same run.
 */
import autocannon, { type Result } from 'autocannon';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOssClient } from '../scenarios/clients/oss-vectors.ts';
import { signRequest } from '../simulator/oss-vectors/signing.ts';
import { ROOT, spawnNode, spawnTs } from './children.ts';
import { monotonicUs, type Window } from './profile.ts';
import { int, median, num, verdict } from './stats.ts';

export interface DeleteHttpOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  /** Directory for `vconf serve --cpu-prof` output; undefined = no profiling. */
  profileDir: string | undefined;
  log: (line: string) => void;
}

export const DELETE_TARGET = 0.35;

interface Target {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

interface Sample {
  /** The measured run (not the warm-up), for cutting profiles. */
  window: Window;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

async function load(target: Target, opts: DeleteHttpOptions): Promise<Sample> {
  const common = { url: target.url, method: target.method, headers: target.headers, body: target.body, connections: opts.connections, pipelining: 1 };
  if (opts.warmupS > 0) await autocannon({ ...common, duration: opts.warmupS });
  const fromUs = monotonicUs();
  const r: Result = await autocannon({ ...common, duration: opts.durationS });
  return {
    window: { fromUs, toUs: monotonicUs() },
    reqPerSec: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    meanMs: r.latency.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

/** One pre-signed DeleteVectors request; its signature stays valid for the 15-minute skew window. */
function signedDelete(endpoint: string, bucket: string, index: string): Target {
  const body = JSON.stringify({ indexName: index, keys: ['bench-missing-key'] });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  Object.assign(
    headers,
    signRequest({
      method: 'POST',
      rawQuery: 'deleteVectors',
      headers,
      accessKeyId: 'test',
      accessKeySecret: 'test',
      region: 'cn-hangzhou',
      accountId: '1234567890',
      bucket,
      now: new Date(),
    }),
  );
  return { url: `${endpoint}/${bucket}/?deleteVectors`, method: 'POST', headers, body };
}

async function bareRound(opts: DeleteHttpOptions): Promise<Sample> {
  const { child, ready } = await spawnTs('bench/bare-server.ts', [], { readyEvent: 'ready' });
  try {
    const url = (ready as { url: string }).url;
    return await load({ url: `${url}/bench-delete/?deleteVectors`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"indexName":"idx","keys":["bench-missing-key"]}' }, opts);
  } finally {
    await child.stop();
  }
}

async function simRound(opts: DeleteHttpOptions, round: number): Promise<Sample> {
  const nodeArgs: string[] = [];
  if (opts.profileDir) {
    mkdirSync(opts.profileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`);
  }
  const { child, ready } = await spawnNode('bin/vconf.mjs', ['serve', '--oss-vectors-port', '0'], { nodeArgs, readyEvent: 'ready' });
  try {
    const endpoint = (ready as { endpoints: Record<string, string> }).endpoints['oss-vectors']!;
    const client = createOssClient({ endpoint, region: 'cn-hangzhou', accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' });
    const bucket = 'bench-delete';
    const index = 'idx';
    const made = await client.call('PutVectorBucket', { bucket });
    const idx = await client.call('PutVectorIndex', { bucket, body: { indexName: index, dataType: 'float32', dimension: 4, distanceMetric: 'cosine' } });
    if (made.status !== 200 || idx.status !== 200) throw new Error(`set-up failed: PutVectorBucket ${made.status}, PutVectorIndex ${idx.status} ${idx.text}`);
    const target = signedDelete(endpoint, bucket, index);
    const check = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
    if (check.status !== 204) throw new Error(`pre-signed DeleteVectors answered ${check.status}: ${await check.text()}`);
    return await load(target, opts);
  } finally {
    await child.stop();
  }
}

export async function runDeleteHttp(opts: DeleteHttpOptions) {
  const bare: Sample[] = [];
  const sim: Sample[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    opts.log(`  round ${round}/${opts.rounds}: bare node:http (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    bare.push(await bareRound(opts));
    opts.log(`  round ${round}/${opts.rounds}: vconf serve, signed DeleteVectors (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    sim.push(await simRound(opts, round));
  }
  const ratios = sim.map((s, i) => s.reqPerSec / bare[i]!.reqPerSec);
  const ratio = median(ratios);
  const simRps = median(sim.map((s) => s.reqPerSec));
  const bareRps = median(bare.map((s) => s.reqPerSec));
  const simP99 = median(sim.map((s) => s.p99Ms));
  const bareP99 = median(bare.map((s) => s.p99Ms));
  const bad = sim.reduce((a, s) => a + s.non2xx + s.errors, 0);
  const line =
    `delete-vectors-http: ${int(simRps)} req/s vs bare node:http ${int(bareRps)} req/s → ratio ${num(ratio, 2)} ` +
    `(target ≥ ${DELETE_TARGET}) ${verdict(ratio >= DELETE_TARGET && bad === 0)}; p99 ${num(simP99, 0)} ms vs ${num(bareP99, 0)} ms ` +
    `(autocannon, ${opts.connections} connections, ${opts.durationS} s after ${opts.warmupS} s warm-up, ${opts.rounds} round${opts.rounds > 1 ? 's, medians' : ''}` +
    `${bad > 0 ? `; ${bad} non-2xx/errors!` : ''})`;
  return {
    line,
    windows: sim.map((s) => s.window),
    pass: ratio >= DELETE_TARGET && bad === 0,
    json: {
      target: DELETE_TARGET,
      ratio,
      ratios,
      simulator: { reqPerSec: simRps, p99Ms: simP99, rounds: sim },
      bare: { reqPerSec: bareRps, p99Ms: bareP99, rounds: bare },
      settings: { connections: opts.connections, durationS: opts.durationS, warmupS: opts.warmupS, rounds: opts.rounds },
      profileDir: opts.profileDir ? resolve(ROOT, opts.profileDir) : undefined,
    },
  };
}
