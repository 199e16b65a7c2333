import { domainToASCII } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ExtractedLink } from '../types.js';
import { compileLists } from './compile-lists.js';
import { makeLink, makeList, makeLists } from './domains.fixtures.js';
import { findLookalike } from './find-lookalike.js';
import { matchLink } from './match-domains.js';

const lists = compileLists(makeLists());

// Written with escapes so the test says which letters are not Latin.
const CYRILLIC_A = '\u0430';
const CYRILLIC_E = '\u0435';
const CYRILLIC_O = '\u043e';
const GREEK_O = '\u03bf';
const DOTLESS_I = '\u0131';
const FULLWIDTH_A = '\uff41';

const cyrillicAntiSpiegel = `${CYRILLIC_A}nti-spiegel.ru`;

describe('findLookalike', () => {
  it.each([
    ['a Cyrillic а in place of a Latin a', `https://${cyrillicAntiSpiegel}/`, 'anti-spiegel.ru', 'homoglyph'],
    ['the same host written as punycode', `https://${domainToASCII(cyrillicAntiSpiegel)}/`, 'anti-spiegel.ru', 'punycode'],
    ['a punycode host written in upper case', `https://${domainToASCII(cyrillicAntiSpiegel).toUpperCase()}/`, 'anti-spiegel.ru', 'punycode'],
    ['a subdomain of a homoglyph host', `https://www.${cyrillicAntiSpiegel}/`, 'anti-spiegel.ru', 'homoglyph'],
    ['several Cyrillic letters', `https://fr${CYRILLIC_E}${CYRILLIC_E}dert.${CYRILLIC_O}nline/`, 'freedert.online', 'homoglyph'],
    ['a Greek ο', `https://report24.news`.replace('o', GREEK_O), 'report24.news', 'homoglyph'],
    ['a dotless ı', `https://freedert.onl${DOTLESS_I}ne/`, 'freedert.online', 'homoglyph'],
    ['an accented letter', 'https://anti-spiégel.ru/', 'anti-spiegel.ru', 'homoglyph'],
    ['a homoglyph and a digit for a letter', `https://${CYRILLIC_A}nti-spiege1.ru/`, 'anti-spiegel.ru', 'homoglyph'],
    ['a homoglyph inside a listed subdomain', `https://d${CYRILLIC_E}.rt.com/`, 'de.rt.com', 'homoglyph'],
    ['a digit for a letter', 'https://anti-spiege1.ru/', 'anti-spiegel.ru', 'typo'],
    ['a zero for an o', 'https://freedert.0nline/', 'freedert.online', 'typo'],
    ['a capital I for an l', 'https://freedert.onIine/', 'freedert.online', 'typo'],
    ['a missing letter', 'https://anti-spigel.ru/', 'anti-spiegel.ru', 'typo'],
    ['a missing hyphen', 'https://antispiegel.ru/', 'anti-spiegel.ru', 'typo'],
    ['an extra letter', 'https://anti-spiegell.ru/', 'anti-spiegel.ru', 'typo'],
    ['swapped neighbours', 'https://anti-speigel.ru/', 'anti-spiegel.ru', 'typo'],
    ['a changed suffix', 'https://anti-spiegel.su/', 'anti-spiegel.ru', 'typo'],
    ['a typo on a subdomain', 'https://www.anti-spiege1.ru/artikel', 'anti-spiegel.ru', 'typo'],
    ['a typo of a domain with digits', 'https://report42.news/', 'report24.news', 'typo'],
    ['an unlike substitution in a long name', 'https://anti-spiegal.ru/', 'anti-spiegel.ru', 'typo'],
    ['a lookalike substitution in a short name', 'https://cnsnew5.com/', 'cnsnews.com', 'typo'],
    ['a missing letter in a short name', 'https://cnsnws.com/', 'cnsnews.com', 'typo'],
  ])('flags %s: %s imitates %s by %s', (_scenario, url, imitates, technique) => {
    const link = makeLink(url);
    expect(matchLink(lists, link)).toBeNull();
    expect(findLookalike(lists, link)).toMatchObject({ imitates, technique });
  });

  it.each([
    ['an unrelated domain that shares a word', 'https://www.spiegel.de/'],
    ['a one-letter neighbour of a short name', 'https://rt.de/'],
    ['a one-letter neighbour of a short listed subdomain', 'https://de.rt.org/'],
    ['the registrable domain of a listed subdomain', 'https://rt.com/'],
    ['a sibling of a listed subdomain', 'https://fr.rt.com/'],
    ['two edits away', 'https://anti-spegl.ru/'],
    ['a listed name as a subdomain of another domain', 'https://anti-spiegel.ru.example.com/'],
    ['a real outlet one unlike letter from a short listed name', 'https://www.cbsnews.com/'],
    ['a real outlet imitated by a listed satire site', 'https://www.politico.com/'],
    ['a homoglyph of a satire site', `https://p${CYRILLIC_O}liticot.com/`],
    ['a typo of a platform', 'https://rumb1e.com/'],
    ['a typo of a shortener', 'https://tinyur1.com/'],
    ['a homoglyph of a platform', `https://t.m${CYRILLIC_E}/neuesausrussland`],
    ['a Unicode host that folds to nothing listed', `https://${CYRILLIC_A}${CYRILLIC_O}.example/`],
    ['a German umlaut domain', 'https://müller.de/'],
    ['an IP address', 'http://192.0.2.1/'],
    ['a host without a registrable domain', 'http://localhost/'],
  ])('does not flag %s (%s)', (_scenario, url) => {
    expect(findLookalike(lists, makeLink(url))).toBeNull();
  });

  it('does not flag a one-edit neighbour that is itself listed', () => {
    const compiled = compileLists([
      makeList('a', '1', [
        { domain: 'anti-spiegel.ru', category: 'disinformation', severity: 0.8 },
        { domain: 'antispiegel.ru', path: '/archiv', category: 'disinformation', severity: 0.8 },
      ]),
    ]);
    expect(findLookalike(compiled, makeLink('https://antispiegel.ru/anderes'))).toBeNull();
  });

  it('does not flag a typo of a listed subdomain whose parent is not listed', () => {
    const compiled = compileLists([
      makeList('a', '1', [{ domain: 'someone.wordpress.com', category: 'conspiracy', severity: 0.6 }]),
    ]);
    expect(findLookalike(compiled, makeLink('https://wordpres.com/'))).toBeNull();
  });

  it('does not flag the real domain written with a fullwidth letter (the URL parser folds it)', () => {
    const link = makeLink(`https://${FULLWIDTH_A}nti-spiegel.ru/`);
    expect(link.host).toBe('anti-spiegel.ru');
    expect(findLookalike(lists, link)).toBeNull();
  });

  it('reports the imitated entry with its list', () => {
    expect(findLookalike(lists, makeLink('https://freedert.onIine/'))).toEqual({
      imitates: 'freedert.online',
      technique: 'typo',
      match: {
        listId: 'loupe-de',
        listVersion: '2026.11.24',
        matched: 'freedert.online',
        entry: expect.objectContaining({ entity: 'RT DE', category: 'state_media' }),
      },
    });
  });

  it.each([
    [
      'the higher severity wins when a typo is near two listed domains',
      [
        makeList('a', '1', [
          { domain: 'outlet-l.example', category: 'unreliable', severity: 0.4 },
          { domain: 'outlet-i.example', category: 'disinformation', severity: 0.8 },
        ]),
      ],
      'https://outlet-1.example/',
      'outlet-i.example',
    ],
    [
      'a tie goes to the list whose id sorts first',
      [
        makeList('z', '1', [{ domain: 'outlet-l.example', category: 'unreliable', severity: 0.5 }]),
        makeList('a', '1', [{ domain: 'outlet-i.example', category: 'unreliable', severity: 0.5 }]),
      ],
      'https://outlet-1.example/',
      'outlet-i.example',
    ],
  ])('%s', (_scenario, input, url, imitates) => {
    expect(findLookalike(compileLists(input), makeLink(url))?.imitates).toBe(imitates);
  });

  it('finds the imitated domain among thousands of listed ones', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => ({
      domain: `outlet-number-${i}.example`,
      category: 'unreliable' as const,
      severity: 0.5,
    }));
    const compiled = compileLists([makeList('big', '1', entries)]);
    for (const [url, imitates] of [
      ['https://outlet-numbr-1234.example/', 'outlet-number-1234.example'],
      ['https://outlet-number-2999.exampel/', 'outlet-number-2999.example'],
      ['https://0utlet-number-7.example/', 'outlet-number-7.example'],
    ] as const) {
      expect(findLookalike(compiled, makeLink(url))?.imitates).toBe(imitates);
    }
    expect(findLookalike(compiled, makeLink('https://outlet-numbr-12345.example/'))).toBeNull();
  });

  it('returns nothing when no lists are loaded', () => {
    expect(findLookalike(compileLists([]), makeLink(`https://${cyrillicAntiSpiegel}/`))).toBeNull();
  });

  it('flags every one-edit variant of a listed domain that the lists do not match', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('substitute'), at: fc.nat(), char: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('insert'), at: fc.nat(), char: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('delete'), at: fc.nat(), char: fc.constant('') }),
      fc.record({ kind: fc.constant('transpose'), at: fc.nat(), char: fc.constant('') }),
    );
    const label = 'anti-spiegel';
    fc.assert(
      fc.property(edit, ({ kind, at, char }) => {
        const i = at % label.length;
        const edited =
          kind === 'substitute'
            ? label.slice(0, i) + char + label.slice(i + 1)
            : kind === 'insert'
              ? label.slice(0, i) + char + label.slice(i)
              : kind === 'delete'
                ? label.slice(0, i) + label.slice(i + 1)
                : label.slice(0, i) + (label[i + 1] ?? '') + label[i] + label.slice(i + 2);
        const domain = `${edited}.ru`;
        fc.pre(edited !== label && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(edited));
        const link = makeLink(`https://${domain}/`);
        expect(findLookalike(lists, link)).toMatchObject({ imitates: 'anti-spiegel.ru', technique: 'typo' });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary links', () => {
    const anyLink = fc.record({
      raw: fc.string({ unit: 'binary', maxLength: 80 }),
      host: fc.string({ unit: 'binary', maxLength: 300 }),
      hostUnicode: fc.string({ unit: 'binary', maxLength: 300 }),
      domain: fc.option(fc.string({ unit: 'binary', maxLength: 300 })),
      suffix: fc.option(fc.string({ maxLength: 20 })),
    });
    fc.assert(
      fc.property(anyLink, (fields) => {
        const link: ExtractedLink = { ...makeLink('https://example.com/'), ...fields };
        findLookalike(lists, link);
      }),
      { numRuns: 2000 },
    );
  });
});
