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

describe('deobfuscate: characters that display as a dot', () => {
  it.each([
    { name: 'an ideographic full stop', text: 'anti-spiegel\u3002ru', clean: 'anti-spiegel.ru' },
    { name: 'a fullwidth full stop', text: 'freedert\uff0eonline/a', clean: 'freedert.online/a' },
    { name: 'a one dot leader', text: 'rtde\u2024site', clean: 'rtde.site' },
    { name: 'a small full stop', text: 'compact-online\ufe52de', clean: 'compact-online.de' },
    { name: 'a halfwidth ideographic full stop', text: 'report24\uff61news', clean: 'report24.news' },
    { name: 'a Syriac full stop', text: 'anti-spiegel\u0701ru', clean: 'anti-spiegel.ru' },
    { name: 'a fullwidth full stop before a capital TLD', text: 'Tichyseinblick\uff0eDE', clean: 'Tichyseinblick.DE' },
    { name: 'a middle dot', text: 'auf1\u00b7tv', clean: 'auf1.tv' },
    { name: 'a Greek ano teleia', text: 'kla\u0387tv/de', clean: 'kla.tv/de' },
    { name: 'a hyphenation point', text: 'de\u2027rt\u2027com', clean: 'de.rt.com' },
    { name: 'a katakana middle dot', text: 't\u30fbme/neuesausrussland', clean: 't.me/neuesausrussland' },
    { name: 'a halfwidth katakana middle dot', text: 'snanews\uff65de', clean: 'snanews.de' },
    { name: 'a word separator middle dot', text: 'kla\u2e31tv/de', clean: 'kla.tv/de' },
    { name: 'a bullet operator', text: 'apolut\u2219net', clean: 'apolut.net' },
    { name: 'a dot operator', text: 'nachdenkseiten\u22c5de', clean: 'nachdenkseiten.de' },
    { name: 'a bullet', text: 'tichyseinblick\u2022de/kolumnen/', clean: 'tichyseinblick.de/kolumnen/' },
    { name: 'middle dots in capitals', text: 'RUMBLE\u00b7COM', clean: 'RUMBLE.COM' },
    { name: 'a black circle', text: 'anti-spiegel\u25cfru', clean: 'anti-spiegel.ru' },
    { name: 'a Vai full stop', text: 'kla\ua60etv', clean: 'kla.tv' },
    { name: 'an Aegean word separator dot (outside the BMP)', text: 'auf1\u{10101}tv/x', clean: 'auf1.tv/x' },
  ])('undoes $name', ({ text, clean: expected }) => {
    expect(clean(text)).toBe(expected);
  });

  it.each([
    { name: 'a gender dot before "in"', text: 'Kolleg\u00b7in' },
    { name: 'a gender dot before "innen"', text: 'Leser\u00b7innen' },
    { name: 'a separator between capitalised words', text: 'Politik\u00b7Sport' },
    { name: 'a separator between numbers', text: '7\u00b712\u00b73' },
    { name: 'a middle dot with a capital on one side', text: 'Ende\u00b7de' },
    { name: 'a full-stop look-alike before a non-TLD', text: 'Ende\u3002Der' },
    { name: 'black circles as a list separator', text: 'Punkte \u25cf eins \u25cf zwei' },
  ])('leaves $name alone', ({ text }) => {
    expect(clean(text)).toBe(text);
  });
});

