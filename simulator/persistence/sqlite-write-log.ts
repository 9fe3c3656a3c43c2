/**
 * The durable write log behind `vconf serve --state-dir DIR`: SQLite (better-sqlite3) in WAL mode with
 * `synchronous = FULL`, so a committed write survives a crash of the process or of the machine. Writes are committed
 * in groups: every write of one event-loop turn in one transaction at the end of the turn, before any of their answers
 * is released (http/write-log.ts, engine/turn.ts) — one fsync per turn, not per request.
 *
 * The directory holds `world.sqlite` (plus SQLite's `-wal`/`-shm` files). Opening refuses, with a SimulatorError and
 * without writing anything: a path that is not a directory, a directory holding other files but no world, a database
 * that fails SQLite's integrity check, one written by a newer format, one another server holds (SQLite's exclusive
 * locking mode: the lock goes with the process, so a killed server leaves none behind).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatorError } from '../core/errors.ts';
import { atEndOfTurn } from '../engine/turn.ts';
import type { LoggedRequest, WriteLog } from '../http/write-log.ts';

/** Version of the database layout; a newer one is refused. */
export const STATE_FORMAT = 1;
export const STATE_FILE = 'world.sqlite';

/**
 * When a write counts as durable. 'full' (default): on disk, fsync'd with every commit — survives a killed process,
 * a kernel crash and a power loss. 'normal': in the operating system's hands (WAL without fsync per commit) —
 * survives a killed server (kill -9) but not a machine crash; cheaper (`npm run bench -- --only persist`).
 */
export type SyncPolicy = 'full' | 'normal';

export interface StateDirInfo {
  /** The seed of the world stored there (new: the one given). */
  seed: string;
  /** Whether the directory already held a world. */
  existing: boolean;
  /** Writes stored. */
  entries: number;
}

interface Row {
  kind: 'request' | 'control';
  at: number;
  provider: string;
  operation: string;
  method: string;
  host: string;
  path: string;
  raw_query: string;
  headers: string;
  body: Buffer;
  remote: string;
  status: number;
  picks: string | null;
  partial: string | null;
}

