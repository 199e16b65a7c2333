import { describe, expect, it } from '@jest/globals';
import { PeriodicTask } from './periodic-task.js';

describe('PeriodicTask', () => {
  it('shares a run in progress instead of starting a second one', async () => {
    let runs = 0;
    let release!: () => void;
    const task = new PeriodicTask(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
      return runs;
    }, 60_000, () => undefined);
    const first = task.runOnce();
    const second = task.runOnce();
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    const third = task.runOnce();
    await new Promise((r) => setImmediate(r));
    release();
    expect(await third).toBe(2);
  });

  it('stop() waits for the run in progress and ignores its failure', async () => {
    let finished = false;
    const task = new PeriodicTask(async () => {
      await new Promise((r) => setImmediate(r));
      finished = true;
      throw new Error('boom');
    }, 60_000, () => undefined);
    task.start();
    void task.runOnce().catch(() => undefined);
    await task.stop();
    expect(finished).toBe(true);
  });
});
