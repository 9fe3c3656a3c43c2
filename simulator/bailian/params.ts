/**
 * Form and query decoding (fact sheet bailian-files.md §1, §4): bodies are `application/x-www-form-urlencoded`; list
 * and object parameters travel as JSON strings inside the form. Which field is JSON, integer or boolean is read from
 * the spec (`encoding.<field>.contentType: application/json`, the schema's `type`), so the spec stays the single
 * source of the wire contract; the decoded object is then validated against the operation's request schema.
 */
import type { SpecValidator } from '../http/spec-validator.ts';
import type { SimRequest } from '../http/types.ts';
import { invalidParameter } from './errors.ts';

export type FieldKind = 'string' | 'integer' | 'boolean' | 'json';

type Node = Record<string, unknown>;

function deref(doc: Node, node: unknown): Node {
  let n = node as Node | undefined;
  for (let i = 0; i < 16 && n && typeof n.$ref === 'string'; i++) {
    n = (n.$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((acc, key) => (acc as Node | undefined)?.[key], doc) as Node | undefined;
  }
  return n ?? {};
}

function kindOf(doc: Node, schema: unknown): FieldKind {
  const type = deref(doc, schema).type;
  return type === 'integer' || type === 'number' ? 'integer' : type === 'boolean' ? 'boolean' : type === 'array' || type === 'object' ? 'json' : 'string';
}

const cache = new Map<string, Map<string, FieldKind>>();

/** Field kinds of an operation's form body (or, for GET operations, its query parameters). */
export function fieldKinds(spec: SpecValidator, operationId: string): Map<string, FieldKind> {
  const key = `${spec.slug} ${operationId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const doc = spec.doc as unknown as Node;
  const kinds = new Map<string, FieldKind>();
  for (const item of Object.values(spec.doc.paths)) {
    for (const op of Object.values(item ?? {}) as Node[]) {
      if (op?.operationId !== operationId) continue;
      for (const p of (op.parameters ?? []) as unknown[]) {
        const param = deref(doc, p);
        if (param.in !== 'query') continue;
        const json = (param.content as Node | undefined)?.['application/json'];
        kinds.set(param.name as string, json ? 'json' : kindOf(doc, param.schema));
      }
      const media = ((deref(doc, op.requestBody).content ?? {}) as Node)['application/x-www-form-urlencoded'] as Node | undefined;
      if (media) {
        const schema = deref(doc, media.schema);
        const encoding = (media.encoding ?? {}) as Record<string, Node>;
        for (const [name, prop] of Object.entries((schema.properties ?? {}) as Node)) {
          const contentType = encoding[name]?.contentType;
          kinds.set(name, typeof contentType === 'string' && contentType.startsWith('application/json') ? 'json' : kindOf(doc, prop));
        }
      }
    }
  }
  cache.set(key, kinds);
  return kinds;
}

/** Decodes form/query pairs by kind. Repeated names, bad JSON are InvalidParameter; other type errors are left for the schema. */
export function decodePairs(pairs: Iterable<[string, string]>, kinds: Map<string, FieldKind>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of pairs) {
    if (Object.hasOwn(out, name)) throw invalidParameter(name, 'The parameter is given more than once.');
    const kind = kinds.get(name) ?? 'string';
    if (kind === 'json') {
      try {
        out[name] = JSON.parse(raw);
      } catch {
        throw invalidParameter(name, 'The value must be a JSON string (e.g. ["file_a","file_b"]).');
      }
    } else if (kind === 'integer') {
      out[name] = /^-?\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    } else if (kind === 'boolean') {
      out[name] = raw === 'true' ? true : raw === 'false' ? false : raw;
    } else {
      out[name] = raw;
    }
  }
  return out;
}

/** The request's form body, decoded. An empty body is an empty form; anything but a urlencoded body is refused. */
export function decodeForm(req: SimRequest, kinds: Map<string, FieldKind>): Record<string, unknown> {
  if (req.body.length === 0) return {};
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw invalidParameter('Body', `The request body must be application/x-www-form-urlencoded, not ${JSON.stringify(type || 'untyped')}.`);
  }
  return decodePairs(new URLSearchParams(req.body.toString('utf8')).entries(), kinds);
}

/** Validates a decoded object against a component schema; the first issue becomes InvalidParameter naming the field. */
export function validateAgainst(spec: SpecValidator, schemaName: string, value: Record<string, unknown>): void {
  const issues = spec.schema(schemaName)(value);
  if (issues.length === 0) return;
  const first = issues[0]!;
  const path = first.where.slice(schemaName.length).replace(/^\//, '');
  const name = path.split('/')[0] || /'([^']+)'/.exec(first.message)?.[1] || 'Body';
  throw invalidParameter(name, issues.map((i) => `${i.where.slice(schemaName.length).replace(/^\//, '') || name}: ${i.message}`).join('; ') + '.');
}
