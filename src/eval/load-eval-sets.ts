import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDataDir } from '../platform/data-dir.js';
import { EvalItemSchema, SetsManifestSchema, type EvalCode } from './eval-item.schema.js';
import { splitOf, type Split } from './split.js';

/** A labelled instance with its place in the text resolved. */
export interface ExpectedInstance {
  code: EvalCode;
  start: number;
  end: number;
  evidence: string;
  stance?: 'for' | 'against';
  party?: string;
  candidate?: string;
  domain?: string;
}

export interface EvalItem {
  id: string;
  set: string;
  file: string;
  line: number;
  source: string;
  origin: 'real' | 'constructed';
  lang: 'de' | 'en';
  split: Split;
  text: string;
  expect: ExpectedInstance[];
  tags: string[];
}

export interface EvalSet {
  name: string;
  description: string;
  codes: EvalCode[];
  items: EvalItem[];
}

export class EvalDataError extends Error {
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'EvalDataError';
  }
}

/** `data/eval/` ships at the package root. */
export function findEvalDir(): string {
  const dir = findDataDir('eval', 'sets.json');
  if (dir === null) throw new Error('data/eval/sets.json not found next to the Loupe package');
  return dir;
}

function nthIndexOf(text: string, part: string, occurrence: number): number {
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = text.indexOf(part, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

function parseItem(set: string, file: string, line: number, raw: string): EvalItem {
  const where = `${file}:${line}`;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new EvalDataError(where, `invalid JSON (${(e as Error).message})`);
  }
  const parsed = EvalItemSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EvalDataError(where, `${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'}`);
  }
  const item = parsed.data;
  const expect = item.expect.map((e): ExpectedInstance => {
    const start = nthIndexOf(item.text, e.evidence, e.occurrence ?? 1);
    if (start < 0) throw new EvalDataError(where, `evidence ${JSON.stringify(e.evidence)} (occurrence ${e.occurrence ?? 1}) is not in the text`);
    const { occurrence: _occurrence, ...rest } = e;
    return { ...rest, start, end: start + e.evidence.length };
  });
  return {
    id: item.id,
    set,
    file,
    line,
    source: item.source,
    origin: item.source === 'constructed' ? 'constructed' : 'real',
    lang: item.lang,
    split: splitOf(item.id),
    text: item.text,
    expect,
    tags: item.tags ?? [],
  };
}

/** Reads and validates `sets.json` and every `<set>/*.jsonl`; ids must be unique within a set. */
export function loadEvalSets(dir: string = findEvalDir(), only?: string): EvalSet[] {
  const manifestFile = join(dir, 'sets.json');
  const manifest = SetsManifestSchema.safeParse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  if (!manifest.success) throw new EvalDataError(manifestFile, manifest.error.issues[0]?.message ?? 'invalid');
  const names = Object.keys(manifest.data);
  if (only !== undefined && !names.includes(only)) throw new EvalDataError(manifestFile, `no set named "${only}" (sets: ${names.join(', ')})`);
  return names
    .filter((name) => only === undefined || name === only)
    .map((name) => {
      const spec = manifest.data[name]!;
      const setDir = join(dir, name);
      const files = existsSync(setDir) ? readdirSync(setDir).filter((f) => f.endsWith('.jsonl')).sort() : [];
      const items: EvalItem[] = [];
      const ids = new Set<string>();
      for (const file of files) {
        const lines = readFileSync(join(setDir, file), 'utf8').split('\n');
        lines.forEach((raw, k) => {
          if (raw.trim() === '') return;
          const item = parseItem(name, `${name}/${file}`, k + 1, raw);
          if (ids.has(item.id)) throw new EvalDataError(`${name}/${file}:${k + 1}`, `duplicate id "${item.id}"`);
          ids.add(item.id);
          const foreign = item.expect.find((e) => !spec.codes.includes(e.code));
          if (foreign) throw new EvalDataError(`${name}/${file}:${k + 1}`, `code ${foreign.code} is not measured by set "${name}"`);
          items.push(item);
        });
      }
      return { name, description: spec.description, codes: spec.codes, items };
    });
}
