/** Starts and stops `vconf serve` as a user would, for the persistence tests: every endpoint, the ready line, exit codes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createBailianClient } from '../../scenarios/clients/bailian.ts';
import { createCloudflareClient } from '../../scenarios/clients/cloudflare-vectorize.ts';
import { createOssClient } from '../../scenarios/clients/oss-vectors.ts';
import { DEFAULT_ACCOUNT } from '../../simulator/cloudflare-vectorize/options.ts';
import { root } from '../sdk/harness.ts';

export interface Ready {
  event: 'ready';
  endpoints: Record<string, string>;
  seed: string;
  stateDir?: string;
  restoredWrites?: number;
}

export interface Served {
  child: ChildProcess;
  ready: Ready;
  control: string;
  oss: ReturnType<typeof createOssClient>;
  cf: ReturnType<typeof createCloudflareClient>;
  bailian: ReturnType<typeof createBailianClient>;
  stderr(): string;
}

export function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [join(root, 'bin', 'vconf.mjs'), 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-20_000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ready line within 60 s: ${stderr}`));
    }, 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = JSON.parse(line) as Ready;
      if (ready.event !== 'ready') return;
      clearTimeout(timer);
      const e = ready.endpoints;
      resolve({
        child,
        ready,
        control: new URL(e['oss-vectors']!).origin,
        oss: createOssClient({ endpoint: e['oss-vectors'], region: 'cn-hangzhou', accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' }),
        cf: createCloudflareClient({ baseUrl: e['cloudflare-vectorize'], accountId: DEFAULT_ACCOUNT, auth: { kind: 'token', token: 'test' } }),
        bailian: createBailianClient({ endpoint: e.bailian, accessKeyId: 'test', accessKeySecret: 'test', workspaceId: 'llm-simulator' }),
        stderr: () => stderr,
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`vconf serve exited (${code ?? signal}) before ready: ${stderr}`), { code, stderr }));
    });
  });
}

/** Runs `vconf serve` expecting it to refuse: resolves with its exit code and stderr. */
export function serveRefused(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return serve(args).then(
    async (s) => {
      await stop(s);
      throw new Error(`vconf serve ${args.join(' ')} started; it should have been refused`);
    },
    (err: { code: number | null; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
  );
}

export async function stop(s: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill(signal);
  await exited;
}
