/**
 * DeleteFiles after an injected partial failure (issue 5 §4; seed 004_ce74739a6d71172a.txt: "This operation is
 * idempotent"): the retry of the same batch never fails the batch, and reports each already-deleted file as
 * NOT_FOUND (default) or DELETED (deleteFilesAlreadyDeleted: DELETED), per the configured choice.
 */
import { describe, expect, it } from 'vitest';
import { expectGatewayError, expectOk, inProcessBailian, PARSE_DONE_MS, uploadFile, WS } from '../helpers/bailian.ts';

const { sim, clock, client } = inProcessBailian({ seed: 'bailian-faults' });

async function partialThenRetry(prefix: string) {
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await uploadFile(client, { name: `${prefix}${i}.pdf` }));
  clock.advance(PARSE_DONE_MS);
  sim.control.addFault({ provider: 'bailian', operation: 'DeleteFiles', times: 1, seed: prefix, action: { kind: 'partial', status: 503, code: 'ServiceUnavailable', fraction: 0.5 } });
  const first = await client.call('DeleteFiles', { workspaceId: WS, form: { FileIds: ids } });
  expectGatewayError(first, 503, 'ServiceUnavailable');
  const stillThere = new Set<string>();
  for (const id of ids) {
    const d = (await client.call('DescribeFile', { path: { FileId: id } })).json as { Success?: boolean };
    if (d?.Success) stillThere.add(id);
  }
  expect(stillThere.size).toBe(3);
  const retry = expectOk(await client.call('DeleteFiles', { workspaceId: WS, form: { FileIds: ids } }));
  const results = retry.DeleteFileResultList as { FileId: string; Status: string }[];
  expect(results.map((r) => r.FileId).sort()).toEqual([...ids].sort());
  return { results, stillThere };
}

describe('DeleteFiles retried after a partial 5xx (issue 5 §4)', () => {
  it('reports the files the failed call already deleted as NOT_FOUND by default, the rest DELETED, and succeeds as a batch', async () => {
    const { results, stillThere } = await partialThenRetry('nf');
    for (const r of results) expect(r.Status).toBe(stillThere.has(r.FileId) ? 'DELETED' : 'NOT_FOUND');
  });

  it('reports every file DELETED with deleteFilesAlreadyDeleted: DELETED', async () => {
    sim.bailian.options.deleteFilesAlreadyDeleted = 'DELETED';
    try {
      const { results } = await partialThenRetry('del');
      expect(results.every((r) => r.Status === 'DELETED')).toBe(true);
    } finally {
      sim.bailian.options.deleteFilesAlreadyDeleted = 'NOT_FOUND';
    }
  });
});

describe('an injected throttle (issue 5 §2)', () => {
  it('a 429 Throttling.User fault carries x-acs-retry-after like a real throttle (fact sheet bailian-files.md §5)', async () => {
    sim.control.addFault({ provider: 'bailian', operation: 'ListFile', times: 1, action: { kind: 'fail', status: 429, code: 'Throttling.User' } });
    const res = await client.call('ListFile', { query: { CategoryId: 'default' } });
    expectGatewayError(res, 429, 'Throttling.User');
    expect(Number(res.headers['x-acs-retry-after'])).toBeGreaterThan(0);
  });
});
