/**
 * specs/oss-vectors.yaml: its examples, operations, limits and error statuses, checked through the same validator
 * the simulator uses (simulator/http/spec-validator.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadSpecValidator, type OpenApiDocument } from '../../simulator/http/spec-validator.ts';
import { OSS_ERRORS } from '../../simulator/oss-vectors/errors.ts';

const spec = loadSpecValidator('oss-vectors');
const doc = spec.doc;

const SEED_000 = 'seed 000_325d4cc8e00416e9.txt';
const SEED_001 = 'seed 001_3830517637282d1c.txt';
const SEED_002 = 'seed 002_46cf8975b9631b69.txt';

type Node = Record<string, unknown>;

function at(pointer: string): unknown {
  let node: unknown = doc;
  for (const segment of pointer.replace(/^#\//, '').split('/')) {
    node = (node as Node)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function deref(node: Node): { node: Node; pointer: string | undefined } {
  let pointer: string | undefined;
  while (typeof node.$ref === 'string') {
    pointer = node.$ref;
    node = at(node.$ref) as Node;
  }
  return { node, pointer };
}

function operations(d: OpenApiDocument): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const item of Object.values(d.paths)) {
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object' && typeof (op as Node).operationId === 'string') out.set((op as Node).operationId as string, op as Node);
    }
  }
  return out;
}

const OPS = operations(doc);

/** Valid common headers, taken from the spec's own header examples. */
function headersFor(response: Node): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries((response.headers ?? {}) as Record<string, Node>)) {
    headers[name] = String(deref(raw).node.example);
  }
  if (response.content) headers['Content-Type'] = Object.keys(response.content as Node)[0]!;
  return headers;
}

function responseOf(operationId: string, status: number): Node {
  const responses = OPS.get(operationId)!.responses as Record<string, Node>;
  return deref(responses[String(status)]!).node;
}

const COMMON = { 'x-oss-request-id': '534B371674E88A4D8906ABCD', Date: 'Thu, 17 Apr 2025 01:33:47 GMT', Server: 'AliyunOSS' };

function errorAnswer(code: keyof typeof OSS_ERRORS, status = OSS_ERRORS[code].status) {
  const { ec, message } = OSS_ERRORS[code];
  return {
    status,
    headers: { ...COMMON, 'x-oss-ec': ec, 'content-type': 'application/json' },
    body: JSON.stringify({
      Error: { Code: code, Message: message, RequestId: COMMON['x-oss-request-id'], HostId: 'examplebucket-1234567890.cn-hangzhou.oss-vectors.aliyuncs.com', EC: ec },
    }),
  };
}

