/**
 * Child processes of a benchmark run: servers and load clients run in their own processes (so they use their own
 * core), are tracked here, and are always killed, whether the run ends normally, throws, or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const live = new Set<ChildProcess>();

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** Send a message over IPC and wait for the reply with the same `id`. */
  request<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Wait for the next IPC message of this `type`. */
  next<T>(type: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Extra node flags (e.g. `--expose-gc`, `--cpu-prof`). */
  nodeArgs?: string[];
  /** Resolve once stdout prints a JSON line with this `event`; its parsed value is returned as `ready`. */
  readyEvent?: string;
  ipc?: boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Spawn `node [nodeArgs] script [args]`; `script` is relative to the repository root. */
export async function spawnNode(script: string, args: string[], opts: SpawnOptions = {}): Promise<{ child: Child; ready: unknown }> {
  const stdio: ('ignore' | 'pipe' | 'inherit' | 'ipc')[] = ['ignore', 'pipe', 'inherit'];
  if (opts.ipc) stdio.push('ipc');
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), resolve(ROOT, script), ...args], {
    cwd: opts.cwd ?? ROOT,
    stdio,
    env: { ...process.env, ...opts.env },
  });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));

  const messages: Record<string, unknown>[] = [];
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  proc.on('message', (m: Record<string, unknown>) => {
    const i = waiters.findIndex((w) => w.match(m));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
    else messages.push(m);
  });

  function wait<T>(match: (m: Record<string, unknown>) => boolean, what: string, timeoutMs: number): Promise<T> {
    const queued = messages.findIndex(match);
    if (queued >= 0) return Promise.resolve(messages.splice(queued, 1)[0] as T);
    return new Promise<T>((resolveWait, reject) => {
      const waiter = {
        match,
        resolve: (m: Record<string, unknown>) => {
          clearTimeout(timer);
          proc.off('exit', onExit);
          resolveWait(m as T);
        },
      };
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (code ${code}) while waiting for ${what}`));
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        proc.off('exit', onExit);
        reject(new Error(`${script}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
      proc.once('exit', onExit);
    });
  }

  let seq = 0;
  const child: Child = {
    proc,
    pid: proc.pid!,
    request<T>(message: Record<string, unknown>, timeoutMs = 60_000) {
      const id = ++seq;
      proc.send({ ...message, id });
      return wait<T>((m) => m.id === id, `reply to ${String(message.type)}`, timeoutMs);
    },
    next<T>(type: string, timeoutMs = 60_000) {
      return wait<T>((m) => m.type === type, `"${type}" message`, timeoutMs);
    },
    stop: () => stopProcess(proc),
  };

  let ready: unknown;
  if (opts.readyEvent) {
    ready = await new Promise((resolveReady, reject) => {
      const rl = createInterface({ input: proc.stdout! });
      const timer = setTimeout(() => reject(new Error(`${script}: not ready within ${opts.timeoutMs ?? 60_000} ms`)), opts.timeoutMs ?? 60_000);
      rl.on('line', (line) => {
        try {
          const parsed = JSON.parse(line) as { event?: string };
          if (parsed.event === opts.readyEvent) {
            clearTimeout(timer);
            resolveReady(parsed);
          }
        } catch {
          // not a JSON line
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (code ${code}) before it was ready`));
      });
    });
  }
  // Keep draining stdout so a chatty child never blocks on a full pipe.
  proc.stdout?.resume();
  return { child, ready };
}

/** SIGTERM, then SIGKILL after 5 s. */
export function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    proc.kill('SIGTERM');
  });
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((p) => stopProcess(p)));
}

/** Kill children on every way out of the parent. */
export function installCleanup(): void {
  const killNow = () => {
    for (const p of live) p.kill('SIGKILL');
  };
  process.once('exit', killNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killNow();
      process.exit(130);
    });
  }
}

/** Resident set size of another process in bytes, from /proc (Linux). */
export async function rssOf(pid: number): Promise<number | undefined> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Spawn a TypeScript entry point through bin/run-ts.mjs (tsx), as every project entry point runs. */
export function spawnTs(file: string, args: string[], opts: SpawnOptions = {}): Promise<{ child: Child; ready: unknown }> {
  return spawnNode('bin/run-ts.mjs', [file, ...args], opts);
}
