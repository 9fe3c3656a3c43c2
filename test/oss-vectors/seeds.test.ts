/**
 * Every behavioural sentence of the three OSS Vectors seeds, against the in-process simulator (msw), with the
 * official signing on. Test names quote the seed file they come from.
 */
import { describe, expect, it } from 'vitest';
import { bucketWithIndex, expectConforms, expectError, inProcessOss, ossClient, OTHER } from '../helpers/oss.ts';

const S000 = 'seed 000_325d4cc8e00416e9.txt';
const S001 = 'seed 001_3830517637282d1c.txt';
const S002 = 'seed 002_46cf8975b9631b69.txt';

const { sim, client, clock } = inProcessOss();

const vec = (key: string, x: number, metadata?: Record<string, string>) => ({
  key,
  data: { float32: [x, x + 1, x + 2, x + 3] },
  ...(metadata ? { metadata } : {}),
});

describe(`DeleteVectorIndex (${S000})`, () => {
  it(`"deletes a vector index": POST /?deleteVectorIndex {"indexName"} answers 204 with x-oss-request-id, Date, Server: AliyunOSS (${S000}, Sample response)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed000-a' });
    const res = await client.call('DeleteVectorIndex', { bucket, body: { indexName: index } });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    expect(res.headers.server).toBe('AliyunOSS');
    expect(new Date(res.headers.date!).getTime()).toBe(Math.floor(clock.now() / 1000) * 1000);
    expectConforms('DeleteVectorIndex', res);
    expectError(await client.call('GetVectorIndex', { bucket, body: { indexName: index } }), 404, 'NoSuchVectorIndex');
  });

  it(`"Deleting an index also deletes all vector data in the index" and "This operation is irreversible": a re-created index of the same name is empty (${S000}, Notes)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed000-b' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('a', 1), vec('b', 2)] } });
    expect((await client.call('DeleteVectorIndex', { bucket, body: { indexName: index } })).status).toBe(204);
    await bucketWithIndex(client, { bucket: 'seed000-b2' }); // unrelated bucket keeps working
    const again = await client.call('PutVectorIndex', {
      bucket,
      body: { indexName: index, dataType: 'float32', dimension: 4, distanceMetric: 'euclidean' },
    });
    expect(again.status).toBe(200);
    const got = await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['a', 'b'] } });
    expect(got.json).toEqual({ vectors: [] });
    const listed = await client.call('ListVectors', { bucket, body: { indexName: index } });
    expect(listed.json).toEqual({ vectors: [] });
  });

  it(`VectorIndexOperationConflict 409: "The index cannot be deleted if its status is not enable" (${S000}, Error codes)`, async () => {
    sim.ossVectors.options.indexCreatingMs = 5_000;
    try {
      const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed000-c' });
      const status = await client.call('GetVectorIndex', { bucket, body: { indexName: index } });
      expect((status.json as { index: { status: string } }).index.status).toBe('creating');
      const res = await client.call('DeleteVectorIndex', { bucket, body: { indexName: index } });
      expectError(res, 409, 'VectorIndexOperationConflict');
      expectConforms('DeleteVectorIndex', res);
      clock.advance(5_000);
      expect((await client.call('DeleteVectorIndex', { bucket, body: { indexName: index } })).status).toBe(204);
    } finally {
      sim.ossVectors.options.indexCreatingMs = 0;
    }
  });

  it(`NoSuchVectorIndex 404: "The specified vector index does not exist" (${S000}, Error codes)`, async () => {
    await bucketWithIndex(client, { bucket: 'seed000-d' });
    const res = await client.call('DeleteVectorIndex', { bucket: 'seed000-d', body: { indexName: 'missing' } });
    expectError(res, 404, 'NoSuchVectorIndex');
    expectConforms('DeleteVectorIndex', res);
  });

  it(`MalformedJson 400: "The JSON format of the request body is invalid" (${S000}, Error codes)`, async () => {
    await bucketWithIndex(client, { bucket: 'seed000-e' });
    const res = await client.call('DeleteVectorIndex', { bucket: 'seed000-e', rawBody: '{"indexName": "idx"' });
    expectError(res, 400, 'MalformedJson');
    expectConforms('DeleteVectorIndex', res);
  });

  it(`VectorIndexParameterInvalid 400: "The vector index parameter provided in the request is invalid" (${S000}, Error codes)`, async () => {
    await bucketWithIndex(client, { bucket: 'seed000-f' });
    for (const body of [{}, { indexName: 42 }, { indexName: '' }]) {
      const res = await client.call('DeleteVectorIndex', { bucket: 'seed000-f', body });
      expectError(res, 400, 'VectorIndexParameterInvalid');
    }
  });

  it(`AccessDenied 403 when the request carries no authentication information (${S000}, Error codes; ${S001}, AccessDenied causes)`, async () => {
    await bucketWithIndex(client, { bucket: 'seed000-g' });
    const unsigned = ossClient(sim, { unsigned: true });
    const res = await unsigned.call('DeleteVectorIndex', { bucket: 'seed000-g', body: { indexName: 'idx' } });
    expectError(res, 403, 'AccessDenied');
    expectConforms('DeleteVectorIndex', res);
    const still = await client.call('GetVectorIndex', { bucket: 'seed000-g', body: { indexName: 'idx' } });
    expect(still.status).toBe(200);
  });

  it(`"An Alibaba Cloud account has all permissions by default": another account is refused 403 AccessDenied (${S000}, Permissions)`, async () => {
    await bucketWithIndex(client, { bucket: 'seed000-h' });
    const other = ossClient(sim, { ...OTHER, accountId: '1234567890' }); // addresses the owner's bucket with another account's key
    const res = await other.call('DeleteVectorIndex', { bucket: 'seed000-h', body: { indexName: 'idx' } });
    expectError(res, 403, 'AccessDenied');
  });
});

