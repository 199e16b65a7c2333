import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBundledListsDir } from '../../src/lists/load-lists.js';

/** The real-comment corpus of the analysis benchmarks (see ATTRIBUTION.md next to it). */
export const CORPUS_FILE = join(findBundledListsDir(), '..', '..', 'bench', 'corpus', 'comments.jsonl');

/** Its comment texts, in file order, and their size in UTF-8 bytes. */
export function loadCorpus(): { texts: string[]; bytes: number } {
  const texts = readFileSync(CORPUS_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  return { texts, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) };
}