describe('examples in specs/oss-vectors.yaml', () => {
  it('every example validates against its schema, and every example is checked', () => {
    // Every `example`/`examples` key in the document, so a new example cannot slip past this test.
    const found = new Set<string>();
    const walk = (node: unknown, pointer: string) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'example' || key === 'examples') found.add(`${pointer}/${key}`);
        walk(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    };
    walk(doc, '#');

    const checked = new Set<string>();
    const failures: string[] = [];

    // Component schemas: `examples` (JSON Schema array).
    for (const [name, schema] of Object.entries(doc.components!.schemas as Record<string, Node>)) {
      if (!Array.isArray(schema.examples)) continue;
      checked.add(`#/components/schemas/${name}/examples`);
      for (const example of schema.examples) {
        const issues = spec.schema(name)(example);
        if (issues.length) failures.push(`${name}: ${JSON.stringify(issues)}`);
      }
    }

    for (const [operationId, op] of OPS) {
      const opPointer = (() => {
        for (const [path, item] of Object.entries(doc.paths)) {
          for (const [method, candidate] of Object.entries(item)) if (candidate === op) return `#/paths/${path.replace(/\//g, '~1')}/${method}`;
        }
        throw new Error(operationId);
      })();
      // Request examples.
      const body = op.requestBody as Node | undefined;
      for (const [type, media] of Object.entries((body?.content ?? {}) as Record<string, Node>)) {
        const examples = (media.examples ?? {}) as Record<string, Node>;
        checked.add(`${opPointer}/requestBody/content/${type.replace(/\//g, '~1')}/examples`);
        for (const [name, example] of Object.entries(examples)) {
          const issues = spec.validateRequestBody(operationId, example.value);
          if (issues.length) failures.push(`${operationId} request ${name}: ${JSON.stringify(issues)}`);
        }
      }
      // Response examples, with headers built from the header examples (which checks those too).
      for (const [status, raw] of Object.entries(op.responses as Record<string, Node>)) {
        const { node: response, pointer } = deref(raw);
        const base = pointer ?? `${opPointer}/responses/${status}`;
        for (const header of Object.values((response.headers ?? {}) as Record<string, Node>)) {
          const ref = header.$ref as string | undefined;
          if (ref) checked.add(`${ref}/example`);
        }
        for (const [type, media] of Object.entries((response.content ?? {}) as Record<string, Node>)) {
          checked.add(`${base}/content/${type.replace(/\//g, '~1')}/examples`);
          for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, Node>)) {
            const issues = spec.validateResponse(operationId, {
              status: Number(status),
              headers: headersFor(response),
              body: JSON.stringify(example.value),
            });
            if (issues.length) failures.push(`${operationId} ${status} ${name}: ${JSON.stringify(issues)}`);
          }
        }
        if (!response.content) {
          const issues = spec.validateResponse(operationId, { status: Number(status), headers: headersFor(response), body: '' });
          if (issues.length) failures.push(`${operationId} ${status} (empty): ${JSON.stringify(issues)}`);
        }
      }
    }

    expect(failures).toEqual([]);
    expect([...found].filter((p) => !checked.has(p))).toEqual([]);
    expect(found.size).toBeGreaterThan(30);
  });
});

describe('operations (fact sheet §2)', () => {
  const SUCCESS: [string, number, string, 'empty' | 'json'][] = [
    ['PutVectorBucket', 200, 'fact sheet §3.1', 'empty'],
    ['GetVectorBucket', 200, 'fact sheet §3.2', 'json'],
    ['ListVectorBuckets', 200, 'fact sheet §3.3', 'json'],
    ['DeleteVectorBucket', 204, SEED_002, 'empty'],
    ['PutVectorIndex', 200, 'fact sheet §3.5', 'empty'],
    ['GetVectorIndex', 200, 'fact sheet §3.6', 'json'],
    ['ListVectorIndexes', 200, 'fact sheet §3.7', 'json'],
    ['DeleteVectorIndex', 204, SEED_000, 'empty'],
    ['PutVectors', 200, 'fact sheet §3.9', 'empty'],
    ['GetVectors', 200, 'fact sheet §3.10', 'json'],
    ['ListVectors', 200, 'fact sheet §3.11', 'json'],
    ['DeleteVectors', 204, SEED_001, 'empty'],
    ['QueryVectors', 200, 'fact sheet §3.13', 'json'],
  ];

  it('the spec has exactly the 13 operations', () => {
    expect([...spec.operationIds()].sort()).toEqual(SUCCESS.map(([op]) => op).sort());
  });

  it.each(SUCCESS)('%s answers %i (%s)', (operationId, status, _source, kind) => {
    const op = OPS.get(operationId)!;
    const successes = Object.keys(op.responses as Node).filter((s) => s.startsWith('2'));
    expect(successes).toEqual([String(status)]);
    const response = responseOf(operationId, status);
    if (kind === 'empty') {
      expect(response.content).toBeUndefined();
    } else {
      const media = (response.content as Record<string, Node>)['application/json']!;
      expect((media.schema as Node).$ref).toBe(`#/components/schemas/${operationId}Result`);
    }
  });

  it.each(SUCCESS.filter(([, , , kind]) => kind === 'empty'))('%s success passes validateResponse with an empty body', (operationId, status) => {
    const headers: Record<string, string> = { ...COMMON };
    if (operationId === 'PutVectorBucket') headers.Location = '/examplebucket';
    expect(spec.validateResponse(operationId, { status, headers, body: '' })).toEqual([]);
    expect(spec.validateResponse(operationId, { status, headers, body: undefined })).toEqual([]);
    expect(spec.validateResponse(operationId, { status, headers, body: new Uint8Array() })).toEqual([]);
  });

  it('every operation lists 403, 500, 501 and 503, since auth, faults and throttles apply anywhere', () => {
    for (const [operationId, op] of OPS) {
      expect(Object.keys(op.responses as Node), operationId).toEqual(expect.arrayContaining(['403', '500', '501', '503']));
    }
  });

  it('every JSON-body operation names its request schema <OperationId>Request', () => {
    for (const [operationId, op] of OPS) {
      const body = op.requestBody as Node | undefined;
      if (!body) continue;
      const media = (body.content as Record<string, Node>)['application/json']!;
      expect((media.schema as Node).$ref, operationId).toBe(`#/components/schemas/${operationId}Request`);
    }
  });

  it('the named component schemas exist', () => {
    const names = [
      ...['PutVectorIndex', 'GetVectorIndex', 'ListVectorIndexes', 'DeleteVectorIndex', 'PutVectors', 'GetVectors', 'ListVectors', 'DeleteVectors', 'QueryVectors'].map((o) => `${o}Request`),
      ...['GetVectorBucket', 'ListVectorBuckets', 'GetVectorIndex', 'ListVectorIndexes', 'GetVectors', 'ListVectors', 'QueryVectors'].map((o) => `${o}Result`),
      'ErrorBody', 'BucketInfo', 'VectorIndex', 'Vector', 'VectorData', 'QueryHit', 'Metadata',
    ];
    for (const name of names) expect(() => spec.schema(name), name).not.toThrow();
    expect(() => spec.schema('NoSuchSchema')).toThrow(/no component schema/);
  });

  it('ListVectorBuckets goes to the regional host (fact sheet §3.3)', () => {
    const servers = OPS.get('ListVectorBuckets')!.servers as { url: string }[];
    expect(servers.map((s) => s.url)).toEqual(['https://{region}.oss-vectors.aliyuncs.com']);
  });
});