describe(`DeleteVectors (${S001})`, () => {
  it(`"You can delete vector data in batches": one request deletes several keys and answers 204 with an empty body (${S001}, Notes; Response example)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-a' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('doc-001', 1), vec('doc-002', 2), vec('doc-003', 3), vec('keep', 4)] } });
    const res = await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['doc-001', 'doc-002', 'doc-003'] } });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    expect(res.headers.server).toBe('AliyunOSS');
    expectConforms('DeleteVectors', res);
    const got = await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['doc-001', 'doc-002', 'doc-003', 'keep'] } });
    expect(got.json).toEqual({ vectors: [{ key: 'keep' }] });
  });

  it(`"If a specified primary key corresponds to a vector that does not exist, no error is reported" (${S001}, Request parameters)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-b' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('present', 1)] } });
    const res = await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['present', 'never-existed', '不存在'] } });
    expect(res.status).toBe(204);
    const onlyMissing = await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['gone-already', 'present'] } });
    expect(onlyMissing.status).toBe(204);
    expect((await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['present'] } })).json).toEqual({ vectors: [] });
  });

  it(`"The number of unique keys must be in the range of 1 to 500": 0 keys and 501 unique keys are refused, 500 accepted (${S001}, Constraints)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-c' });
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);
    expectError(await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: [] } }), 400, 'VectorIndexParameterInvalid');
    const over = await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: keys(501) } });
    expectError(over, 400, 'VectorIndexParameterInvalid');
    expectConforms('DeleteVectors', over);
    expect((await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: keys(500) } })).status).toBe(204);
  });

  it(`duplicates count once toward the 500 *unique* keys by default, and are refused with deleteDuplicateKeys: reject (${S001}, Constraints; README choice)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-d' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('dup', 1)] } });
    const keys = [...Array.from({ length: 500 }, (_, i) => `k${i}`), 'dup', 'dup'].slice(1); // 499 + dup twice = 500 unique
    expect((await client.call('DeleteVectors', { bucket, body: { indexName: index, keys } })).status).toBe(204);
    expect((await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['dup'] } })).json).toEqual({ vectors: [] });
    sim.ossVectors.options.deleteDuplicateKeys = 'reject';
    try {
      expectError(await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a', 'a'] } }), 400, 'VectorIndexParameterInvalid');
    } finally {
      sim.ossVectors.options.deleteDuplicateKeys = 'collapse';
    }
  });

  it(`"The delete operation is irreversible": deleted vectors are gone from GetVectors, ListVectors and QueryVectors (${S001}, Notes)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-e' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('a', 1), vec('b', 1.1), vec('c', 50)] } });
    await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a', 'b'] } });
    const q = await client.call('QueryVectors', { bucket, body: { indexName: index, queryVector: { float32: [1, 2, 3, 4] }, topK: 3 } });
    expect(q.json).toEqual({ vectors: [{ key: 'c' }] });
    expect((await client.call('ListVectors', { bucket, body: { indexName: index } })).json).toEqual({ vectors: [{ key: 'c' }] });
  });

  it(`MalformedJson 400 and VectorIndexParameterInvalid 400 leave the index untouched (${S001}, Error codes)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-f' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('a', 1)] } });
    expectError(await client.call('DeleteVectors', { bucket, rawBody: '{"indexName":"idx","keys":["a"' }), 400, 'MalformedJson');
    expectError(await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: 'a' } }), 400, 'VectorIndexParameterInvalid');
    expectError(await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a', 7] } }), 400, 'VectorIndexParameterInvalid');
    expectError(await client.call('DeleteVectors', { bucket, body: { keys: ['a'] } }), 400, 'VectorIndexParameterInvalid');
    expect((await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['a'] } })).json).toEqual({ vectors: [{ key: 'a' }] });
  });

  it(`NoSuchVectorIndex 404: "The specified vector index does not exist" (${S001}, Error codes)`, async () => {
    await bucketWithIndex(client, { bucket: 'seed001-g' });
    const res = await client.call('DeleteVectors', { bucket: 'seed001-g', body: { indexName: 'nope', keys: ['a'] } });
    expectError(res, 404, 'NoSuchVectorIndex');
    expectConforms('DeleteVectors', res);
  });

  it(`AccessDenied 403: "User authentication information is not included in the request" (${S001}, Error codes)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-h' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('a', 1)] } });
    const res = await ossClient(sim, { unsigned: true }).call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a'] } });
    expectError(res, 403, 'AccessDenied');
    expect((await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['a'] } })).json).toEqual({ vectors: [{ key: 'a' }] });
  });

  it(`both marker forms ?deleteVectors (Go SDK) and ?deleteVectors= (Python SDK) reach DeleteVectors (${S001}, Request syntax; fact sheet §2)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed001-i' });
    const py = ossClient(sim, { markerForm: 'equals' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [vec('a', 1), vec('b', 2)] } });
    expect((await py.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a'] } })).status).toBe(204);
    expect((await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['b'] } })).status).toBe(204);
    expect((await client.call('ListVectors', { bucket, body: { indexName: index } })).json).toEqual({ vectors: [] });
  });
});

