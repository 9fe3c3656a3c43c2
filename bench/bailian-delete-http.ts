/**
 * Bailian DeleteFiles over HTTP, in the form of figure 1 (bench/delete-http.ts): `vconf serve` answering
 * `POST /{WorkspaceId}/datacenter/file/delete` (ACS3-signed, one unknown id → 200 with a NOT_FOUND result) as a
 * fraction of a bare node:http server answering 204, both child processes, same autocannon settings, same run.
 * Each request is signed afresh in autocannon's `setupRequest` (the simulator rejects a replayed nonce), so the
 * load generator pays for signing, as a real client does.
 *
 * Standalone: `node bin/run-ts.mjs bench/bailian-delete-http.ts [--quick]`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBailianClient } from '../scenarios/clients/bailian.ts';
import { installCleanup, spawnNode, spawnTs, stopAll } from './children.ts';
import { compareRounds, measure, type DeleteHttpOptions, type Sample } from './ratio.ts';

const WORKSPACE = 'llm-simulator';

type Prepare = () => { path: string; headers: Record<string, string>; body: string };

/** Every request is prepared (signed, fresh nonce) by autocannon's setupRequest. */
function load(url: string, prepare: Prepare, opts: DeleteHttpOptions): Promise<Sample> {
  return measure(
    {
      url: new URL(url).origin,
      requests: [
        {
          method: 'POST',
          setupRequest: (req: Record<string, unknown>) => {
            const r = prepare();
            return { ...req, method: 'POST', path: r.path, headers: r.headers, body: r.body };
          },
        },
      ],
    } as Parameters<typeof measure>[0],
    opts,
  );
}

function preparer(endpoint: string): Prepare {
  const client = createBailianClient({ endpoint, workspaceId: WORKSPACE, accessKeyId: 'test', accessKeySecret: 'test' });
  return () => {
    const r = client.prepare('DeleteFiles', { form: { FileIds: ['file_bench_missing'] } });
    const u = new URL(r.url);
    return { path: `${u.pathname}${u.search}`, headers: r.headers, body: String(r.body ?? '') };
  };
}

export function runBailianDeleteHttp(opts: DeleteHttpOptions) {
  // The documented DeleteFiles limit (10/s, seed 004) would throttle the load by design; the benchmark measures the
  // simulator's own capacity, so limits are off, as in bench/sim-server.ts.
  const faults = join(mkdtempSync(join(tmpdir(), 'vconf-bench-')), 'faults.json');
  writeFileSync(faults, JSON.stringify({ limits: 'none' }));
  const bareRound = async () => {
    const { child, ready } = await spawnTs('bench/bare-server.ts', [], { readyEvent: 'ready' });
    try {
      const url = (ready as { url: string }).url;
      return await load(url, preparer(url), opts);
    } finally {
      await child.stop();
    }
  };
  const simRound = async () => {
    const nodeArgs = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
    const { child, ready } = await spawnNode('bin/vconf.mjs', ['serve', '--faults', faults], { nodeArgs, readyEvent: 'ready' });
    try {
      const endpoint = (ready as { endpoints: Record<string, string> }).endpoints.bailian!;
      const prepare = preparer(endpoint);
      const probe = prepare();
      const check = await fetch(`${endpoint}${probe.path}`, { method: 'POST', headers: probe.headers, body: probe.body });
      const text = await check.text();
      if (check.status !== 200 || !text.includes('NOT_FOUND')) throw new Error(`DeleteFiles answered ${check.status}: ${text}`);
      return await load(endpoint, prepare, opts);
    } finally {
      await child.stop();
    }
  };
  return compareRounds(
    opts,
    { name: 'bailian-delete-files-http', label: 'Bailian DeleteFiles', note: 'each request signed anew by the load generator' },
    bareRound,
    simRound,
  );
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
