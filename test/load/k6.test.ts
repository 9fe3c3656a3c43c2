/**
 * k6 load scripts run for real against `vconf serve` (load/oss-vectors/delete-vectors-qps.js): the thresholds live in
 * the script, k6's exit code says whether they held, and the journal is cross-checked from the server side.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const K6 = resolve('.cache/bin/k6');

describe('k6 load scripts', () => {
  it('DeleteVectors at 100/s against a 50/s limit: every answer is 204 or 503 QpsLimitExceeded, and half are accepted (seed 001_3830517637282d1c.txt)', async () => {
    expect(existsSync(K6), `${K6} is missing: run bash scripts/setup-k6.sh (npm test does it through scripts/setup.mjs --sdks)`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'vconf-k6-'));
    const faults = join(dir, 'faults.yaml');
    writeFileSync(
      faults,
      'limits:\n  - { id: oss-vectors/DeleteVectors, provider: oss-vectors, operations: [DeleteVectors], per: [account], limit: 50, windowMs: 1000, unit: requests }\n',
    );
    const server = spawn(process.execPath, ['bin/vconf.mjs', 'serve', '--faults', faults], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
      const endpoint = (JSON.parse(line) as { endpoints: Record<string, string> }).endpoints['oss-vectors']!;
      const summary = join(dir, 'summary.json');
      const run = spawnSync(K6, ['run', '--quiet', '--no-color', '--summary-export', summary, 'load/oss-vectors/delete-vectors-qps.js'], {
        env: { ...process.env, OSS_ENDPOINT: endpoint, LIMIT: '50', RATE: '100', DURATION: '10s', K6_NO_USAGE_REPORT: 'true' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const metrics = (JSON.parse(readFileSync(summary, 'utf8')) as { metrics: Record<string, Record<string, number>> }).metrics;
      expect(metrics.checks!.value).toBe(1);
      expect(Math.abs(metrics.accepted!.value! - 0.5)).toBeLessThanOrEqual(0.05);
      const journal = (await (await fetch(`${endpoint}/__vconf/journal?provider=oss-vectors`)).json()) as { entries: { operation: string; status: number; injected?: string }[] };
      const deletes = journal.entries.filter((e) => e.operation === 'DeleteVectors');
      expect(deletes.every((e) => e.status === 204 || (e.status === 503 && e.injected === 'throttle'))).toBe(true);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }, 180_000);

  it('Vectorize delete_by_ids at 300/s from one address against the documented 200/s per-client limit: 200 + mutationId or 429 + Retry-After, two thirds accepted (seed 003_098483bba856862a.txt; fact sheet §8)', async () => {
    expect(existsSync(K6), `${K6} is missing: run bash scripts/setup-k6.sh`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'vconf-k6-'));
    const faults = join(dir, 'faults.yaml');
    // Only the per-client rule: the 1,200-per-5-minutes token rule would cap a 10 s run at 1,200 requests.
    writeFileSync(faults, 'limits:\n  - { id: cloudflare-vectorize/per-client, provider: cloudflare-vectorize, operations: ["*"], per: [client], limit: 200, windowMs: 1000, unit: requests }\n');
    const server = spawn(process.execPath, ['bin/vconf.mjs', 'serve', '--faults', faults], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
      const base = (JSON.parse(line) as { endpoints: Record<string, string> }).endpoints['cloudflare-vectorize']!;
      const summary = join(dir, 'summary.json');
      const run = spawnSync(K6, ['run', '--quiet', '--no-color', '--summary-export', summary, 'load/cloudflare-vectorize/delete-by-ids-rate-limit.js'], {
        env: { ...process.env, CF_BASE_URL: base, LIMIT: '200', RATE: '300', DURATION: '10s', K6_NO_USAGE_REPORT: 'true' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const metrics = (JSON.parse(readFileSync(summary, 'utf8')) as { metrics: Record<string, Record<string, number>> }).metrics;
      expect(metrics.checks!.value).toBe(1);
      expect(Math.abs(metrics.accepted!.value! - 2 / 3)).toBeLessThanOrEqual(0.05);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }, 180_000);
});

