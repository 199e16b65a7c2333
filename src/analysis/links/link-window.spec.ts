import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findLinkCandidate, findWindowEnd, findWindowStart, scanLinkCandidate } from './link-window.js';

describe('findLinkCandidate', () => {
  it.each([
    { name: 'a full URL (at the scheme separator)', text: 'siehe https://x.de/a', at: 11 },
    { name: 'hxxps with a bracketed colon', text: 'hxxps[:]//x.de', at: 5 },
    { name: 'a bare domain (at the last letter before the dot)', text: 'siehe anti-spiegel.ru', at: 17 },
    { name: 'a www. host', text: 'www.xy.de', at: 2 },
    { name: 'a bracketed dot', text: 'anti-spiegel[.]ru', at: 11 },
    { name: 'a parenthesised dot with spaces', text: 'freedert (.) online', at: 7 },
    { name: '[dot]', text: 'anti-spiegel[DOT]ru', at: 11 },
    { name: 'a spaced dot before a lower-case word', text: 'rtde . xyz', at: 3 },
    { name: 'a spaced dot in capitals', text: 'RTDE . XYZ', at: 3 },
    { name: 'a zero-width space next to the dot', text: 'anti-spiegel\u200b.ru', at: 11 },
    { name: 'an IDN host', text: 'пример.рф', at: 5 },
  ])('finds $name', ({ text, at }) => {
    expect(findLinkCandidate(text, 0)).toBe(at);
  });

  it.each([
    { name: 'a sentence end with a space', text: 'Das ist das Ende. Der Rest folgt.' },
    { name: 'German abbreviations', text: 'z.B. u.a. d.h. z. B. usw. bzw. ca. 10 Nr. 5' },
    { name: 'a spaced dot before a capitalised word', text: 'Ende . Der Rest' },
    { name: 'an ellipsis', text: 'Hmm... und dann ... nichts' },
    { name: 'numbers and dates', text: 'am 9.10.2017 um 10.30 Uhr, 3.5 %' },
    { name: 'a mention and a hashtag', text: '@Martin28a #AfD !!!' },
    { name: 'empty text', text: '' },
  ])('finds nothing in $name', ({ text }) => {
    expect(findLinkCandidate(text, 0)).toBe(-1);
  });

  it('searches from the given offset', () => {
    expect(findLinkCandidate('x.de und y.de', 4)).toBe(9);
  });
});

describe('findWindowStart', () => {
  it.each([
    { name: 'the token start', text: 'siehe (https://x.de)', at: 12, floor: 0, start: 6 },
    { name: 'the floor inside a token', text: 'aaaaaaaaaa.de', at: 9, floor: 4, start: 4 },
    { name: 'the text start', text: 'x.de', at: 0, floor: 0, start: 0 },
  ])('stops at $name', ({ text, at, floor, start }) => {
    expect(findWindowStart(text, at, floor)).toBe(start);
  });
});

describe('findWindowEnd', () => {
  it.each([
    { name: 'a plain token ends at the space', text: 'x.de/a und', end: 6 },
    { name: 'a spaced dot joins both halves', text: 'rtde . xyz/a und', end: 12 },
    { name: 'a spaced (.) joins both halves', text: 'freedert (.) online und', end: 19 },
    { name: 'a [dot] after a space joins', text: 'anti-spiegel [dot] ru weiter', end: 21 },
    { name: 'a sentence end does not join', text: 'Ende. Der', end: 5 },
    { name: 'a newline around a dot does not join', text: 'Ende\n.\nDer', end: 4 },
    { name: 'more than three spaces do not join', text: 'a    .    de', end: 1 },
    { name: 'an ellipsis does not join', text: 'so ... und', end: 2 },
  ])('$name', ({ text, end }) => {
    expect(findWindowEnd(text, 0, text.length)).toBe(end);
  });

  it('never passes the limit', () => {
    expect(findWindowEnd('a'.repeat(100), 0, 40)).toBe(40);
  });
});

