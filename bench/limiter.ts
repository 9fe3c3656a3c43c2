/**
 * Issue 5 §1: the limiter's accepted rate over a 10-second saturated run, against the configured rate, over real HTTP
 * in real time (the unit tests check the same on a manual clock). `vconf serve` gets a DeleteVectors limit of LIMIT/s;
 * autocannon offers far more; the accepted rate is the 204 count divided by the measured duration.
 */
import autocannon, { type Result } from 'autocannon';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOssClient } from '../scenarios/clients/oss-vectors.ts';
import { signRequest } from '../simulator/oss-vectors/signing.ts';
import { spawnNode } from './children.ts';
import { int, num, verdict } from './stats.ts';

export const LIMITER_TOLERANCE = 0.05;

export async function runLimiterAccuracy(opts: { limit: number; durationS: number; connections: number; log: (l: string) => void }) {
  const faults = join(mkdtempSync(join(tmpdir(), 'vconf-bench-')), 'faults.json');
  writeFileSync(
    faults,
    JSON.stringify({ limits: [{ id: 'bench/DeleteVectors', provider: 'oss-vectors', operations: ['DeleteVectors'], per: ['account'], limit: opts.limit, windowMs: 1000, unit: 'requests' }] }),
  );
  const { child, ready } = await spawnNode('bin/vconf.mjs', ['serve', '--faults', faults], { readyEvent: 'ready' });
  try {
    const endpoint = (ready as { endpoints: Record<string, string> }).endpoints['oss-vectors']!;
    const client = createOssClient({ endpoint, region: 'cn-hangzhou', accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' });
    await client.call('PutVectorBucket', { bucket: 'bench-limiter' });
    await client.call('PutVectorIndex', { bucket: 'bench-limiter', body: { indexName: 'idx', dataType: 'float32', dimension: 4, distanceMetric: 'cosine' } });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    Object.assign(headers, signRequest({ method: 'POST', rawQuery: 'deleteVectors', headers, accessKeyId: 'test', accessKeySecret: 'test', region: 'cn-hangzhou', accountId: '1234567890', bucket: 'bench-limiter', now: new Date() }));
    opts.log(`  offering DeleteVectors as fast as ${opts.connections} connections go for ${opts.durationS} s against a ${opts.limit}/s limit…`);
    const r: Result = await autocannon({
      url: `${endpoint}/bench-limiter/?deleteVectors`,
      method: 'POST',
      headers,
      body: JSON.stringify({ indexName: 'idx', keys: ['missing'] }),
      connections: opts.connections,
      duration: opts.durationS,
    });
    const accepted = r.statusCodeStats['204']?.count ?? 0;
    const throttled = r.statusCodeStats['503']?.count ?? 0;
    const rate = accepted / r.duration;
    const error = rate / opts.limit - 1;
    const pass = Math.abs(error) <= LIMITER_TOLERANCE && throttled > 0;
    const line =
      `limiter-accuracy: ${num(rate, 1)} accepted/s against a ${opts.limit}/s limit over ${num(r.duration, 1)} s → ${error >= 0 ? '+' : ''}${num(100 * error, 1)}% ` +
      `(target within ±${100 * LIMITER_TOLERANCE}%) ${verdict(pass)}; offered ${int(r.requests.total / r.duration)} req/s, ${int(throttled)} answered 503 QpsLimitExceeded`;
    return { line, pass, json: { limit: opts.limit, acceptedPerSec: rate, error, offeredPerSec: r.requests.total / r.duration, accepted, throttled, durationS: r.duration } };
  } finally {
    await child.stop();
  }
}
