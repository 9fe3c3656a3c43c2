// The official Bailian SDKs against `vconf serve` over HTTP, signing on (ACS3-HMAC-SHA256), default runtime options:
//   - npm @alicloud/bailian20231229 2.12.0 (in this process): the whole file lifecycle, lease → upload → AddFile →
//     parsing → DescribeFile/ListFile → DeleteFile. That version has no DeleteFiles (fact sheet bailian-files.md §4).
//   - Python alibabacloud-bailian20231229 (pinned in test/sdk/python/requirements.txt, ≥ 2.13, the first with
//     DeleteFiles): test/sdk/python/bailian_delete_files.py, run by the venv scripts/setup-python-sdk.sh makes.
// A missing venv fails here, loudly: `npm test` runs the set-up first (node scripts/setup.mjs --sdks).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as bailianSdk from '@alicloud/bailian20231229';
import * as openapiCore from '@alicloud/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startServer, stopServer, venvPython, type Server } from './harness.ts';

const pythonProgram = join(root, 'test', 'sdk', 'python', 'bailian_delete_files.py');
const SEED = '004_ce74739a6d71172a.txt';
const WS = 'llm-simulator';

// A CommonJS package: under native ESM `default` is module.exports (whose `default` is the class); vitest's interop
// may hand over the class itself. Accept both.
type ClientClass = typeof bailianSdk.default.default;
const sdkDefault = bailianSdk.default as unknown as ClientClass | { default: ClientClass };
const Client: ClientClass = typeof sdkDefault === 'function' ? sdkDefault : sdkDefault.default;
const { $OpenApiUtil } = openapiCore as unknown as { $OpenApiUtil: typeof openapiCore.$OpenApiUtil };

/** `vconf serve --config <file>` (short parsing times) on free ports; resolves on the ready line's bailian endpoint. */
function serve(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'vconf-bailian-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, 'bailian:\n  parseInitMs: 500\n  parseDurationMs: 1500\n');
  return startServer({ slug: 'bailian', args: ['--config', config, '--bailian-port', '0'] });
}

/** What the SDK throws for 4xx/5xx (openapi-core ClientError / ThrottlingError, fact sheet §5.4). */
async function sdkError(p: Promise<unknown>): Promise<{ statusCode: number; code: string; message: string; name: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { statusCode?: number; code?: string; message?: string; name?: string };
    return { statusCode: e.statusCode ?? 0, code: e.code ?? '', message: e.message ?? '', name: e.name ?? '' };
  }
  throw new Error('the call succeeded; an SDK error was expected');
}

