import { describe, expect, it } from '@jest/globals';
import { ANALYZER_VERSION } from './version.js';

describe('analyzer version', () => {
  it('is a semantic version', () => {
    expect(ANALYZER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
