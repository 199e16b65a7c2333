import { describe, expect, it } from '@jest/globals';
import type { DomainList, ListEntry } from '../types.js';
import { compileLists, normaliseDomain } from './compile-lists.js';
import { makeLink, makeList, makeLists } from './domains.fixtures.js';
import { matchLink } from './match-domains.js';

describe('compileLists', () => {
  describe('version', () => {
    it.each([
      [
        'joins id@version of every list, sorted by id',
        [makeList('loupe-de', '2026.11.24', []), makeList('cred-1', '2026-08-04', [])],
        'cred-1@2026-08-04,loupe-de@2026.11.24',
      ],
      [
        'is the same whatever the input order',
        [makeList('cred-1', '2026-08-04', []), makeList('loupe-de', '2026.11.24', [])],
        'cred-1@2026-08-04,loupe-de@2026.11.24',
      ],
      [
        'sorts by code unit, not by locale',
        [makeList('b', '1', []), makeList('B', '1', []), makeList('a', '1', [])],
        'B@1,a@1,b@1',
      ],
      ['names a single list', [makeList('loupe-de', '2026.11.24', [])], 'loupe-de@2026.11.24'],
      ['says none when no lists are loaded', [], 'none'],
    ])('%s', (_scenario, lists: DomainList[], version) => {
      expect(compileLists(lists).version).toBe(version);
    });
  });

  describe('normaliseDomain', () => {
    it.each([
      ['lower-cases', 'Anti-Spiegel.RU', 'anti-spiegel.ru'],
      ['trims whitespace', '  anti-spiegel.ru ', 'anti-spiegel.ru'],
      ['drops a trailing dot', 'anti-spiegel.ru.', 'anti-spiegel.ru'],
      ['strips www.', 'www.anti-spiegel.ru', 'anti-spiegel.ru'],
      ['keeps www when it is the whole name', 'www.com', 'www.com'],
      ['keeps other subdomains', 'de.rt.com', 'de.rt.com'],
      ['encodes Unicode as punycode', 'Bücher.example', 'xn--bcher-kva.example'],
      ['keeps an IP address', '192.0.2.1', '192.0.2.1'],
    ])('%s: %s → %s', (_scenario, input, expected) => {
      expect(normaliseDomain(input)).toBe(expected);
    });
  });

  it('does not modify the lists it is given', () => {
    const lists = makeLists();
    const before = JSON.stringify(lists);
    compileLists(lists);
    expect(JSON.stringify(lists)).toBe(before);
  });

  it('returns the entry object of the list, not a copy', () => {
    const entry: ListEntry = { domain: 'WWW.Example.org', category: 'unreliable', severity: 0.5 };
    const match = matchLink(compileLists([makeList('a', '1', [entry])]), makeLink('https://example.org/'));
    expect(match?.entry).toBe(entry);
  });

  it('skips an entry with neither domain nor family instead of failing', () => {
    const compiled = compileLists([makeList('a', '1', [{ category: 'unreliable', severity: 0.5 }])]);
    expect(matchLink(compiled, makeLink('https://example.org/'))).toBeNull();
  });

  it('treats a path of "/" as the whole host', () => {
    const compiled = compileLists([makeList('a', '1', [{ domain: 'example.org', path: '/', category: 'unreliable', severity: 0.5 }])]);
    expect(matchLink(compiled, makeLink('https://example.org/anything'))?.matched).toBe('example.org');
  });

  it('indexes thousands of entries so that each one still matches', () => {
    const entries: ListEntry[] = Array.from({ length: 3000 }, (_, i) => ({
      domain: `outlet-${i}.example`,
      category: 'unreliable',
      severity: 0.5,
    }));
    const compiled = compileLists([makeList('big', '1', entries)]);
    for (const i of [0, 1234, 2999]) {
      expect(matchLink(compiled, makeLink(`https://www.outlet-${i}.example/`))?.matched).toBe(`outlet-${i}.example`);
    }
    expect(matchLink(compiled, makeLink('https://outlet-3000.example/'))).toBeNull();
  });
});
