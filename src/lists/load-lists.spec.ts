import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListFileError, loadListsFromDir, parseListFile } from './load-lists.js';

function makeList(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'test',
    name: 'Test',
    version: '1',
    license: 'CC0',
    sources: { s1: { title: 'A source', url: 'https://example.org/a' } },
    entries: [{ domain: 'anti-spiegel.ru', category: 'disinformation', severity: 0.9, sources: ['s1'] }],
    ...overrides,
  };
}

describe('the bundled lists', () => {
  const lists = loadListsFromDir();

  it('all load and validate', () => {
    expect(lists.map((l) => l.id)).toEqual(['cred-1', 'loupe-campaigns', 'loupe-de', 'platforms', 'shorteners']);
  });

  it('keep platforms and shorteners low, so that alone they do not flag a comment', () => {
    const platforms = lists.find((l) => l.id === 'platforms')!;
    expect(platforms.entries.every((e) => e.category === 'platform' && e.severity <= 0.15)).toBe(true);
    const shorteners = lists.find((l) => l.id === 'shorteners')!;
    expect(shorteners.entries.every((e) => e.category === 'shortener' && e.severity < 0.35)).toBe(true);
  });

  it('cite a public source for every curated entry', () => {
    const curated = lists.find((l) => l.id === 'loupe-de')!;
    expect(curated.entries.every((e) => (e.sources?.length ?? 0) > 0)).toBe(true);
  });
});

describe('parseListFile', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown category', makeList({ entries: [{ domain: 'x.ru', category: 'bad', severity: 0.5 }] }), /entries\.0\.category/],
    ['a severity over 1', makeList({ entries: [{ domain: 'x.ru', category: 'unreliable', severity: 1.5 }] }), /entries\.0\.severity/],
    ['a scheme in the domain', makeList({ entries: [{ domain: 'https://x.ru', category: 'unreliable', severity: 0.5 }] }), /lower-case host/],
    ['both domain and family', makeList({ entries: [{ domain: 'x.ru', family: 'x.*', category: 'unreliable', severity: 0.5 }] }), /exactly one of domain or family/],
    ['an unknown source key', makeList({ entries: [{ domain: 'x.ru', category: 'unreliable', severity: 0.5, sources: ['nope'] }] }), /unknown source key "nope"/],
    ['an unknown field', makeList({ colour: 'red' }), /Unrecognized key/i],
    ['a duplicate entry', makeList({ entries: [{ domain: 'x.ru', category: 'unreliable', severity: 0.5 }, { domain: 'x.ru', category: 'conspiracy', severity: 0.6 }] }), /duplicate entry "x\.ru"/],
  ])('rejects %s with a message naming the problem', (_name, list, message) => {
    expect(() => parseListFile('list.json', JSON.stringify(list))).toThrow(message);
  });

  it('rejects invalid JSON naming the file', () => {
    expect(() => parseListFile('broken.json', '{')).toThrow(/^broken\.json: invalid JSON/);
  });

  it('rejects two files with the same list id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-lists-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(makeList()));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(makeList()));
    expect(() => loadListsFromDir(dir)).toThrow(ListFileError);
    expect(() => loadListsFromDir(dir)).toThrow(/b\.json: duplicate list id "test"/);
  });
});
