import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../simulator/engine/clock.ts';
import { createRandom } from '../../simulator/engine/random.ts';

describe('clock', () => {
  it('systemClock follows Date.now', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('ManualClock moves only when told', () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(250)).toBe(1_250);
    expect(clock.now()).toBe(1_250);
    clock.set(5);
    expect(clock.now()).toBe(5);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
  });
});

describe('seeded random', () => {
  it('is reproducible per seed, and seeds differ', () => {
    const a = createRandom('seed-1');
    const b = createRandom('seed-1');
    const c = createRandom('seed-2');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(createRandom(42).hex(8)).toBe(createRandom('42').hex(8));
  });

  it('int, hex and pick stay in range', () => {
    const r = createRandom('ranges');
    for (let i = 0; i < 1000; i++) {
      const n = r.int(7);
      expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true);
    }
    expect(r.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(r.hex(0)).toBe('');
    expect(['x', 'y']).toContain(r.pick(['x', 'y']));
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.int(0)).toThrow(RangeError);
  });

  it('subset picks an exact share, in original order, reproducibly', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const s1 = createRandom('faults').subset(items, 0.1);
    expect(s1).toHaveLength(10);
    expect([...s1].sort((x, y) => x - y)).toEqual(s1);
    expect(new Set(s1).size).toBe(10);
    expect(createRandom('faults').subset(items, 0.1)).toEqual(s1);
    expect(createRandom('faults').subset(items, 0)).toEqual([]);
    expect(createRandom('faults').subset(items, 1)).toEqual(items);
    expect(() => createRandom('x').subset(items, 1.5)).toThrow(RangeError);
  });
});
