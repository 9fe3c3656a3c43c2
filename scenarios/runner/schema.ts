/**
 * JSON Schema (2020-12) of a scenario file. The provider's adapter supplies the schema of a step's `request`, so one
 * file schema serves every provider. Unknown fields are errors: a typo must never silently assert nothing.
 */

const matcherDoc = 'literal JSON (objects match the listed keys only, arrays element by element) or a $-matcher';

export function scenarioSchema(requestSchema: object, identities: string[], resourceKinds: string[]): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'provider', 'operation', 'source', 'steps'],
    properties: {
      id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'equals the file name without .yaml' },
      title: { type: 'string', minLength: 10 },
      provider: { type: 'string', pattern: '^[a-z0-9-]+$' },
      operation: { type: 'string', minLength: 1 },
      source: {
        type: 'array',
        minItems: 1,
        items: {
          oneOf: [
            {
              type: 'object',
              additionalProperties: false,
              required: ['seed', 'clause', 'quote'],
              properties: { seed: { type: 'string' }, clause: { type: 'string' }, quote: { type: 'string', minLength: 5 } },
            },
            {
              type: 'object',
              additionalProperties: false,
              required: ['factSheet'],
              properties: { factSheet: { type: 'string', pattern: '§' }, quote: { type: 'string' } },
            },
          ],
        },
      },
      requires: { type: 'array', items: { type: 'string', pattern: '^[a-z]+:[a-z0-9-]+$' }, uniqueItems: true },
      resources: {
        type: 'object',
        propertyNames: { pattern: '^[a-z][a-z0-9]*$' },
        additionalProperties: { enum: resourceKinds },
      },
      given: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['state'],
          properties: { state: { type: 'string' }, params: { type: 'object' } },
        },
      },
      steps: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['operation', 'expect'],
          properties: {
            name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
            operation: { type: 'string' },
            as: { enum: identities },
            request: requestSchema,
            expect: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              properties: {
                status: {
                  oneOf: [
                    { type: 'integer', minimum: 100, maximum: 599 },
                    { type: 'array', minItems: 1, items: { type: 'integer', minimum: 100, maximum: 599 } },
                  ],
                },
                error: { type: 'string' },
                headers: { type: 'object', description: matcherDoc },
                body: { description: `"empty", or ${matcherDoc}` },
                spec: { type: 'boolean' },
              },
            },
            capture: {
              type: 'object',
              description: 'name → where in the answer (body.a.b[0].c or header.name); later steps use {{name}}',
              propertyNames: { pattern: '^[a-z][a-zA-Z0-9]*$' },
              additionalProperties: { type: 'string', pattern: '^(body|header)\\.' },
            },
            poll: {
              oneOf: [
                { type: 'boolean' },
                {
                  type: 'object',
                  additionalProperties: false,
                  properties: { timeoutMs: { type: 'integer', minimum: 0, maximum: 120000 }, intervalMs: { type: 'integer', minimum: 10 } },
                },
              ],
            },
          },
        },
      },
      deviations: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['step', 'targets', 'reason'],
          properties: {
            step: { type: ['string', 'integer'] },
            targets: { type: 'array', minItems: 1, items: { enum: ['in-process', 'http', 'real', 'simulator'] } },
            reason: { type: 'string', minLength: 10 },
          },
        },
      },
      notes: { type: 'string' },
    },
  };
}

export const clauseFileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'seeds'],
  properties: {
    provider: { type: 'string' },
    seeds: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'operation', 'clauses'],
        properties: {
          file: { type: 'string' },
          operation: { type: 'string' },
          clauses: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'section', 'quote'],
              properties: {
                id: { type: 'string', pattern: '^S[0-9]{3}-[a-z0-9-]+$' },
                section: { type: 'string' },
                quote: { type: 'string', minLength: 5 },
              },
            },
          },
        },
      },
    },
  },
};
