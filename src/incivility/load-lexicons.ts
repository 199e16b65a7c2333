import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LexiconFileSchema } from '../analysis/incivility/lexicon-file.schema.js';
import { compileLexicon, type LexiconFile } from '../analysis/incivility/lexicon.js';
import { findDataDir } from '../platform/data-dir.js';

export class LexiconFileError extends Error {
  constructor(
    readonly file: string,
    problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'LexiconFileError';
  }
}

/** The bundled incivility lexicons ship in `data/lexicons/` at the package root. */
export function findBundledLexiconDir(): string {
  const dir = findDataDir('lexicons', 'incivility-de.json');
  if (dir === null) throw new Error('data/lexicons not found next to the Loupe package');
  return dir;
}

export function parseLexiconFile(file: string, content: string): LexiconFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new LexiconFileError(file, [`invalid JSON: ${(e as Error).message}`]);
  }
  const parsed = LexiconFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new LexiconFileError(file, parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  try {
    compileLexicon([parsed.data]);
  } catch (e) {
    throw new LexiconFileError(file, [(e as Error).message]);
  }
  return parsed.data;
}

/**
 * Every `*.json` lexicon in a folder, in file-name order (what compileLexicon takes), each checked
 * against the schema and compiled once on its own so a bad term names its file.
 */
export function loadLexiconFiles(dir: string = findBundledLexiconDir()): LexiconFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = resolve(dir, name);
      return parseLexiconFile(file, readFileSync(file, 'utf8'));
    });
}
