import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findDataDir } from '../platform/data-dir.js';
import type { DomainList } from '../analysis/types.js';
import { DomainListSchema } from './domain-list.schema.js';

export class ListFileError extends Error {
  constructor(
    readonly file: string,
    problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ListFileError';
  }
}

/** The bundled lists ship in `data/lists/` at the package root. */
export function findBundledListsDir(): string {
  const dir = findDataDir('lists');
  if (dir === null) throw new Error('data/lists not found next to the Loupe package; set LOUPE_LISTS_DIR');
  return dir;
}

/** Reads and validates every `*.json` list in a folder, in file-name order. */
export function loadListsFromDir(dir: string = findBundledListsDir()): DomainList[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const lists = files.map((file) => parseListFile(resolve(dir, file), readFileSync(resolve(dir, file), 'utf8')));
  const ids = new Set<string>();
  lists.forEach((list, i) => {
    if (ids.has(list.id)) throw new ListFileError(resolve(dir, files[i]!), [`duplicate list id "${list.id}"`]);
    ids.add(list.id);
  });
  return lists;
}

export function parseListFile(file: string, content: string): DomainList {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new ListFileError(file, [`invalid JSON: ${(e as Error).message}`]);
  }
  const parsed = DomainListSchema.safeParse(json);
  if (!parsed.success) {
    throw new ListFileError(
      file,
      parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}
