/**
 * The file lifecycle in-process (msw, manual clock): lease → upload → AddFile → INIT → PARSING → PARSE_SUCCESS |
 * PARSE_FAILED, DescribeFile and ListFile over real state (fact sheet bailian-files.md §2, §3).
 */
import { describe, expect, it } from 'vitest';
import { expectBusinessError, expectOk, inProcessBailian, PARSE_DONE_MS, uploadFile, WS } from '../helpers/bailian.ts';

const { sim, clock, client } = inProcessBailian({ seed: 'lifecycle' });

const lease = (form: Record<string, string>, category = 'default') =>
  client.call('ApplyFileUploadLease', { path: { CategoryId: category }, form: { Md5: '00', SizeInBytes: '5', ...form } });

describe('upload lease', () => {
  it('ApplyFileUploadLease returns an expiring PUT URL on the simulator plus the headers to send (fact sheet §2, §2.2)', async () => {
    const data = expectOk(await lease({ FileName: 'guide.pdf' }));
    expect(data.FileUploadLeaseId).toMatch(/^[0-9a-f]{32}\.\d{13}$/);
    expect(data.Type).toBe('HTTP');
    expect(data.Param.Method).toBe('PUT');
    const url = new URL(data.Param.Url);
    expect(url.host).toBe(sim.bailian.options.uploadHost);
    expect(Number(url.searchParams.get('Expires')) * 1000).toBeGreaterThan(clock.now());
    expect(data.Param.Headers).toEqual({ 'X-bailian-extra': Buffer.from('1234567890').toString('base64'), 'Content-Type': 'application/pdf' });
  });

  it('the upload really happens: bytes PUT to the URL are stored, the ETag is their MD5, and the file size is theirs (fact sheet §2)', async () => {
    const data = expectOk(await lease({ FileName: 'size.txt', SizeInBytes: '999' }));
    const up = await client.upload(data, 'hello world');
    expect(up.status).toBe(200);
    expect(up.headers.etag).toBe('"5EB63BBBE01EEED093CB22BB8F5ACDC3"');
    const added = expectOk(await client.call('AddFile', { form: { LeaseId: data.FileUploadLeaseId, Parser: 'DASHSCOPE_DOCMIND', CategoryId: 'default' } }));
    const file = expectOk(await client.call('DescribeFile', { path: { FileId: added.FileId } }));
    expect(file.SizeInBytes).toBe(11);
  });

  it('an upload after the URL expired, with another Content-Type, or without X-bailian-extra is refused in OSS XML (fact sheet §2.2)', async () => {
    const data = expectOk(await lease({ FileName: 'late.pdf' }));
    const wrongType = await client.upload(data, 'x', { ...data.Param.Headers, 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(403);
    expect(wrongType.headers['content-type']).toBe('application/xml');
    expect(wrongType.text).toContain('<Code>SignatureDoesNotMatch</Code>');
    const noExtra = await client.upload(data, 'x', { 'Content-Type': 'application/pdf' });
    expect(noExtra.text).toContain('<Code>AccessDenied</Code>');
    clock.advance(sim.bailian.options.uploadUrlTtlMs + 1000);
    const late = await client.upload(data, 'x');
    expect(late.status).toBe(403);
    expect(late.text).toContain('<Message>Request has expired.</Message>');
  });

  it('AddFile consumes a lease once: reuse, an unknown lease and a lease with nothing uploaded are InvalidParameter (fact sheet §2.2)', async () => {
    const data = expectOk(await lease({ FileName: 'once.pdf' }));
    const add = () => client.call('AddFile', { form: { LeaseId: data.FileUploadLeaseId, Parser: 'DASHSCOPE_DOCMIND', CategoryId: 'default' } });
    expectBusinessError(await add(), 400, 'InvalidParameter', /Nothing was uploaded/);
    expect((await client.upload(data, 'bytes')).status).toBe(200);
    expectOk(await add());
    expectBusinessError(await add(), 400, 'InvalidParameter', /already been used/);
    expect((await client.upload(data, 'again')).text).toContain('already been used');
    const unknown = await client.call('AddFile', { form: { LeaseId: 'nope.1', Parser: 'DASHSCOPE_DOCMIND', CategoryId: 'default' } });
    expectBusinessError(unknown, 400, 'InvalidParameter', /Required parameter\(LeaseId\)/);
  });

  it('AddFile more than 12 h after the lease is refused (fact sheet §2.2: "within 12 h")', async () => {
    const data = expectOk(await lease({ FileName: 'stale.pdf' }));
    await client.upload(data, 'x');
    clock.advance(12 * 60 * 60 * 1000 + 1);
    expectBusinessError(
      await client.call('AddFile', { form: { LeaseId: data.FileUploadLeaseId, Parser: 'DASHSCOPE_DOCMIND', CategoryId: 'default' } }),
      400,
      'InvalidParameter',
      /expired/,
    );
  });

  it('SizeInBytes above 100,000,000 is DataCenter.FileTooLarge; a name of 3 characters or without extension is InvalidParameter (fact sheet §2.2)', async () => {
    expectBusinessError(await lease({ FileName: 'big.pdf', SizeInBytes: '100000001' }), 400, 'DataCenter.FileTooLarge');
    expectOk(await lease({ FileName: 'max.pdf', SizeInBytes: '100000000' }));
    expectBusinessError(await lease({ FileName: 'a.b' }), 400, 'InvalidParameter', /FileName/);
    expectBusinessError(await lease({ FileName: 'noextension' }), 400, 'InvalidParameter', /extension/);
    expectBusinessError(await lease({ FileName: 'x.pdf', SizeInBytes: '0' }), 400, 'InvalidParameter', /SizeInBytes/);
    expectBusinessError(await lease({ FileName: 'x.pdf', SizeInBytes: 'ten' }), 400, 'InvalidParameter', /SizeInBytes/);
    expectBusinessError(await lease({ FileName: 'x.pdf' }, 'cate_missing'), 400, 'InvalidParameter', 'Cant find out category for category_id param.');
  });
});

describe('parsing lifecycle on the injected clock', () => {
  it('a new file is INIT, then PARSING after parseInitMs, then PARSE_SUCCESS after parseDurationMs (fact sheet §3)', async () => {
    const id = await uploadFile(client, { name: 'cycle.docx', tags: ['a', 'b'] });
    const status = async () => expectOk(await client.call('DescribeFile', { path: { FileId: id } })).Status;
    expect(await status()).toBe('INIT');
    clock.advance(999);
    expect(await status()).toBe('INIT');
    clock.advance(1);
    expect(await status()).toBe('PARSING');
    clock.advance(1999);
    expect(await status()).toBe('PARSING');
    clock.advance(1);
    const file = expectOk(await client.call('DescribeFile', { path: { FileId: id } }));
    expect(file).toMatchObject({ FileId: id, FileName: 'cycle.docx', FileType: 'docx', Parser: 'DASHSCOPE_DOCMIND', Status: 'PARSE_SUCCESS', Tags: ['a', 'b'] });
    expect(file.FileId).toMatch(/^file_[0-9a-f]{32}_\d{8}$/);
    expect(file.CategoryId).toMatch(/^cate_[0-9a-f]{32}_\d{8}$/);
  });

  it('CreateTime is yyyy-MM-dd HH:mm:ss in UTC+8 (fact sheet §2.1)', async () => {
    clock.set(Date.parse('2026-11-22T20:30:05Z'));
    const id = await uploadFile(client, { name: 'time.pdf' });
    expect(expectOk(await client.call('DescribeFile', { path: { FileId: id } })).CreateTime).toBe('2026-11-23 04:30:05');
  });

  it('documented ways to make a file fail parsing: a name matching vconf-parse-fail, a type the parser does not take, or state.setParseOutcome (issue 4)', async () => {
    const byName = await uploadFile(client, { name: 'report.vconf-parse-fail.pdf' });
    const byType = await uploadFile(client, { name: 'archive.zip' });
    const byCall = await uploadFile(client, { name: 'fine.pdf' });
    sim.bailian.state.setParseOutcome(WS, byCall, 'PARSE_FAILED');
    const stuck = await uploadFile(client, { name: 'slow.vconf-parse-stuck.pdf' });
    clock.advance(PARSE_DONE_MS);
    for (const id of [byName, byType, byCall]) {
      expect(expectOk(await client.call('DescribeFile', { path: { FileId: id } })).Status).toBe('PARSE_FAILED');
    }
    expect(expectOk(await client.call('DescribeFile', { path: { FileId: stuck } })).Status).toBe('PARSING');
    sim.bailian.state.setParseOutcome(WS, stuck, 'PARSE_SUCCESS', true);
    expect(expectOk(await client.call('DescribeFile', { path: { FileId: stuck } })).Status).toBe('PARSE_SUCCESS');
  });

  it('DescribeFile of an unknown id answers InvalidParameter "FileId not exists." (TS-SDK model message, fact sheet §5.1)', async () => {
    expectBusinessError(await client.call('DescribeFile', { path: { FileId: 'file_nope' } }), 400, 'InvalidParameter', 'FileId not exists.');
  });

  it('UpdateFileTag replaces the tags; more than 10 tags or a non-array is InvalidParameter (fact sheet §2)', async () => {
    const id = await uploadFile(client, { name: 'tags.pdf', tags: ['old'] });
    expect(expectOk(await client.call('UpdateFileTag', { path: { FileId: id }, form: { Tags: ['x', 'y'] } })).FileId).toBe(id);
    expect(expectOk(await client.call('DescribeFile', { path: { FileId: id } })).Tags).toEqual(['x', 'y']);
    const eleven = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expectBusinessError(await client.call('UpdateFileTag', { path: { FileId: id }, form: { Tags: eleven } }), 400, 'InvalidParameter', /Tags/);
    expectBusinessError(await client.call('UpdateFileTag', { path: { FileId: id }, form: { Tags: 'x' } }), 400, 'InvalidParameter', /Tags/);
  });
});

describe('ListFile', () => {
  it('pages newest first with MaxResults/NextToken, HasNext and TotalCount; the last page has no NextToken (fact sheet §2.2)', async () => {
    const cat = expectOk(await client.call('AddCategory', { form: { CategoryName: 'paging', CategoryType: 'UNSTRUCTURED' } })).CategoryId;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await uploadFile(client, { name: `p${i}.pdf`, category: cat }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const data = expectOk(await client.call('ListFile', { query: { CategoryId: cat, MaxResults: 2, NextToken: token } }));
      pages++;
      expect(data.TotalCount).toBe(5);
      expect(data.MaxResults).toBe(2);
      expect(data.FileList.length).toBeLessThanOrEqual(2);
      seen.push(...data.FileList.map((f: { FileId: string }) => f.FileId));
      token = data.NextToken;
      expect(data.HasNext).toBe(token !== undefined);
    } while (token && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('FileIds (a JSON array string in the query) and FileName filter the listing; the default page is 20 (fact sheet §1, §2.2)', async () => {
    const cat = expectOk(await client.call('AddCategory', { form: { CategoryName: 'filter', CategoryType: 'UNSTRUCTURED' } })).CategoryId;
    const a = await uploadFile(client, { name: 'alpha.pdf', category: cat });
    const b = await uploadFile(client, { name: 'beta.pdf', category: cat });
    await uploadFile(client, { name: 'gamma.pdf', category: cat });
    const byIds = expectOk(await client.call('ListFile', { query: { CategoryId: cat, FileIds: [a, b, 'file_unknown'] } }));
    expect(byIds.FileList.map((f: { FileId: string }) => f.FileId).sort()).toEqual([a, b].sort());
    expect(byIds.MaxResults).toBe(20);
    const byName = expectOk(await client.call('ListFile', { query: { CategoryId: cat, FileName: 'et' } }));
    expect(byName.FileList.map((f: { FileName: string }) => f.FileName)).toEqual(['beta.pdf']);
  });

  it('a missing CategoryId, MaxResults over listMaxResults (200), FileIds that is not a JSON array, or a foreign NextToken is InvalidParameter (fact sheet §8 q5)', async () => {
    expectBusinessError(await client.call('ListFile', {}), 400, 'InvalidParameter', /CategoryId/);
    expectBusinessError(await client.call('ListFile', { query: { CategoryId: 'default', MaxResults: 201 } }), 400, 'InvalidParameter', /MaxResults/);
    expectOk(await client.call('ListFile', { query: { CategoryId: 'default', MaxResults: 200 } }));
    expectBusinessError(await client.call('ListFile', { query: { CategoryId: 'default', FileIds: 'file_a' } }), 400, 'InvalidParameter', /FileIds/);
    expectBusinessError(await client.call('ListFile', { query: { CategoryId: 'default', FileIds: '{"a":1}' } }), 400, 'InvalidParameter', /FileIds/);
    expectBusinessError(await client.call('ListFile', { query: { CategoryId: 'default', NextToken: 'garbage' } }), 400, 'InvalidParameter', /NextToken/);
  });
});
