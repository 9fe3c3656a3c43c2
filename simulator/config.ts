/**
 * `vconf serve --config file`: the world (accounts, access keys) and behaviour switches, in YAML or JSON.
 * Validated at load; an invalid file is refused with a message naming the field. Each provider's block is that
 * provider's own option schema (simulator/<slug>/options.ts), under the camelCase of its slug.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readDataFile } from './core/data-file.ts';
import { SimulatorError } from './core/errors.ts';
import { camelCase } from './http/description.ts';
import type { SimulatorOptions } from './index.ts';
import { BUILTIN_PROVIDERS } from './providers.ts';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    seed: { type: 'string' },
    auth: { type: 'boolean' },
    ...Object.fromEntries(BUILTIN_PROVIDERS.map((d) => [camelCase(d.slug), d.optionsSchema])),
  },
};

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
