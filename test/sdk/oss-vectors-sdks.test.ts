// The official Alibaba Cloud OSS SDKs (Go SDK v2 oss/vectors, Python alibabacloud_oss_v2.vectors) run their whole
// vector-bucket lifecycle against `vconf serve`, signing on, default retries. The programs and their set-up:
//   test/sdk/go/main.go         built by scripts/setup-go-sdk.sh into .cache/sdk/go/oss-lifecycle
//   test/sdk/python/lifecycle.py run by the venv scripts/setup-python-sdk.sh makes in .cache/sdk/python-venv
// `npm test` runs both set-up scripts first (node scripts/setup.mjs --sdks); a missing binary or venv fails here.
// Server start-up, program runs and journal reads live in test/sdk/harness.ts (shared with oss-vectors-sdk-throttle.test.ts).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goBinary, programEnv, pythonProgram, runProgram, startServer, stopServer, venvPython, type ProgramRun, type Server } from './harness.ts';

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
