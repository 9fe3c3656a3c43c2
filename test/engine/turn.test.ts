import { describe, expect, it } from 'vitest';
import { atEndOfTurn, cancelAtEndOfTurn } from '../../simulator/engine/turn.ts';

const nextTurn = () => new Promise<void>((r) => setImmediate(() => setImmediate(r)));

describe('end-of-turn work in two tiers (simulator/engine/turn.ts)', () => {
  it('runs every answer callback before any background one, whatever order they were queued in', async () => {
    const order: string[] = [];
    atEndOfTurn('background', () => order.push('slice 1'));
    atEndOfTurn('answer', () => order.push('answer 1'));
    atEndOfTurn('background', () => order.push('slice 2'));
    atEndOfTurn('answer', () => order.push('answer 2'));
    await nextTurn();
    expect(order).toEqual(['answer 1', 'answer 2', 'slice 1', 'slice 2']);
  });

  it('work queued while a turn runs waits for the next turn, where answers again go first', async () => {
    const order: string[] = [];
    const slice = () => {
      order.push('slice');
      if (order.length < 4) atEndOfTurn('background', slice);
    };
    atEndOfTurn('background', () => {
      slice();
      atEndOfTurn('answer', () => order.push('answer'));
    });
    await nextTurn();
    await nextTurn();
    expect(order).toEqual(['slice', 'answer', 'slice', 'slice']);
  });

  it('a cancelled callback does not run, and one that throws does not stop the others', async () => {
    const ran: string[] = [];
    const cancelled = () => ran.push('cancelled');
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.prependListener('uncaughtException', onError);
    try {
      atEndOfTurn('background', cancelled);
      atEndOfTurn('answer', () => {
        throw new Error('boom');
      });
      atEndOfTurn('answer', () => ran.push('answer'));
      atEndOfTurn('background', () => ran.push('slice'));
      cancelAtEndOfTurn(cancelled);
      await nextTurn();
    } finally {
      process.removeListener('uncaughtException', onError);
    }
    expect(ran).toEqual(['answer', 'slice']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom']);
  });
});