describe('error statuses align with simulator/oss-vectors/errors.ts', () => {
  /** operationId → status → codes listed by the spec's Error.Code enum. */
  function listedCodes(): Map<string, Map<string, string[]>> {
    const out = new Map<string, Map<string, string[]>>();
    for (const [operationId, op] of OPS) {
      const byStatus = new Map<string, string[]>();
      for (const [status, raw] of Object.entries(op.responses as Record<string, Node>)) {
        if (status.startsWith('2')) continue;
        const schema = ((deref(raw).node.content as Record<string, Node>)['application/json']!.schema as Node);
        const narrowing = (schema.allOf as Node[])[1] as Node;
        const code = (((narrowing.properties as Node).Error as Node).properties as Node).Code as Node;
        byStatus.set(status, code.enum as string[]);
      }
      out.set(operationId, byStatus);
    }
    return out;
  }

  it('each listed code has that HTTP status in the catalog', () => {
    const wrong: string[] = [];
    for (const [operationId, byStatus] of listedCodes()) {
      for (const [status, codes] of byStatus) {
        for (const code of codes) {
          const entry = OSS_ERRORS[code as keyof typeof OSS_ERRORS];
          if (!entry || String(entry.status) !== status) wrong.push(`${operationId} ${status} ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every catalog code is reachable from some operation (MethodNotAllowed is routing-level, see x-routing-errors)', () => {
    const used = new Set([...listedCodes().values()].flatMap((m) => [...m.values()].flat()));
    const unused = Object.keys(OSS_ERRORS).filter((c) => !used.has(c));
    expect(unused).toEqual(['MethodNotAllowed']);
    const enumCodes = (doc.components!.schemas!.ErrorCode as Node).enum as string[];
    expect([...enumCodes].sort()).toEqual(Object.keys(OSS_ERRORS).sort());
  });

  it.each([
    ['DeleteVectors', '400', ['VectorIndexParameterInvalid', 'MalformedJson', 'InvalidArgument', 'EntityTooLarge'], SEED_001],
    ['DeleteVectors', '403', ['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'RequestTimeTooSkewed'], SEED_001],
    ['DeleteVectors', '404', ['NoSuchBucket', 'NoSuchVectorIndex'], SEED_001],
    ['DeleteVectors', '503', ['QpsLimitExceeded'], SEED_001],
    ['DeleteVectorIndex', '409', ['VectorIndexOperationConflict'], SEED_000],
    ['DeleteVectorIndex', '404', ['NoSuchBucket', 'NoSuchVectorIndex'], SEED_000],
    ['DeleteVectorBucket', '409', ['VectorBucketNotEmpty'], SEED_002],
    ['DeleteVectorBucket', '400', ['InvalidVectorBucketName', 'InvalidArgument', 'EntityTooLarge'], SEED_002],
    ['PutVectorIndex', '409', ['VectorBucketIndexAlreadyExist'], 'fact sheet §3.5'],
    ['PutVectorIndex', '400', ['VectorIndexParameterInvalid', 'MalformedJson', 'VectorBucketIndexExceedLimit', 'InvalidArgument', 'EntityTooLarge'], 'fact sheet §3.5'],
    ['PutVectorBucket', '409', ['BucketAlreadyExists', 'BucketNameNotAvailable'], 'fact sheet §3.1'],
    ['PutVectorBucket', '400', ['InvalidVectorBucketName', 'TooManyBuckets', 'InvalidArgument', 'EntityTooLarge'], 'fact sheet §3.1'],
  ] as [string, string, string[], string][])('%s %s lists %j (%s)', (operationId, status, codes) => {
    expect(listedCodes().get(operationId)!.get(status)).toEqual(codes);
  });
});

describe('request bodies', () => {
  const key = (n: number) => 'k'.repeat(n);
  const vector = (k = 'doc-001') => ({ key: k, data: { float32: [0.1, 0.2, 0.3] } });

  it.each(([
    ['DeleteVectors', { indexName: 'vectorindex1', keys: ['doc-001', 'doc-002', 'doc-003'] }, SEED_001],
    ['DeleteVectors', { keys: ['doc-001'] }, `${SEED_001}: indexName "Required: No"`],
    ['DeleteVectors', { indexName: 'idx', keys: ['a', 'a', 'a'] }, `${SEED_001}: raw duplicates allowed`],
    ['DeleteVectors', { indexName: 'idx', keys: Array.from({ length: 501 }, (_, i) => `doc-${i}`) }, `${SEED_001}: 501 unique keys is the simulator's x-max-unique-items check`],
    ['DeleteVectors', { indexName: 'idx', keys: [key(1024)], extra: 1 }, 'key of 1024 chars; unknown fields tolerated'],
    ['DeleteVectorIndex', { indexName: 'vectorindex1' }, SEED_000],
    ['PutVectorIndex', { indexName: 'a', dataType: 'float32', dimension: 4096, distanceMetric: 'euclidean' }, 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'A'.repeat(63), dataType: 'float32', dimension: 1, distanceMetric: 'cosine', metadata: { nonFilterableMetadataKeys: ['_a', 'b1'] } }, 'fact sheet §3.5'],
    ['PutVectors', { indexName: 'idx', vectors: Array.from({ length: 500 }, (_, i) => vector(`k${i}`)) }, 'fact sheet §3.9'],
    ['GetVectors', { indexName: 'idx', keys: Array.from({ length: 100 }, (_, i) => `k${i}`), returnData: true }, 'fact sheet §3.10'],
    ['ListVectors', { indexName: 'idx', maxResults: 1000, nextToken: key(2048), segmentCount: 16, segmentIndex: 15 }, 'fact sheet §3.11'],
    ['ListVectorIndexes', {}, 'fact sheet §3.7'],
    ['ListVectorIndexes', { maxResults: 0, nextToken: key(512) }, 'fact sheet §3.7'],
    ['QueryVectors', { indexName: 'idx', queryVector: { float32: [1] }, topK: 100, filter: {} }, 'fact sheet §3.13: 100 is the absolute bound'],
  ] as const).map(([op, body, source]) => [op, source, body] as const))('%s accepts a body: %s', (operationId, _source, body) => {
    expect(spec.validateRequestBody(operationId, body)).toEqual([]);
  });

  it.each(([
    ['DeleteVectors', { indexName: 'idx', keys: [] }, 'body/keys', SEED_001],
    ['DeleteVectors', { indexName: 'idx' }, 'body', SEED_001],
    ['DeleteVectors', { indexName: 'idx', keys: [key(1025)] }, 'body/keys/0', 'key over 1024 chars'],
    ['DeleteVectors', { indexName: 'idx', keys: [''] }, 'body/keys/0', 'empty key'],
    ['DeleteVectors', { indexName: 'idx', keys: 'doc-001' }, 'body/keys', 'keys not an array'],
    ['DeleteVectors', { indexName: 'idx', keys: [1, 2] }, 'body/keys/0', 'keys not strings'],
    ['DeleteVectors', { indexName: 7, keys: ['a'] }, 'body/indexName', 'indexName not a string'],
    ['DeleteVectorIndex', {}, 'body', SEED_000],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: 4097, distanceMetric: 'cosine' }, 'body/dimension', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: 0, distanceMetric: 'cosine' }, 'body/dimension', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: '128', distanceMetric: 'cosine' }, 'body/dimension', 'dimension as string'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: 1.5, distanceMetric: 'cosine' }, 'body/dimension', 'non-integer dimension'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float64', dimension: 8, distanceMetric: 'cosine' }, 'body/dataType', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: 8, distanceMetric: 'dot' }, 'body/distanceMetric', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: '1idx', dataType: 'float32', dimension: 8, distanceMetric: 'cosine' }, 'body/indexName', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'a'.repeat(64), dataType: 'float32', dimension: 8, distanceMetric: 'cosine' }, 'body/indexName', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: 8, distanceMetric: 'cosine', metadata: { nonFilterableMetadataKeys: [] } }, 'body/metadata/nonFilterableMetadataKeys', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: 8, distanceMetric: 'cosine', metadata: { nonFilterableMetadataKeys: Array.from({ length: 11 }, (_, i) => `k${i}`) } }, 'body/metadata/nonFilterableMetadataKeys', 'fact sheet §3.5'],
    ['PutVectorIndex', { indexName: 'idx', dataType: 'float32', dimension: 8, distanceMetric: 'cosine', metadata: { nonFilterableMetadataKeys: ['9lives'] } }, 'body/metadata/nonFilterableMetadataKeys/0', 'fact sheet §3.5'],
    ['PutVectors', { indexName: 'idx', vectors: [] }, 'body/vectors', 'fact sheet §3.9'],
    ['PutVectors', { indexName: 'idx', vectors: Array.from({ length: 501 }, (_, i) => vector(`k${i}`)) }, 'body/vectors', 'fact sheet §3.9'],
    ['PutVectors', { indexName: 'idx', vectors: [vector(key(1025))] }, 'body/vectors/0/key', 'fact sheet §3.9'],
    ['PutVectors', { indexName: 'idx', vectors: [{ key: 'a' }] }, 'body/vectors/0', 'data required'],
    ['PutVectors', { indexName: 'idx', vectors: [{ key: 'a', data: { float32: ['0.1'] } }] }, 'body/vectors/0/data/float32/0', 'values must be numbers'],
    ['PutVectors', { indexName: 'idx', vectors: [{ key: 'a', data: { float32: Array(4097).fill(0) } }] }, 'body/vectors/0/data/float32', 'fact sheet §3.5'],
    ['GetVectors', { indexName: 'idx', keys: Array.from({ length: 101 }, (_, i) => `k${i}`) }, 'body/keys', 'fact sheet §3.10'],
    ['GetVectors', { indexName: 'idx', keys: ['a'], returnData: 'yes' }, 'body/returnData', 'boolean flag'],
    ['ListVectors', { indexName: 'idx', maxResults: 1001 }, 'body/maxResults', 'fact sheet §3.11'],
    ['ListVectors', { indexName: 'idx', maxResults: 0 }, 'body/maxResults', 'fact sheet §3.11'],
    ['ListVectors', { indexName: 'idx', segmentCount: 17 }, 'body/segmentCount', 'fact sheet §3.11'],
    ['ListVectors', { indexName: 'idx', segmentIndex: -1 }, 'body/segmentIndex', 'fact sheet §3.11'],
    ['ListVectors', { indexName: 'idx', nextToken: key(2049) }, 'body/nextToken', 'fact sheet §3.11'],
    ['ListVectorIndexes', { maxResults: 501 }, 'body/maxResults', 'fact sheet §3.7'],
    ['ListVectorIndexes', { nextToken: '' }, 'body/nextToken', 'fact sheet §3.7'],
    ['QueryVectors', { indexName: 'idx', queryVector: { float32: [1] }, topK: 0 }, 'body/topK', 'fact sheet §3.13'],
    ['QueryVectors', { indexName: 'idx', queryVector: { float32: [1] }, topK: 101 }, 'body/topK', 'fact sheet §3.13'],
    ['QueryVectors', { indexName: 'idx', queryVector: { float32: [1] }, topK: '10' }, 'body/topK', 'topK as string'],
    ['QueryVectors', { indexName: 'idx', queryVector: { float32: [1] }, topK: 2.5 }, 'body/topK', 'non-integer topK'],
    ['QueryVectors', { indexName: 'idx', queryVector: [1], topK: 1 }, 'body/queryVector', 'queryVector must be {float32}'],
    ['QueryVectors', { indexName: 'idx', queryVector: { float32: [1] }, topK: 1, filter: [] }, 'body/filter', 'filter must be an object'],
  ] as const).map(([op, body, where, source]) => [op, where, source, body] as const))('%s rejects at %s: %s', (operationId, where, _source, body) => {
    const issues = spec.validateRequestBody(operationId, body);
    expect(issues.map((i) => i.where)).toContain(where);
  });

  it('the 1–500 unique-keys rule is an extension, not uniqueItems (seed 001_3830517637282d1c.txt)', () => {
    const keys = (doc.components!.schemas!.DeleteVectorsRequest as Node).properties as Node;
    const schema = keys.keys as Node;
    expect(schema.minItems).toBe(1);
    expect(schema['x-max-unique-items']).toBe(500);
    expect(schema.uniqueItems).toBeUndefined();
    expect(schema.maxItems).toBeUndefined();
  });

  it('topK states the simulator default of 30 under the absolute bound 100 (fact sheet §11.4)', () => {
    const topK = ((doc.components!.schemas!.QueryVectorsRequest as Node).properties as Node).topK as Node;
    expect([topK.minimum, topK.maximum, topK['x-default-maximum']]).toEqual([1, 100, 30]);
  });

  it('lists every issue, not just the first', () => {
    const issues = spec.validateRequestBody('PutVectorIndex', { indexName: '', dataType: 'x', dimension: 0, distanceMetric: 'y' });
    // The empty indexName breaks both minLength and pattern: both are reported.
    expect(issues.map((i) => i.where).sort()).toEqual(['body/dataType', 'body/dimension', 'body/distanceMetric', 'body/indexName', 'body/indexName']);
  });

  it('operations without a body accept none and reject one', () => {
    expect(spec.validateRequestBody('PutVectorBucket', undefined)).toEqual([]);
    expect(spec.validateRequestBody('DeleteVectorBucket', {})).toEqual([{ where: 'body', message: 'DeleteVectorBucket takes no request body' }]);
    expect(spec.validateRequestBody('DeleteVectors', undefined)).toEqual([{ where: 'body', message: 'request body is required' }]);
  });

  it('unknown operationIds are a programming error', () => {
    expect(() => spec.validateRequestBody('DeleteEverything', {})).toThrow(/no operation/);
    expect(() => spec.validateResponse('DeleteEverything', { status: 204, headers: COMMON, body: '' })).toThrow(/no operation/);
  });
});

