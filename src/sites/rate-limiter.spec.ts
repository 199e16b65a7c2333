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
});
