/**
 * The real HTTP front end: node:http straight into a provider's pipeline, with no fetch/Request objects per request
 * (msw's per-request pipeline costs ~200 µs; this path shares the handlers without paying it).
 * Accepts origin-form (`POST /?deleteVectors`) and proxy-form (`POST http://bucket-123.cn-hangzhou.oss-vectors…/?x`)
 * request targets, so clients that insist on virtual-hosted names reach it through a proxy setting.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { atEndOfTurn } from '../engine/turn.ts';
import type { Provider, SimRequest, SimResponse } from './types.ts';

export interface ControlHandler {
  /** Reserved path prefix no provider route can reach (e.g. `/__vconf`). */
  prefix: string;
  respond(req: SimRequest): Promise<SimResponse>;
}

export interface HttpFrontEnd {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startHttpFrontEnd(
  provider: Provider,
  opts: { host?: string; port?: number; control?: ControlHandler | undefined } = {},
): Promise<HttpFrontEnd> {
  const host = opts.host ?? '127.0.0.1';
  const writer = new AnswerWriter();
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    void serve(provider, opts.control, writer, req, res);
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(provider: Provider, control: ControlHandler | undefined, writer: AnswerWriter, req: IncomingMessage, res: ServerResponse) {
  let simReq: SimRequest;
  try {
    simReq = toSimRequest(req);
  } catch {
    res.writeHead(400, { 'content-length': '0', connection: 'close' }).end();
    return;
  }
  const isControl = control !== undefined && isControlPath(simReq.path, control.prefix) && !req.url?.startsWith('http');
  // The control API is the operator's: a world snapshot (PUT /__vconf/world) may be large.
  const limit = isControl ? CONTROL_BODY_LIMIT : provider.maxBodyBytes;
  const body = await readBody(req, limit, simReq.headers['content-length']);
  if (body === undefined) {
    // Oversize: answer in the provider's format, then stop reading the rest.
    writer.write(res, provider.oversizeResponse(simReq), true);
    return;
  }
  if (body === null) return; // client went away
  simReq.body = body;
  const answer = isControl ? await control.respond(simReq) : await provider.handle(simReq);
  if (answer.dropConnection) {
    // Through the queue, so an answer queued earlier on the same connection (pipelining) still goes out first.
    writer.drop(req.socket);
    return;
  }
  writer.write(res, answer, false);
}

function isControlPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Answers are written back to back at the end of the event-loop turn that produced them (engine/turn.ts: before
 * any background indexing queued for that turn), not one by one between requests. Under load a turn handles several connections' requests; writing their answers
 * together means the client process is woken once per turn rather than once per answer, which on a loaded machine
 * costs more than any handler (bench/delete-http.ts, docs/benchmarks.md). An idle server answers in the same turn,
 * a few microseconds later. Per-connection order is unaffected: node orders pipelined responses itself.
 */
class AnswerWriter {
  private readonly queue: ({ res: ServerResponse; answer: SimResponse; close: boolean } | { drop: Socket })[] = [];
  private readonly flush = () => {
    const queue = this.queue.splice(0);
    for (const item of queue) {
      if ('drop' in item) {
        item.drop.destroy();
        continue;
      }
      try {
        if (!item.res.destroyed) write(item.res, item.answer, item.close);
      } catch {
        // A socket that failed between the handler and now: its client went away; the others still get answers.
        item.res.destroy();
      }
    }
  };

  write(res: ServerResponse, answer: SimResponse, close: boolean): void {
    this.push({ res, answer, close });
  }

  /** An injected dropped connection: destroyed in turn, after anything already queued for it. */
  drop(socket: Socket): void {
    this.push({ drop: socket });
  }

  private push(item: (typeof this.queue)[number]): void {
    if (this.queue.length === 0) atEndOfTurn('answer', this.flush);
    this.queue.push(item);
  }
}

function write(res: ServerResponse, answer: SimResponse, close: boolean): void {
  const body = answer.body ?? '';
  // A flat [name, value, …] list: node writes it as is, skipping the per-header object bookkeeping.
  const headers: string[] = [];
  for (const name in answer.headers) {
    if (name !== 'content-length' && !(close && name === 'connection')) headers.push(name, answer.headers[name]!);
  }
  headers.push('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.length));
  if (close) headers.push('connection', 'close');
  res.writeHead(answer.status, headers);
  // An empty body is ended without a chunk: one socket write for the whole answer.
  if (body.length === 0) res.end();
  else res.end(body);
}

export function toSimRequest(req: IncomingMessage): SimRequest {
  const target = req.url ?? '/';
  let host: string;
  let pathAndQuery: string;
  if (target.startsWith('http://') || target.startsWith('https://')) {
    // Proxy-form: the absolute URI names the virtual host.
    const u = new URL(target);
    host = u.hostname;
    pathAndQuery = `${u.pathname}${u.search}`;
  } else {
    host = stripPort(req.headers.host ?? '');
    pathAndQuery = target;
  }
  const q = pathAndQuery.indexOf('?');
  const rawPath = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
  const rawQuery = q === -1 ? '' : pathAndQuery.slice(q + 1);
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return new LazySimRequest(
    (req.method ?? 'GET').toUpperCase(),
    host.toLowerCase(),
    rawPath.includes('%') ? decodeURIComponent(rawPath) : rawPath,
    rawQuery,
    headers,
    req.socket.remoteAddress ?? '127.0.0.1',
  );
}

/** A SimRequest whose parsed query is only built when a handler asks for it (most routes need the raw query only). */
class LazySimRequest implements SimRequest {
  body: Buffer = EMPTY;
  private parsedQuery: URLSearchParams | undefined;

  constructor(
    readonly method: string,
    readonly host: string,
    readonly path: string,
    readonly rawQuery: string,
    readonly headers: Record<string, string>,
    readonly remoteAddress: string,
  ) {}

  get query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.rawQuery));
  }
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const i = host.lastIndexOf(':');
  return i === -1 ? host : host.slice(0, i);
}

/** Resolves the body, `undefined` when it exceeds `limit`, `null` when the client aborted. */
function readBody(req: IncomingMessage, limit: number, contentLength: string | undefined): Promise<Buffer | undefined | null> {
  const declared = Number(contentLength ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        first = undefined;
        chunks = undefined;
        resolve(undefined);
        return;
      }
      // Most bodies arrive in one chunk: keep it without an array or a copy.
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(chunks ? Buffer.concat(chunks) : (first ?? EMPTY));
    });
    // 'close' before 'end' means the client went away (resolving twice is harmless).
    req.on('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

const EMPTY = Buffer.alloc(0);
const CONTROL_BODY_LIMIT = 1024 * 1024 * 1024;
