import { describe, expect, it } from '@jest/globals';
import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('gives every caller its own result and writes items added in one tick as one batch', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((n) => n * 10);
      },
      { maxSize: 100, maxInFlight: 2 },
    );
    const results = await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('splits at maxSize and lets items gather while maxInFlight batches are being written', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        await gate;
        return items;
      },
      { maxSize: 2, maxInFlight: 1 },
    );
    const first = [1, 2, 3].map((n) => batcher.add(n));
    await new Promise((r) => setImmediate(r));
    const later = [4, 5].map((n) => batcher.add(n));
    release();
    await Promise.all([...first, ...later]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects every item of a failed batch and keeps working afterwards', async () => {
    let fail = true;
    const batcher = new Batcher<string, string>(
      async (items) => {
        if (fail) throw new Error('database down');
        return items;
      },
      { maxSize: 10, maxInFlight: 1 },
    );
    const failed = await Promise.allSettled([batcher.add('a'), batcher.add('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batcher.add('c')).resolves.toBe('c');
    await expect(batcher.drain()).resolves.toBeUndefined();
  });
});
