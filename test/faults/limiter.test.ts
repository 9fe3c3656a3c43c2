/** The sliding-window limiter on a manual clock: exact counts, no wall-clock timing. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../simulator/engine/clock.ts';
import { SlidingWindowLimiter } from '../../simulator/engine/rate-limiter.ts';

describe('SlidingWindowLimiter', () => {
  it('a saturated 10-second run accepts 10 × the configured rate (within ±5%, issue 5 §1)', () => {
    for (const rate of [5, 10, 200]) {
      const clock = new ManualClock(0);
      const limiter = new SlidingWindowLimiter(clock);
      let accepted = 0;
      for (let t = 0; t < 10_000; t++) {
        clock.set(t);
        for (let i = 0; i < 3; i++) if (limiter.take('k', { limit: rate, windowMs: 1000 }).ok) accepted++;
      }
      expect(Math.abs(accepted - rate * 10) / (rate * 10)).toBeLessThanOrEqual(0.05);
    }
  });

  it('refusal says when the units fit again and consumes nothing', () => {
    const clock = new ManualClock(1_000);
    const limiter = new SlidingWindowLimiter(clock);
    const rule = { limit: 2, windowMs: 1000 };
    expect(limiter.take('k', rule).ok).toBe(true);
    clock.advance(300);
    expect(limiter.take('k', rule).ok).toBe(true);
    const refused = limiter.take('k', rule);
    expect(refused).toEqual({ ok: false, retryAfterMs: 700 });
    clock.advance(700);
    expect(limiter.take('k', rule).ok).toBe(true);
    expect(limiter.take('other', rule).ok).toBe(true);
  });

  it('item-unit windows count batch sizes (vectors per second)', () => {
    const clock = new ManualClock(0);
    const limiter = new SlidingWindowLimiter(clock);
    const rule = { limit: 2500, windowMs: 1000 };
    for (let i = 0; i < 5; i++) expect(limiter.take('idx', rule, 500).ok).toBe(true);
    expect(limiter.take('idx', rule, 1).ok).toBe(false);
    expect(limiter.take('idx', rule, 500, false)).toEqual({ ok: false, retryAfterMs: 1000 });
  });
});
