import { describe, expect, it } from '@jest/globals';
import { extractLinks } from '../links/extract-links.js';
import { findImpersonation } from './find-impersonation.js';
import { compileOutlets, type Outlet } from './outlets.js';

const OUTLETS: Outlet[] = [
  { name: 'DER SPIEGEL', country: 'DE', kind: 'magazine', domains: ['spiegel.de'], brands: ['derspiegel', 'spiegelonline'], words: ['spiegel'] },
  { name: 'WELT', country: 'DE', kind: 'newspaper', domains: ['welt.de'], brands: ['diewelt'], words: ['welt'] },
  { name: 'Süddeutsche Zeitung', country: 'DE', kind: 'newspaper', domains: ['sueddeutsche.de', 'sz.de'], brands: ['sueddeutsche', 'süddeutsche'] },
  { name: 'Der Tagesspiegel', country: 'DE', kind: 'newspaper', domains: ['tagesspiegel.de'], brands: ['tagesspiegel'] },
  { name: 't-online', country: 'DE', kind: 'portal', domains: ['t-online.de'], brands: ['t-online', 'tonline'] },
  { name: 'Frankfurter Allgemeine Zeitung', country: 'DE', kind: 'newspaper', domains: ['faz.net'], words: ['faz'] },
  { name: 'tagesschau (ARD)', country: 'DE', kind: 'broadcaster', domains: ['tagesschau.de'], brands: ['tagesschau'] },
  { name: '20 Minuten', country: 'CH', kind: 'newspaper', domains: ['20min.ch'], brands: ['20min'] },
  { name: 'BILD', country: 'DE', kind: 'newspaper', domains: ['bild.de'], brands: ['bild-zeitung'], words: ['bild'] },
  { name: 'BBC', country: 'UK', kind: 'broadcaster', domains: ['bbc.co.uk', 'bbc.com'], words: ['bbc'] },
  { name: 'The Washington Post', country: 'US', kind: 'newspaper', domains: ['washingtonpost.com'], brands: ['washingtonpost'] },
];
const outlets = compileOutlets(OUTLETS, 'test@1');

function judge(url: string): string {
  const [link] = extractLinks(`Schaut hier: ${url} !`);
  if (link === undefined) throw new Error(`no link in ${url}`);
  const match = findImpersonation(outlets, link);
  return match === null ? 'none' : `${match.official} ${match.technique} ${match.strong ? 'strong' : 'weak'}`;
}

describe('findImpersonation', () => {
  it.each([
    ['the brand on a top-level domain the clone campaigns used', 'https://sueddeutsche.me/politik/sanktionen-schaden-uns', 'sueddeutsche.de tld strong'],
    ['an ordinary-word brand on an unusual top-level domain', 'https://www.spiegel.ltd/ausland/ukraine', 'spiegel.de tld strong'],
    ['an ordinary-word brand on .pm without any path', 'www.welt.pm', 'welt.de tld strong'],
    ['a distinctive brand on a common domain', 'https://tagesspiegel.com/', 'tagesspiegel.de tld weak'],
    ['the outlet domain as a subdomain of a foreign one', 'https://spiegel.de.politik-aktuell.ru/artikel', 'spiegel.de subdomain strong'],
    ['the outlet domain running into a hyphenated label', 'http://www.faz.net-aktuell.info/x', 'faz.net subdomain strong'],
    ['the outlet domain with its dot as a hyphen', 'https://tagesschau-de.online/eilmeldung', 'tagesschau.de subdomain strong'],
    ['a Cyrillic letter in the official domain', 'https://wеlt.de/politik', 'welt.de homoglyph strong'],
    ['a digit for a letter in the brand', 'https://t-0nline.news/nachrichten', 't-online.de homoglyph strong'],
    ['the letter o for the zero of the official domain', 'https://2omin.ch/story/1', '20min.ch homoglyph strong'],
    ['a distinctive brand with a hyphenated affix on an unusual domain', 'https://tagesspiegel-news.site/x', 'tagesspiegel.de affix strong'],
    ['a distinctive brand run together with more letters', 'https://tagesschau24.live/', 'tagesschau.de affix strong'],
    ['an ordinary-word brand with a news affix on an unusual domain', 'https://welt-nachrichten.online/', 'welt.de affix strong'],
    ['an ordinary-word brand run together with a news word', 'https://spiegelnews.top/', 'spiegel.de affix strong'],
    ['a letter added to an ordinary-word brand on an unusual domain', 'https://spiegeli.live/politik/a-1.html', 'spiegel.de typo strong'],
    ['a doubled last letter of a short brand', 'fazz.beauty', 'faz.net typo strong'],
    ['a substituted letter in a long brand on an unusual domain', 'www.t-onlinr.today', 't-online.de typo strong'],
    ['a one-letter typo of a long brand', 'https://washingtonpst.com/2024/05/story', 'washingtonpost.com typo weak'],
  ])('flags %s (%s)', (_case, url, expected) => {
    expect(judge(url)).toBe(expected);
  });

  it.each([
    ['the outlet itself', 'https://www.spiegel.de/politik/deutschland/a-123.html'],
    ['a subdomain of the outlet', 'https://m.faz.net/aktuell/'],
    ['a second official domain', 'https://sz.de/1.234'],
    ['the outlet with a digit in its name', 'https://www.20min.ch/story/abc'],
    ['an ordinary word on a common domain', 'https://welt.com/politik/deutschland/article123456/bericht.html'],
    ['an ordinary word on another country\'s domain', 'https://spiegel.ng/news'],
    ['a local station with a network brand and a number', 'https://washingtonpost24.com/local'],
    ['a word ending in a brand', 'https://lmtonline.com/news'],
    ['an ordinary-word brand with a letter added on another country\'s domain', 'https://spiegels.ng/'],
    ['an ordinary word with other words', 'https://weltreise.de/asien'],
    ['an ordinary word run into another word', 'https://spiegelreflex-kameras.de/test'],
    ['an ordinary word with a news affix on a common domain, no article path', 'https://bild-news.de/'],
    ['a short brand inside a longer label', 'https://bbcgoodfood.com/recipes'],
    ['an unrelated domain', 'https://example.org/politik/2024/05/bericht'],
    ['a brand only in the path', 'https://example.com/spiegel.de/politik'],
  ])('does not flag %s (%s)', (_case, url) => {
    expect(judge(url)).toBe('none');
  });
});

describe('a real outlet next to its listed clone', () => {
  it('is neither an impersonation nor a look-alike of the clone', async () => {
    const { analyzeComment, compileLists } = await import('../index.js');
    const lists = compileLists([
      { id: 'clones', name: 'Clones', version: '1', license: 'CC0', entries: [{ domain: 'sueddeutsche.me', category: 'disinformation', severity: 0.95 }] },
    ]);
    const real = analyzeComment('Quelle: https://www.sueddeutsche.de/politik/a-1', { lists, outlets });
    expect(real.reasons).toEqual([]);
    const withoutOutlets = analyzeComment('Quelle: https://www.sueddeutsche.de/politik/a-1', { lists });
    expect(withoutOutlets.reasons.map((r) => r.code)).toEqual(['link.lookalike']);
    const clone = analyzeComment('Quelle: https://sueddeutsche.me/politik/a-1', { lists, outlets });
    expect(clone.reasons.map((r) => r.code)).toEqual(['link.listed']);
  });
});
