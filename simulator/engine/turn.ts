/**
 * Work deferred to the end of the current event-loop turn (node's check phase, after the I/O callbacks), in two tiers:
 * every `answer` callback queued so far runs before any `background` one, whatever order they were queued in.
 *
 * Two users: the HTTP front end writes the answers a turn produced back to back (simulator/http/node-server.ts), and
 * the vector store indexes pending vectors in short slices (vector-store.ts). With plain `setImmediate` a slice queued
 * in the previous turn would run before the answers of this one, adding a slice to every answer's latency under
 * ingest; with the tiers an answer never waits for background work.
 */
export type TurnTier = 'answer' | 'background';

const answers: (() => void)[] = [];
const background: (() => void)[] = [];
let scheduled: NodeJS.Immediate | undefined;

function runTurn(): void {
  scheduled = undefined;
  // Callbacks queued while this runs go to the next turn: background work cannot starve I/O.
  const a = answers.splice(0);
  const b = background.splice(0);
  for (const fn of a) runSafely(fn);
  for (const fn of b) runSafely(fn);
}

function runSafely(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    // One failing callback must not drop the others queued in the same turn; surface it like an uncaught error
    // would be, without taking the turn down.
    queueMicrotask(() => {
      throw err;
    });
  }
}

/**
 * Runs `fn` at the end of this turn. Deliberately not unref'd: an unref'd immediate does not keep the event loop from
 * blocking in its poll phase, so background slices would run only when some timer or I/O woke the loop.
 */
export function atEndOfTurn(tier: TurnTier, fn: () => void): void {
  (tier === 'answer' ? answers : background).push(fn);
  scheduled ??= setImmediate(runTurn);
}

/** Removes a queued callback (a closed store's pending slice). */
export function cancelAtEndOfTurn(fn: () => void): void {
  for (const list of [answers, background]) {
    const i = list.indexOf(fn);
    if (i !== -1) list.splice(i, 1);
  }
}
