import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { compileNameCalling, type CompiledNameCalling, type NameCallingFile } from '../analysis/incivility/name-calling.js';
import { findDataDir } from '../platform/data-dir.js';

const Word = z.string().trim().min(1).max(60);

/** One file in data/name-calling/: a language's degrading nouns, phrases and adjectives. */
export const NameCallingFileSchema = z
  .object({
    version: z.string().min(1).max(40),
    language: z.enum(['de', 'en']),
    license: z.string().min(1).max(80),
    attribution: z.string().min(1).max(500),
    nouns: z.array(Word.regex(/^\S+$/u, 'one word')).min(1),
    phrases: z.array(Word.regex(/^\S+(?: \S+)+$/u, 'two or more words')),
    adjectives: z.array(Word.regex(/^\S+$/u, 'one word')),
  })
  .strict();

const _fits: (f: z.infer<typeof NameCallingFileSchema>) => NameCallingFile = (f) => f;
void _fits;

/** The bundled name-calling lexicons ship in `data/name-calling/` at the package root. */
export function findBundledNameCallingDir(): string {
  const dir = findDataDir('name-calling', 'en.json');
  if (dir === null) throw new Error('data/name-calling not found next to the Loupe package');
  return dir;
}

export function parseNameCallingFile(file: string, content: string): NameCallingFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new Error(`${file}: invalid JSON (${(e as Error).message})`);
  }
  const parsed = NameCallingFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Every `*.json` file of the folder, validated (one per language) and compiled. */
export function loadCompiledNameCalling(dir: string = findBundledNameCallingDir()): CompiledNameCalling {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => parseNameCallingFile(join(dir, name), readFileSync(join(dir, name), 'utf8')));
  const languages = files.map((f) => f.language);
  const twice = languages.find((l, i) => languages.indexOf(l) !== i);
  if (twice !== undefined) throw new Error(`${dir}: two name-calling files for the language "${twice}"`);
  return compileNameCalling(files);
}
