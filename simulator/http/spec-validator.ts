/**
 * Validates requests and responses against a provider's OpenAPI 3.1 document (specs/<slug>.yaml).
 *
 * One Ajv2020 instance holds the whole document, so `$ref`s between components resolve; validators are compiled on
 * first use and cached, because the simulator calls this on every request. Findings are data (every issue is listed),
 * never exceptions; only programming errors (unknown operationId or schema name, unreadable spec) throw.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { SimulatorError } from '../core/errors.ts';

export interface SpecIssue {
  /** Where the problem is: 'status', 'header/x-oss-request-id', 'body', 'body/keys/3', … */
  where: string;
  message: string;
}

/** The parts of an OpenAPI 3.1 document this module reads; everything else passes through untyped. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, unknown>;
    responses?: Record<string, unknown>;
    headers?: Record<string, unknown>;
    requestBodies?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface SpecValidator {
  readonly slug: string;
  /** The parsed document. */
  readonly doc: OpenApiDocument;
  operationIds(): string[];
  /** Validates a parsed JSON request body against the operation's requestBody schema. [] when valid. */
  validateRequestBody(operationId: string, body: unknown): SpecIssue[];
  /**
   * Validates a response: status listed for the operation, required headers present (and valid), JSON body against
   * its schema (an empty body required where the spec has no content).
   */
  validateResponse(
    operationId: string,
    res: { status: number; headers: Record<string, string>; body: string | Uint8Array | undefined },
  ): SpecIssue[];
  /**
   * `validateResponse` as journal lines (`where: message`), for a simulator checking its own answers; undefined for
   * an operation the spec does not describe (e.g. 'unknown' when no route matched).
   */
  responseFindings(operationId: string, res: { status: number; headers: Record<string, string>; body?: string | Uint8Array | undefined }): string[] | undefined;
  /** Look up a component schema validator, e.g. 'DeleteVectorsRequest'. */
  schema(name: string): (data: unknown) => SpecIssue[];
}

const SPEC_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** The document's own top-level fields: registered as annotations so Ajv accepts the whole document as one schema. */
const DOCUMENT_KEYWORDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags'];
/** OpenAPI's additions to JSON Schema, meaningless to validation. */
const OPENAPI_SCHEMA_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
const DOC_KEY = 'spec';

const cache = new Map<string, SpecValidator>();

/** The validator for specs/<slug>.yaml, loaded once per process. */
export function loadSpecValidator(slug: string): SpecValidator {
  let validator = cache.get(slug);
  if (!validator) {
    validator = createSpecValidator(slug, readSpec(slug));
    cache.set(slug, validator);
  }
  return validator;
}

function readSpec(slug: string): OpenApiDocument {
  if (!/^[a-z0-9-]+$/.test(slug)) throw new SimulatorError(`invalid spec slug "${slug}"`);
  let text: string;
  try {
    text = readFileSync(`${SPEC_DIR}${slug}.yaml`, 'utf8');
  } catch (err) {
    throw new SimulatorError(`cannot read specs/${slug}.yaml: ${(err as Error).message}`);
  }
  const doc = parse(text) as OpenApiDocument;
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string' || !doc.paths) {
    throw new SimulatorError(`specs/${slug}.yaml is not an OpenAPI document`);
  }
  return doc;
}

type Node = Record<string, unknown>;
type Pointer = readonly string[];

interface OperationEntry {
  pointer: Pointer;
  node: Node;
}

interface HeaderCheck {
  name: string;
  required: boolean;
  coerce: (value: string) => unknown;
  validate: ValidateFunction | undefined;
}

interface ResponsePlan {
  /** false when the status is not listed for the operation. */
  listed: boolean;
  listedStatuses: string[];
  headers: HeaderCheck[];
  /** media type (lower-case) → body validator (undefined: no schema); empty map: no content. */
  media: Map<string, ValidateFunction | undefined>;
}

interface RequestPlan {
  hasBody: boolean;
  required: boolean;
  validate: ValidateFunction | undefined;
}

/** A validator over a document the caller already holds (a provider whose spec is not under specs/, e.g. a test's). */
export function specValidatorOf(slug: string, doc: OpenApiDocument): SpecValidator {
  return createSpecValidator(slug, doc);
}

