/**
 * DeleteFiles (seed 004_ce74739a6d71172a.txt) and DeleteFile (fact sheet bailian-files.md §2.2 D-DEL) in-process:
 * per-file results, the status rule, idempotency, the 1–20 bound, the open questions of fact sheet §8 as switches,
 * throttling and injected faults rendered in Bailian's wire format.
 */
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_LIMITS } from '../../simulator/limits.ts';
import type { BailianOptions } from '../../simulator/bailian/options.ts';
import { bailianClient, expectBusinessError, expectGatewayError, expectOk, inProcessBailian, PARSE_DONE_MS, SEED, uploadFile, WS } from '../helpers/bailian.ts';

const { sim, clock, client } = inProcessBailian({
  seed: 'delete',
  bailian: {
    accounts: [
      { id: '1234567890', workspaces: ['llm-simulator', 'llm-second'], accessKeys: [{ id: 'test', secret: 'test' }] },
      { id: '9876543210', workspaces: ['llm-other'], accessKeys: [{ id: 'other', secret: 'other' }] },
    ],
  },
});

const deleteFiles = (ids: unknown, workspaceId = WS) => client.call('DeleteFiles', { workspaceId, form: { FileIds: ids as string[] } });
const describeStatus = async (id: string) => (await client.call('DescribeFile', { path: { FileId: id } })).json;

/** Runs `fn` with options changed, then restores them. */
async function withOptions(patch: Partial<BailianOptions>, fn: () => Promise<void>) {
  const saved = { ...sim.bailian.options };
  Object.assign(sim.bailian.options, patch);
  try {
    await fn();
  } finally {
    Object.assign(sim.bailian.options, saved);
  }
}

