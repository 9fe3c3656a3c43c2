/**
 * Bailian over real HTTP on 127.0.0.1: ACS3 verification as the SDKs sign (fact sheet bailian-files.md §6), access
 * keys bound to accounts and workspaces, uploads that come back to the simulator, and bad input of every kind —
 * none of which may crash the simulator or half-delete anything.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulator/index.ts';
import { encodePathSegment, signRequest } from '../../simulator/bailian/signing.ts';
import { createBailianClient, type BailianClient } from '../../scenarios/clients/bailian.ts';
import { expectBusinessError, expectGatewayError, expectOk, OWNER, SEED, uploadFile, WS } from '../helpers/bailian.ts';

const sim = createSimulator({
  seed: 'bailian-http',
  validateResponses: true,
  limits: 'none',
  bailian: {
    parseInitMs: 0,
    parseDurationMs: 0,
    maxBodyBytes: 64 * 1024,
    accounts: [
      {
        id: '1234567890',
        workspaces: ['llm-simulator', 'llm-second'],
        accessKeys: [
          { id: 'test', secret: 'test' },
          { id: 'ram-user', secret: 'ram-secret', workspaces: ['llm-simulator'] },
        ],
      },
      { id: '9876543210', workspaces: ['llm-other'], accessKeys: [{ id: 'other', secret: 'other' }] },
    ],
  },
});
let endpoint = '';
let client: BailianClient;

beforeAll(async () => {
  endpoint = (await sim.startHttp()).bailian;
  client = createBailianClient({ endpoint, ...OWNER, workspaceId: WS });
});
afterAll(async () => {
  const bad = sim.journal.read({ provider: 'bailian' }).filter((e) => e.specIssues || e.crash);
  expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  await sim.close();
});

/** Raw HTTP/1.1 exchange, so a test controls path, headers and body bytes exactly. */
function raw(opts: { method: string; path: string; headers: Record<string, string>; body?: string | Buffer }) {
  const u = new URL(endpoint);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A signed DeleteFiles with an arbitrary body (bytes as given), as a hand-written client could send it. */
function signedDeleteFiles(body: string | Buffer, contentType = 'application/x-www-form-urlencoded', rawPath = `/${WS}/datacenter/file/delete`) {
  const host = new URL(endpoint).host;
  const headers = signRequest({
    method: 'POST',
    rawPath,
    headers: { host, 'content-type': contentType },
    body,
    ...OWNER,
    action: 'DeleteFiles',
  });
  return raw({ method: 'POST', path: rawPath, headers, body });
}

describe('ACS3-HMAC-SHA256 verification (fact sheet §6)', () => {
  it('a correctly signed request passes, with x-acs-credentials-provider signed as openapi-core 1.x adds it (fact sheet §6.3 note)', async () => {
    expectOk(await client.call('ListFile', { query: { CategoryId: 'default' }, headers: { 'x-acs-credentials-provider': 'static_ak' } }));
  });

  it('no Authorization → 400 IncompleteSignature; unknown key → 404 InvalidAccessKeyId.NotFound; wrong secret → 400 SignatureDoesNotMatch naming the string to sign (fact sheet §5.3)', async () => {
    const unsigned = createBailianClient({ endpoint, ...OWNER, workspaceId: WS, unsigned: true });
    expectGatewayError(await unsigned.call('ListFile', { query: { CategoryId: 'default' } }), 400, 'IncompleteSignature');
    const unknown = createBailianClient({ endpoint, accessKeyId: 'nobody', accessKeySecret: 'x', workspaceId: WS });
    expectGatewayError(await unknown.call('ListFile', { query: { CategoryId: 'default' } }), 404, 'InvalidAccessKeyId.NotFound');
    const wrong = createBailianClient({ endpoint, ...OWNER, accessKeySecret: 'wrong', workspaceId: WS });
    expectGatewayError(await wrong.call('ListFile', { query: { CategoryId: 'default' } }), 400, 'SignatureDoesNotMatch', /server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}/);
  });

  it('x-acs-date more than 15 minutes off → 400 InvalidTimeStamp.Expired; 14 minutes is accepted (fact sheet §6.2)', async () => {
    const at = (ms: number) => createBailianClient({ endpoint, ...OWNER, workspaceId: WS, now: () => new Date(Date.now() + ms) });
    expectGatewayError(await at(16 * 60_000).call('ListFile', { query: { CategoryId: 'default' } }), 400, 'InvalidTimeStamp.Expired');
    expectGatewayError(await at(-16 * 60_000).call('ListFile', { query: { CategoryId: 'default' } }), 400, 'InvalidTimeStamp.Expired');
    expectOk(await at(14 * 60_000).call('ListFile', { query: { CategoryId: 'default' } }));
  });

  it('a replayed nonce → 400 SignatureNonceUsed, and the replay deletes nothing (fact sheet §6.2)', async () => {
    const nonce = 'replayed-nonce-0001';
    const first = await client.call('DeleteFiles', { form: { FileIds: ['file_a'] }, nonce });
    expectOk(first);
    expectGatewayError(await client.call('DeleteFiles', { form: { FileIds: ['file_a'] }, nonce }), 400, 'SignatureNonceUsed');
    // A failed signature does not burn the nonce.
    const wrong = createBailianClient({ endpoint, ...OWNER, accessKeySecret: 'wrong', workspaceId: WS });
    expectGatewayError(await wrong.call('ListFile', { query: { CategoryId: 'default' }, nonce: 'fresh-nonce-1' }), 400, 'SignatureDoesNotMatch');
    expectOk(await client.call('ListFile', { query: { CategoryId: 'default' }, nonce: 'fresh-nonce-1' }));
  });

  it('a body changed after signing, an unsigned x-acs-* header, or a signed header that is absent is refused (fact sheet §6.3 recipe)', async () => {
    const tamperedBody = await raw({
      method: 'POST',
      path: `/${WS}/datacenter/file/delete`,
      headers: signRequest({ method: 'POST', rawPath: `/${WS}/datacenter/file/delete`, headers: { host: new URL(endpoint).host, 'content-type': 'application/x-www-form-urlencoded' }, body: 'FileIds=%5B%22a%22%5D', ...OWNER, action: 'DeleteFiles' }),
      body: 'FileIds=%5B%22b%22%5D',
    });
    expect(tamperedBody.status).toBe(400);
    expect(tamperedBody.json.Code).toBe('SignatureDoesNotMatch');
    expect(tamperedBody.json.Message).toContain('x-acs-content-sha256');
    expectGatewayError(await client.call('ListFile', { query: { CategoryId: 'default' }, tamper: (h) => (h['x-acs-extra'] = '1') }), 400, 'IncompleteSignature', /x-acs-extra/);
    expectGatewayError(
      await client.call('ListFile', { query: { CategoryId: 'default' }, tamper: (h) => delete h['x-acs-version'] }),
      400,
      'IncompleteSignature',
      /x-acs-version/,
    );
    expectGatewayError(await client.call('ListFile', { query: { CategoryId: 'default' }, tamper: (h) => delete h['x-acs-signature-nonce'] }), 400, 'MissingParameter');
    expectGatewayError(await client.call('ListFile', { query: { CategoryId: 'default' }, tamper: (h) => (h.authorization = 'ACS3-HMAC-SM3 Credential=test,SignedHeaders=host,Signature=00') }), 400, 'IncompleteSignature', /ACS3-HMAC-SM3/);
  });

  it('paths encoded the Python way (! \' ( ) escaped) verify as well as the Node way (fact sheet §1 percent-encoding)', async () => {
    const ws = "odd!(ws)'";
    const res = await signedDeleteFiles('FileIds=%5B%22a%22%5D', 'application/x-www-form-urlencoded', `/${encodePathSegment(ws, 'python')}/datacenter/file/delete`);
    expectBusinessError({ ...res, headers: res.headers as Record<string, string> }, 400, 'InvalidParameter', 'workspace id is null or invalid.');
    const node = await signedDeleteFiles('FileIds=%5B%22a%22%5D', 'application/x-www-form-urlencoded', `/${encodePathSegment(ws)}/datacenter/file/delete`);
    expect(node.json.Message).toBe('workspace id is null or invalid.');
  });

  it('the status of a gateway error can be overridden per code (option errorStatusOverrides, fact sheet §5.3 "400/403 depending on product")', async () => {
    sim.bailian.options.errorStatusOverrides = { SignatureDoesNotMatch: 403 };
    try {
      const wrong = createBailianClient({ endpoint, ...OWNER, accessKeySecret: 'wrong', workspaceId: WS });
      expectGatewayError(await wrong.call('ListFile', { query: { CategoryId: 'default' } }), 403, 'SignatureDoesNotMatch');
    } finally {
      sim.bailian.options.errorStatusOverrides = {};
    }
  });
});

