/** Time source. Injected everywhere so scenarios and reports can run on a manual, reproducible clock. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; time never goes backwards unless `set` says so explicitly. */
export class ManualClock implements Clock {
  private current: number;

  constructor(startMs = 0) {
    assertFinite(startMs, 'startMs');
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): number {
    assertFinite(ms, 'ms');
    if (ms < 0) throw new RangeError(`ManualClock.advance: ms must be >= 0, got ${ms}`);
    this.current += ms;
    return this.current;
  }

  set(ms: number): void {
    assertFinite(ms, 'ms');
    this.current = ms;
  }
}

function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`ManualClock: ${name} must be a finite number, got ${value}`);
}