describe(`DeleteFiles (seed ${SEED})`, () => {
  it('a mixed batch gets one result per id: DELETED for PARSE_SUCCESS and PARSE_FAILED, FAILED for INIT and PARSING, NOT_FOUND for unknown ids and other workspaces\' files', async () => {
    const ok = await uploadFile(client, { name: 'ok.pdf' });
    const failed = await uploadFile(client, { name: 'bad.vconf-parse-fail.pdf' });
    const foreign = await uploadFile(client, { name: 'second.pdf', workspaceId: 'llm-second' });
    clock.advance(PARSE_DONE_MS);
    const parsing = await uploadFile(client, { name: 'parsing.pdf' });
    clock.advance(1500);
    const fresh = await uploadFile(client, { name: 'fresh.pdf' });
    expect((await describeStatus(parsing)).Data.Status).toBe('PARSING');
    expect((await describeStatus(fresh)).Data.Status).toBe('INIT');

    const res = await deleteFiles([ok, parsing, 'file_unknown', failed, fresh, foreign]);
    expect(expectOk(res)).toEqual({
      DeleteFileResultList: [
        { FileId: ok, Status: 'DELETED' },
        { FileId: parsing, Status: 'FAILED' },
        { FileId: 'file_unknown', Status: 'NOT_FOUND' },
        { FileId: failed, Status: 'DELETED' },
        { FileId: fresh, Status: 'FAILED' },
        { FileId: foreign, Status: 'NOT_FOUND' },
      ],
    });
    // Deleted files vanish from Describe and List; the refused ones and the other workspace's file are untouched.
    expectBusinessError(await client.call('DescribeFile', { path: { FileId: ok } }), 400, 'InvalidParameter', 'FileId not exists.');
    expectBusinessError(await client.call('DescribeFile', { path: { FileId: failed } }), 400, 'InvalidParameter', 'FileId not exists.');
    expect((await describeStatus(parsing)).Data.Status).toBe('PARSING');
    expectOk(await client.call('DescribeFile', { workspaceId: 'llm-second', path: { FileId: foreign } }));
    const listed = expectOk(await client.call('ListFile', { query: { CategoryId: 'default', FileIds: [ok, failed, parsing, fresh] } }));
    expect(listed.FileList.map((f: { FileId: string }) => f.FileId).sort()).toEqual([parsing, fresh].sort());
  });

  it('is idempotent: repeating the call deletes nothing more and answers NOT_FOUND for ids already deleted (fact sheet §4, §8 q3 default)', async () => {
    const a = await uploadFile(client, { name: 'idem.pdf' });
    clock.advance(PARSE_DONE_MS);
    expect(expectOk(await deleteFiles([a])).DeleteFileResultList).toEqual([{ FileId: a, Status: 'DELETED' }]);
    expect(expectOk(await deleteFiles([a])).DeleteFileResultList).toEqual([{ FileId: a, Status: 'NOT_FOUND' }]);
    await withOptions({ deleteFilesAlreadyDeleted: 'DELETED' }, async () => {
      expect(expectOk(await deleteFiles([a])).DeleteFileResultList).toEqual([{ FileId: a, Status: 'DELETED' }]);
    });
  });

  it('a file refused while parsing is deleted by the same call once parsing finished (seed: only PARSE_FAILED / PARSE_SUCCESS)', async () => {
    const a = await uploadFile(client, { name: 'later.pdf' });
    expect(expectOk(await deleteFiles([a])).DeleteFileResultList).toEqual([{ FileId: a, Status: 'FAILED' }]);
    clock.advance(PARSE_DONE_MS);
    expect(expectOk(await deleteFiles([a])).DeleteFileResultList).toEqual([{ FileId: a, Status: 'DELETED' }]);
  });

  it('accepts exactly 20 ids; 21 ids or an empty list is InvalidParameter and deletes nothing (seed: "A maximum of 20 files")', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push(await uploadFile(client, { name: `bulk${i}.pdf` }));
    clock.advance(PARSE_DONE_MS);
    expectBusinessError(await deleteFiles(ids), 400, 'InvalidParameter', /FileIds/);
    expectBusinessError(await deleteFiles([]), 400, 'InvalidParameter', /FileIds/);
    for (const id of ids) expect((await describeStatus(id)).Data.Status).toBe('PARSE_SUCCESS');
    const twenty = expectOk(await deleteFiles(ids.slice(0, 20))).DeleteFileResultList;
    expect(twenty).toHaveLength(20);
    expect(twenty.every((r: { Status: string }) => r.Status === 'DELETED')).toBe(true);
  });

  it('repeated ids get one result (option duplicateFileIds: collapse, default) or InvalidParameter with nothing deleted (reject) (fact sheet §8 q3)', async () => {
    const a = await uploadFile(client, { name: 'dup.pdf' });
    const b = await uploadFile(client, { name: 'dup2.pdf' });
    clock.advance(PARSE_DONE_MS);
    await withOptions({ duplicateFileIds: 'reject' }, async () => {
      expectBusinessError(await deleteFiles([a, a]), 400, 'InvalidParameter', /repeat/);
      expect((await describeStatus(a)).Data.Status).toBe('PARSE_SUCCESS');
    });
    expect(expectOk(await deleteFiles([a, b, a])).DeleteFileResultList).toEqual([
      { FileId: a, Status: 'DELETED' },
      { FileId: b, Status: 'DELETED' },
    ]);
  });

  it("another account's workspace is 403 Forbidden; an unknown workspace is InvalidParameter \"workspace id is null or invalid.\" (fact sheet §5.1, §7)", async () => {
    expectBusinessError(await deleteFiles(['file_x'], 'llm-other'), 403, 'Forbidden', 'User not authorized to operate on the specified resource.');
    expectBusinessError(await deleteFiles(['file_x'], 'llm-nobody'), 400, 'InvalidParameter', 'workspace id is null or invalid.');
  });

  it('business errors can travel as HTTP 200 with Success:false (option businessErrorStatus: "200", fact sheet §8 q2)', async () => {
    await withOptions({ businessErrorStatus: '200' }, async () => {
      const res = await deleteFiles([]);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ Code: 'InvalidParameter', Success: false, Status: '400' });
    });
  });
});

describe('DeleteFile (fact sheet §2.2)', () => {
  it('refuses a file still INIT or PARSING with InvalidParameter "Current file status does not support delete.", then deletes it once parsed', async () => {
    const id = await uploadFile(client, { name: 'single.pdf' });
    expectBusinessError(await client.call('DeleteFile', { path: { FileId: id } }), 400, 'InvalidParameter', 'Current file status does not support delete.');
    clock.advance(1000);
    expectBusinessError(await client.call('DeleteFile', { path: { FileId: id } }), 400, 'InvalidParameter', 'Current file status does not support delete.');
    clock.advance(2000);
    expect(expectOk(await client.call('DeleteFile', { path: { FileId: id } }))).toEqual({ FileId: id });
    expectBusinessError(await client.call('DescribeFile', { path: { FileId: id } }), 400, 'InvalidParameter', 'FileId not exists.');
  });

  it('is idempotent: a second delete succeeds (option deleteFileAlreadyDeleted: success) or answers not found (not-found); unknown ids are not found', async () => {
    const id = await uploadFile(client, { name: 'twice.pdf' });
    clock.advance(PARSE_DONE_MS);
    expectOk(await client.call('DeleteFile', { path: { FileId: id } }));
    expectOk(await client.call('DeleteFile', { path: { FileId: id } }));
    await withOptions({ deleteFileAlreadyDeleted: 'not-found' }, async () => {
      expectBusinessError(await client.call('DeleteFile', { path: { FileId: id } }), 400, 'InvalidParameter', 'FileId not exists.');
    });
    expectBusinessError(await client.call('DeleteFile', { path: { FileId: 'file_never' } }), 400, 'InvalidParameter', 'FileId not exists.');
  });
});

