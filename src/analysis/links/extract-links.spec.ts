import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ExtractedLink } from '../types.js';
import { extractLinks } from './extract-links.js';

/** extractLinks, checking the span contract on every link it returns. */
function extract(text: string): ExtractedLink[] {
  const links = extractLinks(text);
  for (const link of links) expect(text.slice(link.start, link.end)).toBe(link.raw);
  return links;
}

const ANTI_SPIEGEL =
  'https://anti-spiegel.ru/2025/egal-wie-sehr-kallas-und-selensky-meckern-wenn-trump-und-putin-reden-sitzen-die-eu-und-die-ukraine-nicht-mit-am-tisch/';
const FREEDERT = 'https://freedert.online/meinung/236396-neues-propaganda-maerchen-aus-bruessel/';
const RUMBLE = 'https://rumble.com/v6jwcf7-optimismus-statt-angst-us-vizeprsident-vance-greift-eu-wegen-zensur-an.html';
const QPRESS = 'https://qpress.de/2025/02/10/korruption-nur-ein-gedankenspiel/#comment-95869';

describe('extractLinks: seed examples', () => {
  it.each<{ name: string; text: string; link: Partial<ExtractedLink> }>([
    {
      name: 'anti-spiegel.ru article',
      text: `Lest das: ${ANTI_SPIEGEL} !!!`,
      link: {
        start: 10,
        raw: ANTI_SPIEGEL,
        url: ANTI_SPIEGEL,
        host: 'anti-spiegel.ru',
        hostUnicode: 'anti-spiegel.ru',
        domain: 'anti-spiegel.ru',
        suffix: 'ru',
        path: '/2025/egal-wie-sehr-kallas-und-selensky-meckern-wenn-trump-und-putin-reden-sitzen-die-eu-und-die-ukraine-nicht-mit-am-tisch/',
        obfuscated: false,
        unwrappedFrom: [],
      },
    },
    {
      name: 'freedert.online article',
      text: `Quelle: ${FREEDERT}`,
      link: { raw: FREEDERT, host: 'freedert.online', domain: 'freedert.online', suffix: 'online', path: '/meinung/236396-neues-propaganda-maerchen-aus-bruessel/' },
    },
    {
      name: 'rumble video',
      text: `${RUMBLE} schaut euch das an`,
      link: { start: 0, raw: RUMBLE, host: 'rumble.com', domain: 'rumble.com', path: '/v6jwcf7-optimismus-statt-angst-us-vizeprsident-vance-greift-eu-wegen-zensur-an.html' },
    },
    {
      name: 'qpress comment link (fragment kept in url, not in path)',
      text: `siehe ${QPRESS}.`,
      link: { raw: QPRESS, url: QPRESS, host: 'qpress.de', path: '/2025/02/10/korruption-nur-ein-gedankenspiel/' },
    },
    {
      name: 'bare subdomain m.anti-spiegel.ru',
      text: 'auf m.anti-spiegel.ru gelesen',
      link: { raw: 'm.anti-spiegel.ru', url: 'http://m.anti-spiegel.ru/', host: 'm.anti-spiegel.ru', domain: 'anti-spiegel.ru', path: '/' },
    },
    {
      name: 'www host',
      text: 'www.anti-spiegel.ru',
      link: { raw: 'www.anti-spiegel.ru', url: 'http://www.anti-spiegel.ru/', host: 'www.anti-spiegel.ru', domain: 'anti-spiegel.ru' },
    },
    {
      name: 'telegram channel',
      text: 'Kanal: t.me/neuesausrussland',
      link: { raw: 't.me/neuesausrussland', host: 't.me', domain: 't.me', path: '/neuesausrussland' },
    },
    {
      name: 'youtube handle',
      text: 'youtube.com/@channel abonnieren',
      link: { raw: 'youtube.com/@channel', host: 'youtube.com', path: '/@channel' },
    },
    {
      name: 'bare domain',
      text: 'Lest freedert.online!',
      link: { raw: 'freedert.online', url: 'http://freedert.online/', host: 'freedert.online', path: '/' },
    },
    {
      name: 'bare domain with path',
      text: 'Lest anti-spiegel.ru/2025/x.',
      link: { raw: 'anti-spiegel.ru/2025/x', host: 'anti-spiegel.ru', path: '/2025/x' },
    },
  ])('$name', ({ text, link }) => {
    expect(extract(text)).toMatchObject([link]);
  });
});

