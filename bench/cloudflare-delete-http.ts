/**
 * Cloudflare Vectorize delete_by_ids over HTTP, in the form of figure 1 (bench/delete-http.ts): `vconf serve`
 * answering `POST …/delete_by_ids` (Bearer token, one missing id → 200 with a fresh mutationId, applied later) as a
 * fraction of a bare node:http server answering 204, both child processes, same autocannon settings, same run.
 *
 * Standalone: `node bin/run-ts.mjs bench/cloudflare-delete-http.ts [--quick]`. `runCloudflareDeleteHttp()` has the
 * options and result shape of `runDeleteHttp()`, so bench/run.ts can add it as a section.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installCleanup, spawnNode, spawnTs, stopAll } from './children.ts';
import { compareRounds, measure, type DeleteHttpOptions, type Sample } from './ratio.ts';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const INDEX = 'bench-delete';

interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function load(target: Target, opts: DeleteHttpOptions): Promise<Sample> {
  return measure({ url: target.url, method: 'POST', headers: target.headers, body: target.body }, opts);
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

export function runCloudflareDeleteHttp(opts: DeleteHttpOptions) {
  return compareRounds(opts, { name: 'cloudflare-delete-by-ids-http', label: 'Cloudflare delete_by_ids' }, () => bareRound(opts), () => simRound(opts));
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
