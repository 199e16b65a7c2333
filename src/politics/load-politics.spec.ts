import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectVoteCalls } from '../analysis/partisan/detect-vote-calls.js';
import { loadCompiledPolitics, loadPoliticsFromDir, PoliticsFileError } from './load-politics.js';

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-politics-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const file = (extra: Record<string, unknown> = {}) => ({
  country: 'de',
  language: 'de',
  name: 'Germany',
  version: 'test',
  parties: [{ id: 'de-x', name: 'X-Partei', aliases: ['XP'] }],
  ...extra,
});

describe('loadPoliticsFromDir', () => {
  it('loads the bundled files of the five countries, every candidate under a known party', () => {
    const { entries, version } = loadPoliticsFromDir();
    expect(new Set(entries.map((e) => e.country))).toEqual(new Set(['de', 'at', 'ch', 'us', 'uk']));
    expect(version.split(',').map((v) => v.split('@')[0])).toEqual(['at', 'ch', 'de', 'uk', 'us']);
    const ids = new Set(entries.map((e) => e.id));
    for (const e of entries.filter((x) => x.kind === 'candidate')) expect(ids.has(e.party!)).toBe(true);
  });

  it('makes a candidate a data change: a new file entry is recognised in calls', () => {
    const dir = folder({ 'de.json': file({ candidates: [{ id: 'de-muster', name: 'Erika Mustermann', party: 'de-x', aliases: ['Mustermann'] }] }) });
    const politics = loadCompiledPolitics(dir);
    expect(detectVoteCalls('Wählt Mustermann!', politics).map((f) => f.details)).toEqual([
      { party: 'X-Partei', candidate: 'Erika Mustermann', stance: 'for', country: 'de', form: 'imperative' },
    ]);
    expect(detectVoteCalls('Erika Mustermann wählen!', politics)).toHaveLength(1);
  });

  it('leaves out entries outside their validity period on the given day', () => {
    const dir = folder({
      'de.json': file({
        parties: [
          { id: 'de-x', name: 'X-Partei', aliases: ['XP'] },
          { id: 'de-new', name: 'Neu', aliases: ['NeuP'], validFrom: '2030-01-01' },
          { id: 'de-old', name: 'Alt', aliases: ['AltP'], validUntil: '2020-01-01' },
        ],
      }),
    });
    const names = (on: string) => loadPoliticsFromDir(dir, new Date(on)).entries.map((e) => e.name);
    expect(names('2026-12-03')).toEqual(['X-Partei']);
    expect(names('2019-06-01')).toEqual(['X-Partei', 'Alt']);
    expect(names('2030-01-01')).toEqual(['X-Partei', 'Neu']);
  });

  it.each([
    ['invalid JSON', '{', /invalid JSON/],
    ['an unknown field', file({ leader: 'x' }), /Unrecognized key/],
    ['a bad id', file({ parties: [{ id: 'X', name: 'X', aliases: [] }] }), /parties\.0\.id/],
    ['a bad date', file({ parties: [{ id: 'de-x', name: 'X', aliases: [], validFrom: 'soon' }] }), /validFrom: a date as YYYY-MM-DD/],
  ])('rejects %s with the file and the field', (_case, content, message) => {
    const dir = folder({ 'de.json': content });
    expect(() => loadPoliticsFromDir(dir)).toThrow(PoliticsFileError);
    expect(() => loadPoliticsFromDir(dir)).toThrow(message);
  });

  it('rejects a duplicate id across files and a candidate of an unknown party', () => {
    expect(() => loadPoliticsFromDir(folder({ 'a.json': file(), 'b.json': file() }))).toThrow(/duplicate id "de-x"/);
    const orphan = folder({ 'de.json': file({ candidates: [{ id: 'de-y', name: 'Y', party: 'de-none', aliases: [] }] }) });
    expect(() => loadCompiledPolitics(orphan)).toThrow(/de-y refers to the unknown entry de-none/);
  });
});