describe('throttling and injected faults', () => {
  it(`the 11th DeleteFiles within a second is throttled: 429 Throttling.User with x-acs-retry-after in ms (seed ${SEED}: 10 QPS; fact sheet §5.2)`, async () => {
    const rule = DOCUMENTED_LIMITS.find((r) => r.id === 'bailian/DeleteFiles')!;
    sim.control.setLimit(rule);
    try {
      for (let i = 0; i < 10; i++) expectOk(await deleteFiles(['file_q']));
      const throttled = await deleteFiles(['file_q']);
      expectGatewayError(throttled, 429, 'Throttling.User', /user flow control/);
      expect(Number(throttled.headers['x-acs-retry-after'])).toBeGreaterThan(0);
      clock.advance(1000);
      expectOk(await deleteFiles(['file_q']));
      // The other switches: 400 and the data-centre code in the common body.
      clock.advance(1000);
      await withOptions({ throttleStatus: 400, throttleCode: 'DataCenter.Throttling' }, async () => {
        for (let i = 0; i < 10; i++) expectOk(await deleteFiles(['file_q']));
        expectBusinessError(await deleteFiles(['file_q']), 400, 'DataCenter.Throttling', /Requests throttling triggered/);
      });
    } finally {
      sim.control.removeLimit(rule.id);
    }
  });

  it('an injected partial failure deletes only the picked subset of deletable files, then answers the error; a retry converges (issue 4 "unless a fault is injected")', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await uploadFile(client, { name: `part${i}.pdf` }));
    clock.advance(PARSE_DONE_MS);
    const fault = sim.control.addFault({ provider: 'bailian', operation: 'DeleteFiles', times: 1, action: { kind: 'partial', status: 500, code: 'InternalError', fraction: 0.5 } });
    const res = await deleteFiles(ids);
    expectGatewayError(res, 500, 'InternalError');
    const left = [];
    for (const id of ids) if ((await describeStatus(id)).Success) left.push(id);
    expect(left).toHaveLength(2);
    const retry = expectOk(await deleteFiles(ids)).DeleteFileResultList;
    expect(retry.filter((r: { Status: string }) => r.Status === 'DELETED').map((r: { FileId: string }) => r.FileId).sort()).toEqual(left.sort());
    sim.control.removeFault(fault);
    expect(sim.journal.read({ provider: 'bailian' }).some((e) => e.injected === 'partial')).toBe(true);
  });

  it('an injected failure of any other operation answers the given status and code, and changes nothing', async () => {
    const id = await uploadFile(client, { name: 'nofault.pdf' });
    clock.advance(PARSE_DONE_MS);
    sim.control.addFault({ provider: 'bailian', operation: 'DeleteFile', times: 1, action: { kind: 'fail', status: 503, code: 'ServiceUnavailable' } });
    expectGatewayError(await client.call('DeleteFile', { path: { FileId: id } }), 503, 'ServiceUnavailable');
    expect((await describeStatus(id)).Data.Status).toBe('PARSE_SUCCESS');
  });

  it('a second client of the same account shares the throttle window (limits are per account, fact sheet §5.1)', async () => {
    const rule = { ...DOCUMENTED_LIMITS.find((r) => r.id === 'bailian/ListFile')! };
    sim.control.setLimit(rule);
    try {
      const second = bailianClient(sim);
      for (let i = 0; i < 5; i++) expectOk(await (i % 2 ? second : client).call('ListFile', { query: { CategoryId: 'default' } }));
      expectGatewayError(await second.call('ListFile', { query: { CategoryId: 'default' } }), 429, 'Throttling.User');
    } finally {
      sim.control.removeLimit(rule.id);
      clock.advance(1000);
    }
  });
});