describe('responses', () => {
  it('a representative error passes: DeleteVectors 503 QpsLimitExceeded (seed 001_3830517637282d1c.txt)', () => {
    expect(spec.validateResponse('DeleteVectors', errorAnswer('QpsLimitExceeded'))).toEqual([]);
  });

  it('an error may carry extra string fields (fact sheet §4.1)', () => {
    const answer = errorAnswer('NoSuchBucket');
    const body = JSON.parse(answer.body) as { Error: Record<string, string> };
    body.Error.BucketName = 'examplebucket';
    body.Error.RecommendDoc = 'https://api.aliyun.com/troubleshoot?q=0015-00000101';
    expect(spec.validateResponse('GetVectorBucket', { ...answer, body: JSON.stringify(body) })).toEqual([]);
  });

  it.each([
    ['DeleteVectors', 'VectorBucketNotEmpty', 404],
    ['DeleteVectorBucket', 'VectorIndexOperationConflict', 409],
    ['PutVectorIndex', 'NoSuchVectorIndex', 404],
    ['DeleteVectors', 'QpsLimitExceeded', 429],
    ['GetVectorIndex', 'MalformedJson', 409],
  ] as const)('a wrong status/code pair fails: %s %s at %i', (operationId, code, status) => {
    const issues = spec.validateResponse(operationId, errorAnswer(code, status));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.where).toMatch(/^(status|body\/Error\/Code)$/);
  });

  it('a 204 with a body fails (seed 001_3830517637282d1c.txt)', () => {
    expect(spec.validateResponse('DeleteVectors', { status: 204, headers: COMMON, body: '{}' })).toEqual([
      { where: 'body', message: 'expected an empty body, got 2 characters' },
    ]);
  });

  it('headers are compared case-insensitively and checked', () => {
    const upper = { 'X-OSS-REQUEST-ID': COMMON['x-oss-request-id'], DATE: COMMON.Date, SERVER: 'AliyunOSS' };
    expect(spec.validateResponse('DeleteVectorIndex', { status: 204, headers: upper, body: '' })).toEqual([]);
    const issues = spec.validateResponse('DeleteVectorIndex', { status: 204, headers: { 'x-oss-request-id': 'short', date: 'yesterday' }, body: '' });
    expect(issues.map((i) => i.where)).toEqual(['header/x-oss-request-id', 'header/date', 'header/server']);
  });

  it('PutVectorBucket needs its Location header (fact sheet §3.1)', () => {
    expect(spec.validateResponse('PutVectorBucket', { status: 200, headers: COMMON, body: '' })).toEqual([
      { where: 'header/location', message: 'required header is missing' },
    ]);
  });

  it('errors need x-oss-ec, JSON bodies need a listed Content-Type', () => {
    const answer = errorAnswer('AccessDenied');
    const { 'x-oss-ec': _ec, 'content-type': _ct, ...bare } = answer.headers;
    const issues = spec.validateResponse('DeleteVectors', { ...answer, headers: bare });
    expect(issues.map((i) => i.where)).toEqual(['header/x-oss-ec', 'header/content-type']);
  });

  it('success bodies are checked precisely', () => {
    const headers = { ...COMMON, 'content-type': 'application/json' };
    const ok = (operationId: string, body: unknown) => spec.validateResponse(operationId, { status: 200, headers, body: JSON.stringify(body) });
    expect(ok('QueryVectors', { vectors: [{ key: 'a', distance: 0.5 }] })).toEqual([]);
    expect(ok('QueryVectors', { vectors: [{ key: 'a', data: { float32: [1] } }] }).map((i) => i.where)).toEqual(['body/vectors/0']);
    expect(ok('GetVectorIndex', { index: { indexName: 'idx', dimension: 4 } }).length).toBeGreaterThan(0);
    expect(ok('ListVectorIndexes', { Indexes: [] }).map((i) => i.where)).toEqual(['body', 'body']);
    expect(ok('GetVectorBucket', { BucketInfo: {}, Extra: 1 }).length).toBeGreaterThan(0);
    expect(spec.validateResponse('GetVectors', { status: 200, headers, body: '' })).toEqual([
      { where: 'body', message: 'expected a JSON body, got an empty body' },
    ]);
    expect(spec.validateResponse('GetVectors', { status: 200, headers, body: new TextEncoder().encode('{"vectors":[]}') })).toEqual([]);
  });
});