describe('extractLinks: where a link ends', () => {
  it.each([
    { name: 'a closing German quote', text: '„https://x.de/a“ sagt er', raw: 'https://x.de/a' },
    { name: 'an ellipsis', text: 'Lest https://x.de/a… und staunt', raw: 'https://x.de/a' },
    { name: 'guillemets', text: '»https://x.de/a«', raw: 'https://x.de/a' },
    { name: 'a sentence full stop', text: 'Siehe https://x.de/a.', raw: 'https://x.de/a' },
    { name: 'exclamation marks', text: 'https://x.de/a!!!', raw: 'https://x.de/a' },
    { name: 'a quote and a full stop', text: '"https://x.de/a".', raw: 'https://x.de/a' },
    { name: 'enclosing parentheses', text: '(https://x.de/a)', raw: 'https://x.de/a' },
    { name: 'balanced parentheses in the path', text: '(siehe https://x.de/a_(b))', raw: 'https://x.de/a_(b)' },
    { name: 'an unbalanced closing bracket', text: '[x.de/a]', raw: 'x.de/a' },
    { name: 'angle brackets', text: '<https://x.de/a>', raw: 'https://x.de/a' },
    { name: 'a comma', text: 'x.de/a, y', raw: 'x.de/a' },
    { name: 'a query and fragment', text: 'https://x.de/a?b=1&c=2#d weiter', raw: 'https://x.de/a?b=1&c=2#d' },
    { name: 'a colon before the link', text: 'Quelle:https://x.de/a', raw: 'https://x.de/a' },
  ])('stops at $name', ({ text, raw }) => {
    expect(extract(text)).toMatchObject([{ raw }]);
  });
});

describe('extractLinks: obfuscation', () => {
  it.each([
    { name: '[.]', text: 'Quelle: anti-spiegel[.]ru/2022/x/ !!!', raw: 'anti-spiegel[.]ru/2022/x/', host: 'anti-spiegel.ru', path: '/2022/x/' },
    { name: '(.)', text: 'anti-spiegel(.)ru', raw: 'anti-spiegel(.)ru', host: 'anti-spiegel.ru', path: '/' },
    { name: '(.) with spaces', text: 'geht auf freedert (.) online und lest', raw: 'freedert (.) online', host: 'freedert.online', path: '/' },
    { name: 'spaced dot', text: 'anti-spiegel . ru ist gut', raw: 'anti-spiegel . ru', host: 'anti-spiegel.ru', path: '/' },
    { name: 'spaced dot in capitals', text: 'LEST ANTI-SPIEGEL . RU !!!', raw: 'ANTI-SPIEGEL . RU', host: 'anti-spiegel.ru', path: '/' },
    { name: 'spaced dot with path', text: 'Mehr dazu: rtde . xyz/inland/204101-a/ sie', raw: 'rtde . xyz/inland/204101-a/', host: 'rtde.xyz', path: '/inland/204101-a/' },
    { name: '[dot]', text: 'anti-spiegel[dot]ru', raw: 'anti-spiegel[dot]ru', host: 'anti-spiegel.ru', path: '/' },
    { name: '(dot) with path', text: '(anti-spiegel(dot)ru/2024/x/)', raw: 'anti-spiegel(dot)ru/2024/x/', host: 'anti-spiegel.ru', path: '/2024/x/' },
    { name: 'hxxps (span includes the scheme)', text: 'hxxps://anti-spiegel.ru/artikel', raw: 'hxxps://anti-spiegel.ru/artikel', host: 'anti-spiegel.ru', path: '/artikel' },
    { name: 'hxxp with [.]', text: 'Siehe hxxp://swentr[.]site/news/1-a/.', raw: 'hxxp://swentr[.]site/news/1-a/', host: 'swentr.site', path: '/news/1-a/' },
    { name: 'hxxps with a subdomain and [.]', text: 'hxxps://de.rt[.]com/inland/1-a/', raw: 'hxxps://de.rt[.]com/inland/1-a/', host: 'de.rt.com', path: '/inland/1-a/' },
    { name: 'hxxps[:]//', text: 'hxxps[:]//freedert.online/a', raw: 'hxxps[:]//freedert.online/a', host: 'freedert.online', path: '/a' },
    { name: 'two markers', text: 'www[.]anti-spiegel[.]ru', raw: 'www[.]anti-spiegel[.]ru', host: 'www.anti-spiegel.ru', path: '/' },
    { name: 'a country code listed only below its top level', text: 'hxxps://nuus[.]co.za/x', raw: 'hxxps://nuus[.]co.za/x', host: 'nuus.co.za', path: '/x' },
    { name: 'the same with the marker at the top level', text: 'siehe nuus.co[.]za', raw: 'nuus.co[.]za', host: 'nuus.co.za', path: '/' },
    { name: 'a zero-width space in the host', text: 'anti\u200bspiegel.ru', raw: 'anti\u200bspiegel.ru', host: 'antispiegel.ru', path: '/' },
    { name: 'zero-width characters around the dot', text: 'anti-spiegel\u200d.\u2060ru', raw: 'anti-spiegel\u200d.\u2060ru', host: 'anti-spiegel.ru', path: '/' },
    { name: 'a soft hyphen in a full URL', text: 'https://anti-spie\u00adgel.ru/a', raw: 'https://anti-spie\u00adgel.ru/a', host: 'anti-spiegel.ru', path: '/a' },
    { name: 'a BOM inside the path', text: 'https://x.de/a\ufeffb', raw: 'https://x.de/a\ufeffb', host: 'x.de', path: '/ab' },
  ])('undoes $name', ({ text, raw, host, path }) => {
    expect(extract(text)).toMatchObject([{ raw, host, path, obfuscated: true }]);
  });

  it('does not take zero-width characters next to a link into its span', () => {
    expect(extract('\u200bhttps://x.de/a\u200b“')).toMatchObject([{ start: 1, raw: 'https://x.de/a', obfuscated: false }]);
  });

  it('gives the de-obfuscated URL', () => {
    expect(extract('hxxps://freedert[.]online/europa/1-a/')).toMatchObject([{ url: 'https://freedert.online/europa/1-a/' }]);
  });
});

