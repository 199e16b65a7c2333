import { describe, expect, it } from '@jest/globals';
import { CountsCache } from './counts-cache.js';

describe('CountsCache', () => {
  it('computes once per key within the TTL, again after it or after clear()', async () => {
    let now = 0;
    let computed = 0;
    const cache = new CountsCache<number>(() => now);
    const compute = async (): Promise<number> => ++computed;
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    expect(await cache.get('b', compute)).toBe(2);
    now = CountsCache.TTL_MS + 1;
    expect(await cache.get('a', compute)).toBe(3);
    cache.clear();
    expect(await cache.get('a', compute)).toBe(4);
  });

  it('does not keep a failed computation', async () => {
    const cache = new CountsCache<number>(() => 0);
    await expect(cache.get('a', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await expect(cache.get('a', async () => 7)).resolves.toBe(7);
  });
});
