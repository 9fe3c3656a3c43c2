/** Categories and routing (fact sheet bailian-files.md §2, §7): AddCategory, ListCategory, DeleteCategory, 501s and 404s. */
import { describe, expect, it } from 'vitest';
import { expectBusinessError, expectGatewayError, expectOk, inProcessBailian, PARSE_DONE_MS, uploadFile } from '../helpers/bailian.ts';

const { sim, clock, client } = inProcessBailian({ seed: 'categories' });

describe('categories', () => {
  it('every workspace has a default category; AddCategory adds one that ListCategory pages through (fact sheet §2)', async () => {
    const first = expectOk(await client.call('ListCategory', { form: { CategoryType: 'UNSTRUCTURED' } }));
    expect(first.CategoryList).toHaveLength(1);
    expect(first.CategoryList[0]).toMatchObject({ CategoryName: 'default', CategoryType: 'UNSTRUCTURED', IsDefault: true });
    const names = ['one', 'two', 'three'];
    for (const n of names) expect(expectOk(await client.call('AddCategory', { form: { CategoryName: n, CategoryType: 'UNSTRUCTURED' } })).CategoryName).toBe(n);
    const page1 = expectOk(await client.call('ListCategory', { form: { CategoryType: 'UNSTRUCTURED', MaxResults: 2 } }));
    expect(page1).toMatchObject({ HasNext: true, TotalCount: 4, MaxResults: 2 });
    const page2 = expectOk(await client.call('ListCategory', { form: { CategoryType: 'UNSTRUCTURED', MaxResults: 2, NextToken: page1.NextToken } }));
    expect(page2.HasNext).toBe(false);
    expect(page2.NextToken).toBeUndefined();
    expect([...page1.CategoryList, ...page2.CategoryList].map((c: { CategoryName: string }) => c.CategoryName)).toEqual(['default', ...names]);
    expect(expectOk(await client.call('ListCategory', { form: { CategoryType: 'SESSION_FILE' } })).CategoryList).toEqual([]);
    expect(expectOk(await client.call('ListCategory', { form: { CategoryType: 'UNSTRUCTURED', CategoryName: 'tw' } })).CategoryList).toHaveLength(1);
  });

  it('sub-categories list under ParentCategoryId; a parent of another type or an unknown parent is InvalidParameter', async () => {
    const parent = expectOk(await client.call('AddCategory', { form: { CategoryName: 'parent', CategoryType: 'UNSTRUCTURED' } })).CategoryId;
    const child = expectOk(await client.call('AddCategory', { form: { CategoryName: 'child', CategoryType: 'UNSTRUCTURED', ParentCategoryId: parent } })).CategoryId;
    const under = expectOk(await client.call('ListCategory', { form: { CategoryType: 'UNSTRUCTURED', ParentCategoryId: parent } }));
    expect(under.CategoryList).toEqual([{ CategoryId: child, CategoryName: 'child', CategoryType: 'UNSTRUCTURED', IsDefault: false, ParentCategoryId: parent }]);
    expectBusinessError(await client.call('AddCategory', { form: { CategoryName: 'x', CategoryType: 'SESSION_FILE', ParentCategoryId: parent } }), 400, 'InvalidParameter', /ParentCategoryId/);
    expectBusinessError(await client.call('AddCategory', { form: { CategoryName: 'x', CategoryType: 'UNSTRUCTURED', ParentCategoryId: 'cate_none' } }), 400, 'InvalidParameter', 'Cant find out category for category_id param.');
    expectBusinessError(await client.call('AddCategory', { form: { CategoryType: 'UNSTRUCTURED' } }), 400, 'InvalidParameter', /CategoryName/);
    expectBusinessError(await client.call('AddCategory', { form: { CategoryName: 'x', CategoryType: 'STRUCTURED' } }), 400, 'InvalidParameter', /CategoryType/);
  });

  it('DeleteCategory: the default category and a non-empty one are refused (option deleteNonEmptyCategory: reject); cascade deletes its files', async () => {
    const cat = expectOk(await client.call('AddCategory', { form: { CategoryName: 'full', CategoryType: 'UNSTRUCTURED' } })).CategoryId;
    const file = await uploadFile(client, { name: 'in-cat.pdf', category: cat });
    clock.advance(PARSE_DONE_MS);
    expectBusinessError(await client.call('DeleteCategory', { path: { CategoryId: 'default' } }), 400, 'InvalidParameter', /default category/);
    expectBusinessError(await client.call('DeleteCategory', { path: { CategoryId: cat } }), 400, 'InvalidParameter', /still holds 1 file/);
    sim.bailian.options.deleteNonEmptyCategory = 'cascade';
    try {
      expect(expectOk(await client.call('DeleteCategory', { path: { CategoryId: cat } }))).toEqual({ CategoryId: cat });
    } finally {
      sim.bailian.options.deleteNonEmptyCategory = 'reject';
    }
    expectBusinessError(await client.call('DescribeFile', { path: { FileId: file } }), 400, 'InvalidParameter', 'FileId not exists.');
    expectBusinessError(await client.call('DeleteCategory', { path: { CategoryId: cat } }), 400, 'InvalidParameter', 'Cant find out category for category_id param.');
  });
});

