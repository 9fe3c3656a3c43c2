/**
 * A world as a file: the write log (http/write-log.ts) as JSON lines. The first line says what the file is —
 * `{"format":"vconf-world","version":1,"seed":…,"providers":[…],"entries":N}` — and each further line is one logged
 * write, its body in base64. Restoring a snapshot replays it on a fresh world with the snapshot's seed, so ids,
 * resources and vectors come back exactly. The file is checked completely before anything changes.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SimulatorError } from './core/errors.ts';
import { describeErrors } from './fault-config.ts';
import type { LoggedRequest } from './http/write-log.ts';

export const SNAPSHOT_FORMAT = 'vconf-world';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  seed: string;
  providers: string[];
  entries: number;
}

const headerSchema = {
  type: 'object',
  required: ['format', 'version', 'seed', 'providers', 'entries'],
  properties: {
    format: { const: SNAPSHOT_FORMAT },
    version: { type: 'integer', minimum: 1 },
    seed: { type: 'string' },
    providers: { type: 'array', items: { type: 'string' } },
    entries: { type: 'integer', minimum: 0 },
  },
};

const entrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'at', 'provider', 'operation', 'method', 'host', 'path', 'rawQuery', 'headers', 'body', 'remoteAddress', 'status'],
  properties: {
    kind: { enum: ['request', 'control'] },
    at: { type: 'number' },
    provider: { type: 'string', minLength: 1 },
    operation: { type: 'string', minLength: 1 },
    method: { type: 'string' },
    host: { type: 'string' },
    path: { type: 'string' },
    rawQuery: { type: 'string' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    body: { type: 'string', contentEncoding: 'base64' },
    remoteAddress: { type: 'string' },
    status: { type: 'integer' },
    picks: { type: 'array', items: { type: 'array', items: { type: 'integer', minimum: 0 } } },
    partial: {
      type: 'object',
      additionalProperties: false,
      required: ['status', 'code'],
      properties: { status: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
    },
  },
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validHeader = ajv.compile(headerSchema);
const validEntry = ajv.compile(entrySchema);

export function writeSnapshot(header: Omit<SnapshotHeader, 'format' | 'version' | 'entries'>, entries: Iterable<LoggedRequest>): string {
  const lines: string[] = [];
  for (const e of entries) lines.push(JSON.stringify({ ...e, body: e.body.toString('base64'), picks: e.picks, partial: e.partial }));
  const head: SnapshotHeader = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, seed: header.seed, providers: header.providers, entries: lines.length };
  return `${[JSON.stringify(head), ...lines].join('\n')}\n`;
}

/** Parses and checks a whole snapshot; a problem names the line. */
export function readSnapshot(text: string, servedProviders: readonly string[]): { header: SnapshotHeader; entries: LoggedRequest[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new SimulatorError('the snapshot is empty');
  const header = parseLine(lines[0]!, 1);
  if (!validHeader(header)) throw new SimulatorError(`snapshot line 1 is not a vconf-world header: ${describeErrors(validHeader.errors)}`);
  const h = header as unknown as SnapshotHeader;
  if (h.version > SNAPSHOT_VERSION) throw new SimulatorError(`the snapshot is format version ${h.version}, written by a newer vconf (this one reads ${SNAPSHOT_VERSION})`);
  if (h.entries !== lines.length - 1) throw new SimulatorError(`the snapshot announces ${h.entries} entries and holds ${lines.length - 1}: it is truncated or padded`);
  const entries = lines.slice(1).map((line, i) => {
    const raw = parseLine(line, i + 2);
    if (!validEntry(raw)) throw new SimulatorError(`snapshot line ${i + 2}: ${describeErrors(validEntry.errors)}`);
    const e = raw as unknown as Omit<LoggedRequest, 'body'> & { body: string };
    if (!servedProviders.includes(e.provider)) throw new SimulatorError(`snapshot line ${i + 2}: provider ${e.provider} is not served here (${servedProviders.join(', ')})`);
    return { ...e, body: Buffer.from(e.body, 'base64') };
  });
  return { header: h, entries };
}

function parseLine(line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new SimulatorError(`snapshot line ${n} is not JSON`);
  }
}
