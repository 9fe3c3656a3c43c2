/**
 * Figure 1: signed DeleteVectors (one missing key → 204) against `vconf serve`, as a fraction of a bare node:http
 * server answering 204, both child processes, under the same autocannon settings in the same run.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOssClient } from '../scenarios/clients/oss-vectors.ts';
import { signRequest } from '../simulator/oss-vectors/signing.ts';
import { ROOT, spawnNode, spawnTs } from './children.ts';
import { compareRounds, measure, type DeleteHttpOptions, type Sample } from './ratio.ts';

export { DELETE_TARGET, type DeleteHttpOptions } from './ratio.ts';

interface Target {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

function load(target: Target, opts: DeleteHttpOptions): Promise<Sample> {
  return measure({ url: target.url, method: target.method, headers: target.headers, body: target.body }, opts);
}

/** One pre-signed DeleteVectors request; its signature stays valid for the 15-minute skew window. */
function signedDelete(endpoint: string, bucket: string, index: string): Target {
  const body = JSON.stringify({ indexName: index, keys: ['bench-missing-key'] });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  Object.assign(
    headers,
    signRequest({
      method: 'POST',
      rawQuery: 'deleteVectors',
      headers,
      accessKeyId: 'test',
      accessKeySecret: 'test',
      region: 'cn-hangzhou',
      accountId: '1234567890',
      bucket,
      now: new Date(),
    }),
  );
  return { url: `${endpoint}/${bucket}/?deleteVectors`, method: 'POST', headers, body };
}

async function bareRound(opts: DeleteHttpOptions): Promise<Sample> {
  const { child, ready } = await spawnTs('bench/bare-server.ts', [], { readyEvent: 'ready' });
  try {
    const url = (ready as { url: string }).url;
    return await load({ url: `${url}/bench-delete/?deleteVectors`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"indexName":"idx","keys":["bench-missing-key"]}' }, opts);
  } finally {
    await child.stop();
  }
}

async function simRound(opts: DeleteHttpOptions, round: number): Promise<Sample> {
  const nodeArgs: string[] = [];
  if (opts.profileDir) {
    mkdirSync(opts.profileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`);
  }
  const { child, ready } = await spawnNode('bin/vconf.mjs', ['serve', '--oss-vectors-port', '0'], { nodeArgs, readyEvent: 'ready' });
  try {
    const endpoint = (ready as { endpoints: Record<string, string> }).endpoints['oss-vectors']!;
    const client = createOssClient({ endpoint, region: 'cn-hangzhou', accountId: '1234567890', accessKeyId: 'test', accessKeySecret: 'test' });
    const bucket = 'bench-delete';
    const index = 'idx';
    const made = await client.call('PutVectorBucket', { bucket });
    const idx = await client.call('PutVectorIndex', { bucket, body: { indexName: index, dataType: 'float32', dimension: 4, distanceMetric: 'cosine' } });
    if (made.status !== 200 || idx.status !== 200) throw new Error(`set-up failed: PutVectorBucket ${made.status}, PutVectorIndex ${idx.status} ${idx.text}`);
    const target = signedDelete(endpoint, bucket, index);
    const check = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
    if (check.status !== 204) throw new Error(`pre-signed DeleteVectors answered ${check.status}: ${await check.text()}`);
    return await load(target, opts);
  } finally {
    await child.stop();
  }
}

export async function runDeleteHttp(opts: DeleteHttpOptions) {
  const r = await compareRounds(opts, { name: 'delete-vectors-http', label: 'signed DeleteVectors' }, () => bareRound(opts), (round) => simRound(opts, round));
  return { ...r, json: { ...r.json, profileDir: opts.profileDir ? resolve(ROOT, opts.profileDir) : undefined } };
}