describe('routing', () => {
  it('paths are accepted with and without the trailing slash the SDKs add (fact sheet §7)', async () => {
    const id = await uploadFile(client, { name: 'slash.pdf' });
    const plain = await fetch(`https://bailian.cn-beijing.aliyuncs.com/llm-simulator/datacenter/file/${id}`, { method: 'GET' });
    // Unsigned: authentication fails, which proves the path routed to an operation rather than to 404.
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { Code: string }).Code).toBe('IncompleteSignature');
  });

  it('data-centre operations the simulator does not model answer 501 NotImplemented naming them (fact sheet §2; STYLE: LocalStack)', async () => {
    const res = await fetch('https://bailian.cn-beijing.aliyuncs.com/llm-simulator/datacenter/batchupdatetag', { method: 'PUT' });
    expect(res.status).toBe(501);
    const body = (await res.json()) as { Code: string; Message: string };
    expect(body.Code).toBe('NotImplemented');
    expect(body.Message).toBe('BatchUpdateFileTag is not implemented by the vconf simulator.');
    const other = await client.call('ListFile', { action: 'DeleteIndexDocument', workspaceId: 'llm-simulator', query: { CategoryId: 'default' } });
    expect(other.status).toBe(200); // a known path wins over the action header
  });

  it('an unknown path with an unknown action names the action in a 501; with no action it is 404 InvalidApi.NotFound (fact sheet §5.3)', async () => {
    const withAction = await fetch('https://bailian.cn-beijing.aliyuncs.com/llm-simulator/index/delete', { method: 'POST', headers: { 'x-acs-action': 'DeleteIndex' } });
    expect(withAction.status).toBe(501);
    expect(((await withAction.json()) as { Message: string }).Message).toContain('DeleteIndex');
    const bare = await fetch('https://bailian.cn-beijing.aliyuncs.com/nowhere', { method: 'GET' });
    expect(bare.status).toBe(404);
    const body = (await bare.json()) as Record<string, string>;
    expect(body.Code).toBe('InvalidApi.NotFound');
    expect(body.HostId).toBe('bailian.cn-beijing.aliyuncs.com');
  });
});

describe('spec', () => {
  it('the route table and the spec name the same 11 operations (issue 4 deliverable 1)', async () => {
    const { loadSpecValidator } = await import('../../simulator/http/spec-validator.ts');
    expect(loadSpecValidator('bailian').operationIds().sort()).toEqual(
      ['AddCategory', 'AddFile', 'ApplyFileUploadLease', 'DeleteCategory', 'DeleteFile', 'DeleteFiles', 'DescribeFile', 'ListCategory', 'ListFile', 'UpdateFileTag', 'UploadFile'].sort(),
    );
  });
});
