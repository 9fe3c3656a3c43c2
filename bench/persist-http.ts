/**
 * What durability costs (issue 16 §4): signed PutVectors (one 4-d vector, the same key each time: every request is a
 * logged write) against `vconf serve` in memory and against `vconf serve --state-dir` (SQLite WAL,
 * synchronous = FULL, one commit per event-loop turn), alternating rounds of the same run. No target: the line
 * reports the ratio and both latencies.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOssClient } from '../scenarios/clients/oss-vectors.ts';
import { signRequest } from '../simulator/oss-vectors/signing.ts';
import { spawnNode } from './children.ts';
import { measure, type DeleteHttpOptions, type Sample } from './ratio.ts';
import { int, median, num } from './stats.ts';

async function round(opts: DeleteHttpOptions, stateDir: string | undefined, sync = 'full'): Promise<Sample> {
  // PutVectors' documented limit (1,000 requests/s per index) would answer most of the load 503: the figure is the
  // cost of durability, so no limits.
  const faults = join(mkdtempSync(join(tmpdir(), 'vconf-bench-faults-')), 'no-limits.yaml');
  writeFileSync(faults, 'limits: none\n');
  const args = ['serve', '--oss-vectors-port', '0', '--faults', faults, ...(stateDir ? ['--state-dir', stateDir, '--state-sync', sync] : [])];
  const { child, ready } = await spawnNode('bin/vconf.mjs', args, { readyEvent: 'ready' });
  try {
    const endpoint = (ready as { endpoints: Record<string, string> }).endpoints['oss-vectors']!;
    const client = createOssClient({ endpoint, region: 'cn-hangzhou', accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' });
    const bucket = 'bench-persist';
    const made = await client.call('PutVectorBucket', { bucket });
    const idx = await client.call('PutVectorIndex', { bucket, body: { indexName: 'idx', dataType: 'float32', dimension: 4, distanceMetric: 'cosine' } });
    if (made.status !== 200 || idx.status !== 200) throw new Error(`set-up failed: PutVectorBucket ${made.status}, PutVectorIndex ${idx.status} ${idx.text}`);
    const body = JSON.stringify({ indexName: 'idx', vectors: [{ key: 'k', data: { float32: [1, 2, 3, 4] } }] });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    Object.assign(headers, signRequest({ method: 'POST', rawQuery: 'putVectors', headers, accessKeyId: 'test', accessKeySecret: 'test', region: 'cn-hangzhou', accountId: '1234567890', bucket, now: new Date() }));
    const url = `${endpoint}/${bucket}/?putVectors`;
    const check = await fetch(url, { method: 'POST', headers, body });
    if (check.status !== 200) throw new Error(`pre-signed PutVectors answered ${check.status}: ${await check.text()}`);
    return await measure({ url, method: 'POST', headers, body }, opts);
  } finally {
    await child.stop();
  }
}

export async function runPersistHttp(opts: DeleteHttpOptions) {
  const memory: Sample[] = [];
  const durable: Sample[] = [];
  const normal: Sample[] = [];
  for (let r = 1; r <= opts.rounds; r++) {
    opts.log(`  round ${r}/${opts.rounds}: vconf serve in memory (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    memory.push(await round(opts, undefined));
    const dir = mkdtempSync(join(tmpdir(), 'vconf-bench-state-'));
    try {
      opts.log(`  round ${r}/${opts.rounds}: vconf serve --state-dir (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
      durable.push(await round(opts, dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const dir2 = mkdtempSync(join(tmpdir(), 'vconf-bench-state-'));
    try {
      opts.log(`  round ${r}/${opts.rounds}: vconf serve --state-dir --state-sync normal (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
      normal.push(await round(opts, dir2, 'normal'));
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  }
  const ratio = median(durable.map((d, i) => d.reqPerSec / memory[i]!.reqPerSec));
  const normalRatio = median(normal.map((d, i) => d.reqPerSec / memory[i]!.reqPerSec));
  const bad = [...memory, ...durable, ...normal].reduce((a, s) => a + s.non2xx + s.errors, 0);
  const line =
    `persist-writes-http: signed PutVectors with --state-dir ${int(median(durable.map((s) => s.reqPerSec)))} req/s vs in memory ` +
    `${int(median(memory.map((s) => s.reqPerSec)))} req/s → ratio ${num(ratio, 2)} INFO; p99 ${num(median(durable.map((s) => s.p99Ms)), 0)} ms vs ` +
    `${num(median(memory.map((s) => s.p99Ms)), 0)} ms (SQLite WAL, synchronous=FULL, one commit per event-loop turn); --state-sync normal ` +
    `${int(median(normal.map((s) => s.reqPerSec)))} req/s → ratio ${num(normalRatio, 2)} (${opts.connections} connections, ` +
    `${opts.durationS} s after ${opts.warmupS} s warm-up, ${opts.rounds} round${opts.rounds > 1 ? 's, medians' : ''}${bad > 0 ? `; ${bad} non-2xx/errors!` : ''})`;
  return { line, pass: bad === 0, json: { ratio, normalRatio, memory, durable, normal } };
}
