import { describe, expect, it } from '@jest/globals';
import { deobfuscate, hasEditWithin, toOriginalEnd, toOriginalStart } from './deobfuscate.js';

function clean(text: string): string {
  return deobfuscate(text, 0, text.length).text;
}

describe('deobfuscate', () => {
  it.each([
    { name: '[.]', text: 'anti-spiegel[.]ru/x', clean: 'anti-spiegel.ru/x' },
    { name: '(.)', text: 'anti-spiegel(.)ru', clean: 'anti-spiegel.ru' },
    { name: '{.}', text: 'anti-spiegel{.}ru', clean: 'anti-spiegel.ru' },
    { name: '[dot]', text: 'anti-spiegel[dot]ru', clean: 'anti-spiegel.ru' },
    { name: '(DOT) in capitals', text: 'ANTI-SPIEGEL(DOT)RU', clean: 'ANTI-SPIEGEL.RU' },
    { name: '[ . ] with inner spaces', text: 'anti-spiegel[ . ]ru', clean: 'anti-spiegel.ru' },
    { name: '(.) with outer spaces', text: 'freedert (.) online', clean: 'freedert.online' },
    { name: 'spaced dot', text: 'anti-spiegel . ru', clean: 'anti-spiegel.ru' },
    { name: 'spaced dot in capitals', text: 'ANTI-SPIEGEL . RU', clean: 'ANTI-SPIEGEL.RU' },
    { name: 'spaced dot before a path', text: 'rtde . xyz/inland/1-a/', clean: 'rtde.xyz/inland/1-a/' },
    { name: 'spaced dot before a word TLD with a path', text: 'rtde . to/x', clean: 'rtde.to/x' },
    { name: 'two markers in one host', text: 'www[.]anti-spiegel[.]ru', clean: 'www.anti-spiegel.ru' },
    { name: 'a marker before a real dot', text: 'de.rt[.]com', clean: 'de.rt.com' },
    { name: 'a marker and then a sentence end', text: 'anti-spiegel[.]ru.', clean: 'anti-spiegel.ru.' },
    { name: 'hxxps', text: 'hxxps://x.de', clean: 'https://x.de' },
    { name: 'hxxp', text: 'hxxp://x.de', clean: 'http://x.de' },
    { name: 'hXXps', text: 'hXXps://x.de', clean: 'https://x.de' },
    { name: 'h**ps', text: 'h**ps://x.de', clean: 'https://x.de' },
    { name: '[:] after the scheme', text: 'https[:]//x.de', clean: 'https://x.de' },
    { name: 'zero-width characters', text: 'anti\u200b-spie\u200c\u200dgel\u2060.\ufeffru', clean: 'anti-spiegel.ru' },
    { name: 'a soft hyphen', text: 'anti-spie\u00adgel.ru', clean: 'anti-spiegel.ru' },
    { name: 'a Cyrillic TLD', text: 'пример(.)рф', clean: 'пример.рф' },
  ])('undoes $name', ({ text, clean: expected }) => {
    expect(clean(text)).toBe(expected);
  });

  it.each([
    { name: 'a sentence end with a spaced dot', text: 'Ende . Der Rest' },
    { name: 'a spaced dot before a non-TLD word', text: 'egal . und dann' },
    { name: 'a spaced dot before a word TLD without path', text: 'gut . so' },
    { name: 'a spaced dot with a capital on the left', text: 'Ende . de' },
    { name: 'a spaced dot in capitals before a word TLD', text: 'ENDE . ES REICHT' },
    { name: 'a bracket dot before a non-TLD', text: 'Er (.) sagte nichts' },
    { name: 'a bracket dot with nothing after it', text: 'anti-spiegel[.] ' },
    { name: 'a bracket dot with nothing before it', text: '[.]ru' },
    { name: 'an ellipsis in brackets', text: 'Zitat [...] weiter' },
    { name: 'hxxp without ://', text: 'hxxp ist kein Link' },
    { name: 'plain prose', text: 'Das ist das Ende. Der Rest.' },
  ])('leaves $name alone', ({ text }) => {
    expect(clean(text)).toBe(text);
  });

  it('maps clean offsets back to the original text', () => {
    const text = 'Quelle: hxxps://anti\u200bspiegel[.]ru/a !';
    const window = deobfuscate(text, 8, 35);
    expect(window.text).toBe('https://antispiegel.ru/a');
    expect(toOriginalStart(window, 0)).toBe(8);
    expect(toOriginalEnd(window, window.text.length)).toBe(35);
    // The dot stands for all of `[.]`.
    const dot = window.text.indexOf('.');
    expect(text.slice(toOriginalStart(window, dot), toOriginalEnd(window, dot + 1))).toBe('[.]');
    expect(hasEditWithin(window, 8, 35)).toBe(true);
    expect(hasEditWithin(window, 31, 35)).toBe(false);
  });

  it('returns the window verbatim, offsets shifted, when there is nothing to undo', () => {
    const text = 'siehe https://x.de/a';
    const window = deobfuscate(text, 6, text.length);
    expect(window).toMatchObject({ text: 'https://x.de/a', starts: null, ends: null, edits: [] });
    expect(toOriginalStart(window, 0)).toBe(6);
    expect(toOriginalEnd(window, 14)).toBe(20);
  });

  it('excludes invisible characters at the edges of a span', () => {
    const text = '\u200bx.de\u200b';
    const window = deobfuscate(text, 0, text.length);
    expect(window.text).toBe('x.de');
    expect(toOriginalStart(window, 0)).toBe(1);
    expect(toOriginalEnd(window, 4)).toBe(5);
    expect(hasEditWithin(window, 1, 5)).toBe(false);
  });
});
