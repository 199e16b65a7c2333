import { describe, expect, it } from '@jest/globals';
import { fnv1a32, splitOf } from './split.js';

describe('evaluation splits', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('FNV-1a-32 of %j is the published test vector', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
  });

  it('puts about four items in ten into test, stably', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `item-${i}`);
    const test = ids.filter((id) => splitOf(id) === 'test').length;
    expect(test / ids.length).toBeGreaterThan(0.36);
    expect(test / ids.length).toBeLessThan(0.44);
    expect(ids.map(splitOf)).toEqual(ids.map(splitOf));
  });
});
