/**
 * `vconf serve --config file`: the world (accounts, access keys) and behaviour switches, in YAML or JSON.
 * Validated at load; an invalid file is refused with a message naming the field.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SimulatorError } from './http/errors.ts';
import type { SimulatorOptions } from './index.ts';

const accountSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'accessKeys'],
  properties: {
    id: { type: 'string', pattern: '^[0-9]+$' },
    accessKeys: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'secret'],
        properties: { id: { type: 'string', minLength: 1 }, secret: { type: 'string', minLength: 1 } },
      },
    },
  },
};

/** Cloudflare Vectorize switches (simulator/cloudflare-vectorize/options.ts documents each one and its source). */
const cloudflareAccountId = { type: 'string', pattern: '^[0-9a-f]{32}$' };
const cloudflareVectorizeSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accounts: { type: 'array', minItems: 1, items: cloudflareAccountId },
    tokens: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['token', 'accounts', 'permission'],
        properties: {
          token: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
          accounts: { type: 'array', items: cloudflareAccountId },
          permission: { enum: ['read', 'write'] },
        },
      },
    },
    globalKeys: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'key', 'accounts'],
        properties: {
          email: { type: 'string', minLength: 3 },
          key: { type: 'string', pattern: '^[A-Za-z0-9]{32,64}$' },
          accounts: { type: 'array', items: cloudflareAccountId },
        },
      },
    },
    auth: { type: 'boolean' },
    mutationDelayMs: { type: 'integer', minimum: 0 },
    minDimensions: { type: 'integer', minimum: 1 },
    maxDimensions: { type: 'integer', minimum: 1 },
    maxIndexNameBytes: { type: 'integer', minimum: 1 },
    maxIndexesPerAccount: { type: 'integer', minimum: 1 },
    topKMax: { type: 'integer', minimum: 1 },
    topKMaxWithValuesOrMetadata: { type: 'integer', minimum: 1 },
    maxGetByIds: { type: 'integer', minimum: 1 },
    maxDeleteByIds: { type: 'integer', minimum: 1 },
    maxVectorsPerBatch: { type: 'integer', minimum: 1 },
    maxMetadataIndexes: { type: 'integer', minimum: 0 },
    emptyDeleteIds: { enum: ['accept', 'reject'] },
    unparsableBehaviorDefault: { enum: ['error', 'discard'] },
    indexNotFoundStatus: { enum: [400, 404] },
    createIndexStatus: { enum: [200, 201] },
    euclideanSquared: { type: 'boolean' },
    dotProductScore: { enum: ['negative', 'positive'] },
    listCursorTtlMs: { type: 'integer', minimum: 1 },
    rejectUnknownFields: { type: 'boolean' },
    maxBodyBytes: { type: 'integer', minimum: 1024 },
  },
} as const;

/** Bailian switches (simulator/bailian/options.ts documents each one and its source). */
const bailianSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'workspaces', 'accessKeys'],
        properties: {
          id: { type: 'string', pattern: '^[0-9]+$' },
          workspaces: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } },
          accessKeys: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'secret'],
              properties: {
                id: { type: 'string', minLength: 1 },
                secret: { type: 'string', minLength: 1 },
                workspaces: { type: 'array', items: { type: 'string', minLength: 1 } },
              },
            },
          },
        },
      },
    },
    auth: { type: 'boolean' },
    maxSkewMs: { type: 'integer', minimum: 0 },
    parseInitMs: { type: 'integer', minimum: 0 },
    parseDurationMs: { type: 'integer', minimum: 0 },
    parseFailPattern: { type: 'string' },
    parseStuckPattern: { type: 'string' },
    stuckParsingMs: { type: 'integer', minimum: 0 },
    parsableFileTypes: { type: 'array', items: { type: 'string', minLength: 1 } },
    businessErrorStatus: { enum: ['http', '200'] },
    throttleStatus: { enum: [400, 429] },
    throttleCode: { enum: ['Throttling.User', 'Throttling.Api', 'DataCenter.Throttling'] },
    deleteFilesAlreadyDeleted: { enum: ['NOT_FOUND', 'DELETED'] },
    deleteFileAlreadyDeleted: { enum: ['success', 'not-found'] },
    duplicateFileIds: { enum: ['collapse', 'reject'] },
    listMaxResults: { type: 'integer', minimum: 1 },
    uploadUrlTtlMs: { type: 'integer', minimum: 1 },
    leaseTtlMs: { type: 'integer', minimum: 1 },
    verifyMd5: { type: 'boolean' },
    deleteNonEmptyCategory: { enum: ['reject', 'cascade'] },
    uploadHost: { type: 'string', pattern: '^[a-z0-9.-]+$' },
    uploadBaseUrl: { type: 'string', pattern: '^https?://[^/?#]+$' },
    errorStatusOverrides: { type: 'object', additionalProperties: { type: 'integer', minimum: 100, maximum: 599 } },
    maxBodyBytes: { type: 'integer', minimum: 1024 },
  },
} as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    seed: { type: 'string' },
    auth: { type: 'boolean' },
    ossVectors: {
      type: 'object',
      additionalProperties: false,
      properties: {
        accounts: { type: 'array', minItems: 1, items: accountSchema },
        defaultRegion: { type: 'string', minLength: 1 },
        auth: { type: 'boolean' },
        maxSkewMs: { type: 'integer', minimum: 0 },
        deleteDuplicateKeys: { enum: ['collapse', 'reject'] },
        numericFilters: { type: 'boolean' },
        topKMax: { type: 'integer', minimum: 1, maximum: 100 },
        maxBucketsPerRegion: { type: 'integer', minimum: 1 },
        maxIndexesPerBucket: { type: 'integer', minimum: 1 },
        existingBucket: { enum: ['conflict', 'ok'] },
        bucketNameReuseDelayMs: { type: 'integer', minimum: 0 },
        indexCreatingMs: { type: 'integer', minimum: 0 },
        indexDeletingMs: { type: 'integer', minimum: 0 },
        euclideanSquared: { type: 'boolean' },
        rejectUnknownFields: { type: 'boolean' },
        maxBodyBytes: { type: 'integer', minimum: 1024 },
      },
    },
    cloudflareVectorize: cloudflareVectorizeSchema,
    bailian: bailianSchema,
  },
} as const;

const validate = new Ajv2020({ allErrors: true }).compile(configSchema);

export function parseConfig(data: unknown, source = 'config'): SimulatorOptions {
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => {
      const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
      return `${field}: ${e.message}${extra}`;
    });
    throw new SimulatorError(`${source} is invalid: ${problems.join('; ')}`);
  }
  return data as SimulatorOptions;
}

export function loadConfigFile(path: string): SimulatorOptions {
  return parseConfig(readDataFile(path, 'config file') ?? {}, `config file ${path}`);
}

/** Reads a YAML or JSON file the user named; a problem becomes a SimulatorError naming the file. */
export function readDataFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SimulatorError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
  try {
    return parse(text);
  } catch (err) {
    throw new SimulatorError(`${what} ${path} is not valid YAML/JSON: ${(err as Error).message}`);
  }
}
