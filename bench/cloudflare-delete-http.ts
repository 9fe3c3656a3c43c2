/**
 * Cloudflare Vectorize delete_by_ids over HTTP, in the form of figure 1 (bench/delete-http.ts): `vconf serve`
 * answering `POST …/delete_by_ids` (Bearer token, one missing id → 200 with a fresh mutationId, applied later) as a
 * fraction of a bare node:http server answering 204, both child processes, same autocannon settings, same run.
 *
 * Standalone: `node bin/run-ts.mjs bench/cloudflare-delete-http.ts [--quick]`. `runCloudflareDeleteHttp()` has the
 * options and result shape of `runDeleteHttp()`, so bench/run.ts can add it as a section.
 */
import autocannon, { type Result } from 'autocannon';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installCleanup, spawnNode, spawnTs, stopAll } from './children.ts';
import { monotonicUs, type Window } from './profile.ts';
import { int, median, num, verdict } from './stats.ts';
import { DELETE_TARGET, type DeleteHttpOptions } from './delete-http.ts';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const INDEX = 'bench-delete';

interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface Sample {
  window: Window;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(target: Target, opts: DeleteHttpOptions): Promise<Sample> {
  const common = { url: target.url, method: 'POST' as const, headers: target.headers, body: target.body, connections: opts.connections, pipelining: 1 };
  if (opts.warmupS > 0) await autocannon({ ...common, duration: opts.warmupS });
  const fromUs = monotonicUs();
  const r: Result = await autocannon({ ...common, duration: opts.durationS });
  return {
    window: { fromUs, toUs: monotonicUs() },
    reqPerSec: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const BODY = JSON.stringify({ ids: ['bench-missing-id'] });

async function bareRound(opts: DeleteHttpOptions): Promise<Sample> {
  const { child, ready } = await spawnTs('bench/bare-server.ts', [], { readyEvent: 'ready' });
  try {
    const url = (ready as { url: string }).url;
    return await load({ url: `${url}/client/v4/accounts/${ACCOUNT}/vectorize/v2/indexes/${INDEX}/delete_by_ids`, headers: { 'content-type': 'application/json' }, body: BODY }, opts);
  } finally {
    await child.stop();
  }
}

async function simRound(opts: DeleteHttpOptions): Promise<Sample> {
  const nodeArgs = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
  // The documented limits (1,200 requests per 5 min per token, 200/s per client: fact sheet §8) would throttle the
  // load by design; the benchmark measures the simulator's own capacity, so they are off, as in bench/sim-server.ts.
  const faults = join(mkdtempSync(join(tmpdir(), 'vconf-bench-')), 'faults.json');
  writeFileSync(faults, JSON.stringify({ limits: 'none' }));
  const { child, ready } = await spawnNode('bin/vconf.mjs', ['serve', '--faults', faults], { nodeArgs, readyEvent: 'ready' });
  try {
    const endpoint = (ready as { endpoints: Record<string, string> }).endpoints['cloudflare-vectorize']!;
    const headers = { authorization: 'Bearer test', 'content-type': 'application/json' };
    const made = await fetch(`${endpoint}/accounts/${ACCOUNT}/vectorize/v2/indexes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: INDEX, config: { dimensions: 32, metric: 'cosine' } }),
    });
    if (made.status !== 200) throw new Error(`set-up failed: create index ${made.status} ${await made.text()}`);
    const target = { url: `${endpoint}/accounts/${ACCOUNT}/vectorize/v2/indexes/${INDEX}/delete_by_ids`, headers, body: BODY };
    const check = await fetch(target.url, { method: 'POST', headers, body: BODY });
    if (check.status !== 200) throw new Error(`delete_by_ids answered ${check.status}: ${await check.text()}`);
    return await load(target, opts);
  } finally {
    await child.stop();
  }
}

export async function runCloudflareDeleteHttp(opts: DeleteHttpOptions) {
  const bare: Sample[] = [];
  const sim: Sample[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    opts.log(`  round ${round}/${opts.rounds}: bare node:http (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    bare.push(await bareRound(opts));
    opts.log(`  round ${round}/${opts.rounds}: vconf serve, Cloudflare delete_by_ids (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    sim.push(await simRound(opts));
  }
  const ratios = sim.map((s, i) => s.reqPerSec / bare[i]!.reqPerSec);
  const ratio = median(ratios);
  const simRps = median(sim.map((s) => s.reqPerSec));
  const bareRps = median(bare.map((s) => s.reqPerSec));
  const simP99 = median(sim.map((s) => s.p99Ms));
  const bareP99 = median(bare.map((s) => s.p99Ms));
  const bad = sim.reduce((a, s) => a + s.non2xx + s.errors, 0);
  const pass = ratio >= DELETE_TARGET && bad === 0;
  const line =
    `cloudflare-delete-by-ids-http: ${int(simRps)} req/s vs bare node:http ${int(bareRps)} req/s → ratio ${num(ratio, 2)} ` +
    `(target ≥ ${DELETE_TARGET}) ${verdict(pass)}; p99 ${num(simP99, 0)} ms vs ${num(bareP99, 0)} ms ` +
    `(autocannon, ${opts.connections} connections, ${opts.durationS} s after ${opts.warmupS} s warm-up, ${opts.rounds} round${opts.rounds > 1 ? 's, medians' : ''}` +
    `${bad > 0 ? `; ${bad} non-2xx/errors!` : ''})`;
  return {
    line,
    windows: sim.map((s) => s.window),
    pass,
    json: { target: DELETE_TARGET, ratio, ratios, simulator: { reqPerSec: simRps, p99Ms: simP99, rounds: sim }, bare: { reqPerSec: bareRps, p99Ms: bareP99, rounds: bare } },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  installCleanup();
  const quick = process.argv.includes('--quick');
  try {
    const result = await runCloudflareDeleteHttp({
      connections: 10,
      durationS: quick ? 5 : 10,
      warmupS: quick ? 2 : 3,
      rounds: 1,
      profileDir: undefined,
      log: (l) => process.stderr.write(`${l}\n`),
    });
    process.stdout.write(`${result.line}\n`);
    process.exitCode = result.pass ? 0 : 1;
  } finally {
    await stopAll();
  }
}
