import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ExtractedLink } from '../types.js';
import { compileLists } from './compile-lists.js';
import { makeLink, makeList, makeLists } from './domains.fixtures.js';
import { matchLink } from './match-domains.js';

const lists = compileLists(makeLists());

describe('matchLink', () => {
  it.each([
    ['matches the listed domain itself', 'https://anti-spiegel.ru/artikel', 'anti-spiegel.ru'],
    ['matches a subdomain of a listed domain', 'https://m.anti-spiegel.ru/', 'anti-spiegel.ru'],
    ['matches www in front of a listed domain', 'www.anti-spiegel.ru', 'anti-spiegel.ru'],
    ['matches a host written in upper case', 'https://ANTI-SPIEGEL.RU/', 'anti-spiegel.ru'],
    ['matches a listed subdomain', 'https://de.rt.com/international/1234', 'de.rt.com'],
    ['matches www in front of a listed subdomain', 'https://www.de.rt.com/', 'de.rt.com'],
    ['matches a mirror listed by domain', 'https://freedert.online/', 'freedert.online'],
    ['matches a family mirror on .xyz', 'https://rtde.xyz/', 'rtde.*'],
    ['matches a family mirror on .live', 'https://rtde.live/kurzclips', 'rtde.*'],
    ['matches a family mirror on .tech', 'https://rtde.tech/', 'rtde.*'],
    ['matches a family mirror on a two-level suffix', 'https://rtde.co.uk/', 'rtde.*'],
    ['matches a subdomain of a family mirror', 'https://de.rtde.live/', 'rtde.*'],
    ['matches a path entry exactly', 'https://rumble.com/c/SomeChannel', 'rumble.com/c/SomeChannel'],
    ['matches a path entry below its path', 'https://rumble.com/c/SomeChannel/videos', 'rumble.com/c/SomeChannel'],
    ['matches a path entry in another case', 'https://rumble.com/C/somechannel', 'rumble.com/c/SomeChannel'],
    ['matches a path entry with a trailing slash', 'https://rumble.com/c/SomeChannel/', 'rumble.com/c/SomeChannel'],
    ['matches a path entry on a subdomain', 'https://www.youtube.com/@channel/videos', 'youtube.com/@channel'],
    ['prefers a listed channel to its platform', 'https://t.me/neuesausrussland/1234', 't.me/neuesausrussland'],
    ['prefers a listed channel on a platform subdomain', 'https://www.t.me/neuesausrussland', 't.me/neuesausrussland'],
    ['falls back to the platform for another channel', 'https://t.me/somethingelse', 't.me'],
    ['falls back to the platform when a path only starts like a channel', 'https://rumble.com/c/SomeChannelX', 'rumble.com'],
    ['matches a listed platform', 'https://odysee.com/@someone', 'odysee.com'],
    ['matches a shortener as an ordinary entry', 'https://bit.ly/3xYz', 'bit.ly'],
  ])('%s: %s → %s', (_scenario, url, matched) => {
    expect(matchLink(lists, makeLink(url))?.matched).toBe(matched);
  });

  it.each([
    ['a name that only ends like a listed one', 'https://notanti-spiegel.ru/'],
    ['a listed name used as a subdomain elsewhere', 'https://anti-spiegel.ru.example.com/'],
    ['the parent of a listed subdomain', 'https://rt.com/'],
    ['a sibling of a listed subdomain', 'https://fr.rt.com/'],
    ['a listed domain on another suffix', 'https://anti-spiegel.de/'],
    ['a family label with a prefix', 'https://artde.com/'],
    ['a family label with a suffix', 'https://rtdex.com/'],
    ['a family label as a subdomain only', 'https://rtde.example.com/'],
    ['an unlisted domain', 'https://www.spiegel.de/politik'],
    ['an IP address', 'http://192.0.2.1/anti-spiegel.ru'],
    ['a listed path on an unlisted host', 'https://example.com/neuesausrussland'],
  ])('does not match %s (%s)', (_scenario, url) => {
    expect(matchLink(lists, makeLink(url))).toBeNull();
  });

  it('reports the list, its version and the entry with its entity', () => {
    const match = matchLink(lists, makeLink('https://freedert.online/'));
    expect(match).toEqual({
      listId: 'loupe-de',
      listVersion: '2026.11.24',
      matched: 'freedert.online',
      entry: expect.objectContaining({ category: 'state_media', entity: 'RT DE' }),
    });
  });

  describe('when several entries match', () => {
    it.each([
      [
        'the higher severity wins across lists',
        [
          makeList('a', '1', [{ domain: 'example.org', category: 'unreliable', severity: 0.4 }]),
          makeList('b', '1', [{ domain: 'example.org', category: 'disinformation', severity: 0.8 }]),
        ],
        'https://example.org/',
        { listId: 'b', matched: 'example.org' },
      ],
      [
        'a higher-severity domain beats a lower-severity path',
        [
          makeList('a', '1', [
            { domain: 'example.org', category: 'disinformation', severity: 0.8 },
            { domain: 'example.org', path: '/x', category: 'unreliable', severity: 0.4 },
          ]),
        ],
        'https://example.org/x',
        { listId: 'a', matched: 'example.org' },
      ],
      [
        'on a severity tie a path beats its domain',
        [
          makeList('a', '1', [
            { domain: 'example.org', category: 'unreliable', severity: 0.5 },
            { domain: 'example.org', path: '/x', category: 'conspiracy', severity: 0.5 },
          ]),
        ],
        'https://example.org/x/y',
        { listId: 'a', matched: 'example.org/x' },
      ],
      [
        'on a severity tie a longer path beats a shorter one',
        [
          makeList('a', '1', [
            { domain: 'example.org', path: '/x', category: 'unreliable', severity: 0.5 },
            { domain: 'example.org', path: '/x/y', category: 'conspiracy', severity: 0.5 },
          ]),
        ],
        'https://example.org/x/y/z',
        { listId: 'a', matched: 'example.org/x/y' },
      ],
      [
        'on a severity tie a longer domain beats its parent',
        [
          makeList('a', '1', [{ domain: 'example.org', category: 'unreliable', severity: 0.5 }]),
          makeList('b', '1', [{ domain: 'news.example.org', category: 'conspiracy', severity: 0.5 }]),
        ],
        'https://news.example.org/',
        { listId: 'b', matched: 'news.example.org' },
      ],
      [
        'on a severity tie a domain beats a family',
        [
          makeList('a', '1', [{ family: 'rtde.*', category: 'state_media', severity: 0.9 }]),
          makeList('b', '1', [{ domain: 'rtde.tech', category: 'state_media', severity: 0.9 }]),
        ],
        'https://rtde.tech/',
        { listId: 'b', matched: 'rtde.tech' },
      ],
      [
        'a higher-severity family beats a domain',
        [
          makeList('a', '1', [{ family: 'rtde.*', category: 'state_media', severity: 0.9 }]),
          makeList('b', '1', [{ domain: 'rtde.tech', category: 'unreliable', severity: 0.5 }]),
        ],
        'https://rtde.tech/',
        { listId: 'a', matched: 'rtde.*' },
      ],
      [
        'a full tie goes to the list whose id sorts first, whatever the input order',
        [
          makeList('zz', '1', [{ domain: 'example.org', category: 'unreliable', severity: 0.5 }]),
          makeList('aa', '1', [{ domain: 'example.org', category: 'unreliable', severity: 0.5 }]),
        ],
        'https://example.org/',
        { listId: 'aa', matched: 'example.org' },
      ],
    ])('%s', (_scenario, input, url, expected) => {
      expect(matchLink(compileLists(input), makeLink(url))).toMatchObject(expected);
    });
  });

  it.each([
    ['upper case', 'WWW.Anti-Spiegel.RU.'],
    ['a www prefix', 'www.anti-spiegel.ru'],
  ])('normalises entry domains written in %s', (_scenario, domain) => {
    const compiled = compileLists([makeList('a', '1', [{ domain, category: 'unreliable', severity: 0.5 }])]);
    expect(matchLink(compiled, makeLink('https://anti-spiegel.ru/'))?.matched).toBe('anti-spiegel.ru');
  });

  it('matches an entry written in Unicode against the punycode host', () => {
    const compiled = compileLists([makeList('a', '1', [{ domain: 'bücher.example', category: 'unreliable', severity: 0.5 }])]);
    expect(matchLink(compiled, makeLink('https://www.bücher.example/'))?.matched).toBe('bücher.example');
  });

  it('matches a path entry with non-ASCII characters against the percent-encoded link path', () => {
    const compiled = compileLists([
      makeList('a', '1', [{ domain: 'youtube.com', path: '/@Kanal-Müller', category: 'conspiracy', severity: 0.6 }]),
    ]);
    expect(matchLink(compiled, makeLink('https://youtube.com/@kanal-müller/videos'))?.matched).toBe(
      'youtube.com/@Kanal-Müller',
    );
  });

  it('returns nothing when no lists are loaded', () => {
    expect(matchLink(compileLists([]), makeLink('https://anti-spiegel.ru/'))).toBeNull();
  });

  it('never throws on arbitrary hosts, paths and inconsistent domain fields', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{0,12}$/);
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 6 }).map((labels) => labels.join('.')),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    const anyLink = fc.record({
      host,
      hostUnicode: fc.string({ unit: 'binary', maxLength: 60 }),
      domain: fc.option(host),
      suffix: fc.option(fc.oneof(label, fc.string({ maxLength: 20 }))),
      path: fc.oneof(fc.constant('/'), fc.string({ unit: 'binary', maxLength: 80 })),
    });
    fc.assert(
      fc.property(anyLink, (fields) => {
        const link: ExtractedLink = {
          ...makeLink('https://example.com/'),
          ...fields,
        };
        matchLink(lists, link);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches every listed host written as a URL (no host is lost by compilation)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('anti-spiegel.ru', 'de.rt.com', 'freedert.online', 'report24.news', 'bit.ly'),
        fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { maxLength: 3 }),
        (domain, subdomains) => {
          const host = [...subdomains, domain].join('.');
          expect(matchLink(lists, makeLink(`https://${host}/`))?.matched).toBe(domain);
        },
      ),
    );
  });
});
