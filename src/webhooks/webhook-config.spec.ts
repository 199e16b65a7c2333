import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/config.js';

describe('webhook settings', () => {
  it('parses the retry schedule and durations once', () => {
    const config = loadConfig({ LOUPE_WEBHOOK_RETRY_SCHEDULE: '200ms,5s,2h', LOUPE_WEBHOOK_DISABLE_AFTER: '3d', WEBHOOK_ALLOW_PRIVATE: 'true' });
    expect(config.LOUPE_WEBHOOK_RETRY_SCHEDULE).toEqual([200, 5_000, 7_200_000]);
    expect(config.LOUPE_WEBHOOK_DISABLE_AFTER).toBe(3 * 86_400_000);
    expect(config.WEBHOOK_ALLOW_PRIVATE).toBe(true);
  });

  it('defaults to the documented schedule, 5 days, 24 h of overlap and no private addresses', () => {
    const config = loadConfig({});
    expect(config.LOUPE_WEBHOOK_RETRY_SCHEDULE).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000]);
    expect(config.LOUPE_WEBHOOK_DISABLE_AFTER).toBe(5 * 86_400_000);
    expect(config.LOUPE_WEBHOOK_SECRET_OVERLAP).toBe(86_400_000);
    expect(config.WEBHOOK_ALLOW_PRIVATE).toBe(false);
  });

  it.each([['LOUPE_WEBHOOK_RETRY_SCHEDULE', '5s,soon'], ['LOUPE_WEBHOOK_DISABLE_AFTER', 'forever'], ['WEBHOOK_ALLOW_PRIVATE', 'yes']])('names a malformed %s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});
