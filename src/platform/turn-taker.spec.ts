import { describe, expect, it } from '@jest/globals';
import { TurnTaker } from './turn-taker.js';

/** Busy-waits `ms`: a CPU-bound step. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('TurnTaker', () => {
  it('runs steps in the order they asked, and lets timers run between slices', async () => {
    const turns = new TurnTaker(10);
    const log: string[] = [];
    // A timer due at once: it can only fire when the loop gets a turn.
    setTimeout(() => log.push('timer'), 0);
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        await turns.take();
        log.push(`step ${i}`);
        spin(6);
      }),
    );
    expect(log.filter((l) => l.startsWith('step'))).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
    // Six steps of 6 ms in slices of 10 ms: the timer fired before the last step, not after all of
    // them. (It may fire before the first: when the first step asks more than a slice after the
    // TurnTaker was made, as under a loaded CI, that step already waits for the next turn.)
    expect(log).toContain('timer');
    expect(log.indexOf('timer')).toBeLessThan(log.length - 1);
  });

  it('without a limit reached, runs steps ready together in one turn', async () => {
    const turns = new TurnTaker(1_000);
    const log: string[] = [];
    setImmediate(() => log.push('next turn'));
    await Promise.all([0, 1, 2].map(async (i) => {
      await turns.take();
      log.push(`step ${i}`);
    }));
    expect(log).toEqual(['step 0', 'step 1', 'step 2']);
  });

  it('measures the longest block of steps that arrive together: about one slice plus one step', async () => {
    const turns = new TurnTaker(10);
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    last = performance.now();
    await Promise.all(Array.from({ length: 20 }, async () => {
      await turns.take();
      spin(5);
    }));
    clearInterval(timer);
    // 20 steps of 5 ms (100 ms in all) never held the loop for more than a slice and a step, plus slack.
    expect(longest).toBeLessThan(40);
  });
});
