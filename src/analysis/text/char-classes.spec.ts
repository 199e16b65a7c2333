import { describe, expect, it } from '@jest/globals';
import { INVISIBLE_CHAR_CLASS, isInvisibleChar, isSpaceChar } from './char-classes.js';

describe('isInvisibleChar', () => {
  it.each([
    { name: 'zero-width space', char: '\u200b', expected: true },
    { name: 'zero-width non-joiner', char: '\u200c', expected: true },
    { name: 'zero-width joiner', char: '\u200d', expected: true },
    { name: 'word joiner', char: '\u2060', expected: true },
    { name: 'zero-width no-break space (BOM)', char: '\ufeff', expected: true },
    { name: 'soft hyphen', char: '\u00ad', expected: true },
    { name: 'hyphen-minus', char: '-', expected: false },
    { name: 'space', char: ' ', expected: false },
    { name: 'hair space (visible width)', char: '\u200a', expected: false },
    { name: 'letter', char: 'a', expected: false },
  ])('$name → $expected', ({ char, expected }) => {
    expect(isInvisibleChar(char.charCodeAt(0))).toBe(expected);
  });

  it('agrees with INVISIBLE_CHAR_CLASS on the whole BMP', () => {
    const cls = new RegExp(`[${INVISIBLE_CHAR_CLASS}]`);
    for (let unit = 0; unit <= 0xffff; unit++) {
      expect(isInvisibleChar(unit)).toBe(cls.test(String.fromCharCode(unit)));
    }
  });
});

describe('isSpaceChar', () => {
  it.each([
    { name: 'space', char: ' ', expected: true },
    { name: 'tab', char: '\t', expected: true },
    { name: 'newline', char: '\n', expected: true },
    { name: 'carriage return', char: '\r', expected: true },
    { name: 'no-break space', char: '\u00a0', expected: true },
    { name: 'narrow no-break space', char: '\u202f', expected: true },
    { name: 'ideographic space', char: '\u3000', expected: true },
    { name: 'line separator', char: '\u2028', expected: true },
    { name: 'zero-width space: stripped from links, not split on', char: '\u200b', expected: false },
    { name: 'BOM: stripped from links, not split on', char: '\ufeff', expected: false },
    { name: 'full stop', char: '.', expected: false },
    { name: 'letter', char: 'x', expected: false },
  ])('$name → $expected', ({ char, expected }) => {
    expect(isSpaceChar(char.charCodeAt(0))).toBe(expected);
  });

  it('never calls a character a space that JavaScript does not (a subset of \\s)', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      if (isSpaceChar(unit)) expect(/\s/.test(String.fromCharCode(unit))).toBe(true);
    }
  });
});
