/**
 * The same simulator over real HTTP on 127.0.0.1: path-style (Go SDK), proxy-form virtual-host requests (Python SDK),
 * authentication errors, oversize bodies, and one state shared by the in-process and HTTP front ends.
 */
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulator/index.ts';
import { signRequest } from '../../simulator/oss-vectors/signing.ts';
import { createOssClient } from '../../scenarios/clients/oss-vectors.ts';
import { expectConforms, expectError, OTHER, OWNER, REGION } from '../helpers/oss.ts';

const sim = createSimulator({ validateResponses: true, limits: 'none' });
let endpoint = '';
const server = setupServer(...sim.handlers);

beforeAll(async () => {
  endpoint = (await sim.startHttp())['oss-vectors'];
  server.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  server.close();
  const bad = sim.journal.read().filter((e) => e.specIssues || e.crash);
  expect(bad).toEqual([]);
  await sim.close();
});

const http = () => createOssClient({ endpoint, region: REGION, ...OWNER });

/** Raw HTTP/1.1 exchange, so tests control the request line exactly. */
function raw(opts: { method: string; path: string; headers: Record<string, string>; body?: string | Buffer }) {
  const u = new URL(endpoint);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('HTTP front end', () => {
  it('path-style requests (/{bucket}/?op, as the Go SDK sends to an IP endpoint) run the whole flow with signing on (fact sheet §1.2, §8.2)', async () => {
    const c = http();
    expect((await c.call('PutVectorBucket', { bucket: 'http-path' })).status).toBe(200);
    expect((await c.call('PutVectorIndex', { bucket: 'http-path', body: { indexName: 'idx', dataType: 'float32', dimension: 2, distanceMetric: 'cosine' } })).status).toBe(200);
    expect((await c.call('PutVectors', { bucket: 'http-path', body: { indexName: 'idx', vectors: [{ key: 'a', data: { float32: [1, 0] } }] } })).status).toBe(200);
    const del = await c.call('DeleteVectors', { bucket: 'http-path', body: { indexName: 'idx', keys: ['a', 'missing'] } });
    expect(del.status).toBe(204);
    expect(del.headers['content-length']).toBe('0');
    expectConforms('DeleteVectors', del);
    const list = await c.call('ListVectorBuckets', {});
    expect(JSON.stringify(list.json)).toContain('acs:ossvector:cn-hangzhou:1234567890:http-path');
  });

  it('proxy-form requests are routed on the virtual host named in the absolute URI, so virtual-host-only clients need no DNS (issue 2 §6c)', async () => {
    await http().call('PutVectorBucket', { bucket: 'http-proxy' });
    const host = `http-proxy-1234567890.${REGION}.oss-vectors.aliyuncs.com`;
    const headers: Record<string, string> = { host, 'content-type': 'application/json' };
    Object.assign(headers, signRequest({ method: 'GET', rawQuery: 'bucketInfo=', headers, ...OWNER, region: REGION, bucket: 'http-proxy', now: new Date() }));
    const res = await raw({ method: 'GET', path: `http://${host}/?bucketInfo=`, headers });
    expect(res.status, res.text).toBe(200);
    expect(JSON.parse(res.text).BucketInfo.Name).toBe('acs:ossvector:cn-hangzhou:1234567890:http-proxy');
  });

  it('the in-process (msw) and HTTP front ends share one state (issue 2 §6)', async () => {
    const inProcess = createOssClient({ region: REGION, ...OWNER });
    expect((await inProcess.call('PutVectorBucket', { bucket: 'shared-state' })).status).toBe(200);
    expect((await http().call('GetVectorBucket', { bucket: 'shared-state' })).status).toBe(200);
  });

  it('InvalidAccessKeyId, SignatureDoesNotMatch and RequestTimeTooSkewed (±15 min) are 403 with the OSS error body (fact sheet §4.4, §7.4)', async () => {
    const unknown = createOssClient({ endpoint, region: REGION, ...OWNER, accessKeyId: 'nobody' });
    const r1 = await unknown.call('GetVectorBucket', { bucket: 'http-path' });
    expectError(r1, 403, 'InvalidAccessKeyId');
    expect((r1.json as { Error: { Message: string } }).Error.Message).toBe('The OSS Access Key Id you provided does not exist in our records.');
    expectError(await createOssClient({ endpoint, region: REGION, ...OWNER, accessKeySecret: 'wrong' }).call('GetVectorBucket', { bucket: 'http-path' }), 403, 'SignatureDoesNotMatch');
    const skewed = createOssClient({ endpoint, region: REGION, ...OWNER, now: () => new Date(Date.now() - 16 * 60_000) });
    expectError(await skewed.call('GetVectorBucket', { bucket: 'http-path' }), 403, 'RequestTimeTooSkewed');
    const withinSkew = createOssClient({ endpoint, region: REGION, ...OWNER, now: () => new Date(Date.now() - 14 * 60_000) });
    expect((await withinSkew.call('GetVectorBucket', { bucket: 'http-path' })).status).toBe(200);
  });

  it('path-style: another account signing for the owner\'s bucket ARN is 403 AccessDenied, and its own namespace has no such bucket (seed 002_46cf8975b9631b69.txt)', async () => {
    await http().call('PutVectorBucket', { bucket: 'http-owned' });
    const intruder = createOssClient({ endpoint, region: REGION, ...OTHER, accountId: OWNER.accountId });
    expectError(await intruder.call('DeleteVectorBucket', { bucket: 'http-owned' }), 403, 'AccessDenied');
    const ownNamespace = createOssClient({ endpoint, region: REGION, ...OTHER });
    expectError(await ownNamespace.call('DeleteVectorBucket', { bucket: 'http-owned' }), 404, 'NoSuchBucket');
    expect((await http().call('GetVectorBucket', { bucket: 'http-owned' })).status).toBe(200);
  });

  it('an oversize body is refused with 400 EntityTooLarge before it is read, and the server keeps serving', async () => {
    const big = Buffer.alloc(sim.ossVectors.options.maxBodyBytes + 1, 0x20);
    const res = await http().call('PutVectors', { bucket: 'http-path', rawBody: big });
    expectError(res, 400, 'EntityTooLarge');
    expect((await http().call('GetVectorBucket', { bucket: 'http-path' })).status).toBe(200);
  });

  it('a request path that is no vector operation answers 405 MethodNotAllowed in the OSS format', async () => {
    const res = await raw({ method: 'GET', path: '/a/b/c', headers: {} });
    expect(res.status).toBe(405);
    expect(JSON.parse(res.text).Error.Code).toBe('MethodNotAllowed');
  });
});

describe('answers written at the end of the event-loop turn (simulator/http/node-server.ts)', () => {
  const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);

  /** Sends `text` on one connection and collects everything until the server closes it or `done` says so. */
  async function exchange(url: string, text: string, done: (received: string) => boolean): Promise<{ received: string; closed: boolean }> {
    const u = new URL(url);
    const socket = connect(Number(u.port), u.hostname);
    let received = '';
    let closed = false;
    await once(socket, 'connect');
    socket.write(text);
    await new Promise<void>((resolve) => {
      socket.on('data', (c: Buffer) => {
        received += c.toString('latin1');
        if (done(received)) resolve();
      });
      socket.on('close', () => {
        closed = true;
        resolve();
      });
    });
    socket.destroy();
    return { received, closed };
  }

  const get = (bucket: string) => `GET /${bucket}/?bucketInfo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

  it('pipelined requests on one connection are answered in order, each complete (RFC 9112 §9.3.2)', async () => {
    const open = createSimulator({ auth: false, limits: 'none' });
    const url = (await open.startHttp())['oss-vectors'];
    try {
      await createOssClient({ endpoint: url, region: REGION, ...OWNER }).call('PutVectorBucket', { bucket: 'pipelined' });
      const { received } = await exchange(url, get('pipelined') + get('no-such-bucket') + get('pipelined'), (r) => statuses(r).length === 3 && r.endsWith('}}'));
      expect(statuses(received)).toEqual(['200', '404', '200']);
      expect(received.split('"Name":"acs:ossvector:cn-hangzhou:1234567890:pipelined"')).toHaveLength(3);
    } finally {
      await open.close();
    }
  });

  it('a connection dropped on purpose still gets the answer queued before it (fault plans: drop)', async () => {
    const open = createSimulator({ auth: false, limits: 'none' });
    const url = (await open.startHttp())['oss-vectors'];
    try {
      await createOssClient({ endpoint: url, region: REGION, ...OWNER }).call('PutVectorBucket', { bucket: 'dropped' });
      open.control.addFault({ provider: 'oss-vectors', operation: 'DeleteVectorBucket', times: 1, action: { kind: 'drop' } });
      const del = 'DELETE /dropped/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
      const { received, closed } = await exchange(url, get('dropped') + del, () => false);
      expect(closed).toBe(true);
      expect(statuses(received)).toEqual(['200']);
      expect(received).toMatch(/"Name":"acs:ossvector:cn-hangzhou:1234567890:dropped"\}\}$/);
      expect(open.journal.read().map((e) => [e.operation, e.injected])).toContainEqual(['DeleteVectorBucket', 'drop']);
      expect((await createOssClient({ endpoint: url, region: REGION, ...OWNER }).call('GetVectorBucket', { bucket: 'dropped' })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('vconf serve', () => {
  it('prints one JSON ready line mapping oss-vectors to its base URL, serves it, honours --config and --no-auth, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vconf-'));
    const config = join(dir, 'world.yaml');
    writeFileSync(config, 'ossVectors:\n  accounts:\n    - id: "5555"\n      accessKeys: [{ id: ci, secret: s3cret }]\n  defaultRegion: cn-beijing\n');
    const child = spawn(process.execPath, ['bin/vconf.mjs', 'serve', '--oss-vectors-port', '0', '--config', config], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const ready = JSON.parse(line) as { event: string; endpoints: Record<string, string> };
    expect(ready.event).toBe('ready');
    expect(ready.endpoints['oss-vectors']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const c = createOssClient({ endpoint: ready.endpoints['oss-vectors'], region: 'cn-beijing', accountId: '5555', accessKeyId: 'ci', accessKeySecret: 's3cret' });
    expect((await c.call('PutVectorBucket', { bucket: 'from-config' })).status).toBe(200);
    expectError(await http().call('GetVectorBucket', { bucket: 'from-config' }), 404, 'NoSuchBucket');
    child.kill('SIGTERM');
    expect((await once(child, 'exit'))[0]).toBe(0);

    const open = spawn(process.execPath, ['bin/vconf.mjs', 'serve', '--no-auth'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line2] = (await once(createInterface({ input: open.stdout! }), 'line')) as [string];
    const url = (JSON.parse(line2) as { endpoints: Record<string, string> }).endpoints['oss-vectors']!;
    const unsigned = createOssClient({ endpoint: url, region: REGION, ...OWNER, unsigned: true });
    expect((await unsigned.call('PutVectorBucket', { bucket: 'no-auth' })).status).toBe(200);
    open.kill('SIGTERM');
    await once(open, 'exit');
  });

  it('an invalid config file is refused at start with a message naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vconf-'));
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'ossVectors:\n  topKMax: 500\n  colour: blue\n');
    const child = spawn(process.execPath, ['bin/vconf.mjs', 'serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).not.toBe(0);
    expect(err).toContain('ossVectors.topKMax');
    expect(err).toContain('colour');
  });
});
