import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffEntries } from './diff-entries.js';
import { LIST_CATEGORIES, type EntryInput } from './list-entry.schema.js';

const e = (pattern: string, fields: Partial<EntryInput> = {}): EntryInput => ({
  pattern,
  kind: 'domain',
  category: 'disinformation',
  severity: 0.8,
  entity: null,
  note: null,
  sourceUrl: null,
  ...fields,
});

const current = [e('c.example'), e('a.example', { note: 'old' }), e('b.example'), e('d.example', { severity: 0.5 })];
const incoming = [
  e('z.example'),
  e('a.example', { note: 'new', entity: 'A' }),
  e('b.example'),
  e('d.example', { severity: 0.6, category: 'conspiracy' }),
  e('y.example', { kind: 'domain' }),
];

describe('diffEntries', () => {
  it('merge: adds and changes, keeps what the import does not mention', () => {
    expect(diffEntries(current, incoming, 'merge')).toEqual({
      added: [e('y.example'), e('z.example')],
      removed: [],
      changed: [
        { before: current[1], after: incoming[1], fields: ['entity', 'note'] },
        { before: current[3], after: incoming[3], fields: ['category', 'severity'] },
      ],
      unchanged: 2, // b.example (same) and c.example (not in the import)
    });
  });

  it('replace: also removes what the import does not have', () => {
    expect(diffEntries(current, incoming, 'replace')).toEqual({
      added: [e('y.example'), e('z.example')],
      removed: [e('c.example')],
      changed: [
        { before: current[1], after: incoming[1], fields: ['entity', 'note'] },
        { before: current[3], after: incoming[3], fields: ['category', 'severity'] },
      ],
      unchanged: 1,
    });
  });

  it('sees a change of kind, source and a null becoming a value', () => {
    const before = [e('t.me/x', { kind: 'path' })];
    const after = [e('t.me/x', { kind: 'path', sourceUrl: 'https://example.org/' })];
    expect(diffEntries(before, after, 'replace').changed).toEqual([{ before: before[0], after: after[0], fields: ['sourceUrl'] }]);
  });

  it('an empty import changes nothing in merge mode and empties the list in replace mode', () => {
    expect(diffEntries(current, [], 'merge')).toEqual({ added: [], removed: [], changed: [], unchanged: 4 });
    expect(diffEntries(current, [], 'replace').removed.map((x) => x.pattern)).toEqual(['a.example', 'b.example', 'c.example', 'd.example']);
    expect(diffEntries([], incoming, 'replace')).toMatchObject({ removed: [], changed: [], unchanged: 0 });
  });

  it('accounts for every entry: current = unchanged + changed + removed, result = unchanged + changed + added', () => {
    const entry = fc.record({
      pattern: fc.constantFrom('a.example', 'b.example', 'c.example', 'd.example', 'e.example', 'f.example'),
      kind: fc.constant('domain' as const),
      category: fc.constantFrom(...LIST_CATEGORIES.slice(0, 2)),
      severity: fc.constantFrom(0.5, 1),
      entity: fc.constantFrom(null, 'X'),
      note: fc.constant(null),
      sourceUrl: fc.constant(null),
    });
    const list = fc.uniqueArray(entry, { selector: (x) => x.pattern });
    fc.assert(
      fc.property(list, list, fc.constantFrom('merge' as const, 'replace' as const), (cur, inc, mode) => {
        const d = diffEntries(cur, inc, mode);
        expect(d.unchanged + d.changed.length + d.removed.length).toBe(cur.length);
        const resultSize = mode === 'replace' ? inc.length : new Set([...cur, ...inc].map((x) => x.pattern)).size;
        expect(d.unchanged + d.changed.length + d.added.length).toBe(resultSize);
        for (const c of d.changed) expect(c.fields.length).toBeGreaterThan(0);
      }),
    );
  });
});