describe('official Bailian SDKs against vconf serve', () => {
  let server: Server | undefined;

  beforeAll(async () => {
    server = await serve();
  }, 120_000);
  afterAll(async () => {
    await stopServer(server);
  });

  const client = (secret = 'test') =>
    new Client(new $OpenApiUtil.Config({ accessKeyId: 'test', accessKeySecret: secret, endpoint: new URL(server!.endpoint).host, protocol: 'HTTP' }));

  it(
    'npm SDK 2.12.0 lifecycle: AddCategory → ApplyFileUploadLease → upload to the leased URL → AddFile (INIT) → parsing → ' +
      'DescribeFile/ListFile → UpdateFileTag → DeleteFile refused while parsing, then deleted (fact sheet §2, §3; D-DEL) → gone',
    async () => {
      const sdk = client();
      const cat = await sdk.addCategory(WS, new bailianSdk.AddCategoryRequest({ categoryName: 'npm-sdk', categoryType: 'UNSTRUCTURED' }));
      expect(cat.statusCode).toBe(200);
      const categoryId = cat.body!.data!.categoryId!;
      expect(categoryId).toMatch(/^cate_/);

      const bytes = Buffer.from('# Notes\nuploaded by the npm SDK test\n');
      const lease = await sdk.applyFileUploadLease(
        categoryId,
        WS,
        new bailianSdk.ApplyFileUploadLeaseRequest({ fileName: 'npm-notes.md', md5: 'not-verified', sizeInBytes: String(bytes.length) }),
      );
      expect(lease.body!.success).toBe(true);
      const param = lease.body!.data!.param!;
      expect(param.method).toBe('PUT');
      expect(param.url!.startsWith(`${server!.endpoint}/vconf-upload/`)).toBe(true);
      const put = await fetch(param.url!, { method: param.method!, headers: param.headers as Record<string, string>, body: bytes });
      expect(put.status, await put.clone().text()).toBe(200);

      const added = await sdk.addFile(WS, new bailianSdk.AddFileRequest({ leaseId: lease.body!.data!.fileUploadLeaseId!, parser: 'DASHSCOPE_DOCMIND', categoryId, tags: ['npm'] }));
      const fileId = added.body!.data!.fileId!;
      expect(fileId).toMatch(/^file_[0-9a-f]{32}_\d{8}$/);
      // Parsing takes 2 s in this world (config above): the refusal comes first, before anything slow.
      const early = await sdkError(sdk.deleteFile(fileId, WS, new bailianSdk.DeleteFileRequest({})));
      expect(early).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
      expect(early.message).toContain('Current file status does not support delete.');
      const describe = () => sdk.describeFile(WS, fileId, new bailianSdk.DescribeFileRequest({}));
      expect(['INIT', 'PARSING']).toContain((await describe()).body!.data!.status);
      const reuse = await sdkError(sdk.addFile(WS, new bailianSdk.AddFileRequest({ leaseId: lease.body!.data!.fileUploadLeaseId!, parser: 'DASHSCOPE_DOCMIND', categoryId })));
      expect(reuse).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });

      let status = '';
      for (let i = 0; i < 60 && status !== 'PARSE_SUCCESS'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await describe()).body!.data!.status!;
      }
      expect(status).toBe('PARSE_SUCCESS');
      const file = (await describe()).body!.data!;
      expect(file).toMatchObject({ fileId, categoryId, fileName: 'npm-notes.md', fileType: 'md', sizeInBytes: bytes.length, parser: 'DASHSCOPE_DOCMIND', tags: ['npm'] });
      expect(file.createTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

      const listed = await sdk.listFile(WS, new bailianSdk.ListFileRequest({ categoryId, maxResults: 10, fileIds: [fileId, 'file_unknown'] }));
      expect(listed.body!.data!.fileList!.map((f) => [f.fileId, f.status])).toEqual([[fileId, 'PARSE_SUCCESS']]);
      expect(listed.body!.data!.totalCount).toBe(1);

      await sdk.updateFileTag(WS, fileId, new bailianSdk.UpdateFileTagRequest({ tags: ['npm', 'tagged'] }));
      expect((await describe()).body!.data!.tags).toEqual(['npm', 'tagged']);

      const deleted = await sdk.deleteFile(fileId, WS, new bailianSdk.DeleteFileRequest({}));
      expect(deleted.body).toMatchObject({ success: true, status: '200', data: { fileId } });
      expect(await sdkError(describe())).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
      expect((await sdk.listFile(WS, new bailianSdk.ListFileRequest({ categoryId }))).body!.data!.fileList).toEqual([]);
      // D-DEL: idempotent.
      expect((await sdk.deleteFile(fileId, WS, new bailianSdk.DeleteFileRequest({}))).body!.success).toBe(true);

      const listedCats = await sdk.listCategory(WS, new bailianSdk.ListCategoryRequest({ categoryType: 'UNSTRUCTURED' }));
      expect(listedCats.body!.data!.categoryList!.map((c) => c.categoryId)).toContain(categoryId);
      expect((await sdk.deleteCategory(categoryId, WS, new bailianSdk.DeleteCategoryRequest({}))).body!.data!.categoryId).toBe(categoryId);

      const forged = await sdkError(client('wrong').listFile(WS, new bailianSdk.ListFileRequest({ categoryId: 'default' })));
      expect(forged).toMatchObject({ statusCode: 400, code: 'SignatureDoesNotMatch' });
    },
    60_000,
  );

  it(
    `Python SDK DeleteFiles: a mixed batch answers DELETED / DELETED / FAILED (still PARSING) / NOT_FOUND, a repeat is idempotent, ` +
      `0 and 21 ids are InvalidParameter, another account's workspace is Forbidden, the 11th call in a second is throttled (seed ${SEED})`,
    async () => {
      if (!existsSync(venvPython)) {
        throw new Error(`${venvPython} is missing: run \`bash scripts/setup-python-sdk.sh\` (npm test does it through \`node scripts/setup.mjs --sdks\`)`);
      }
      const env: NodeJS.ProcessEnv = { ...process.env, VCONF_BAILIAN_ENDPOINT: new URL(server!.endpoint).host };
      for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolvePromise, reject) => {
        const child = spawn(venvPython, [pythonProgram], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
        child.once('error', reject);
        child.once('close', (code) => {
          clearTimeout(timer);
          resolvePromise({ code, stdout, stderr });
        });
      });
      const steps = run.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { step: string; ok: boolean; status: number; code: string; detail: string });
      const report = `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr.slice(-5000)}\nsimulator stderr:\n${server!.stderr().slice(-3000)}`;
      expect(steps.filter((s) => !s.ok), report).toEqual([]);
      expect(steps.map((s) => s.step), report).toEqual([
        'CreateFiles',
        'WaitForParsing',
        'DeleteFiles(mixed)',
        'DeleteFiles(repeat)',
        'DescribeFile(deleted)',
        'ListFile(after delete)',
        'DeleteFiles(21 ids)',
        'DeleteFiles(0 ids)',
        "DeleteFiles(other account's workspace)",
        'DeleteFiles(wrong secret)',
        'DeleteFiles(throttled)',
      ]);
      expect(run.code, report).toBe(0);
      const by = new Map(steps.map((s) => [s.step, s]));
      expect(by.get('DeleteFiles(mixed)')).toMatchObject({ status: 200, code: 'Success' });
      expect(JSON.parse(by.get('DeleteFiles(mixed)')!.detail).map((r: [string, string]) => r[1])).toEqual(['DELETED', 'DELETED', 'FAILED', 'NOT_FOUND']);
      expect(JSON.parse(by.get('DeleteFiles(repeat)')!.detail).map((r: [string, string]) => r[1])).toEqual(['NOT_FOUND', 'NOT_FOUND', 'FAILED', 'NOT_FOUND']);
      expect(by.get('DeleteFiles(21 ids)')).toMatchObject({ status: 400, code: 'InvalidParameter' });
      expect(by.get('DeleteFiles(0 ids)')).toMatchObject({ status: 400, code: 'InvalidParameter' });
      expect(by.get("DeleteFiles(other account's workspace)")).toMatchObject({ status: 403, code: 'Forbidden' });
      expect(by.get('DeleteFiles(throttled)')).toMatchObject({ status: 429, code: 'Throttling.User' });
    },
    120_000,
  );
});