describe('deobfuscate: spelled-out dots', () => {
  it.each([
    { name: 'punkt between spaces', text: 'anti-spiegel punkt ru', clean: 'anti-spiegel.ru' },
    { name: 'PUNKT in capitals', text: 'freedert PUNKT online', clean: 'freedert.online' },
    { name: 'PUNKT in a lower-case host', text: 'tichyseinblick PUNKT de/kolumnen/', clean: 'tichyseinblick.de/kolumnen/' },
    { name: 'dot between spaces', text: 'kla dot tv', clean: 'kla.tv' },
    { name: 'DOT before a path', text: 'rumble DOT com/v6jwcf7', clean: 'rumble.com/v6jwcf7' },
    { name: 'two spelled dots', text: 'de punkt rt punkt com', clean: 'de.rt.com' },
    { name: 'www and two spelled dots', text: 'www punkt anti-spiegel punkt ru', clean: 'www.anti-spiegel.ru' },
    { name: 'a one-letter label before a path', text: 't punkt me/neuesausrussland', clean: 't.me/neuesausrussland' },
    { name: '(punkt) with spaces', text: 'rtde (punkt) site/inland/', clean: 'rtde.site/inland/' },
    { name: '[punkt] glued', text: 'report24[punkt]news', clean: 'report24.news' },
    { name: '{punkt}', text: 'auf1{punkt}tv', clean: 'auf1.tv' },
    { name: '(Punkt) capitalised', text: 'snanews(Punkt)de', clean: 'snanews.de' },
    { name: '<punkt>', text: 'nachdenkseiten<punkt>de', clean: 'nachdenkseiten.de' },
    { name: '<dot>', text: 'apolut<dot>net', clean: 'apolut.net' },
    { name: '-punkt- with spaces', text: 'tichyseinblick -punkt- de', clean: 'tichyseinblick.de' },
    { name: '[dot] with spaces', text: 'compact-online [dot] de/aktuell/', clean: 'compact-online.de/aktuell/' },
    { name: '(PUNKT) in capitals', text: 'FREEDERT (PUNKT) ONLINE', clean: 'FREEDERT.ONLINE' },
    { name: 'a capitalised host before punkt', text: 'Zeit punkt de', clean: 'Zeit.de' },
    { name: 'the noun Punkt after a host-shaped word', text: 'anti-spiegel Punkt ru', clean: 'anti-spiegel.ru' },
    { name: 'the noun Punkt before a path', text: 'Zeit Punkt de/politik', clean: 'Zeit.de/politik' },
  ])('undoes $name', ({ text, clean: expected }) => {
    expect(clean(text)).toBe(expected);
  });

  it.each([
    { name: 'the noun Punkt', text: 'einen Punkt de facto' },
    { name: 'the noun Punkt after an adjective', text: 'ein entscheidender Punkt de facto' },
    { name: 'the noun Punkt before a TLD that is a word', text: 'wichtiger Punkt online' },
    { name: 'Punkt before a time', text: 'Punkt 12 Uhr' },
    { name: 'punkt after an article', text: 'ein punkt in der Mitte' },
    { name: 'dot after an article', text: 'the dot com bubble' },
    { name: 'dot before a word TLD', text: 'each red dot is a voter' },
    { name: 'dot net after a conjunction', text: 'C# and dot net' },
    { name: 'punkt before a TLD that is a word', text: 'wichtiger punkt jetzt' },
    { name: 'punkt inside a word', text: 'mein Standpunkt de facto' },
    { name: '(Punkt) before a non-TLD', text: 'Er sagte (Punkt) nichts' },
  ])('leaves $name alone', ({ text }) => {
    expect(clean(text)).toBe(text);
  });
});

describe('deobfuscate: spaces and line breaks around a dot', () => {
  it.each([
    { name: 'a space after the dot', text: 'anti-spiegel. ru', clean: 'anti-spiegel.ru' },
    { name: 'a space before the dot', text: 'freedert .online/meinung/', clean: 'freedert.online/meinung/' },
    { name: 'a space before the dot and "tv"', text: 'kla .tv', clean: 'kla.tv' },
    { name: 'spaces after www and the host', text: 'www. anti-spiegel. ru', clean: 'www.anti-spiegel.ru' },
    { name: 'spaces after every label', text: 'de. rt. com', clean: 'de.rt.com' },
    { name: 'a line break after the dot', text: 'anti-spiegel.\nru', clean: 'anti-spiegel.ru' },
    { name: 'a CRLF after the dot', text: 'nachdenkseiten.\r\nde/?p=1', clean: 'nachdenkseiten.de/?p=1' },
    { name: 'a line break before the dot', text: 'report24\n.news/gesundheit/', clean: 'report24.news/gesundheit/' },
    { name: 'a line break before a word TLD with a path', text: 'kla.\ntv/de', clean: 'kla.tv/de' },
    { name: 'no-break spaces on both sides', text: 'anti-spiegel\u00a0.\u00a0ru', clean: 'anti-spiegel.ru' },
    { name: 'a one-letter label before a path', text: 't. me/neuesausrussland', clean: 't.me/neuesausrussland' },
  ])('undoes $name', ({ text, clean: expected }) => {
    expect(clean(text)).toBe(expected);
  });

  it.each([
    { name: 'a sentence end before a German word that is a TLD', text: 'so. jetzt aber' },
    { name: 'a sentence end before "ist"', text: 'bringen. ist das so' },
    { name: 'a typo before a word TLD', text: 'kommt .es vor' },
    { name: 'a typo before an English word TLD', text: 'garbage cans .like I did' },
    { name: 'a sentence end in capitals', text: 'SPD. CL' },
    { name: 'a sentence end before "tv"', text: 'recht. tv schauen' },
    { name: 'an abbreviation', text: 'Dr. med. Müller' },
    { name: 'an abbreviation before a TLD', text: 'evtl. online kaufen' },
    { name: 'single-letter abbreviations', text: 'u.a. mit den Leuten' },
    { name: 'a number before the dot', text: 'Punkt 12. de Gaulle' },
    { name: 'a capital after the line break', text: 'Das Spiel ist aus.\nDe facto' },
    { name: 'a word TLD after the line break', text: 'Er kam.\nin die Stadt' },
    { name: 'a dot alone on its line', text: 'Ende\n.\nDer' },
    { name: 'a capitalised sentence after a space', text: 'in der Zeit. De Maizière' },
  ])('leaves $name alone', ({ text }) => {
    expect(clean(text)).toBe(text);
  });
});