describe('access keys, accounts and workspaces (issue 4 §3)', () => {
  it('a key bound to some workspaces gets 403 Forbidden elsewhere; another account\'s key gets 403 on this account\'s workspace and deletes nothing', async () => {
    const id = await uploadFile(client, { name: 'mine.pdf', bytes: 'x' });
    const ram = createBailianClient({ endpoint, accessKeyId: 'ram-user', accessKeySecret: 'ram-secret', workspaceId: WS });
    expectOk(await ram.call('DescribeFile', { path: { FileId: id } }));
    expectBusinessError(await ram.call('ListFile', { workspaceId: 'llm-second', query: { CategoryId: 'default' } }), 403, 'Forbidden');
    const intruder = createBailianClient({ endpoint, accessKeyId: 'other', accessKeySecret: 'other', workspaceId: WS });
    expectBusinessError(await intruder.call('DeleteFiles', { form: { FileIds: [id] } }), 403, 'Forbidden');
    expectBusinessError(await intruder.call('DeleteFile', { path: { FileId: id } }), 403, 'Forbidden');
    expect(expectOk(await client.call('DescribeFile', { path: { FileId: id } })).Status).toBe('PARSE_SUCCESS');
    // The other account's own workspace never sees this file.
    expect(expectOk(await intruder.call('DeleteFiles', { workspaceId: 'llm-other', form: { FileIds: [id] } })).DeleteFileResultList).toEqual([{ FileId: id, Status: 'NOT_FOUND' }]);
  });
});