function createSpecValidator(slug: string, doc: OpenApiDocument): SpecValidator {
  const ajv = createAjv(doc);
  const operations = indexOperations(doc);
  const ids = [...operations.keys()];
  const compiled = new Map<string, ValidateFunction>();
  const requestPlans = new Map<string, RequestPlan>();
  const responsePlans = new Map<string, ResponsePlan>();
  const schemaChecks = new Map<string, (data: unknown) => SpecIssue[]>();

  function compile(pointer: Pointer): ValidateFunction {
    const key = pointerKey(pointer);
    let fn = compiled.get(key);
    if (!fn) {
      try {
        fn = ajv.getSchema(key);
      } catch (err) {
        throw new SimulatorError(`specs/${slug}.yaml: cannot compile ${pointer.join('/')}: ${(err as Error).message}`);
      }
      if (!fn) throw new SimulatorError(`specs/${slug}.yaml: no schema at ${pointer.join('/')}`);
      compiled.set(key, fn);
    }
    return fn;
  }

  function operation(operationId: string): OperationEntry {
    const op = operations.get(operationId);
    if (!op) throw new SimulatorError(`specs/${slug}.yaml has no operation "${operationId}"`);
    return op;
  }

  function requestPlan(operationId: string): RequestPlan {
    let plan = requestPlans.get(operationId);
    if (plan) return plan;
    const op = operation(operationId);
    const body = op.node.requestBody === undefined ? undefined : resolve(doc, [...op.pointer, 'requestBody']);
    if (!body) {
      plan = { hasBody: false, required: false, validate: undefined };
    } else {
      const content = (body.node.content ?? {}) as Record<string, Node>;
      const mediaType = Object.keys(content).find((t) => isJson(t)) ?? Object.keys(content)[0];
      const media = mediaType === undefined ? undefined : content[mediaType];
      plan = {
        hasBody: true,
        required: body.node.required === true,
        validate: media?.schema === undefined ? undefined : compile([...body.pointer, 'content', mediaType!, 'schema']),
      };
    }
    requestPlans.set(operationId, plan);
    return plan;
  }

  function responsePlan(operationId: string, status: number): ResponsePlan {
    const cacheKey = `${operationId} ${status}`;
    let plan = responsePlans.get(cacheKey);
    if (plan) return plan;
    const op = operation(operationId);
    const responses = (op.node.responses ?? {}) as Record<string, unknown>;
    const listedStatuses = Object.keys(responses);
    const key = [String(status), `${String(status).charAt(0)}XX`, 'default'].find((k) => k in responses);
    if (key === undefined) {
      plan = { listed: false, listedStatuses, headers: [], media: new Map() };
    } else {
      const response = resolve(doc, [...op.pointer, 'responses', key])!;
      const headers: HeaderCheck[] = [];
      for (const [name, raw] of Object.entries((response.node.headers ?? {}) as Record<string, unknown>)) {
        // OpenAPI: a Content-Type entry under headers is ignored.
        if (name.toLowerCase() === 'content-type' || raw === undefined) continue;
        const header = resolve(doc, [...response.pointer, 'headers', name])!;
        const schema = header.node.schema as Node | undefined;
        headers.push({
          name: name.toLowerCase(),
          required: header.node.required === true,
          coerce: coercerFor(doc, schema),
          validate: schema === undefined ? undefined : compile([...header.pointer, 'schema']),
        });
      }
      const media = new Map<string, ValidateFunction | undefined>();
      for (const [type, entry] of Object.entries((response.node.content ?? {}) as Record<string, Node>)) {
        media.set(type.toLowerCase(), entry?.schema === undefined ? undefined : compile([...response.pointer, 'content', type, 'schema']));
      }
      plan = { listed: true, listedStatuses, headers, media };
    }
    responsePlans.set(cacheKey, plan);
    return plan;
  }

  const validator: SpecValidator = {
    slug,
    doc,
    operationIds: () => ids,

    validateRequestBody(operationId, body) {
      const plan = requestPlan(operationId);
      if (!plan.hasBody) {
        return body === undefined ? [] : [{ where: 'body', message: `${operationId} takes no request body` }];
      }
      if (body === undefined) return plan.required ? [{ where: 'body', message: 'request body is required' }] : [];
      if (!plan.validate || plan.validate(body)) return [];
      return toIssues('body', plan.validate.errors);
    },

    validateResponse(operationId, res) {
      const plan = responsePlan(operationId, res.status);
      if (!plan.listed) {
        return [{ where: 'status', message: `${res.status} is not a listed response of ${operationId} (listed: ${plan.listedStatuses.join(', ')})` }];
      }
      const issues: SpecIssue[] = [];
      const headers = lowerCaseKeys(res.headers);
      for (const check of plan.headers) {
        const value = headers[check.name];
        if (value === undefined) {
          if (check.required) issues.push({ where: `header/${check.name}`, message: 'required header is missing' });
          continue;
        }
        if (check.validate && !check.validate(check.coerce(value))) {
          issues.push(...toIssues(`header/${check.name}`, check.validate.errors));
        }
      }
      const text = bodyText(res.body);
      if (plan.media.size === 0) {
        if (text.length > 0) issues.push({ where: 'body', message: `expected an empty body, got ${text.length} characters` });
        return issues;
      }
      const contentType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      const listedTypes = [...plan.media.keys()];
      let mediaType = contentType;
      if (contentType === undefined) {
        issues.push({ where: 'header/content-type', message: `missing; expected ${listedTypes.join(' or ')}` });
        mediaType = listedTypes[0];
      } else if (!plan.media.has(contentType)) {
        issues.push({ where: 'header/content-type', message: `${contentType} is not listed; expected ${listedTypes.join(' or ')}` });
        mediaType = listedTypes[0];
      }
      if (mediaType === undefined || !isJson(mediaType)) return issues;
      if (text.length === 0) {
        issues.push({ where: 'body', message: 'expected a JSON body, got an empty body' });
        return issues;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (err) {
        issues.push({ where: 'body', message: `not valid JSON: ${(err as Error).message}` });
        return issues;
      }
      const validate = plan.media.get(mediaType);
      if (validate && !validate(data)) issues.push(...toIssues('body', validate.errors));
      return issues;
    },

    schema(name) {
      let check = schemaChecks.get(name);
      if (!check) {
        if (!doc.components?.schemas || !Object.hasOwn(doc.components.schemas, name)) {
          throw new SimulatorError(`specs/${slug}.yaml has no component schema "${name}"`);
        }
        const validate = compile(['components', 'schemas', name]);
        check = (data) => (validate(data) ? [] : toIssues(name, validate.errors));
        schemaChecks.set(name, check);
      }
      return check;
    },

    responseFindings(operationId, res) {
      if (!operations.has(operationId)) return undefined;
      return validator.validateResponse(operationId, { status: res.status, headers: res.headers, body: res.body }).map((i) => `${i.where}: ${i.message}`);
    },
  };
  return validator;
}

function createAjv(doc: OpenApiDocument): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Unknown keywords still throw (strictSchema): a typo in the spec must not silently validate nothing.
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormatsModule.default(ajv);
  const keywords = new Set([...DOCUMENT_KEYWORDS, ...OPENAPI_SCHEMA_KEYWORDS]);
  collectExtensions(doc, keywords);
  for (const keyword of keywords) if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  ajv.addSchema(doc as object, DOC_KEY);
  return ajv;
}

