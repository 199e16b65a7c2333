import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Spreads CPU-bound steps (analysing one comment) over event-loop turns. Steps that become ready
 * together would otherwise run back to back in one turn: the analysis worker's batched load
 * resolves every running job's comment at once, and a re-scoring batch analyses 200 comments in a
 * row, so ten long comments held up timers, health checks and every other request for 230 ms
 * (a batch of 200 for seconds). A step asks for its turn with `await turns.take()`; steps run one
 * after another in the order they asked, and once the steps of a turn have used `sliceMs`, the
 * next one waits for the loop's check phase (`setImmediate`). Steps that start from an I/O
 * callback can so run two slices before the loop next runs its timers (the poll phase's and the
 * check phase's right after it): at most about 2 × `sliceMs` and one step.
 */
export class TurnTaker {
  private tail: Promise<void> = Promise.resolve();
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  /** Resolves when the caller may run its step; run it right after the await, synchronously. */
  take(): Promise<void> {
    const turn = this.tail.then(async () => {
      if (performance.now() - this.sliceStart < this.sliceMs) return;
      await nextTurn();
      this.sliceStart = performance.now();
    });
    this.tail = turn;
    return turn;
  }
}

/** The turns this process's comment analyses share (the analysis worker and re-scoring). */
export const analysisTurns = new TurnTaker(10);