describe('uploads over HTTP', () => {
  it('the leased URL points at the address the client reached, so the upload really lands in this simulator (issue 4 §2)', async () => {
    const lease = expectOk(await client.call('ApplyFileUploadLease', { path: { CategoryId: 'default' }, form: { FileName: 'http.md', Md5: 'x', SizeInBytes: '3' } }));
    expect(lease.Param.Url.startsWith(`${endpoint}/vconf-upload/`)).toBe(true);
    expect((await client.upload(lease, 'abc')).status).toBe(200);
    const added = expectOk(await client.call('AddFile', { form: { LeaseId: lease.FileUploadLeaseId, Parser: 'DASHSCOPE_DOCMIND', CategoryId: 'default' } }));
    expect(expectOk(await client.call('DescribeFile', { path: { FileId: added.FileId } }))).toMatchObject({ FileType: 'md', SizeInBytes: 3 });
  });

  it('a body over maxBodyBytes is refused before it is read whole: DataCenter.FileTooLarge for the API, EntityTooLarge XML for uploads', async () => {
    const big = Buffer.alloc(70 * 1024, 0x61);
    const api = await signedDeleteFiles(big);
    expect(api.status).toBe(400);
    expect(api.json.Code).toBe('DataCenter.FileTooLarge');
    const lease = expectOk(await client.call('ApplyFileUploadLease', { path: { CategoryId: 'default' }, form: { FileName: 'huge.pdf', Md5: 'x', SizeInBytes: String(big.length) } }));
    const up = await client.upload(lease, big);
    expect(up.status).toBe(400);
    expect(up.text).toContain('<Code>EntityTooLarge</Code>');
  });
});

