/**
 * The ten neighbouring operations and their documented rules (fact sheet sections cited per test), in-process.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { bucketWithIndex, expectConforms, expectError, inProcessOss, ossClient, OTHER } from '../helpers/oss.ts';

const { sim, client, clock } = inProcessOss();

describe('buckets (fact sheet §3.1–3.4)', () => {
  it('PutVectorBucket answers 200 with Location /{bucket} and an empty body; GetVectorBucket returns BucketInfo with the bucket ARN as Name (§3.1, §3.2)', async () => {
    const put = await client.call('PutVectorBucket', { bucket: 'ops-bucket-1' });
    expect(put.status).toBe(200);
    expect(put.headers.location).toBe('/ops-bucket-1');
    expect(put.text).toBe('');
    expectConforms('PutVectorBucket', put);
    const get = await client.call('GetVectorBucket', { bucket: 'ops-bucket-1' });
    expectConforms('GetVectorBucket', get);
    expect(get.headers['content-type']).toBe('application/json');
    expect(get.json).toEqual({
      BucketInfo: {
        CreationDate: new Date(Math.floor(clock.now() / 1000) * 1000).toISOString(),
        ExtranetEndpoint: 'cn-hangzhou.oss-vectors.aliyuncs.com',
        IntranetEndpoint: 'cn-hangzhou-internal.oss-vectors.aliyuncs.com',
        Location: 'oss-cn-hangzhou',
        Region: 'cn-hangzhou',
        Name: 'acs:ossvector:cn-hangzhou:1234567890:ops-bucket-1',
      },
    });
  });

  it('re-creating an owned bucket is 409 BucketAlreadyExists by default, 200 with existingBucket: ok (§3.1, §11.12)', async () => {
    await client.call('PutVectorBucket', { bucket: 'ops-bucket-2' });
    const again = await client.call('PutVectorBucket', { bucket: 'ops-bucket-2' });
    expectError(again, 409, 'BucketAlreadyExists');
    expectConforms('PutVectorBucket', again);
    sim.ossVectors.options.existingBucket = 'ok';
    try {
      expect((await client.call('PutVectorBucket', { bucket: 'ops-bucket-2' })).status).toBe(200);
    } finally {
      sim.ossVectors.options.existingBucket = 'conflict';
    }
  });

  it('bucket quota per region answers 400 TooManyBuckets (§6: 10 per region by default)', async () => {
    const other = ossClient(sim, OTHER);
    sim.ossVectors.options.maxBucketsPerRegion = 10;
    onTestFinished(() => {
      sim.ossVectors.options.maxBucketsPerRegion = 1000;
    });
    for (let i = 0; i < 10; i++) expect((await other.call('PutVectorBucket', { bucket: `quota-${i}` })).status).toBe(200);
    const res = await other.call('PutVectorBucket', { bucket: 'quota-10' });
    expectError(res, 400, 'TooManyBuckets');
    for (let i = 0; i < 10; i++) expect((await other.call('DeleteVectorBucket', { bucket: `quota-${i}` })).status).toBe(204);
  });

  it('ListVectorBuckets pages with prefix, marker and max-keys; the last page omits the paging fields (§3.3)', async () => {
    const lister = ossClient(sim, OTHER);
    for (const name of ['list-a', 'list-b', 'list-c', 'other-x']) await lister.call('PutVectorBucket', { bucket: name });
    const first = await lister.call('ListVectorBuckets', { query: { prefix: 'list-', 'max-keys': '2' } });
    expectConforms('ListVectorBuckets', first);
    expect(first.json).toMatchObject({
      ListAllMyBucketsResult: { Prefix: 'list-', MaxKeys: 2, IsTruncated: true, NextMarker: 'list-b' },
    });
    const names = (r: typeof first) =>
      (r.json as { ListAllMyBucketsResult: { Buckets: { Name: string }[] } }).ListAllMyBucketsResult.Buckets.map((b) => b.Name.split(':').pop());
    expect(names(first)).toEqual(['list-a', 'list-b']);
    const second = await lister.call('ListVectorBuckets', { query: { prefix: 'list-', 'max-keys': '2', marker: 'list-b' } });
    expect(names(second)).toEqual(['list-c']);
    expect(second.json).toEqual({ ListAllMyBucketsResult: { Buckets: [expect.any(Object)] } });
    expectError(await lister.call('ListVectorBuckets', { query: { 'max-keys': '0' } }), 400, 'InvalidArgument');
    expectError(await lister.call('ListVectorBuckets', { query: { 'max-keys': 'ten' } }), 400, 'InvalidArgument');
    for (const name of ['list-a', 'list-b', 'list-c', 'other-x']) await lister.call('DeleteVectorBucket', { bucket: name });
  });

  it('every bucket-scoped operation on a missing bucket is 404 NoSuchBucket — even with an invalid body, since existence is checked first (§3.5, §4.4)', async () => {
    const calls = [
      client.call('GetVectorBucket', { bucket: 'no-such-bucket' }),
      client.call('PutVectorIndex', { bucket: 'no-such-bucket', body: { indexName: 'x', dataType: 'demo', dimension: 4, distanceMetric: 'oss' } }),
      client.call('DeleteVectors', { bucket: 'no-such-bucket', rawBody: 'not json' }),
      client.call('QueryVectors', { bucket: 'no-such-bucket', body: {} }),
    ];
    for (const res of await Promise.all(calls)) {
      expectError(res, 404, 'NoSuchBucket');
      expect((res.json as { Error: { BucketName: string } }).Error.BucketName).toBe('no-such-bucket');
    }
  });
});

describe('indexes (fact sheet §3.5–3.8)', () => {
  it('PutVectorIndex validates name, dataType, dimension, metric and nonFilterableMetadataKeys (§3.5)', async () => {
    await client.call('PutVectorBucket', { bucket: 'idx-rules' });
    const base = { indexName: 'good1', dataType: 'float32', dimension: 8, distanceMetric: 'cosine' };
    const bad = [
      { ...base, indexName: '1starts-with-digit' },
      { ...base, indexName: 'a'.repeat(64) },
      { ...base, dataType: 'float16' },
      { ...base, dimension: 0 },
      { ...base, dimension: 4097 },
      { ...base, dimension: 8.5 },
      { ...base, distanceMetric: 'dot' },
      { ...base, metadata: { nonFilterableMetadataKeys: [] } },
      { ...base, metadata: { nonFilterableMetadataKeys: Array.from({ length: 11 }, (_, i) => `k${i}`) } },
      { ...base, metadata: { nonFilterableMetadataKeys: ['9bad'] } },
    ];
    for (const body of bad) {
      const res = await client.call('PutVectorIndex', { bucket: 'idx-rules', body });
      expectError(res, 400, 'VectorIndexParameterInvalid');
      expectConforms('PutVectorIndex', res);
    }
    const ok = await client.call('PutVectorIndex', { bucket: 'idx-rules', body: { ...base, dimension: 4096, metadata: { nonFilterableMetadataKeys: ['_raw', 'Text1'] } } });
    expect(ok.status).toBe(200);
    expectConforms('PutVectorIndex', ok);
    expectError(await client.call('PutVectorIndex', { bucket: 'idx-rules', body: { ...base, dimension: 4096 } }), 409, 'VectorBucketIndexAlreadyExist');
  });

  it('GetVectorIndex returns the index with status enable; ListVectorIndexes pages lexicographically with nextToken and prefix (§3.6, §3.7)', async () => {
    await client.call('PutVectorBucket', { bucket: 'idx-list' });
    for (const name of ['beta', 'alpha', 'gamma', 'alphabet']) {
      await client.call('PutVectorIndex', { bucket: 'idx-list', body: { indexName: name, dataType: 'float32', dimension: 3, distanceMetric: 'euclidean' } });
    }
    const get = await client.call('GetVectorIndex', { bucket: 'idx-list', body: { indexName: 'alpha' } });
    expectConforms('GetVectorIndex', get);
    expect(get.json).toEqual({
      index: {
        indexName: 'alpha',
        createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
        dataType: 'float32',
        dimension: 3,
        distanceMetric: 'euclidean',
        status: 'enable',
      },
    });
    const p1 = await client.call('ListVectorIndexes', { bucket: 'idx-list', body: { maxResults: 2 } });
    expectConforms('ListVectorIndexes', p1);
    const page1 = p1.json as { indexes: { indexName: string }[]; nextToken: string };
    expect(page1.indexes.map((i) => i.indexName)).toEqual(['alpha', 'alphabet']);
    const p2 = await client.call('ListVectorIndexes', { bucket: 'idx-list', body: { maxResults: 2, nextToken: page1.nextToken } });
    expect(p2.json).toMatchObject({ indexes: [{ indexName: 'beta' }, { indexName: 'gamma' }] });
    expect((p2.json as { nextToken?: string }).nextToken).toBeUndefined();
    const pre = await client.call('ListVectorIndexes', { bucket: 'idx-list', body: { prefix: 'alpha', maxResults: 0 } });
    expect((pre.json as { indexes: { indexName: string }[] }).indexes.map((i) => i.indexName)).toEqual(['alpha', 'alphabet']);
    expectError(await client.call('ListVectorIndexes', { bucket: 'idx-list', body: { nextToken: 'forged' } }), 400, 'VectorIndexParameterInvalid');
    expectError(await client.call('ListVectorIndexes', { bucket: 'idx-list', body: { maxResults: 501 } }), 400, 'VectorIndexParameterInvalid');
  });

  it('100 indexes per bucket, then 400 VectorBucketIndexExceedLimit (§6)', async () => {
    sim.ossVectors.options.maxIndexesPerBucket = 3;
    try {
      await client.call('PutVectorBucket', { bucket: 'idx-quota' });
      for (const n of ['a', 'b', 'c']) {
        await client.call('PutVectorIndex', { bucket: 'idx-quota', body: { indexName: n, dataType: 'float32', dimension: 2, distanceMetric: 'cosine' } });
      }
      const res = await client.call('PutVectorIndex', { bucket: 'idx-quota', body: { indexName: 'd', dataType: 'float32', dimension: 2, distanceMetric: 'cosine' } });
      expectError(res, 400, 'VectorBucketIndexExceedLimit');
    } finally {
      sim.ossVectors.options.maxIndexesPerBucket = 100;
    }
  });
});

describe('vectors (fact sheet §3.9–3.13)', () => {
  it('PutVectors overwrites by key; GetVectors returns data and metadata on request, omits missing keys, keeps request order (§3.9, §3.10)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'vec-put' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [{ key: 'k1', data: { float32: [0.1, 0.2, 0.3, 0.4] }, metadata: { genre: 'drama' } }] } });
    const over = await client.call('PutVectors', {
      bucket,
      body: { indexName: index, vectors: [{ key: 'k1', data: { float32: [1, 2, 3, 4] } }, { key: '键-🔑', data: { float32: [0.1, 0.2, 0.3, 0.4] }, metadata: { tags: ['a', 'b'] } }] },
    });
    expect(over.status).toBe(200);
    expect(over.text).toBe('');
    expectConforms('PutVectors', over);
    const got = await client.call('GetVectors', { bucket, body: { indexName: index, keys: ['键-🔑', 'missing', 'k1'], returnData: true, returnMetadata: true } });
    expectConforms('GetVectors', got);
    expect(got.json).toEqual({
      vectors: [
        { key: '键-🔑', data: { float32: [0.1, 0.2, 0.3, 0.4] }, metadata: { tags: ['a', 'b'] } },
        { key: 'k1', data: { float32: [1, 2, 3, 4] } },
      ],
    });
  });

  it('PutVectors refuses the whole batch on a repeated key, a wrong dimension, a non-finite value or an all-zero cosine vector (§3.9)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'vec-bad', distanceMetric: 'cosine' });
    const good = { key: 'ok', data: { float32: [1, 0, 0, 0] } };
    const bad = [
      [good, { key: 'ok', data: { float32: [0, 1, 0, 0] } }],
      [good, { key: 'short', data: { float32: [1, 2, 3] } }],
      [good, { key: 'huge', data: { float32: [1e39, 0, 0, 0] } }],
      [good, { key: 'zero', data: { float32: [0, 0, 0, 0] } }],
      [good, { key: '', data: { float32: [1, 0, 0, 0] } }],
      [good, { key: 'x'.repeat(1025), data: { float32: [1, 0, 0, 0] } }],
      [good, { key: 'nometa', data: { float32: [1, 0, 0, 0] }, metadata: { deep: { nested: 'object' } } }],
      [good, { key: 'big', data: { float32: [1, 0, 0, 0] }, metadata: { text: 'x'.repeat(2100) } }],
      Array.from({ length: 501 }, (_, i) => ({ key: `v${i}`, data: { float32: [1, 0, 0, 0] } })),
    ];
    for (const vectors of bad) {
      const res = await client.call('PutVectors', { bucket, body: { indexName: index, vectors } });
      expectError(res, 400, 'VectorIndexParameterInvalid');
    }
    expect((await client.call('ListVectors', { bucket, body: { indexName: index } })).json).toEqual({ vectors: [] });
  });

  it('non-filterable metadata may be large and nested, and filters do not see it (§3.5, §3.9)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'vec-nonfilter', nonFilterableMetadataKeys: ['body'] });
    const res = await client.call('PutVectors', {
      bucket,
      body: { indexName: index, vectors: [{ key: 'doc', data: { float32: [1, 1, 1, 1] }, metadata: { body: { text: 'y'.repeat(10_000) }, lang: 'en' } }] },
    });
    expect(res.status, res.text).toBe(200);
    const q = (filter: unknown) => client.call('QueryVectors', { bucket, body: { indexName: index, queryVector: { float32: [1, 1, 1, 1] }, topK: 1, filter } });
    expect((await q({ lang: { $eq: 'en' } })).json).toEqual({ vectors: [{ key: 'doc' }] });
    expect((await q({ body: { $exists: true } })).json).toEqual({ vectors: [] });
  });

  it('ListVectors pages with nextToken, partitions with segmentCount/segmentIndex, and returns data/metadata on request (§3.11)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'vec-list' });
    const vectors = Array.from({ length: 25 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, data: { float32: [i, 0, 0, 1] }, metadata: { i: String(i) } }));
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors } });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.call('ListVectors', { bucket, body: { indexName: index, maxResults: 10, ...(token ? { nextToken: token } : {}) } });
      expectConforms('ListVectors', page);
      const body = page.json as { vectors: { key: string }[]; nextToken?: string };
      seen.push(...body.vectors.map((v) => v.key));
      token = body.nextToken;
    } while (token);
    expect(seen).toEqual(vectors.map((v) => v.key));
    const segs: string[] = [];
    for (let s = 0; s < 3; s++) {
      const page = await client.call('ListVectors', { bucket, body: { indexName: index, segmentCount: 3, segmentIndex: s, maxResults: 1000 } });
      segs.push(...(page.json as { vectors: { key: string }[] }).vectors.map((v) => v.key));
    }
    expect(segs.sort()).toEqual(seen);
    const withData = await client.call('ListVectors', { bucket, body: { indexName: index, maxResults: 1, returnData: true, returnMetadata: true } });
    expect((withData.json as { vectors: unknown[] }).vectors[0]).toEqual({ key: 'k00', data: { float32: [0, 0, 0, 1] }, metadata: { i: '0' } });
    expectError(await client.call('ListVectors', { bucket, body: { indexName: index, segmentCount: 2, segmentIndex: 2 } }), 400, 'VectorIndexParameterInvalid');
    expectError(await client.call('ListVectors', { bucket, body: { indexName: index, segmentCount: 17, segmentIndex: 0 } }), 400, 'VectorIndexParameterInvalid');
    expectError(await client.call('ListVectors', { bucket, body: { indexName: index, maxResults: 1001 } }), 400, 'VectorIndexParameterInvalid');
  });

  it('QueryVectors orders by increasing distance with exact distances; returnDistance/returnMetadata; filters; topK limit 30 by default (§3.13, §11.4)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'vec-query', distanceMetric: 'euclidean' });
    await client.call('PutVectors', {
      bucket,
      body: {
        indexName: index,
        vectors: [
          { key: 'near', data: { float32: [1, 0, 0, 0] }, metadata: { genre: 'comedy', year: 2020 } },
          { key: 'mid', data: { float32: [3, 0, 0, 0] }, metadata: { genre: 'drama', year: 2010 } },
          { key: 'far', data: { float32: [0, 0, 0, 10] }, metadata: { genre: 'comedy', year: 1999 } },
        ],
      },
    });
    const res = await client.call('QueryVectors', { bucket, body: { indexName: index, queryVector: { float32: [0, 0, 0, 0] }, topK: 3, returnDistance: true, returnMetadata: true } });
    expectConforms('QueryVectors', res);
    expect(res.json).toEqual({
      vectors: [
        { key: 'near', distance: 1, metadata: { genre: 'comedy', year: 2020 } },
        { key: 'mid', distance: 3, metadata: { genre: 'drama', year: 2010 } },
        { key: 'far', distance: 10, metadata: { genre: 'comedy', year: 1999 } },
      ],
    });
    const filtered = await client.call('QueryVectors', {
      bucket,
      body: { indexName: index, queryVector: { float32: [0, 0, 0, 0] }, topK: 3, filter: { $and: [{ genre: { $in: ['comedy'] } }, { year: { $gte: 2000 } }] } },
    });
    expect(filtered.json).toEqual({ vectors: [{ key: 'near' }] });
    const q = (body: object) => client.call('QueryVectors', { bucket, body: { indexName: index, queryVector: { float32: [0, 0, 0, 0] }, topK: 3, ...body } });
    expectError(await q({ topK: 31 }), 400, 'VectorIndexParameterInvalid');
    expectError(await q({ topK: 0 }), 400, 'VectorIndexParameterInvalid');
    expectError(await q({ filter: { genre: { $regex: 'x' } } }), 400, 'VectorIndexParameterInvalid');
    expectError(await q({ queryVector: { float32: [1, 2] } }), 400, 'VectorIndexParameterInvalid');
    sim.ossVectors.options.numericFilters = false;
    try {
      expectError(await q({ filter: { year: { $gte: 2000 } } }), 400, 'VectorIndexParameterInvalid');
    } finally {
      sim.ossVectors.options.numericFilters = true;
    }
  });

  it('cosine distance is 1 − cos θ (§3.13 inference, README choice)', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'vec-cosine', distanceMetric: 'cosine' });
    await client.call('PutVectors', { bucket, body: { indexName: index, vectors: [{ key: 'x', data: { float32: [1, 0, 0, 0] } }, { key: 'diag', data: { float32: [1, 1, 0, 0] } }] } });
    const res = await client.call('QueryVectors', { bucket, body: { indexName: index, queryVector: { float32: [2, 0, 0, 0] }, topK: 2, returnDistance: true } });
    const hits = (res.json as { vectors: { key: string; distance: number }[] }).vectors;
    expect(hits[0]).toEqual({ key: 'x', distance: 0 });
    expect(hits[1]!.key).toBe('diag');
    expect(hits[1]!.distance).toBeCloseTo(1 - Math.SQRT1_2, 6);
  });
});

describe('bad input (issue: never crash, never half-apply)', () => {
  it('unknown fields are tolerated by default and refused with rejectUnknownFields', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'bad-unknown' });
    expect((await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a'], extra: true } })).status).toBe(204);
    sim.ossVectors.options.rejectUnknownFields = true;
    try {
      expectError(await client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['a'], extra: true } }), 400, 'VectorIndexParameterInvalid');
    } finally {
      sim.ossVectors.options.rejectUnknownFields = false;
    }
  });

  it('JSON that is not an object, an empty body, and wrong types each get their documented error', async () => {
    const { bucket } = await bucketWithIndex(client, { bucket: 'bad-shapes' });
    for (const rawBody of ['[]', '"text"', '42', 'null', ' ', '{"indexName":"idx","keys":["a"]}garbage']) {
      expectError(await client.call('DeleteVectors', { bucket, rawBody }), 400, 'MalformedJson');
    }
    expectError(await client.call('QueryVectors', { bucket, body: { indexName: 'idx', queryVector: [1, 2, 3, 4], topK: '3' } }), 400, 'VectorIndexParameterInvalid');
  });

  it('policy and logging side APIs answer 501 NotImplemented naming the operation', async () => {
    await client.call('PutVectorBucket', { bucket: 'bad-policy' });
    const res = await fetch('https://bad-policy-1234567890.cn-hangzhou.oss-vectors.aliyuncs.com/?policy', { method: 'GET' });
    expect(res.status).toBe(501);
    const body = (await res.json()) as { Error: { Code: string; Message: string } };
    expect(body.Error.Code).toBe('NotImplemented');
    expect(body.Error.Message).toContain('GetBucketPolicy');
  });

  it('concurrent writes to the same keys leave exactly one complete version of each vector', async () => {
    const { bucket, index } = await bucketWithIndex(client, { bucket: 'bad-concurrent' });
    const writers = Array.from({ length: 20 }, (_, w) =>
      client.call('PutVectors', { bucket, body: { indexName: index, vectors: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, data: { float32: [w, w, w, w] }, metadata: { writer: String(w) } })) } }),
    );
    const deleters = Array.from({ length: 5 }, () => client.call('DeleteVectors', { bucket, body: { indexName: index, keys: ['k0', 'k1'] } }));
    const all = await Promise.all([...writers, ...deleters]);
    expect(all.every((r) => r.status === 200 || r.status === 204)).toBe(true);
    const got = await client.call('GetVectors', { bucket, body: { indexName: index, keys: Array.from({ length: 50 }, (_, i) => `k${i}`), returnData: true, returnMetadata: true } });
    for (const v of (got.json as { vectors: { key: string; data: { float32: number[] }; metadata: { writer: string } }[] }).vectors) {
      const w = Number(v.metadata.writer);
      expect(v.data.float32).toEqual([w, w, w, w]);
    }
  });
});
