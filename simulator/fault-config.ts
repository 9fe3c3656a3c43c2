/**
 * Fault plans and limit rules from files (`vconf serve --faults file`) and from the control endpoint: validated
 * before anything changes, with messages naming the field.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import type { FaultPlan, LimitRule } from './engine/faults.ts';
import { readDataFile } from './config.ts';
import { SimulatorError } from './http/errors.ts';

const status = { type: 'integer', minimum: 400, maximum: 599 };

export const faultPlanSchema = {
  $id: 'vconf:fault-plan',
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'operation', 'action'],
  properties: {
    id: { type: 'string', minLength: 1 },
    provider: { enum: ['oss-vectors', 'cloudflare-vectorize', 'bailian'] },
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
} as const;

export const limitRuleSchema = {
  $id: 'vconf:limit-rule',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'provider', 'operations', 'per', 'limit', 'windowMs', 'unit'],
  properties: {
    id: { type: 'string', minLength: 1 },
    provider: { enum: ['oss-vectors', 'cloudflare-vectorize', 'bailian'] },
    operations: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    per: { type: 'array', items: { enum: ['account', 'resource', 'credential', 'client'] } },
    limit: { type: 'number', exclusiveMinimum: 0 },
    windowMs: { type: 'integer', minimum: 1 },
    unit: { enum: ['requests', 'items'] },
    source: { type: 'string' },
  },
} as const;

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

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(faultPlanSchema).addSchema(limitRuleSchema);
const validatePlan = ajv.getSchema('vconf:fault-plan')!;
const validateRule = ajv.getSchema('vconf:limit-rule')!;
const validateFile = ajv.compile(fileSchema);

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

export function parseFaultPlan(data: unknown): FaultPlan {
  if (!validatePlan(data)) throw new SimulatorError(`invalid fault plan: ${describeErrors(validatePlan.errors)}`);
  return data as FaultPlan;
}

export function parseLimitRule(data: unknown): LimitRule {
  if (!validateRule(data)) throw new SimulatorError(`invalid limit rule: ${describeErrors(validateRule.errors)}`);
  const rule = data as LimitRule;
  return { ...rule, source: rule.source ?? 'configured' };
}

export interface FaultFile {
  faults?: FaultPlan[];
  limits?: 'documented' | 'none' | LimitRule[];
}

export function parseFaultFile(data: unknown, source: string): FaultFile {
  if (!validateFile(data)) throw new SimulatorError(`${source} is invalid: ${describeErrors(validateFile.errors)}`);
  return data as FaultFile;
}

export function loadFaultFile(path: string): FaultFile {
  return parseFaultFile(readDataFile(path, 'faults file') ?? {}, `faults file ${path}`);
}
