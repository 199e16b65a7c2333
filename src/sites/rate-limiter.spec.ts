import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the wait until the next token, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBeCloseTo(0.5);
    expect(limiter.take('b')).toBe(0);
    now = 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });

  it('peeks without using a token', () => {
    const limiter = new RateLimiter(1, 1, () => 0);
    expect([limiter.peek('k'), limiter.peek('k')]).toEqual([0, 0]);
    expect(limiter.take('k')).toBe(0);
    expect(limiter.peek('k')).toBeGreaterThan(0);
  });

  it('never stores more than the burst however long a key was idle', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 2, () => now);
    now = 60_000;
    expect([limiter.take('k'), limiter.take('k')]).toEqual([0, 0]);
    expect(limiter.take('k')).toBeGreaterThan(0);
  });

  it('keeps at most maxKeys keys, forgetting refilled buckets before one that still limits, then the least recently used', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1, () => now, 3);
    for (const key of ['a', 'b']) limiter.take(key);
    now = 2_000; // a and b have refilled
    limiter.take('limited');
    limiter.take('c'); // the table is full: a and b go, limited stays
    expect(limiter.peek('limited')).toBeGreaterThan(0);
    limiter.take('d');
    limiter.take('e'); // full of buckets in force: the least recently used (c; limited was just asked about) goes
    expect(limiter.peek('c')).toBe(0);
    expect([limiter.peek('limited'), limiter.peek('d'), limiter.peek('e')].every((wait) => wait > 0)).toBe(true);
  });

  it('does not store a key it was only asked about', () => {
    const limiter = new RateLimiter(1, 1, () => 0, 1);
    expect(limiter.peek('x')).toBe(0);
    expect(limiter.take('y')).toBe(0);
    expect(limiter.peek('y')).toBeGreaterThan(0);
  });
});
