import { describe, expect, it } from '@jest/globals';
import { FULL_STOP_LIKE, INVISIBLE, isInvisibleAt, MIDDLE_DOT_LIKE } from './link-chars.js';

const fullStop = new RegExp(`^[${FULL_STOP_LIKE}]$`, 'u');
const middleDot = new RegExp(`^[${MIDDLE_DOT_LIKE}]$`, 'u');
const invisible = new RegExp(`^${INVISIBLE}$`, 'u');

function* codePoints(): Generator<string> {
  for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) yield String.fromCodePoint(cp);
}

describe('dot-like characters, checked against the Unicode data of the engine', () => {
  it('holds every character whose NFKC form is a full stop or an ideographic full stop', () => {
    const missing: string[] = [];
    for (const c of codePoints()) {
      const nfkc = c.normalize('NFKC');
      if ((nfkc === '.' || nfkc === '\u3002') && c !== '.' && !fullStop.test(c)) missing.push(c);
    }
    expect(missing).toEqual([]);
  });

  it('holds every character whose NFKC form is the middle dot', () => {
    const missing: string[] = [];
    for (const c of codePoints()) if (c.normalize('NFKC') === '\u00b7' && !middleDot.test(c)) missing.push(c);
    expect(missing).toEqual([]);
  });

  it('holds no digit, mark or space, and as letters only the look-alikes of scripts German and English comments do not use', () => {
    const label = /^[\p{L}\p{N}\p{M}\s]$/u;
    const chars = [...new RegExp(`[${FULL_STOP_LIKE}${MIDDLE_DOT_LIKE}]`, 'gu').source.matchAll(/\\u([0-9A-F]{4})/g)].map((m) =>
      String.fromCharCode(parseInt(m[1] as string, 16)),
    );
    expect(chars.length).toBeGreaterThan(20);
    // Lisu tone mark, Canadian syllabics final middle dot, Latin sinological dot.
    expect(chars.filter((c) => label.test(c))).toEqual(['\ua4f8', '\u1427', '\ua78f']);
  });
});

describe('isInvisibleAt', () => {
  it('agrees with Default_Ignorable_Code_Point on the whole BMP', () => {
    const wrong: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const c = String.fromCharCode(unit);
      if (isInvisibleAt(c, 0) !== invisible.test(c)) wrong.push(unit);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    { name: 'a tag space (both halves of the pair)', text: 'a\u{e0020}b', at: [1, 2], expected: true },
    { name: 'a musical symbol begin beam', text: 'a\u{1d173}b', at: [1, 2], expected: true },
    { name: 'an emoji', text: 'a\u{1f600}b', at: [1, 2], expected: false },
    { name: 'a letter', text: 'ab', at: [0, 1], expected: false },
  ])('says $expected for $name', ({ text, at, expected }) => {
    for (const i of at) expect(isInvisibleAt(text, i)).toBe(expected);
  });
});
