import { describe, expect, it } from '@jest/globals';
import { foldConfusables, hasNonAscii } from './fold-confusables.js';

describe('foldConfusables', () => {
  it.each([
    ['Cyrillic а е о р с х у', '\u0430\u0435\u043e\u0440\u0441\u0445\u0443', 'aeopcxy'],
    ['Cyrillic і ј ԁ ѕ', '\u0456\u0458\u0501\u0455', 'ijds'],
    ['Greek ο α ν ρ', '\u03bf\u03b1\u03bd\u03c1', 'oavp'],
    ['Latin dotless ı', 'onl\u0131ne', 'online'],
    ['fullwidth letters', '\uff52\uff54\uff44\uff45', 'rtde'],
    ['accents', 'anti-spi\u00e9gel', 'anti-spiegel'],
    ['upper-case Cyrillic', '\u0410NTI', 'anti'],
    ['digits that pass for letters', 'report10', 'reportlo'],
    ['a dash that passes for a hyphen', 'anti\u2010spiegel', 'anti-spiegel'],
    ['plain ASCII (unchanged apart from digits)', 'anti-spiegel.ru', 'anti-spiegel.ru'],
    ['letters with no ASCII lookalike (kept)', '\u0436\u0434', '\u0436\u0434'],
  ])('folds %s', (_scenario, input, skeleton) => {
    expect(foldConfusables(input)).toBe(skeleton);
  });
});

describe('hasNonAscii', () => {
  it.each([
    ['anti-spiegel.ru', false],
    ['\u0430nti-spiegel.ru', true],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(hasNonAscii(text)).toBe(expected);
  });
});
