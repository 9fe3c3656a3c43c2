import { describe, expect, it } from 'vitest';
import { Journal } from '../../simulator/http/journal.ts';

const record = (j: Journal, i: number) => j.recordAnswer(i % 2 ? 'a' : 'b', i, { method: 'GET', host: 'h', path: '/' }, { operation: 'op', status: 200 });

describe('Journal', () => {
  it('keeps the newest entries in order once full, filters by provider and sequence, and clears', () => {
    const j = new Journal(5);
    for (let i = 1; i <= 12; i++) record(j, i);
    expect(j.read().map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(j.read({ sinceSeq: 10 }).map((e) => e.seq)).toEqual([11, 12]);
    expect(j.read({ provider: 'a' }).map((e) => e.seq)).toEqual([9, 11]);
    expect(j.lastSeq).toBe(12);
    j.clear();
    expect(j.read()).toEqual([]);
    record(j, 13);
    expect(j.read().map((e) => e.seq)).toEqual([13]);
  });
});