/** Every `x-…` key anywhere in the document: Ajv needs each registered before strict mode accepts it. */
function collectExtensions(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectExtensions(item, into);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) into.add(key);
      collectExtensions(value, into);
    }
  }
}

function indexOperations(doc: OpenApiDocument): Map<string, OperationEntry> {
  const operations = new Map<string, OperationEntry>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const node = item?.[method] as Node | undefined;
      if (node && typeof node.operationId === 'string') {
        operations.set(node.operationId, { pointer: ['paths', path, method], node });
      }
    }
  }
  return operations;
}

/** Follows local `$ref`s from the node at `pointer`; returns the final node and where it lives. */
function resolve(doc: OpenApiDocument, pointer: Pointer): { node: Node; pointer: Pointer } | undefined {
  let current: Pointer = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const node = at(doc, current);
    if (node === null || typeof node !== 'object') return undefined;
    const ref = (node as Node).$ref;
    if (typeof ref !== 'string') return { node: node as Node, pointer: current };
    current = refPointer(ref);
  }
  throw new SimulatorError(`$ref chain too long at ${pointer.join('/')}`);
}

function refPointer(ref: string): Pointer {
  if (!ref.startsWith('#/')) throw new SimulatorError(`only local $refs are supported, got "${ref}"`);
  return ref.slice(2).split('/').map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function at(doc: OpenApiDocument, pointer: Pointer): unknown {
  let node: unknown = doc;
  for (const segment of pointer) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Node)[segment];
  }
  return node;
}

/** Ajv key of the subschema at `pointer` inside the registered document. */
function pointerKey(pointer: Pointer): string {
  return `${DOC_KEY}#/${pointer.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

/** Header values arrive as strings; numeric and boolean header schemas validate the parsed value. */
function coercerFor(doc: OpenApiDocument, schema: Node | undefined): (value: string) => unknown {
  let type = schema?.type;
  if (type === undefined && schema && typeof schema.$ref === 'string') type = resolve(doc, refPointer(schema.$ref))?.node.type;
  if (type === 'integer' || type === 'number') return (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  if (type === 'boolean') return (v) => (v === 'true' ? true : v === 'false' ? false : v);
  return (v) => v;
}

function isJson(mediaType: string): boolean {
  return /[/+]json$/i.test(mediaType.split(';')[0]!.trim());
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

const decoder = new TextDecoder();

function bodyText(body: string | Uint8Array | undefined): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : decoder.decode(body);
}

function toIssues(prefix: string, errors: ErrorObject[] | null | undefined): SpecIssue[] {
  return (errors ?? []).map((e) => ({ where: prefix + e.instancePath, message: describe(e) }));
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  const message = e.message ?? e.keyword;
  switch (e.keyword) {
    case 'enum':
      return `${message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${message}: ${JSON.stringify(params.allowedValue)}`;
    case 'additionalProperties':
      return `${message}: ${String(params.additionalProperty)}`;
    case 'unevaluatedProperties':
      return `${message}: ${String(params.unevaluatedProperty)}`;
    default:
      return message;
  }
}