describe(`DeleteVectorBucket (${S002})`, () => {
  it(`"You must delete all vector indexes in the vector bucket before deleting the bucket": 409 VectorBucketNotEmpty (${S002}, Important notes; Error codes)`, async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'seed002-a' });
    const res = await client.call('DeleteVectorBucket', { bucket });
    expectError(res, 409, 'VectorBucketNotEmpty');
    expectConforms('DeleteVectorBucket', res);
    expect((await client.call('GetVectorBucket', { bucket })).status).toBe(200);
    expect((await client.call('DeleteVectorIndex', { bucket, body: { indexName: index } })).status).toBe(204);
    const ok = await client.call('DeleteVectorBucket', { bucket });
    expect(ok.status).toBe(204);
    expectConforms('DeleteVectorBucket', ok);
  });

  it(`DELETE / answers 204 No Content with Content-Length: 0, x-oss-request-id, Date, Server (${S002}, Sample response)`, async () => {
    await client.call('PutVectorBucket', { bucket: 'seed002-b' });
    const res = await client.call('DeleteVectorBucket', { bucket: 'seed002-b' });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    expect(res.headers.server).toBe('AliyunOSS');
    expect(res.headers.date).toBeTruthy();
  });

  it(`"This operation is irreversible": the bucket is gone afterwards (404 NoSuchBucket) (${S002}, Important notes)`, async () => {
    await client.call('PutVectorBucket', { bucket: 'seed002-c' });
    await client.call('DeleteVectorBucket', { bucket: 'seed002-c' });
    expectError(await client.call('GetVectorBucket', { bucket: 'seed002-c' }), 404, 'NoSuchBucket');
    expectError(await client.call('DeleteVectorBucket', { bucket: 'seed002-c' }), 404, 'NoSuchBucket');
  });

  it(`AccessDenied 403: "Only the owner of the vector bucket can delete it" (${S002}, Error codes)`, async () => {
    await client.call('PutVectorBucket', { bucket: 'seed002-d' });
    const intruder = ossClient(sim, { ...OTHER, accountId: '1234567890' });
    const res = await intruder.call('DeleteVectorBucket', { bucket: 'seed002-d' });
    expectError(res, 403, 'AccessDenied');
    expectConforms('DeleteVectorBucket', res);
    expect((await client.call('GetVectorBucket', { bucket: 'seed002-d' })).status).toBe(200);
  });

  it(`InvalidVectorBucketName 400: "The vector bucket name does not meet naming requirements" (${S002}, Error codes)`, async () => {
    for (const bucket of ['ab', '-leading', 'trailing-', 'a'.repeat(33), 'under_score']) {
      const res = await client.call('DeleteVectorBucket', { bucket });
      expectError(res, 400, 'InvalidVectorBucketName');
    }
  });
});
