/**
 * Insert/upsert bodies (fact sheet §3): NDJSON either as the raw body (the SDK's `application/x-ndjson`) or as the
 * `vectors` part of a multipart/form-data body (Wrangler, the docs' Python example). Every line is checked before
 * anything is enqueued, so a bad line never leaves half a batch behind.
 */
import { allFiniteFloat32 } from '../engine/float32.ts';
import type { Metadata } from '../engine/types.ts';
import { cfError } from './errors.ts';
import type { VectorData } from './model.ts';

export interface ParseLimits {
  dimensions: number;
  maxVectors: number;
  unparsable: 'error' | 'discard';
  rejectUnknownFields: boolean;
  /** Spec check of one line against components/schemas/VectorInput; returns problems. */
  lineIssues: (line: unknown) => string[];
}

const MAX_ID_BYTES = 64;
const MAX_NAMESPACE_BYTES = 64;
const MAX_METADATA_BYTES = 10 * 1024;
const LINE_FIELDS = new Set(['id', 'values', 'metadata', 'namespace']);
/** A UTF-16 surrogate without its partner: JSON can carry it (`"\ud835"`) but it has no UTF-8 form. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The NDJSON text of the request: the raw body, or the multipart part named `vectors`. */
export function ndjsonText(contentType: string | undefined, body: Buffer): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'multipart/form-data') return body.toString('utf8');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2]?.trim();
  if (!b) throw cfError(40023, 'failed to parse upsert vectors request: multipart body without a boundary');
  const part = multipartParts(body, b).find((p) => p.name === 'vectors');
  if (!part) throw cfError(40023, 'failed to parse upsert vectors request: multipart body has no part named "vectors"');
  return part.data.toString('utf8');
}

function multipartParts(body: Buffer, boundary: string): { name: string | undefined; data: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { name: string | undefined; data: Buffer }[] = [];
  let pos = body.indexOf(delimiter);
  if (pos === -1) throw cfError(40023, 'failed to parse upsert vectors request: multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break; // closing delimiter
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd === -1) throw cfError(40023, 'failed to parse upsert vectors request: truncated multipart part');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next === -1) throw cfError(40023, 'failed to parse upsert vectors request: unterminated multipart part');
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    parts.push({ name, data: body.subarray(headerEnd + 4, next) });
    pos = next + 2;
  }
  return parts;
}

/** Parses and checks every line; throws the first hard error. Blank lines are skipped. */
export function parseVectors(text: string, limits: ParseLimits): VectorData[] {
  const vectors: VectorData[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const where = `line ${i + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (limits.unparsable === 'discard') continue;
      throw cfError(40023, `failed to parse upsert vectors request in json format: ${where} is not valid JSON`);
    }
    const issues = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? limits.lineIssues(parsed) : ['not a JSON object'];
    if (issues.length > 0) {
      if (limits.unparsable === 'discard') continue;
      throw cfError(40023, `failed to parse upsert vectors request in json format: ${where}: ${issues.join('; ')}`);
    }
    vectors.push(checkVector(parsed as Record<string, unknown>, where, limits));
    if (vectors.length > limits.maxVectors) {
      throw cfError(40009, `too many vectors in payload; max vector count is ${limits.maxVectors}`);
    }
  }
  if (vectors.length === 0) throw cfError(40023, 'failed to parse upsert vectors request: the body holds no vectors');
  return vectors;
}

function checkVector(v: Record<string, unknown>, where: string, limits: ParseLimits): VectorData {
  const id = v.id as string;
  if (limits.rejectUnknownFields) {
    const unknown = Object.keys(v).filter((k) => !LINE_FIELDS.has(k));
    if (unknown.length > 0) throw cfError(40023, `failed to parse upsert vectors request: ${where}: unknown field(s) ${unknown.join(', ')}`);
  }
  // Found live: a lone surrogate fails the whole batch with 40023 (it has no UTF-8 encoding).
  if (hasLoneSurrogate([v.id, v.namespace, v.metadata])) {
    throw cfError(40023, `failed to parse upsert vectors request in json format: ${where} holds an unpaired UTF-16 surrogate`);
  }
  const idBytes = Buffer.byteLength(id);
  if (idBytes > MAX_ID_BYTES) throw cfError(40008, `id too long; max is ${MAX_ID_BYTES} bytes, got ${idBytes} bytes`);
  const values = v.values as unknown[];
  if (values.length !== limits.dimensions) {
    throw cfError(40012, `invalid vector for id="${id}", expected ${limits.dimensions} dimensions, and got ${values.length} dimensions`);
  }
  if (!allFiniteFloat32(values)) throw cfError(40012, `invalid vector for id="${id}": values must be finite float32 numbers`);
  let namespace: string | undefined;
  if (v.namespace !== undefined) {
    namespace = v.namespace as string;
    const bytes = Buffer.byteLength(namespace);
    if (bytes === 0 || bytes > MAX_NAMESPACE_BYTES) throw cfError(40011, `invalid namespace for id="${id}": 1–${MAX_NAMESPACE_BYTES} bytes, got ${bytes}`);
  }
  let metadata: Metadata | undefined;
  if (v.metadata !== undefined) {
    metadata = v.metadata as Metadata;
    const bytes = Buffer.byteLength(JSON.stringify(metadata));
    if (bytes > MAX_METADATA_BYTES) throw cfError(40010, `metadata for id="${id}" is ${bytes} bytes; at most ${MAX_METADATA_BYTES} are allowed`);
    checkMetadata(metadata, `metadata for id="${id}"`);
  }
  return { id, values: values as number[], metadata, namespace };
}

/** fact sheet §3: keys non-empty, no `.` or `"`, not starting with `$`; values string, number, boolean, string[], nested objects. */
function checkMetadata(m: Record<string, unknown>, where: string): void {
  for (const [key, value] of Object.entries(m)) {
    if (key === '' || key.includes('.') || key.includes('"') || key.startsWith('$')) {
      throw cfError(40010, `${where}: key ${JSON.stringify(key)} is invalid (non-empty, no '.' or '"', not starting with '$')`);
    }
    if (typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    if (Array.isArray(value) && value.every((e) => typeof e === 'string')) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      checkMetadata(value as Record<string, unknown>, `${where}.${key}`);
      continue;
    }
    throw cfError(40010, `${where}: value of ${JSON.stringify(key)} must be a string, number, boolean, string array or object`);
  }
}

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => LONE_SURROGATE.test(k) || hasLoneSurrogate(v));
  }
  return false;
}
