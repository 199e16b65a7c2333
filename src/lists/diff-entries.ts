/** What an import would do to a list: the dry-run view (pure; entries are matched by `entryKey`). */
import { entryKey, type EntryInput } from './list-entry.schema.js';

export type ImportMode = 'merge' | 'replace';

/** The fields compared for a change (the pattern is the key, so it never differs). */
export const COMPARED_FIELDS = ['kind', 'category', 'severity', 'entity', 'note', 'sourceUrl'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface EntryChange {
  before: EntryInput;
  after: EntryInput;
  /** The fields that differ, in `COMPARED_FIELDS` order. */
  fields: ComparedField[];
}

export interface EntriesDiff {
  /** Incoming entries whose key is not in the list. */
  added: EntryInput[];
  /** Current entries whose key is not in the import (replace mode only; merge keeps them). */
  removed: EntryInput[];
  /** Entries in both whose fields differ. */
  changed: EntryChange[];
  /**
   * Current entries the import leaves exactly as they are: in both and equal, plus (merge mode)
   * those not in the import. So `current = unchanged + changed + removed` and the resulting list
   * has `unchanged + changed + added` entries.
   */
  unchanged: number;
}

const byKey = (a: EntryInput, b: EntryInput): number => {
  const ka = entryKey(a);
  const kb = entryKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/**
 * Compares a list's entries with an import. Keys are expected to be unique on each side (the
 * file parsers guarantee it for imports); if one repeats, its last entry counts. Every array in
 * the result is sorted by key.
 */
export function diffEntries(current: readonly EntryInput[], incoming: readonly EntryInput[], mode: ImportMode): EntriesDiff {
  const before = new Map(current.map((e) => [entryKey(e), e]));
  const after = new Map(incoming.map((e) => [entryKey(e), e]));
  const added: EntryInput[] = [];
  const changed: EntryChange[] = [];
  for (const [key, next] of after) {
    const prev = before.get(key);
    if (prev === undefined) {
      added.push(next);
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => prev[f] !== next[f]);
    if (fields.length > 0) changed.push({ before: prev, after: next, fields });
  }
  const removed = mode === 'replace' ? [...before].filter(([key]) => !after.has(key)).map(([, e]) => e) : [];
  added.sort(byKey);
  removed.sort(byKey);
  changed.sort((a, b) => byKey(a.after, b.after));
  return { added, removed, changed, unchanged: before.size - changed.length - removed.length };
}
