import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compilePolitics, type CompiledPolitics, type PartyEntry } from '../analysis/index.js';
import { findDataDir } from '../platform/data-dir.js';
import { PoliticsFileSchema, type PoliticsFile } from './politics-file.schema.js';

export class PoliticsFileError extends Error {
  constructor(
    readonly file: string,
    problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'PoliticsFileError';
  }
}

/** The bundled parties and candidates ship in `data/politics/` at the package root. */
export function findBundledPoliticsDir(): string {
  const dir = findDataDir('politics', 'de.json');
  if (dir === null) throw new Error('data/politics not found next to the Loupe package; set LOUPE_POLITICS_DIR');
  return dir;
}

export function parsePoliticsFile(file: string, content: string): PoliticsFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new PoliticsFileError(file, [`invalid JSON: ${(e as Error).message}`]);
  }
  const parsed = PoliticsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new PoliticsFileError(file, parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

function isValidOn(entry: { validFrom?: string; validUntil?: string }, day: string): boolean {
  return (entry.validFrom === undefined || entry.validFrom <= day) && (entry.validUntil === undefined || day < entry.validUntil);
}

/**
 * The entries of every `*.json` file in a folder, in file-name order, valid on `on` (an entry
 * with `validFrom`/`validUntil` outside it is left out). A candidate's own name is one of its aliases.
 */
export function loadPoliticsFromDir(dir: string = findBundledPoliticsDir(), on: Date = new Date()): { entries: PartyEntry[]; version: string } {
  const day = on.toISOString().slice(0, 10);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const entries: PartyEntry[] = [];
  const versions: string[] = [];
  const ids = new Set<string>();
  for (const name of files) {
    const file = resolve(dir, name);
    const data = parsePoliticsFile(file, readFileSync(file, 'utf8'));
    versions.push(`${data.country}@${data.version}`);
    const all: PartyEntry[] = [
      ...data.parties.filter((e) => isValidOn(e, day)).map((e) => ({ ...withoutValidity(e), kind: 'party' as const, country: data.country })),
      ...data.candidates
        .filter((e) => isValidOn(e, day))
        .map((e) => ({
          ...withoutValidity(e),
          aliases: [e.name, ...e.aliases],
          kind: 'candidate' as const,
          country: data.country,
          ...(e.electionYears ?? data.electionYears ? { electionYears: e.electionYears ?? data.electionYears } : {}),
        })),
      ...data.coalitions.filter((e) => isValidOn(e, day)).map((e) => ({ ...withoutValidity(e), kind: 'coalition' as const, country: data.country })),
    ];
    for (const entry of all) {
      if (ids.has(entry.id)) throw new PoliticsFileError(file, [`duplicate id "${entry.id}"`]);
      ids.add(entry.id);
      entries.push(entry);
    }
  }
  return { entries, version: versions.join(',') };
}

function withoutValidity<T extends { validFrom?: string; validUntil?: string; note?: string }>(entry: T): Omit<T, 'validFrom' | 'validUntil' | 'note'> {
  const { validFrom: _from, validUntil: _until, note: _note, ...rest } = entry;
  return rest;
}

/** Loads and compiles a politics folder: what AnalysisContext.politics takes. */
export function loadCompiledPolitics(dir?: string, on?: Date): CompiledPolitics {
  const { entries, version } = loadPoliticsFromDir(dir, on);
  return compilePolitics(entries, version);
}