export class SqliteWriteLog implements WriteLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private pending: LoggedRequest[] = [];
  private committed: Promise<void> | undefined;
  private settle: { resolve: () => void; reject: (err: Error) => void } | undefined;
  private failure: Error | undefined;
  readonly info: StateDirInfo;

  private constructor(db: Database.Database, info: StateDirInfo) {
    this.db = db;
    this.info = info;
    this.insert = db.prepare(
      `INSERT INTO writes (kind, at, provider, operation, method, host, path, raw_query, headers, body, remote, status, picks, partial)
       VALUES (@kind, @at, @provider, @operation, @method, @host, @path, @raw_query, @headers, @body, @remote, @status, @picks, @partial)`,
    );
  }

  /** Opens (or creates) the state directory. `seed`: the seed for a new world (an existing one keeps its own). */
  static open(dir: string, opts: { seed: string; vconfVersion: string; sync?: SyncPolicy }): SqliteWriteLog {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new SimulatorError(`--state-dir ${dir} is not a directory`);
    const file = join(dir, STATE_FILE);
    const existing = existsSync(file);
    if (!existing && existsSync(dir) && readdirSync(dir).length > 0) {
      throw new SimulatorError(`--state-dir ${dir} holds other files and no ${STATE_FILE}: not a vconf state directory (use an empty or new directory)`);
    }
    mkdirSync(dir, { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file, { fileMustExist: existing, timeout: 0 });
    } catch (err) {
      throw new SimulatorError(`cannot open the state in ${dir}: ${(err as Error).message}`);
    }
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${opts.sync === 'normal' ? 'NORMAL' : 'FULL'}`);
      // Take the exclusive lock now: a second server on the same directory is refused at start, not at its first write.
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      if (existing) {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new SimulatorError(`the state in ${dir} is corrupt (SQLite quick_check: ${String(check)}); it was left untouched`);
        return new SqliteWriteLog(db, readInfo(db, dir));
      }
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE writes (
          seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, at REAL NOT NULL, provider TEXT NOT NULL, operation TEXT NOT NULL,
          method TEXT NOT NULL, host TEXT NOT NULL, path TEXT NOT NULL, raw_query TEXT NOT NULL, headers TEXT NOT NULL,
          body BLOB NOT NULL, remote TEXT NOT NULL, status INTEGER NOT NULL, picks TEXT, partial TEXT);
      `);
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      db.transaction(() => {
        meta.run('format', String(STATE_FORMAT));
        meta.run('seed', opts.seed);
        meta.run('created-by', `vconf ${opts.vconfVersion}`);
      })();
      return new SqliteWriteLog(db, { seed: opts.seed, existing: false, entries: 0 });
    } catch (err) {
      db.close();
      if (err instanceof SimulatorError) throw err;
      const message = (err as Error).message;
      if (/locked|busy/i.test(message)) throw new SimulatorError(`the state in ${dir} is in use by another vconf server (${message})`);
      throw new SimulatorError(`the state in ${dir} cannot be used: ${message}; it was left untouched`);
    }
  }

  record(entry: LoggedRequest): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.pending.push(entry);
    if (!this.committed) {
      this.committed = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
      atEndOfTurn('answer', this.commit);
    }
    return this.committed;
  }

  barrier(): Promise<void> | undefined {
    return this.committed;
  }

  /** One transaction for every write of the turn; their answers go out once it is on disk. */
  private readonly commit = (): void => {
    const batch = this.pending;
    const settle = this.settle!;
    this.pending = [];
    this.committed = undefined;
    this.settle = undefined;
    try {
      this.db.transaction(() => {
        for (const e of batch) this.insert.run(toRow(e));
      })();
      settle.resolve();
    } catch (err) {
      // A write that is not on disk must not be acknowledged, and no later one either: the log is now out of step
      // with the world in memory.
      this.failure = new Error(`the state directory can no longer be written: ${(err as Error).message}`);
      settle.reject(this.failure);
    }
  };

  *entries(): Iterable<LoggedRequest> {
    for (const row of this.db.prepare('SELECT * FROM writes ORDER BY seq').iterate() as Iterable<Row>) yield fromRow(row);
  }

  clear(): void {
    this.replaceAll([]);
  }

  replaceAll(entries: readonly LoggedRequest[]): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM writes');
      for (const e of entries) this.insert.run(toRow(e));
    })();
  }

  /** The seed of the world stored here changes with a restored snapshot. */
  setSeed(seed: string): void {
    this.db.prepare("UPDATE meta SET value = ? WHERE key = 'seed'").run(seed);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function readInfo(db: Database.Database, dir: string): StateDirInfo {
  let meta: Map<string, string>;
  try {
    meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  } catch {
    throw new SimulatorError(`${join(dir, STATE_FILE)} is not a vconf state database`);
  }
  const format = Number(meta.get('format'));
  if (!Number.isInteger(format)) throw new SimulatorError(`${join(dir, STATE_FILE)} is not a vconf state database (no format)`);
  if (format > STATE_FORMAT) {
    throw new SimulatorError(`the state in ${dir} is format ${format}, written by a newer vconf (${meta.get('created-by') ?? 'unknown'}); this one reads format ${STATE_FORMAT}. It was left untouched.`);
  }
  const entries = (db.prepare('SELECT count(*) AS n FROM writes').get() as { n: number }).n;
  return { seed: meta.get('seed') ?? 'vconf', existing: true, entries };
}

function toRow(e: LoggedRequest): Row {
  return {
    kind: e.kind,
    at: e.at,
    provider: e.provider,
    operation: e.operation,
    method: e.method,
    host: e.host,
    path: e.path,
    raw_query: e.rawQuery,
    headers: JSON.stringify(e.headers),
    body: e.body,
    remote: e.remoteAddress,
    status: e.status,
    picks: e.picks ? JSON.stringify(e.picks) : null,
    partial: e.partial ? JSON.stringify(e.partial) : null,
  };
}

function fromRow(r: Row): LoggedRequest {
  return {
    kind: r.kind,
    at: r.at,
    provider: r.provider,
    operation: r.operation,
    method: r.method,
    host: r.host,
    path: r.path,
    rawQuery: r.raw_query,
    headers: JSON.parse(r.headers) as Record<string, string>,
    body: r.body,
    remoteAddress: r.remote,
    status: r.status,
    picks: r.picks ? (JSON.parse(r.picks) as number[][]) : undefined,
    partial: r.partial ? (JSON.parse(r.partial) as LoggedRequest['partial']) : undefined,
  };
}
