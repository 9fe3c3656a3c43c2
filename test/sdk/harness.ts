// Shared by the official-SDK tests (oss-vectors-sdks.test.ts, oss-vectors-sdk-throttle.test.ts, bailian-sdks.test.ts): start a fresh `vconf serve`, run an
// SDK program against it, parse its one-JSON-object-per-step output, read the simulator's request journal.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const goBinary = join(root, '.cache', 'sdk', 'go', 'oss-lifecycle');
export const venvPython = join(root, '.cache', 'sdk', 'python-venv', 'bin', 'python');
export const pythonProgram = join(root, 'test', 'sdk', 'python', 'lifecycle.py');

export interface Step {
  step: string;
  ok: boolean;
  status: number;
  code: string;
  detail: string;
}

export interface Server {
  child: ChildProcess;
  endpoint: string;
  stderr: () => string;
}

/**
 * Starts `vconf serve` (by default `--oss-vectors-port 0`) and resolves on its ready line with the endpoint of `slug`.
 * Shared by every test that drives an official SDK over HTTP.
 */
export function startServer(opts: { slug?: string; args?: string[] } = {}): Promise<Server> {
  const slug = opts.slug ?? 'oss-vectors';
  const args = opts.args ?? ['--oss-vectors-port', '0'];
  const child = spawn(process.execPath, [join(root, 'bin', 'vconf.mjs'), 'serve', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vconf serve printed no ready line within 90 s; stderr:\n${stderr}`));
    }, 90_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let msg: { event?: string; endpoints?: Record<string, string> };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.event !== 'ready') return;
      clearTimeout(timer);
      const endpoint = msg.endpoints?.[slug];
      if (!endpoint) {
        child.kill('SIGKILL');
        reject(new Error(`ready line names no ${slug} endpoint: ${line}`));
        return;
      }
      resolvePromise({ child, endpoint, stderr: () => stderr });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`vconf serve exited (code ${code}, signal ${signal}) before its ready line; stderr:\n${stderr}`));
    });
  });
}

export async function stopServer(server: Server | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface ProgramRun {
  code: number | null;
  steps: Step[];
  stdout: string;
  stderr: string;
}

export function runProgram(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ProgramRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const steps: Step[] = [];
      for (const line of stdout.split('\n')) {
        if (!line.trim().startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as Partial<Step>;
          if (typeof parsed.step === 'string') steps.push(parsed as Step);
        } catch {
          // not a step line
        }
      }
      resolvePromise({ code, steps, stdout, stderr });
    });
  });
}

export function programEnv(endpoint: string, prefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The Python SDK goes through the simulator as an HTTP proxy; no ambient proxy may interfere.
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
  return {
    ...env,
    VCONF_OSS_ENDPOINT: endpoint,
    VCONF_ACCOUNT_ID: '1234567890',
    VCONF_ACCESS_KEY_ID: 'test',
    VCONF_ACCESS_KEY_SECRET: 'test',
    VCONF_REGION: 'cn-hangzhou',
    VCONF_BUCKET_PREFIX: prefix,
    VCONF_OTHER_ACCESS_KEY_ID: 'other',
    VCONF_OTHER_ACCESS_KEY_SECRET: 'other',
  };
}

export interface JournalEntry {
  seq: number;
  operation: string;
  method: string;
  host: string;
  path: string;
  status: number;
  code?: string;
  injected?: string;
}

/** The simulator's request journal for one provider (GET /__vconf/journal). */
export async function readJournal(server: Server, provider: string): Promise<JournalEntry[]> {
  const res = await fetch(`${server.endpoint}/__vconf/journal?provider=${encodeURIComponent(provider)}`);
  if (!res.ok) throw new Error(`GET /__vconf/journal: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { entries: JournalEntry[] }).entries;
}
