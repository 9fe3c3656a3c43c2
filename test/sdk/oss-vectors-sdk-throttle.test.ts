// How the official OSS SDKs react to the simulator's throttle and partial-delete faults, asserted from the server's
// side (issue 5 §4): the Go SDK v2 and Python SDK programs run in VCONF_MODE=throttle (test/sdk/go/throttle.go,
// run_throttle in test/sdk/python/lifecycle.py) against a fresh `vconf serve` each; each program arms its own fault
// plan on the control endpoint right before the step it targets. This test then reads the request journal and
// checks the exact attempts the SDK's default retryer made per step.
//   Fact sheet oss-vectors.md §8.5: default 3 attempts (1 + 2 retries), retry on status >= 500, 401, 408, 429 and
//   RequestTimeTooSkewed/BadRequest; a 409 is never retried.
//   Seed 001_3830517637282d1c.txt: DeleteVectors answers 503 QpsLimitExceeded; on a 5xx only part of the batch may
//   have been deleted (no atomicity), so the client's retry must converge.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  goBinary,
  programEnv,
  pythonProgram,
  readJournal,
  runProgram,
  startServer,
  stopServer,
  venvPython,
  type JournalEntry,
  type ProgramRun,
  type Server,
} from './harness.ts';

const SEED = '001_3830517637282d1c.txt';
const FACTS = 'oss-vectors.md §8.5';

const T = 'QpsLimitExceeded';
/**
 * Each step the program reports, in order, with the requests the simulator must have answered for it:
 * `operation status [code] [(injected)]`.
 */
const THROTTLE_STEPS: [step: string, attempts: string[]][] = [
  ['PutVectorBucket', ['PutVectorBucket 200']],
  ['PutVectorIndex', ['PutVectorIndex 200']],
  ['PutVectors(20)', ['PutVectors 200']],
  // (a) 2 injected throttles, then the third attempt succeeds.
  ['DeleteVectors(503x2 then retried)', [`DeleteVectors 503 ${T} (fail)`, `DeleteVectors 503 ${T} (fail)`, 'DeleteVectors 204']],
  // (b) 3 throttles exhaust the 3 attempts; no fourth.
  ['GetVectors(503x3 surfaced)', [`GetVectors 503 ${T} (fail)`, `GetVectors 503 ${T} (fail)`, `GetVectors 503 ${T} (fail)`]],
  // (c) half the batch applied then 503; one retry of the same batch succeeds.
  ['DeleteVectors(partial 503 then retried)', [`DeleteVectors 503 ${T} (partial)`, 'DeleteVectors 204']],
  ['GetVectors(after deletes)', ['GetVectors 200']],
  // (d) a 409 is answered once and never retried.
  ['DeleteVectorBucket(not empty)', ['DeleteVectorBucket 409 VectorBucketNotEmpty']],
  ['DeleteVectorIndex', ['DeleteVectorIndex 204']],
  ['DeleteVectorBucket', ['DeleteVectorBucket 204']],
];

/** Each test's fresh `vconf serve`, stopped after it. */
const servers: Server[] = [];

function describeEntry(e: JournalEntry): string {
  return [e.operation, String(e.status), e.code, e.injected ? `(${e.injected})` : undefined].filter(Boolean).join(' ');
}

async function runThrottle(which: 'go' | 'py'): Promise<{ run: ProgramRun; journal: JournalEntry[]; server: Server }> {
  const server = await startServer();
  servers.push(server);
  const env = { ...programEnv(server.endpoint, which), VCONF_MODE: 'throttle' };
  const run =
    which === 'go' ? await runProgram(goBinary, [], env, 150_000) : await runProgram(venvPython, [pythonProgram], env, 150_000);
  const journal = await readJournal(server, 'oss-vectors');
  return { run, journal, server };
}

function assertThrottle(which: 'go' | 'py', { run, journal, server }: Awaited<ReturnType<typeof runThrottle>>): void {
  const seen = journal.map(describeEntry);
  const report = [
    `exit code ${run.code}`,
    `stdout:\n${run.stdout}`,
    `stderr:\n${run.stderr.slice(-5_000)}`,
    `journal:\n  ${seen.join('\n  ')}`,
    `simulator stderr (tail):\n${server.stderr().slice(-5_000)}`,
  ].join('\n');

  // What the SDK returned to the program.
  const failed = run.steps.filter((s) => !s.ok).map((s) => `${s.step}: ${s.status} ${s.code} ${s.detail}`);
  expect(failed, `failed steps\n${report}`).toEqual([]);
  expect(run.steps.map((s) => s.step), `steps reported\n${report}`).toEqual(THROTTLE_STEPS.map(([s]) => s));
  expect(run.code, report).toBe(0);
  const byStep = new Map(run.steps.map((s) => [s.step, s]));
  expect(byStep.get('DeleteVectors(503x2 then retried)')?.status, report).toBe(204);
  expect(byStep.get('GetVectors(503x3 surfaced)'), report).toMatchObject({ status: 503, code: T });
  expect(byStep.get('DeleteVectors(partial 503 then retried)')?.status, report).toBe(204);
  expect(byStep.get('DeleteVectorBucket(not empty)'), report).toMatchObject({ status: 409, code: 'VectorBucketNotEmpty' });

  // What the server saw: every request aimed at this program's bucket, and per step exactly the attempts above.
  for (const e of journal) expect(`${e.host}${e.path}`, report).toContain(`${which}-`);
  let at = 0;
  for (const [step, attempts] of THROTTLE_STEPS) {
    expect(seen.slice(at, at + attempts.length), `requests the simulator answered for ${step}\n${report}`).toEqual(attempts);
    at += attempts.length;
  }
  expect(seen.length, `no request after the last step\n${report}`).toBe(at);
}

afterEach(async () => {
  while (servers.length) await stopServer(servers.pop());
});

describe(`official OSS SDKs' default retryer against injected throttles and partial deletes (seed ${SEED}, fact sheet ${FACTS})`, () => {
  it(
    `Go SDK v2: DeleteVectors 503 ${T} ×2 → retried to 204 (3 attempts); GetVectors 503 ×3 → ServiceError 503 after ` +
      `3 attempts; partial DeleteVectors 503 (seed ${SEED}) → retried once to 204, all keys gone; 409 → 1 attempt ` +
      `(fact sheet ${FACTS})`,
    async () => {
      if (!existsSync(goBinary)) {
        throw new Error(`${goBinary} is missing: run \`bash scripts/setup-go-sdk.sh\``);
      }
      assertThrottle('go', await runThrottle('go'));
    },
    180_000,
  );

  it(
    `Python SDK v2: DeleteVectors 503 ${T} ×2 → retried to 204 (3 attempts); GetVectors 503 ×3 → ServiceError 503 ` +
      `after 3 attempts; partial DeleteVectors 503 (seed ${SEED}) → retried once to 204, all keys gone; 409 → 1 ` +
      `attempt (fact sheet ${FACTS})`,
    async () => {
      if (!existsSync(venvPython)) {
        throw new Error(`${venvPython} is missing: run \`bash scripts/setup-python-sdk.sh\``);
      }
      assertThrottle('py', await runThrottle('py'));
    },
    180_000,
  );
});
