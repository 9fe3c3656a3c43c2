/**
 * specs/cloudflare-vectorize.yaml: its 14 operations, the seed's example, the envelope, and agreement between the
 * error catalog and the per-status code enums, through the same validator the simulator uses.
 */
import { describe, expect, it } from 'vitest';
import { CF_ERRORS } from '../../simulator/cloudflare-vectorize/errors.ts';
import { PERMISSION } from '../../simulator/cloudflare-vectorize/routes.ts';
import { loadSpecValidator } from '../../simulator/http/spec-validator.ts';

const spec = loadSpecValidator('cloudflare-vectorize');
type Node = Record<string, unknown>;
const doc = spec.doc as unknown as { paths: Record<string, Record<string, Node>>; components: { responses: Record<string, Node>; schemas: Record<string, Node> } };

const ops = Object.values(doc.paths).flatMap((item) => Object.values(item).filter((op) => typeof op === 'object' && op !== null && 'operationId' in op));

function enumOf(response: string): number[] {
  const schema = ((doc.components.responses[response]!.content as Node)['application/json'] as Node).schema as { allOf: Node[] };
  return ((((schema.allOf[1]!.properties as Node).errors as Node).items as Node).properties as { code: { enum: number[] } }).code.enum;
}

describe('specs/cloudflare-vectorize.yaml', () => {
  it('has the 14 v2 operations of fact sheet §2, each naming Cloudflare\'s operationId and its token permission', () => {
    expect(ops.map((op) => op.operationId).sort()).toEqual(Object.keys(PERMISSION).sort());
    expect(ops).toHaveLength(14);
    for (const op of ops) {
      expect(op['x-cloudflare-operation-id'], String(op.operationId)).toMatch(/^vectorize-/);
      expect(op['x-token-permission']).toBe(PERMISSION[op.operationId as keyof typeof PERMISSION] === 'write' ? 'Vectorize Write' : 'Vectorize Read or Vectorize Write');
    }
  });

  it('seed 003: POST …/delete_by_ids, body {ids?: string[]}, the sample response validates, both security schemes', () => {
    const del = doc.paths['/accounts/{account_id}/vectorize/v2/indexes/{index_name}/delete_by_ids']!.post!;
    expect(del.operationId).toBe('DeleteVectorsByIds');
    expect(spec.validateRequestBody('DeleteVectorsByIds', { ids: ['a', 'b'] })).toEqual([]);
    expect(spec.validateRequestBody('DeleteVectorsByIds', {})).toEqual([]);
    expect(spec.validateRequestBody('DeleteVectorsByIds', { ids: [1] })).not.toEqual([]);
    const sample = {
      errors: [{ code: 1000, message: 'message', documentation_url: 'documentation_url', source: { pointer: 'pointer' } }],
      messages: [{ code: 1000, message: 'message', documentation_url: 'documentation_url', source: { pointer: 'pointer' } }],
      result: { mutationId: '0000aaaa-11bb-22cc-33dd-444444eeeeee' },
      success: true,
    };
    expect(spec.validateResponse('DeleteVectorsByIds', { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample) })).toEqual([]);
    expect((spec.doc as unknown as { security: unknown }).security).toEqual([{ apiToken: [] }, { apiEmail: [], apiKey: [] }]);
  });

  it('the envelope: errors need success false, result null and at least one {code, message}', () => {
    const headers = { 'content-type': 'application/json' };
    const body = (b: unknown) => JSON.stringify(b);
    expect(spec.validateResponse('GetIndex', { status: 400, headers, body: body({ result: null, success: false, errors: [{ code: 3000, message: 'x' }], messages: [] }) })).toEqual([]);
    expect(spec.validateResponse('GetIndex', { status: 400, headers, body: body({ result: null, success: false, errors: [], messages: [] }) })).not.toEqual([]);
    expect(spec.validateResponse('GetIndex', { status: 400, headers, body: body({ result: null, success: true, errors: [{ code: 3000, message: 'x' }], messages: [] }) })).not.toEqual([]);
    expect(spec.validateResponse('GetIndex', { status: 403, headers, body: body({ result: null, success: false, errors: [{ code: 3000, message: 'x' }], messages: [] }) })).not.toEqual([]);
    expect(spec.validateResponse('ListIndexes', { status: 429, headers, body: body({ result: null, success: false, errors: [{ code: 971, message: 'x' }], messages: [] }) })).toEqual([
      { where: 'header/retry-after', message: 'required header is missing' },
    ]);
  });

  it('every catalog code appears in the enum of its status (simulator/cloudflare-vectorize/errors.ts)', () => {
    const byStatus: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 413: 'PayloadTooLarge', 429: 'TooManyRequests' };
    for (const [code, entry] of Object.entries(CF_ERRORS)) {
      const response = byStatus[entry.status];
      if (!response) continue; // 405 and 5xx are not per-operation enums (x-routing-errors, ServerError)
      if ([6102, 6103, 6111].includes(Number(code))) continue; // only inside error_chain
      expect(enumOf(response), `${code} → ${response}`).toContain(Number(code));
    }
    expect(enumOf('NotFound')).toEqual(expect.arrayContaining([3000, 3005])); // indexNotFoundStatus: 404
  });

  it('documented limits are schema constraints or x- extensions: list count 1–1000, 100 delete ids, 20 get ids, 64-byte ids, 10 KiB metadata (fact sheet §4)', () => {
    const list = doc.paths['/accounts/{account_id}/vectorize/v2/indexes/{index_name}/list']!.get!;
    const count = (list.parameters as { name: string; schema: Node }[]).find((p) => p.name === 'count')!.schema;
    expect(count).toMatchObject({ minimum: 1, maximum: 1000, default: 100 });
    expect(doc.paths['/accounts/{account_id}/vectorize/v2/indexes/{index_name}/delete_by_ids']!.post!['x-max-ids']).toBe(100);
    expect(doc.paths['/accounts/{account_id}/vectorize/v2/indexes/{index_name}/get_by_ids']!.post!['x-max-ids']).toBe(20);
    expect(doc.components.schemas.VectorId!['x-max-bytes']).toBe(64);
    expect(doc.components.schemas.Metadata!['x-max-bytes']).toBe(10240);
    expect(spec.schema('VectorInput')({ id: 'a', values: [1, 2] })).toEqual([]);
    expect(spec.schema('VectorInput')({ id: 'a' })).not.toEqual([]);
  });
});