describe(`bad input never crashes the simulator nor half-deletes (seed ${SEED}; issue 4 "Bad input")`, () => {
  it('malformed forms and FileIds that is not a JSON array of ids are InvalidParameter naming FileIds, and delete nothing', async () => {
    const keep = await uploadFile(client, { name: 'keep.pdf', bytes: 'k' });
    const bodies = [
      'FileIds=%E0%A4%A', // broken percent-encoding
      'FileIds', // no value
      '&&&=&',
      'FileIds=file_a', // not JSON
      `FileIds=${encodeURIComponent(JSON.stringify(keep))}`, // a JSON string, not an array
      'FileIds=%7B%22a%22%3A1%7D', // an object
      'FileIds=%5B1%2C2%5D', // numbers
      'FileIds=%5B%22%22%5D', // an empty id
      'FileIds=%5Bnull%5D',
      'FileIds=%5B%5B%22a%22%5D%5D', // nested
      `FileIds=${encodeURIComponent(JSON.stringify([keep]))}&FileIds=${encodeURIComponent(JSON.stringify([keep]))}`, // repeated key
      `FileIds=${encodeURIComponent(JSON.stringify([keep]))}&FileIds=%5B%5D`,
      'FileIds=%5B%5D', // zero ids
      `FileIds=${encodeURIComponent(JSON.stringify(Array.from({ length: 21 }, (_, i) => (i === 0 ? keep : `file_${i}`))))}`,
      `FileIds=${encodeURIComponent('[' + '['.repeat(5000) + ']'.repeat(5000) + ']')}`, // deep nesting
    ];
    for (const body of bodies) {
      const res = await signedDeleteFiles(body);
      expect(res.status, `${body.slice(0, 60)} → ${res.text}`).toBe(400);
      expect(res.json, body.slice(0, 60)).toMatchObject({ Code: 'InvalidParameter', Success: false, Status: '400' });
    }
    const binary = await signedDeleteFiles(Buffer.from([0xff, 0xfe, 0x00, 0x3d, 0x80]));
    expect(binary.json.Code).toBe('InvalidParameter');
    const json = await signedDeleteFiles(JSON.stringify({ FileIds: [keep] }), 'application/json');
    expect(json.json).toMatchObject({ Code: 'InvalidParameter' });
    expect(json.json.Message).toContain('x-www-form-urlencoded');
    expect(expectOk(await client.call('DescribeFile', { path: { FileId: keep } })).Status).toBe('PARSE_SUCCESS');
  });

  it('unicode ids and workspace names are handled as data: unknown ids are NOT_FOUND, an unknown unicode workspace is InvalidParameter', async () => {
    const ids = ['文件_ü', '😀', 'file_\u0000x', 'a'.repeat(2000)];
    expect(expectOk(await client.call('DeleteFiles', { form: { FileIds: ids } })).DeleteFileResultList).toEqual(ids.map((FileId) => ({ FileId, Status: 'NOT_FOUND' })));
    expectBusinessError(await client.call('DeleteFiles', { workspaceId: '工作空间', form: { FileIds: ['x'] } }), 400, 'InvalidParameter', 'workspace id is null or invalid.');
    expectBusinessError(await client.call('DescribeFile', { path: { FileId: '文件 ü+*' } }), 400, 'InvalidParameter', 'FileId not exists.');
  });

  it('concurrent DeleteFiles of the same 20 files: every file is DELETED exactly once across all answers, the rest NOT_FOUND (seed: idempotent)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await uploadFile(client, { name: `race${i}.pdf`, bytes: String(i) }));
    const answers = await Promise.all(Array.from({ length: 12 }, () => client.call('DeleteFiles', { form: { FileIds: ids } })));
    const deletedBy = new Map<string, number>();
    for (const a of answers) {
      for (const r of expectOk(a).DeleteFileResultList as { FileId: string; Status: string }[]) {
        expect(['DELETED', 'NOT_FOUND']).toContain(r.Status);
        if (r.Status === 'DELETED') deletedBy.set(r.FileId, (deletedBy.get(r.FileId) ?? 0) + 1);
      }
    }
    expect([...deletedBy.keys()].sort()).toEqual([...ids].sort());
    expect([...deletedBy.values()].every((n) => n === 1)).toBe(true);
    expect(expectOk(await client.call('ListFile', { query: { CategoryId: 'default', FileIds: ids } })).FileList).toEqual([]);
  });

  it('auth off (simulator-wide switch): unsigned requests act as the workspace owner', async () => {
    const open = createSimulator({ auth: false, limits: 'none', seed: 'open' });
    try {
      const url = (await open.startHttp()).bailian;
      const unsigned = createBailianClient({ endpoint: url, ...OWNER, workspaceId: WS, unsigned: true });
      expect(expectOk(await unsigned.call('DeleteFiles', { form: { FileIds: ['file_x'] } })).DeleteFileResultList).toEqual([{ FileId: 'file_x', Status: 'NOT_FOUND' }]);
    } finally {
      await open.close();
    }
  });
});
