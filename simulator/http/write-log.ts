/**
 * The world's write log: every request that reached a handler of an operation that may change state, in order, with
 * the time it ran at and what an injected partial fault picked. Replaying the log through the same pipeline on a fresh
 * world rebuilds it exactly — the same resources, vectors, mutation logs, files, ids — because the simulator's
 * generated ids come from seeded sources that only writes consume, and every rule that depends on time reads the
 * (replayed) clock. One mechanism serves every provider, including ones added later: persistence (`--state-dir`),
 * snapshots and restores of a whole world.
 *
 * An answer is released only once its entry is durable (`record` resolves after the commit), and an answer of a read
 * waits for the writes before it (`barrier`), so no client ever sees a write that a crash could still lose.
 */

export interface LoggedRequest {
  /** 'request': one provider request; 'control': a provider control action (e.g. Vectorize flush). */
  kind: 'request' | 'control';
  /** Clock time (ms) the request ran at. */
  at: number;
  provider: string;
  /** operationId, or the control action's name. */
  operation: string;
  method: string;
  host: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: Buffer;
  remoteAddress: string;
  /** The status the request was answered with (replay checks it answers the same). */
  status: number;
  /** Indices each `pick` of an injected partial fault chose, in call order. */
  picks?: number[][] | undefined;
  /** An injected partial fault's answer (status and code), when there was one. */
  partial?: { status: number; code: string; message?: string | undefined } | undefined;
}

export interface WriteLog {
  /** Appends an entry; resolves once it is durable. */
  record(entry: LoggedRequest): Promise<void>;
  /** Resolves once every entry appended so far is durable (immediately when none is pending). */
  barrier(): Promise<void> | undefined;
  /** Every entry, oldest first. */
  entries(): Iterable<LoggedRequest>;
  /** Forgets every entry (the world was reset). */
  clear(): void;
  /** Replaces every entry (a restored snapshot), in one step. */
  replaceAll(entries: readonly LoggedRequest[]): void;
  /** Remembers the seed of the world the entries belong to (a durable log keeps it with them). */
  setSeed?(seed: string): void;
  close(): void;
}

/** A write log kept in memory: snapshots and restores without a state directory. */
export class MemoryWriteLog implements WriteLog {
  private log: LoggedRequest[] = [];

  record(entry: LoggedRequest): Promise<void> {
    this.log.push(entry);
    return Promise.resolve();
  }

  barrier(): undefined {
    return undefined;
  }

  entries(): Iterable<LoggedRequest> {
    return this.log;
  }

  clear(): void {
    this.log = [];
  }

  replaceAll(entries: readonly LoggedRequest[]): void {
    this.log = [...entries];
  }

  close(): void {}
}
