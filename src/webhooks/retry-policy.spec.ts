import { describe, expect, it } from '@jest/globals';
import { nextRetryDelay, parseRetryAfter } from './retry-policy.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 1_000],
    ['Tue, 24 Nov 2026 10:00:30 GMT', 30_000],
    ['Tue, 24 Nov 2026 09:00:00 GMT', 1_000],
    ['soon', undefined],
    [null, undefined],
  ])('reads %s as %s ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('nextRetryDelay', () => {
  const schedule = [5_000, 300_000];
  it.each([
    [1, 0, 5_000],
    [1, 1, 5_500],
    [2, 0.5, 315_000],
    [3, 0, undefined],
  ])('after %s attempts with jitter %s waits %s ms', (attempts, random, expected) => {
    expect(nextRetryDelay(schedule, attempts, () => random)).toBe(expected);
  });
});