describe('deobfuscate: invisible characters (Default_Ignorable_Code_Point)', () => {
  it.each([
    { name: 'zero-width non-joiner and joiner', text: 'free\u200cdert.on\u200dline', clean: 'freedert.online' },
    { name: 'a Mongolian vowel separator', text: 'kla\u180e.tv', clean: 'kla.tv' },
    { name: 'an invisible separator', text: 'compact\u2063-online.de', clean: 'compact-online.de' },
    { name: 'an invisible plus', text: 'nach\u2064denkseiten.de', clean: 'nachdenkseiten.de' },
    { name: 'a combining grapheme joiner', text: 'apo\u034flut.net', clean: 'apolut.net' },
    { name: 'a left-to-right mark', text: 'anti-spie\u200egel.ru', clean: 'anti-spiegel.ru' },
    { name: 'a right-to-left mark', text: 'de.rt\u200f.com', clean: 'de.rt.com' },
    { name: 'a bidi isolate', text: 'snanews\u2068.de\u2069', clean: 'snanews.de' },
    { name: 'a bidi override', text: 'report24\u202d.news\u202c', clean: 'report24.news' },
    { name: 'a tag character (outside the BMP)', text: 'tichys\u{e0020}einblick.de', clean: 'tichyseinblick.de' },
    { name: 'a variation selector', text: 'auf1\ufe0f.tv', clean: 'auf1.tv' },
    { name: 'zero-width spaces around a bracket marker', text: 'anti-spiegel\u200b[.]\u200bru', clean: 'anti-spiegel.ru' },
    { name: 'a zero-width space before a full-stop look-alike', text: 'anti-spiegel\u200b\u3002ru', clean: 'anti-spiegel.ru' },
  ])('removes $name', ({ text, clean: expected }) => {
    expect(clean(text)).toBe(expected);
  });
});

describe('deobfuscate: encoded dots and colons', () => {
  it.each([
    { name: 'a decimal character reference', text: 'anti-spiegel&#46;ru', clean: 'anti-spiegel.ru' },
    { name: 'a hexadecimal character reference', text: 'freedert&#x2e;online', clean: 'freedert.online' },
    { name: 'a named character reference', text: 'rtde&period;site', clean: 'rtde.site' },
    { name: 'a percent-encoded dot', text: 'anti-spiegel%2eru', clean: 'anti-spiegel.ru' },
    { name: 'a percent-encoded dot in capitals', text: 'kla%2Etv/de', clean: 'kla.tv/de' },
    { name: 'an encoded scheme colon', text: 'https&#58;//x.de', clean: 'https://x.de' },
    { name: 'an encoded colon after hxxps', text: 'hxxps&colon;//x.de', clean: 'https://x.de' },
  ])('decodes $name', ({ text, clean: expected }) => {
    expect(clean(text)).toBe(expected);
  });

  it.each([
    { name: 'an encoded dot before a non-TLD', text: 'datei&#46;xyzzy' },
    { name: 'a percent sign in prose', text: '50%2 mehr' },
  ])('leaves $name alone', ({ text }) => {
    expect(clean(text)).toBe(text);
  });
});
