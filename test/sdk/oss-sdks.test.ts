// The official Alibaba Cloud OSS SDKs (Go SDK v2 oss/vectors, Python alibabacloud_oss_v2.vectors) run their whole
// vector-bucket lifecycle against `vconf serve`, signing on, default retries. The programs and their set-up:
//   test/sdk/go/main.go         built by scripts/setup-go-sdk.sh into .cache/sdk/go/oss-lifecycle
//   test/sdk/python/lifecycle.py run by the venv scripts/setup-python-sdk.sh makes in .cache/sdk/python-venv
// `npm test` runs both set-up scripts first (node scripts/setup.mjs --sdks); a missing binary or venv fails here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const goBinary = join(root, '.cache', 'sdk', 'go', 'oss-lifecycle');
const venvPython = join(root, '.cache', 'sdk', 'python-venv', 'bin', 'python');
const pythonProgram = join(root, 'test', 'sdk', 'python', 'lifecycle.py');

const SEED_DELETE_INDEX = '000_325d4cc8e00416e9.txt';
const SEED_DELETE_VECTORS = '001_3830517637282d1c.txt';
const SEED_DELETE_BUCKET = '002_46cf8975b9631b69.txt';

/** Every step each program must report, in order; a program that stops early fails on the missing ones. */
const LIFECYCLE_STEPS = [
  'PutVectorBucket',
  'GetVectorBucket',
  'ListVectorBuckets',
  'PutVectorIndex',
  'GetVectorIndex',
  'ListVectorIndexes',
  'PutVectors',
  'GetVectors',
  'ListVectors(paginator)',
  'QueryVectors',
  'DeleteVectors(with missing keys)',
  'GetVectors(after delete)',
  'DeleteVectorBucket(not empty)',
  'GetVectorBucket(wrong secret)',
  'DeleteVectorBucket(other account)',
  'DeleteVectorIndex',
  'DeleteVectorBucket',
  'GetVectorBucket(deleted)',
];

interface Step {
  step: string;
  ok: boolean;
  status: number;
  code: string;
  detail: string;
}

interface Server {
  child: ChildProcess;
  endpoint: string;
  stderr: () => string;
}

/** Starts `vconf serve --oss-vectors-port 0` and resolves on its ready line. */
function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [join(root, 'bin', 'vconf.mjs'), 'serve', '--oss-vectors-port', '0'], {
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
      const endpoint = msg.endpoints?.['oss-vectors'];
      if (!endpoint) {
        child.kill('SIGKILL');
        reject(new Error(`ready line names no oss-vectors endpoint: ${line}`));
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

async function stopServer(server: Server | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface ProgramRun {
  code: number | null;
  steps: Step[];
  stdout: string;
  stderr: string;
}

function runProgram(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ProgramRun> {
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

function programEnv(endpoint: string, prefix: string): NodeJS.ProcessEnv {
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

function assertLifecycle(run: ProgramRun, server: Server): void {
  const report = [
    `exit code ${run.code}`,
    `stdout:\n${run.stdout}`,
    `stderr:\n${run.stderr.slice(-5_000)}`,
    `simulator stderr (tail):\n${server.stderr().slice(-5_000)}`,
  ].join('\n');
  const failed = run.steps.filter((s) => !s.ok).map((s) => `${s.step}: ${s.status} ${s.code} ${s.detail}`);
  expect(failed, `failed steps\n${report}`).toEqual([]);
  expect(
    run.steps.map((s) => s.step),
    `steps reported\n${report}`,
  ).toEqual(LIFECYCLE_STEPS);
  expect(run.code, report).toBe(0);
  const byStep = new Map(run.steps.map((s) => [s.step, s]));
  expect(byStep.get('DeleteVectors(with missing keys)')?.status).toBe(204);
  expect(byStep.get('DeleteVectorBucket(not empty)')).toMatchObject({ status: 409, code: 'VectorBucketNotEmpty' });
  expect(byStep.get('DeleteVectorBucket(other account)')).toMatchObject({ status: 403, code: 'AccessDenied' });
  expect(byStep.get('GetVectorBucket(wrong secret)')).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  expect(byStep.get('DeleteVectorIndex')?.status).toBe(204);
  expect(byStep.get('DeleteVectorBucket')?.status).toBe(204);
  expect(byStep.get('GetVectorBucket(deleted)')).toMatchObject({ status: 404, code: 'NoSuchBucket' });
}

describe('official OSS SDKs against vconf serve', () => {
  let server: Server | undefined;

  beforeAll(async () => {
    server = await startServer();
  }, 120_000);

  afterAll(async () => {
    await stopServer(server);
  });

  it(
    `Go SDK v2 lifecycle (path style): DeleteVectors with missing keys → 204 (seed ${SEED_DELETE_VECTORS}), ` +
      `non-empty bucket → 409 VectorBucketNotEmpty, non-owner → 403 AccessDenied, empty bucket → 204 ` +
      `(seed ${SEED_DELETE_BUCKET}), DeleteVectorIndex → 204 (seed ${SEED_DELETE_INDEX})`,
    async () => {
      if (!existsSync(goBinary)) {
        throw new Error(
          `${goBinary} is missing: run \`bash scripts/setup-go-sdk.sh\` (npm test does it through \`node scripts/setup.mjs --sdks\`)`,
        );
      }
      const run = await runProgram(goBinary, [], programEnv(server!.endpoint, 'go'), 150_000);
      assertLifecycle(run, server!);
    },
    180_000,
  );

  it(
    `Python SDK v2 lifecycle (virtual-hosted, through the simulator as proxy): DeleteVectors with missing keys → 204 ` +
      `(seed ${SEED_DELETE_VECTORS}), non-empty bucket → 409 VectorBucketNotEmpty, non-owner → 403 AccessDenied, ` +
      `empty bucket → 204 (seed ${SEED_DELETE_BUCKET}), DeleteVectorIndex → 204 (seed ${SEED_DELETE_INDEX})`,
    async () => {
      if (!existsSync(venvPython)) {
        throw new Error(
          `${venvPython} is missing: run \`bash scripts/setup-python-sdk.sh\` (npm test does it through \`node scripts/setup.mjs --sdks\`)`,
        );
      }
      const run = await runProgram(venvPython, [pythonProgram], programEnv(server!.endpoint, 'py'), 150_000);
      assertLifecycle(run, server!);
    },
    180_000,
  );
});
