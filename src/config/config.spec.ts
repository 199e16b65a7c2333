import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives working local defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/loupe',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOUPE_ROLE: 'all',
      LOUPE_MAX_TEXT_LENGTH: 20000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every invalid variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOUPE_ROLE: 'boss' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT:/m);
    expect(problems).toMatch(/^DATABASE_URL: must be a postgresql:\/\/ URL/m);
    expect(problems).toMatch(/^LOUPE_ROLE:/m);
  });
});