describe('extractLinks: not links', () => {
  it.each([
    { name: 'a sentence end', text: 'Das ist das Ende. Der Rest folgt.' },
    { name: 'a spaced sentence end', text: 'Das ist das Ende . Der Rest folgt.' },
    { name: 'a missing space before a word that is no TLD', text: 'Das ist das Ende.Der Rest folgt.' },
    { name: 'a missing space before a capitalised TLD word', text: 'Es wird Zeit.Es reicht. Alle.In Europa.' },
    { name: 'z.B., u.a., d.h.', text: 'z.B. Steuern, u.a. Renten, d.h. alles' },
    { name: 'z. B. with a space', text: 'z. B. so' },
    { name: 'a spaced dot before a word TLD', text: 'ist halt gut . so war es' },
    { name: 'a spaced dot with capitals', text: 'ES REICHT . ES REICHT' },
    { name: 'a bracket dot in prose', text: 'Er (.) sagte nichts' },
    { name: 'Dr.med', text: 'Dr.med Müller' },
    { name: 'Co.KG', text: 'GmbH & Co.KG' },
    { name: 'an abbreviation with a TLD-like word', text: 'usw.am Ende' },
    { name: 'e.V.', text: 'Verein e.V. und U.S.A.' },
    { name: 'an unknown TLD', text: 'Mr.Smith und x.bla' },
    { name: 'an e-mail address', text: 'Schreibt an leser@anti-spiegel.ru' },
    { name: 'an obfuscated e-mail address', text: 'leser [at] anti-spiegel [dot] ru' },
    { name: 'a mailto link', text: 'mailto:leser@anti-spiegel.ru' },
    { name: 'ellipses and dots', text: 'Hmm... und dann ...nichts.....' },
    { name: 'numbers', text: 'am 9.10.2017 um 10.30 Uhr, 3.5 %, v1.2' },
    { name: 'a bare IP address', text: '192.168.0.1' },
    { name: 'hxxp without ://', text: 'hxxp ist kein Link' },
    { name: 'empty text', text: '' },
    { name: 'a host longer than the DNS allows', text: `https://${'anti-spiegel.ru.'.repeat(16)}de/x and ${'anti-spiegel.ru.'.repeat(1250)}` },
    { name: 'a label longer than the DNS allows', text: `https://${'a'.repeat(64)}.anti-spiegel.ru/x` },
  ])('$name', ({ text }) => {
    expect(extract(text)).toEqual([]);
  });

  it.each(['archiv.zip', 'bericht.pdf', 'foto.jpg', 'setup.exe', 'readme.md', 'script.sh', 'daten.mov', 'main.py', 'Main.java', 'README.md'])(
    'treats the bare file name %s as a file',
    (name) => {
      expect(extract(`Anhang: ${name}, bitte öffnen.`)).toEqual([]);
    },
  );

  it.each([
    { name: 'with a scheme', text: 'https://archiv.zip', host: 'archiv.zip' },
    { name: 'with www.', text: 'www.archiv.zip', host: 'www.archiv.zip' },
    { name: 'with a path', text: 'daten.mov/x', host: 'daten.mov' },
  ])('treats a file-like name $name as a link', ({ text, host }) => {
    expect(extract(text)).toMatchObject([{ raw: text, host }]);
  });
});

