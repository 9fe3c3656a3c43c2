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
        seed: { type: 'string' },
      },
    },
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SimulatorError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new SimulatorError(`config file ${path} is not valid YAML/JSON: ${(err as Error).message}`);
  }
  return parseConfig(data ?? {}, `config file ${path}`);
}
