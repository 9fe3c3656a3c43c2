/** Request journal: what each provider answered, including injected faults and throttles. Bounded ring buffer. */

export interface JournalEntry {
  seq: number;
  time: number;
  provider: string;
  operation: string;
  method: string;
  host: string;
  path: string;
  status: number;
  /** Provider error code for error answers. */
  code?: string | undefined;
  requestId?: string | undefined;
  /** What the simulator did on purpose: 'fault', 'throttle', 'partial', 'latency', 'drop'. */
  injected?: string | undefined;
  /** Spec violations found in the simulator's own response (only when response validation is on). */
  specIssues?: string[] | undefined;
  /** Unexpected exceptions caught at the catch point (a simulator bug, never a crash). */
  crash?: string | undefined;
}

export class Journal {
  /** Ring buffer: recording is O(1) however full the journal is (it sits on every request's path). */
  private readonly ring: (JournalEntry | undefined)[];
  private next = 0;
  private count = 0;
  private seq = 0;

  constructor(private readonly capacity = 10_000) {
    this.ring = new Array<JournalEntry | undefined>(capacity);
  }

  /** Records one answered request of a provider (empty spec-issue lists are dropped). */
  recordAnswer(
    provider: string,
    time: number,
    req: { method: string; host: string; path: string },
    answer: Pick<JournalEntry, 'operation' | 'status' | 'code' | 'requestId' | 'specIssues' | 'crash' | 'injected'>,
  ): JournalEntry {
    // One literal with every field, no spreads: this runs on every request.
    return this.store({
      seq: ++this.seq,
      time,
      provider,
      operation: answer.operation,
      method: req.method,
      host: req.host,
      path: req.path,
      status: answer.status,
      code: answer.code,
      requestId: answer.requestId,
      injected: answer.injected,
      specIssues: answer.specIssues && answer.specIssues.length > 0 ? answer.specIssues : undefined,
      crash: answer.crash,
    });
  }

  /** A provider's recorder: slug and clock bound, so each answer is one call with named fields. */
  recorder(provider: string, clock: { now(): number }) {
    return (req: { method: string; host: string; path: string }, answer: Parameters<Journal['recordAnswer']>[3]): JournalEntry =>
      this.recordAnswer(provider, clock.now(), req, answer);
  }

  private store(entry: JournalEntry): JournalEntry {
    this.ring[this.next] = entry;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.count < this.capacity) this.count++;
    return entry;
  }

  /** Entries after `sinceSeq`, optionally for one provider. */
  read(opts: { sinceSeq?: number; provider?: string } = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const e = this.ring[(start + i) % this.capacity]!;
      if (e.seq > (opts.sinceSeq ?? 0) && (opts.provider === undefined || e.provider === opts.provider)) out.push(e);
    }
    return out;
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