describe('extractLinks: hosts', () => {
  it.each<{ name: string; text: string; link: Partial<ExtractedLink> }>([
    {
      name: 'a Cyrillic lookalike keeps its Unicode form',
      text: 'Lest \u0430nti-spiegel.ru',
      link: { raw: '\u0430nti-spiegel.ru', host: 'xn--nti-spiegel-xij.ru', hostUnicode: '\u0430nti-spiegel.ru', domain: 'xn--nti-spiegel-xij.ru', suffix: 'ru' },
    },
    {
      name: 'punycode as written gets its Unicode form',
      text: 'https://xn--nti-spiegel-xij.ru/a',
      link: { host: 'xn--nti-spiegel-xij.ru', hostUnicode: '\u0430nti-spiegel.ru', url: 'https://xn--nti-spiegel-xij.ru/a' },
    },
    {
      name: 'fullwidth letters are folded',
      text: 'ｆｒｅｅｄｅｒｔ.online',
      link: { raw: 'ｆｒｅｅｄｅｒｔ.online', host: 'freedert.online', hostUnicode: 'freedert.online', domain: 'freedert.online' },
    },
    {
      name: 'capitals are lowered',
      text: 'HTTPS://WWW.ANTI-SPIEGEL.RU/A',
      link: { host: 'www.anti-spiegel.ru', path: '/A', url: 'https://www.anti-spiegel.ru/A' },
    },
    {
      name: 'a trailing dot and port are dropped from host',
      text: 'http://x.de.:8080/a',
      link: { host: 'x.de', domain: 'x.de', url: 'http://x.de:8080/a', path: '/a' },
    },
    {
      name: 'an IP address has no domain',
      text: 'http://1.2.3.4:8080/x',
      link: { host: '1.2.3.4', domain: null, suffix: null, path: '/x' },
    },
    {
      name: 'a two-label public suffix',
      text: 'news.bbc.co.uk/a',
      link: { host: 'news.bbc.co.uk', domain: 'bbc.co.uk', suffix: 'co.uk' },
    },
    {
      name: 'an all-capital bare host',
      text: 'RT.COM',
      link: { host: 'rt.com', domain: 'rt.com' },
    },
  ])('$name', ({ text, link }) => {
    expect(extract(text)).toMatchObject([link]);
  });
});

describe('extractLinks: wrappers', () => {
  const target = 'https://www.anti-spiegel.ru/2020/x/';
  it.each([
    { name: 'web.archive.org', raw: `https://web.archive.org/web/20250724114225/${target}` },
    { name: 'web.archive.org id_', raw: `http://web.archive.org/web/20250724114225id_/${target}` },
    { name: 'archive.org/web', raw: `https://archive.org/web/20250101000000/${target}` },
    { name: 'archive.ph/newest', raw: `https://archive.ph/newest/${target}` },
    { name: 'google.com/url?q=', raw: `https://www.google.com/url?q=${target}&sa=D` },
    { name: 'l.facebook.com', raw: `https://l.facebook.com/l.php?u=${encodeURIComponent(target)}&h=AT0` },
    { name: 't.me/iv', raw: `https://t.me/iv?url=${encodeURIComponent(target)}&rhash=1` },
    { name: 'a bare web.archive.org', raw: `web.archive.org/web/2025/${target}` },
  ])('scores the target of $name', ({ raw }) => {
    const text = `Wer es nicht glaubt: ${raw} !!!`;
    const [link] = extract(text);
    expect(link).toMatchObject({ raw, url: target, host: 'www.anti-spiegel.ru', domain: 'anti-spiegel.ru', path: '/2020/x/', obfuscated: false });
    expect(link?.unwrappedFrom).toHaveLength(1);
  });

  it('records a chain outermost first', () => {
    const wayback = `https://web.archive.org/web/2025/${target}`;
    const raw = `https://www.google.com/url?q=${encodeURIComponent(wayback)}`;
    expect(extract(raw)).toMatchObject([{ url: target, unwrappedFrom: [raw, wayback] }]);
  });

  it('keeps an archive.ph short link as the link', () => {
    expect(extract('https://archive.ph/AbC12')).toMatchObject([{ host: 'archive.ph', path: '/AbC12', unwrappedFrom: [] }]);
  });
});

