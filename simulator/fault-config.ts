/**
 * Fault plans and limit rules from files (`vconf serve --faults file`) and from the control endpoint: validated
 * before anything changes, with messages naming the field. Provider-generic: the provider slugs a plan may name come
 * from the simulator that uses the parsers (`faultConfigFor(slugs)`).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import type { FaultPlan, LimitRule } from './engine/faults.ts';
import { readDataFile } from './core/data-file.ts';
import { SimulatorError } from './core/errors.ts';

const status = { type: 'integer', minimum: 400, maximum: 599 };

const faultPlanSchema = (providers: readonly string[]) => ({
  $id: 'vconf:fault-plan',
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'operation', 'action'],
  properties: {
    id: { type: 'string', minLength: 1 },
    provider: { enum: providers },
    operation: { type: 'string', minLength: 1 },
    times: { type: 'integer', minimum: 1 },
    probability: { type: 'number', minimum: 0, maximum: 1 },
    seed: { type: 'string' },
    latencyMs: {
      oneOf: [
        { type: 'number', minimum: 0, maximum: 600000 },
        {
          type: 'object',
          additionalProperties: false,
          required: ['min', 'max'],
          properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0, maximum: 600000 } },
        },
      ],
    },
    action: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { enum: ['fail', 'partial', 'drop', 'latency'] } },
      allOf: [
        {
          if: { properties: { kind: { enum: ['fail', 'partial'] } } },
          then: {
            required: ['status', 'code'],
            properties: {
              kind: true,
              status,
              code: { type: 'string', minLength: 1 },
              message: { type: 'string' },
              fraction: { type: 'number', minimum: 0, maximum: 1 },
            },
            additionalProperties: false,
          },
          else: { properties: { kind: true }, additionalProperties: false },
        },
      ],
    },
  },
  not: { required: ['times', 'probability'] },
});

const limitRuleSchema = (providers: readonly string[]) => ({
  $id: 'vconf:limit-rule',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'provider', 'operations', 'per', 'limit', 'windowMs', 'unit'],
  properties: {
    id: { type: 'string', minLength: 1 },
    provider: { enum: providers },
    operations: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    per: { type: 'array', items: { enum: ['account', 'resource', 'credential', 'client'] } },
    limit: { type: 'number', exclusiveMinimum: 0 },
    windowMs: { type: 'integer', minimum: 1 },
    unit: { enum: ['requests', 'items'] },
    source: { type: 'string' },
  },
});

const fileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    faults: { type: 'array', items: { $ref: 'vconf:fault-plan' } },
    limits: {
      oneOf: [{ enum: ['documented', 'none'] }, { type: 'array', items: { $ref: 'vconf:limit-rule' } }],
    },
  },
} as const;

export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'allOf') continue;
    const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
    const extra =
      e.keyword === 'additionalProperties'
        ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : e.keyword === 'not'
            ? ': give either "times" or "probability", not both'
            : '';
    seen.add(`${field}: ${e.message}${extra}`);
  }
  return [...seen].join('; ');
}

export interface FaultFile {
  faults?: FaultPlan[];
  limits?: 'documented' | 'none' | LimitRule[];
}

export interface FaultConfig {
  parseFaultPlan(data: unknown): FaultPlan;
  parseLimitRule(data: unknown): LimitRule;
  parseFaultFile(data: unknown, source: string): FaultFile;
  loadFaultFile(path: string): FaultFile;
}

const cache = new Map<string, FaultConfig>();

/** Parsers for plans and rules that name one of these providers (compiled once per set of slugs). */
export function faultConfigFor(providers: readonly string[]): FaultConfig {
  const key = providers.join(',');
  let config = cache.get(key);
  if (!config) {
    config = compile(providers);
    cache.set(key, config);
  }
  return config;
}

function compile(providers: readonly string[]): FaultConfig {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(faultPlanSchema(providers)).addSchema(limitRuleSchema(providers));
  const validatePlan = ajv.getSchema('vconf:fault-plan')!;
  const validateRule = ajv.getSchema('vconf:limit-rule')!;
  const validateFile = ajv.compile(fileSchema);
  const parseFaultFile = (data: unknown, source: string): FaultFile => {
    if (!validateFile(data)) throw new SimulatorError(`${source} is invalid: ${describeErrors(validateFile.errors)}`);
    return data as FaultFile;
  };
  return {
    parseFaultPlan(data) {
      if (!validatePlan(data)) throw new SimulatorError(`invalid fault plan: ${describeErrors(validatePlan.errors)}`);
      return data as FaultPlan;
    },
    parseLimitRule(data) {
      if (!validateRule(data)) throw new SimulatorError(`invalid limit rule: ${describeErrors(validateRule.errors)}`);
      const rule = data as LimitRule;
      return { ...rule, source: rule.source ?? 'configured' };
    },
    parseFaultFile,
    loadFaultFile: (path) => parseFaultFile(readDataFile(path, 'faults file') ?? {}, `faults file ${path}`),
  };
}
