/**
 * Bailian DeleteFiles over HTTP, in the form of figure 1 (bench/delete-http.ts): `vconf serve` answering
 * `POST /{WorkspaceId}/datacenter/file/delete` (ACS3-signed, one unknown id → 200 with a NOT_FOUND result) as a
 * fraction of a bare node:http server answering 204, both child processes, same autocannon settings, same run.
 * Each request is signed afresh in autocannon's `setupRequest` (the simulator rejects a replayed nonce), so the
 * load generator pays for signing, as a real client does.
 *
 * Standalone: `node bin/run-ts.mjs bench/bailian-delete-http.ts [--quick]`.
 */
import autocannon, { type Result } from 'autocannon';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBailianClient } from '../scenarios/clients/bailian.ts';
import { installCleanup, spawnNode, spawnTs, stopAll } from './children.ts';
import { monotonicUs, type Window } from './profile.ts';
import { int, median, num, verdict } from './stats.ts';
import { DELETE_TARGET, type DeleteHttpOptions } from './delete-http.ts';

const WORKSPACE = 'llm-simulator';

interface Sample {
  window: Window;
  reqPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

type Prepare = () => { path: string; headers: Record<string, string>; body: string };

async function load(url: string, prepare: Prepare, opts: DeleteHttpOptions): Promise<Sample> {
  const origin = new URL(url).origin;
  const common = {
    url: origin,
    connections: opts.connections,
    pipelining: 1,
    requests: [
      {
        method: 'POST' as const,
        setupRequest: (req: Record<string, unknown>) => {
          const r = prepare();
          return { ...req, method: 'POST', path: r.path, headers: r.headers, body: r.body };
        },
      },
    ],
  };
  if (opts.warmupS > 0) await autocannon({ ...common, duration: opts.warmupS });
  const fromUs = monotonicUs();
  const r: Result = await autocannon({ ...common, duration: opts.durationS });
  return { window: { fromUs, toUs: monotonicUs() }, reqPerSec: r.requests.total / r.duration, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

function preparer(endpoint: string): Prepare {
  const client = createBailianClient({ endpoint, workspaceId: WORKSPACE, accessKeyId: 'test', accessKeySecret: 'test' });
  return () => {
    const r = client.prepare('DeleteFiles', { form: { FileIds: ['file_bench_missing'] } });
    const u = new URL(r.url);
    return { path: `${u.pathname}${u.search}`, headers: r.headers, body: String(r.body ?? '') };
  };
}

export async function runBailianDeleteHttp(opts: DeleteHttpOptions) {
  const bare: Sample[] = [];
  const sim: Sample[] = [];
  // The documented DeleteFiles limit (10/s, seed 004) would throttle the load by design; the benchmark measures the
  // simulator's own capacity, so limits are off, as in bench/sim-server.ts.
  const faults = join(mkdtempSync(join(tmpdir(), 'vconf-bench-')), 'faults.json');
  writeFileSync(faults, JSON.stringify({ limits: 'none' }));
  for (let round = 1; round <= opts.rounds; round++) {
    opts.log(`  round ${round}/${opts.rounds}: bare node:http (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    {
      const { child, ready } = await spawnTs('bench/bare-server.ts', [], { readyEvent: 'ready' });
      try {
        const url = (ready as { url: string }).url;
        bare.push(await load(url, preparer(url), opts));
      } finally {
        await child.stop();
      }
    }
    opts.log(`  round ${round}/${opts.rounds}: vconf serve, Bailian DeleteFiles (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    const nodeArgs = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
    const { child, ready } = await spawnNode('bin/vconf.mjs', ['serve', '--faults', faults], { nodeArgs, readyEvent: 'ready' });
    try {
      const endpoint = (ready as { endpoints: Record<string, string> }).endpoints.bailian!;
      const prepare = preparer(endpoint);
      const probe = prepare();
      const check = await fetch(`${endpoint}${probe.path}`, { method: 'POST', headers: probe.headers, body: probe.body });
      const text = await check.text();
      if (check.status !== 200 || !text.includes('NOT_FOUND')) throw new Error(`DeleteFiles answered ${check.status}: ${text}`);
      sim.push(await load(endpoint, prepare, opts));
    } finally {
      await child.stop();
    }
  }
  const ratios = sim.map((s, i) => s.reqPerSec / bare[i]!.reqPerSec);
  const ratio = median(ratios);
  const simRps = median(sim.map((s) => s.reqPerSec));
  const bareRps = median(bare.map((s) => s.reqPerSec));
  const bad = sim.reduce((a, s) => a + s.non2xx + s.errors, 0);
  const pass = ratio >= DELETE_TARGET && bad === 0;
  const line =
    `bailian-delete-files-http: ${int(simRps)} req/s vs bare node:http ${int(bareRps)} req/s → ratio ${num(ratio, 2)} ` +
    `(target ≥ ${DELETE_TARGET}) ${verdict(pass)}; p99 ${num(median(sim.map((s) => s.p99Ms)), 0)} ms vs ${num(median(bare.map((s) => s.p99Ms)), 0)} ms ` +
    `(each request signed anew by the load generator; ${opts.connections} connections, ${opts.durationS} s after ${opts.warmupS} s warm-up, ${opts.rounds} round${opts.rounds > 1 ? 's, medians' : ''}` +
    `${bad > 0 ? `; ${bad} non-2xx/errors!` : ''})`;
  return { line, windows: sim.map((s) => s.window), pass, json: { target: DELETE_TARGET, ratio, ratios, simulator: { reqPerSec: simRps, rounds: sim }, bare: { reqPerSec: bareRps, rounds: bare } } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  installCleanup();
  const quick = process.argv.includes('--quick');
  try {
    const r = await runBailianDeleteHttp({ connections: 10, durationS: quick ? 5 : 10, warmupS: quick ? 2 : 3, rounds: quick ? 1 : 3, profileDir: undefined, log: (l) => console.log(l) });
    console.log(r.line);
  } finally {
    await stopAll();
  }
}