describe('extractLinks: several links and long text', () => {
  it('returns links in text order', () => {
    const text = 'Lest mal: (https://t.me/neuesausrussland/6848) und spiegel.de/politik/x sowie rtde . xyz/a';
    expect(extract(text).map((l) => l.host)).toEqual(['t.me', 'spiegel.de', 'rtde.xyz']);
  });

  it('finds a link after a long token', () => {
    const text = `${'x'.repeat(5000)} https://anti-spiegel.ru/a`;
    expect(extract(text)).toMatchObject([{ start: 5001, host: 'anti-spiegel.ru' }]);
  });

  it('finds a link glued to the end of a token longer than a window', () => {
    const text = `x.de,${'foo,'.repeat(510)}anti-spiegel.ru/abc`;
    expect(extract(text).map((l) => l.raw)).toEqual(['x.de', 'anti-spiegel.ru/abc']);
  });

  it('reads a link that starts near the end of a window again, whole', () => {
    const text = `x.de,${'foo,'.repeat(500)}https://anti-spiegel.ru/${'p'.repeat(100)}`;
    expect(extract(text).map((l) => l.raw)).toEqual(['x.de', `https://anti-spiegel.ru/${'p'.repeat(100)}`]);
  });

  it('keeps the host of a URL longer than a window', () => {
    const text = `https://anti-spiegel.ru/${'p'.repeat(3000)} und t.me/x`;
    expect(extract(text).map((l) => l.host)).toEqual(['anti-spiegel.ru', 't.me']);
  });
});

