/**
 * Sliding-window rate limiter. A window log (not a token bucket) keeps the accepted rate exact: in any window of
 * `windowMs` at most `limit` units are accepted, so a saturated 10-second run accepts 10 × rate (±1 request),
 * where a full token bucket would add a whole extra burst.
 */
import type { Clock } from './clock.ts';

export interface WindowLimit {
  /** Units allowed per window (requests, or items such as vectors). */
  limit: number;
  windowMs: number;
}

interface Log {
  times: number[];
  units: number[];
  head: number;
  total: number;
}

export class SlidingWindowLimiter {
  private readonly logs = new Map<string, Log>();

  constructor(private readonly clock: Clock) {}

  /**
   * Takes `units` for `key` if they fit (only checks when `commit` is false); otherwise says how long until they
   * would. Nothing is taken on refusal.
   */
  take(
    key: string,
    rule: WindowLimit,
    units = 1,
    commit = true,
  ): { ok: true; remaining: number; resetMs: number } | { ok: false; retryAfterMs: number } {
    const now = this.clock.now();
    let log = this.logs.get(key);
    if (!log) {
      log = { times: [], units: [], head: 0, total: 0 };
      this.logs.set(key, log);
    }
    const start = now - rule.windowMs;
    while (log.head < log.times.length && log.times[log.head]! <= start) {
      log.total -= log.units[log.head]!;
      log.head++;
    }
    if (log.head > 1024 && log.head * 2 > log.times.length) {
      log.times = log.times.slice(log.head);
      log.units = log.units.slice(log.head);
      log.head = 0;
    }
    if (log.total + units <= rule.limit) {
      if (commit) {
        log.times.push(now);
        log.units.push(units);
        log.total += units;
      }
      // Until the oldest unit in the window leaves it (a full window when the log is empty).
      const oldest = log.head < log.times.length ? log.times[log.head]! : now;
      return { ok: true, remaining: rule.limit - log.total - (commit ? 0 : units), resetMs: oldest + rule.windowMs - now };
    }
    // Earliest moment enough units have left the window.
    let freed = log.total + units - rule.limit;
    let i = log.head;
    while (i < log.times.length - 1 && freed > log.units[i]!) freed -= log.units[i++]!;
    const at = (log.times[i] ?? now) + rule.windowMs;
    return { ok: false, retryAfterMs: Math.max(1, at - now) };
  }

  reset(): void {
    this.logs.clear();
  }
}