describe('findLinkCandidate: hidden dots', () => {
  it.each([
    { name: 'an ideographic full stop', text: 'anti-spiegel\u3002ru', at: 11 },
    { name: 'a middle dot', text: 'auf1\u00b7tv', at: 3 },
    { name: 'a dot look-alike that is a letter', text: 'kla\u1427tv', at: 2 },
    { name: 'a character reference', text: 'x&#46;de', at: 0 },
    { name: 'a percent-encoded dot', text: 'x%2Ede', at: 0 },
    { name: 'an encoded scheme colon', text: 'https&#58;//x.de', at: 5 },
    { name: 'a spelled-out dot', text: 'kla punkt tv', at: 2 },
    { name: 'a bracketed spelled-out dot', text: 'kla [punkt] tv', at: 2 },
    { name: 'a space after the dot before a country code', text: 'anti-spiegel. ru', at: 11 },
    { name: 'a line break after the dot before a path', text: 'kla.\ntv/de', at: 2 },
    { name: 'a space after www', text: 'www. anti-spiegel. ru', at: 2 },
    { name: 'a line break before the dot', text: 'report24\n.news', at: 7 },
    { name: 'a zero-width space before a bracket marker', text: 'x\u200b[.]de', at: 0 },
  ])('finds $name', ({ text, at }) => {
    expect(findLinkCandidate(text, 0)).toBe(at);
  });

  it.each([
    { name: 'a sentence end before a word', text: 'so. jetzt aber. beleg sonst' },
    { name: 'abbreviations before short words', text: 'usw. bzw. ca. 10' },
    { name: 'Punkt before a number', text: 'zu Punkt 12 Uhr' },
    { name: 'a middle dot between spaces', text: 'Politik · Sport' },
  ])('finds nothing in $name', ({ text }) => {
    expect(findLinkCandidate(text, 0)).toBe(-1);
  });
});

describe('findLinkCandidate: the same places as the regex alone', () => {
  /** Every candidate from every offset, as extractLinks() may ask for them. */
  function allFrom(find: (text: string, from: number) => number, text: string): number[] {
    const found: number[] = [];
    for (let from = 0; from <= text.length; from++) found.push(find(text, from));
    return found;
  }

  it.each([
    'siehe https://x.de und hxxps[:]//y.ru, https&#58;//z.de',
    'anti-spiegel [.] ru, kla ( dot ) tv, auf1 -punkt- tv, x -DOT- de, x{Punkt}de, x<.>de',
    'rtde . xyz, RTDE . XYZ, report24\n.news, kla  .tv, x   .de, x    .de',
    'anti-spiegel. ru, www. anti-spiegel. ru, Ende. Der Rest, gut. so, usw. bzw. ca. 10, x. 3',
    'kla punkt tv, kla PUNKT tv, x Dot com, the dot com era, x\tdot\nde, x\u00a0punkt\u00a0de',
    'x&#46;de x&#X2e;de x&period;de x%2Ede x%2ede &colon;// &#x3A;// 100%2',
    'anti-spiegel\u3002ru auf1\u00b7tv kla\u1427tv x\u200b.de x\u200b[.]de x\u{e0041}.de x\u{10101}de',
    '𝐀.de 𝐀 . de 😀.de \ud800.de \udc00.de 中.中 z.B. u.a. 3.5 ... Hmm... @Martin28a #AfD',
  ])('in %j', (text) => {
    expect(allFrom(findLinkCandidate, text)).toEqual(allFrom(scanLinkCandidate, text));
  });

  it('on random text from the characters the alternatives use', () => {
    const pieces = fc.constantFrom(
      ...['a', 'X', 'ä', '1', '-', ' ', '  ', '\t', '\n', '\r', '\u00a0', '.', ':', '/', '//', '[', ']', '(', ')', '{', '}', '<', '>', '&', '#', '%', '2E', '46;', 'x2e;', '58;', 'period;', 'colon;'],
      ...['punkt', 'Punkt', 'PUNKT', 'pUnkt', 'dot', 'Dot', 'DOT', 'dOt', 'de', 'ru', 'tv', 'com', 'www', 'hxxp', 'De'],
      ...['\u200b', '\u00ad', '\u3164', '\u00b7', '\u3002', '\u1427', '\u{e0041}', '\u{10101}', '𝐀', '😀', '\ud800', '\udc00', '\u0301'],
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        expect(allFrom(findLinkCandidate, text)).toEqual(allFrom(scanLinkCandidate, text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('findWindowEnd: hidden dots', () => {
  it.each([
    { name: 'a spelled-out dot joins both halves', text: 'anti-spiegel punkt ru weiter', end: 21 },
    { name: 'a space after a dot joins a TLD', text: 'anti-spiegel. ru weiter', end: 16 },
    { name: 'spaces after every label join', text: 'www. anti-spiegel. ru weiter', end: 21 },
    { name: 'a space before a dot joins', text: 'kla .tv und', end: 7 },
    { name: 'a line break after a dot joins', text: 'anti-spiegel.\nru weiter', end: 16 },
    { name: 'a sentence end before a non-TLD does not join', text: 'gut. und dann', end: 4 },
    { name: 'two line breaks do not join', text: 'gut.\n\nru', end: 4 },
  ])('$name', ({ text, end }) => {
    expect(findWindowEnd(text, 0, text.length)).toBe(end);
  });
});