describe('extractLinks: properties', () => {
  const piece = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      'anti-spiegel', 'аnti-spiegel', 'freedert', '.ru', '.online', '.zip', '[.]', '(.)', '(dot)', ' . ', ' (.) ', '.', '..',
      'hxxps://', 'https://', 'www.', '/', '?q=', '%2F', 'web.archive.org/web/2024/', 'google.com/url?q=', '@', '[at]',
      '\u200b', '\u00ad', '“', '…', '(', ')', ' ', '\n', 'Ende', 'Der', 'z.B.', 'ｆｒｅｅ', '\ud83d', 'xn--',
      ' punkt ', ' Punkt ', ' dot ', '[punkt]', '-punkt-', '\u3002', '\uff0e', '\u00b7', '\u1427', '\u{10101}', '&#46;', '%2E',
      '&#58;', '. ', ' .', '.\n', '\n.', '\r\n', '\u2063', '\u{e0020}', '\u202d', '"', '<a href="', '">', '](', '//', 'tv', 'de', 'so',
    ),
  );
  const comment = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

  it('returns ordered, non-overlapping spans whose text is the raw evidence', () => {
    fc.assert(
      fc.property(comment, (text) => {
        let previousEnd = 0;
        for (const link of extractLinks(text)) {
          expect(link.start).toBeGreaterThanOrEqual(previousEnd);
          expect(link.end).toBeGreaterThan(link.start);
          expect(text.slice(link.start, link.end)).toBe(link.raw);
          expect(link.path.startsWith('/')).toBe(true);
          expect(link.host).toBe(link.host.toLowerCase());
          expect(link.host.endsWith('.')).toBe(false);
          previousEnd = link.end;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('extractLinks: hidden dots, as written in comments', () => {
  it.each([
    { name: 'an ideographic full stop', text: 'liest anti-spiegel\u3002ru und nicht', raw: 'anti-spiegel\u3002ru', host: 'anti-spiegel.ru' },
    { name: 'fullwidth full stops with www', text: 'www\uff0eanti-spiegel\uff0eru — jeden Tag', raw: 'www\uff0eanti-spiegel\uff0eru', host: 'www.anti-spiegel.ru' },
    { name: 'a one dot leader before a path', text: 'check foxnews\u2024com/politics not CNN', raw: 'foxnews\u2024com/politics', host: 'foxnews.com' },
    { name: 'a middle dot before a word TLD', text: 'Guckt auf auf1\u00b7tv, da', raw: 'auf1\u00b7tv', host: 'auf1.tv' },
    { name: 'middle dots under a two-level suffix', text: 'bbc\u00b7co\u00b7uk/news/x read', raw: 'bbc\u00b7co\u00b7uk/news/x', host: 'bbc.co.uk' },
    { name: 'a katakana middle dot with a query', text: 'youtube\u30fbcom/watch?v=dQw4 ab', raw: 'youtube\u30fbcom/watch?v=dQw4', host: 'youtube.com' },
    { name: 'a scheme and an ideographic full stop', text: 'https://freedert\u3002online/europa/ – hier', raw: 'https://freedert\u3002online/europa/', host: 'freedert.online' },
    { name: 'a capitalised host with a fullwidth dot', text: 'Zeit\uff0ede hat es', raw: 'Zeit\uff0ede', host: 'zeit.de' },
  ])('finds $name', ({ text, raw, host }) => {
    expect(extract(text)).toMatchObject([{ raw, host, obfuscated: true }]);
  });
});

describe('extractLinks: spelled-out dots', () => {
  it.each([
    { name: 'punkt', text: 'Geht auf anti-spiegel punkt ru, da steht', raw: 'anti-spiegel punkt ru', host: 'anti-spiegel.ru' },
    { name: 'PUNKT', text: 'freedert PUNKT online – weil', raw: 'freedert PUNKT online', host: 'freedert.online' },
    { name: 'dot in English', text: "foxnews dot com has the story, CNN won't", raw: 'foxnews dot com', host: 'foxnews.com' },
    { name: '(punkt) before a path', text: 'Quelle: rtde (punkt) site/inland/1-a/', raw: 'rtde (punkt) site/inland/1-a/', host: 'rtde.site' },
    { name: '[punkt]', text: 'report24[punkt]news hat die Zahlen', raw: 'report24[punkt]news', host: 'report24.news' },
    { name: '<punkt>', text: 'nachdenkseiten<punkt>de, Artikel', raw: 'nachdenkseiten<punkt>de', host: 'nachdenkseiten.de' },
    { name: '-punkt-', text: 'Ich sag nur tichyseinblick -punkt- de', raw: 'tichyseinblick -punkt- de', host: 'tichyseinblick.de' },
    { name: 'www punkt … punkt', text: 'www punkt anti-spiegel punkt ru, jeden Tag', raw: 'www punkt anti-spiegel punkt ru', host: 'www.anti-spiegel.ru' },
    { name: 'a Telegram channel', text: 't punkt me/neuesausrussland', raw: 't punkt me/neuesausrussland', host: 't.me' },
    { name: 'hxxps and [punkt]', text: 'hxxps://anti-spiegel[punkt]ru/2025/x/ ohne', raw: 'hxxps://anti-spiegel[punkt]ru/2025/x/', host: 'anti-spiegel.ru' },
  ])('finds $name', ({ text, raw, host }) => {
    expect(extract(text)).toMatchObject([{ raw, host, obfuscated: true }]);
  });
});

describe('extractLinks: spaces and line breaks inside a host', () => {
  it.each([
    { name: 'a space after the dot', text: 'Lest anti-spiegel. ru, da', raw: 'anti-spiegel. ru', host: 'anti-spiegel.ru' },
    { name: 'a space before the dot', text: 'Quelle: freedert .online/meinung/', raw: 'freedert .online/meinung/', host: 'freedert.online' },
    { name: 'spaces after every label', text: 'www. anti-spiegel. ru ist die Adresse', raw: 'www. anti-spiegel. ru', host: 'www.anti-spiegel.ru' },
    { name: 'a line break after the dot', text: 'Den Beweis findet ihr unter anti-spiegel.\nru', raw: 'anti-spiegel.\nru', host: 'anti-spiegel.ru' },
    { name: 'a line break before the dot', text: 'Mehr unter report24\n.news/gesundheit/', raw: 'report24\n.news/gesundheit/', host: 'report24.news' },
    { name: 'a line break before a path', text: 'Die Doku:\nkla.\ntv/de\nansehen', raw: 'kla.\ntv/de', host: 'kla.tv' },
    { name: 'two spaced links', text: 'kla .tv und auf1 .tv – die einzigen', raw: 'kla .tv', host: 'kla.tv' },
  ])('finds $name', ({ text, raw, host }) => {
    expect(extract(text)[0]).toMatchObject({ raw, host, obfuscated: true });
  });
});

describe('extractLinks: invisible characters', () => {
  it.each([
    { name: 'an invisible separator (no false link on the rest)', text: 'compact\u2063-online.de ist da', raw: 'compact\u2063-online.de', host: 'compact-online.de' },
    { name: 'a Mongolian vowel separator', text: 'kla\u180e.tv/de die Doku', raw: 'kla\u180e.tv/de', host: 'kla.tv' },
    { name: 'bidi isolates', text: 'snanews\u2068.de\u2069 lesen', raw: 'snanews\u2068.de', host: 'snanews.de' },
    { name: 'a tag character', text: 'tichys\u{e0020}einblick.de', raw: 'tichys\u{e0020}einblick.de', host: 'tichyseinblick.de' },
    { name: 'zero-width spaces around [.]', text: 'anti-spiegel\u200b[.]\u200bru', raw: 'anti-spiegel\u200b[.]\u200bru', host: 'anti-spiegel.ru' },
  ])('finds $name', ({ text, raw, host }) => {
    expect(extract(text)).toMatchObject([{ raw, host, obfuscated: true }]);
  });
});

describe('extractLinks: mixed case, markdown, HTML and encodings', () => {
  it.each<{ name: string; text: string; links: Partial<ExtractedLink>[] }>([
    { name: 'a host-shaped mixed-case host', text: 'Lest Anti-Spiegel.Ru, die', links: [{ raw: 'Anti-Spiegel.Ru', host: 'anti-spiegel.ru' }] },
    { name: 'camel case before a capitalised TLD', text: 'FreeDert.Online/meinung/ – alles', links: [{ raw: 'FreeDert.Online/meinung/', host: 'freedert.online' }] },
    { name: 'alternating case', text: 'AnTi-SpIeGeL.rU', links: [{ raw: 'AnTi-SpIeGeL.rU', host: 'anti-spiegel.ru' }] },
    { name: 'a markdown link', text: 'Hier die [Quelle](https://anti-spiegel.ru/2025/x/) für alle', links: [{ raw: 'https://anti-spiegel.ru/2025/x/', host: 'anti-spiegel.ru' }] },
    {
      name: 'a markdown link whose text is another domain',
      text: '[tagesschau.de](https://freedert.online/meinung/1-a/)',
      links: [{ raw: 'tagesschau.de' }, { raw: 'https://freedert.online/meinung/1-a/', host: 'freedert.online' }],
    },
    { name: 'an HTML link', text: '<a href="https://anti-spiegel.ru/2025/x/">Wahrheit</a>', links: [{ raw: 'https://anti-spiegel.ru/2025/x/' }] },
    { name: 'an unquoted href', text: '<a href=https://auf1.tv/live>AUF1 live</a>', links: [{ raw: 'https://auf1.tv/live', host: 'auf1.tv' }] },
    { name: 'a protocol-relative href', text: '<a href="//rtde.site/inland/">RT</a>', links: [{ raw: '//rtde.site/inland/', host: 'rtde.site' }] },
    {
      name: 'an HTML link whose text is another domain',
      text: '<a href="https://report24.news/x/">tagesschau.de</a>',
      links: [{ raw: 'https://report24.news/x/', host: 'report24.news' }, { raw: 'tagesschau.de', host: 'tagesschau.de' }],
    },
    { name: 'character references in a URL', text: 'https&#58;//anti-spiegel&#46;ru/2025/x/', links: [{ raw: 'https&#58;//anti-spiegel&#46;ru/2025/x/', host: 'anti-spiegel.ru', obfuscated: true }] },
    { name: 'a character reference in an href', text: '<a href="https://snanews&#46;de/a">hier</a>', links: [{ raw: 'https://snanews&#46;de/a', host: 'snanews.de' }] },
    { name: 'a percent-encoded dot in a URL', text: 'https://anti-spiegel%2Eru/2025/x/ – geht', links: [{ raw: 'https://anti-spiegel%2Eru/2025/x/', host: 'anti-spiegel.ru' }] },
    { name: 'a percent-encoded dot in a bare host', text: 'Lest anti-spiegel%2eru', links: [{ raw: 'anti-spiegel%2eru', host: 'anti-spiegel.ru' }] },
    { name: 'percent-encoded letters in a URL', text: 'https://%61%75%66%31.tv/live', links: [{ host: 'auf1.tv', path: '/live' }] },
  ])('$name', ({ text, links }) => {
    expect(extract(text)).toMatchObject(links);
  });
});

describe('extractLinks: calm prose has no links', () => {
  it.each([
    'z.B. Steuern, u.a. Renten, d.h. alles. Punkt.',
    'Treffen am 3.10.2024 um 10.30 Uhr, Raum 2.14, Beginn 18.30Uhr',
    'Update auf v2.3.1 hat nichts gebracht, Version 10.0.19045.3803',
    'Im Anhang bericht.pdf, archiv.zip und foto.jpg',
    'Das ist das Ende.Das sagt alles. Es wird Zeit.Es reicht.Alle.In die Tonne',
    'Und das ist der springende Punkt. Punkt 12 Uhr. Er hat einen Punkt de facto übersehen',
    'Connect the dots! Remember the dot com bubble? Each red dot is a voter.',
    'Liebe Leser\u00b7innen, liebe Kolleg\u00b7in, Politik \u00b7 Wirtschaft \u00b7 Sport',
    'Hmm… na ja…… wer weiß das schon... .........',
    'Dr. med. Müller, Prof.Dr.R.Motsch, Pfr.Dr.A.Golob, St.Georg, H.Maas, Mr.Smith',
    'so. jetzt aber. beleg sonst sind sie hier raus.',
    'Sagt mal, kommt .es nur mir so vor',
    'Klimapolitik wie CDU und SPD. CL',
    'garbage cans .like I did',
    'deutsche Wirtschaft hat sich überschlagen. jetzt ziehen alle. ist das so. auch. schwarz',
    'Das Spiel ist aus.\nDe facto hat Kiew verloren.\nIn der Nacht kam der Anruf',
    'I said no.\nSo what?',
    'Sie hat recht. tv schauen ist doof',
    'Punkt 12. de Gaulle hätte das nie gemacht',
    'evtl. online kaufen, bzw. in Berlin, usw. am Ende',
    'Es wird Zeit.\u200bEs reicht',
    'Im Jahr 2017.De facto alles gleich',
    'Meck-Pomm.Es reicht, CDU-Wähler.Im Ernst',
    'Reihe\u00b7Sitz\u00b7Platz 7\u00b712\u00b73',
    'Kosten: 1.000.000 € pro Jahr, 7.62 x 39 mm, 9.6% 4 year',
    'Schreibt an leser@anti-spiegel.ru oder leser [at] freedert [punkt] online',
  ])('%s', (text) => {
    expect(extract(text)).toEqual([]);
  });
});

describe('extractLinks: hosts spelled letter by letter', () => {
  it.each([
    { name: 'a lower-case host', text: 'Lest f r e e d e r t . o n l i n e !', raw: 'f r e e d e r t . o n l i n e', host: 'freedert.online' },
    { name: 'a hyphenated host', text: 'a n t i - s p i e g e l . r u', raw: 'a n t i - s p i e g e l . r u', host: 'anti-spiegel.ru' },
    { name: 'capitals with www', text: 'W W W . A N T I - S P I E G E L . R U', raw: 'W W W . A N T I - S P I E G E L . R U', host: 'www.anti-spiegel.ru' },
    { name: 'a host after a word ending in a non-ASCII letter', text: 'Kanal heißt k l a . t v, sucht', raw: 'k l a . t v', host: 'kla.tv' },
  ])('finds $name', ({ text, raw, host }) => {
    expect(extract(text)).toMatchObject([{ raw, host, obfuscated: true }]);
  });

  it('keeps text order with other links', () => {
    expect(extract('zeit.de und k l a . t v und rtde[.]site').map((l) => l.host)).toEqual(['zeit.de', 'kla.tv', 'rtde.site']);
  });

  it.each([
    { name: 'a shouted word', text: 'S C H A N D E . A U S' },
    { name: 'spaced abbreviations', text: 'z . B . so, u . a . m .' },
    { name: 'mixed case', text: 'f r e e D E R T . o n l i n e' },
    { name: 'a short label', text: 'a b . d e' },
  ])('leaves $name alone', ({ text }) => {
    expect(extract(text)).toEqual([]);
  });
});
