import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export type FineLabel = 'insult' | 'abuse' | 'profanity';

/** One labelled comment the model learns from. `fine` is null for OTHER and where a source has no fine labels. */
export interface TrainingDoc {
  source: 'germeval2018-train' | 'iwg-refugees' | 'fox-news';
  ref: string;
  lang: 'de' | 'en';
  text: string;
  offensive: boolean;
  fine: FineLabel | null;
}

/** The training files shipped in data/training/incivility/, as read (their hash goes into the model). */
export const TRAINING_FILES = ['germeval2018.training.txt', 'iwg-refugees.csv', 'fox-news-comments.jsonl'] as const;

export function findTrainingDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data', 'training', 'incivility');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('data/training/incivility not found');
}

const GERMEVAL_FINE: Readonly<Record<string, FineLabel>> = { INSULT: 'insult', ABUSE: 'abuse', PROFANITY: 'profanity' };

/** GermEval 2018 TSV: text, OFFENSE|OTHER, ABUSE|INSULT|PROFANITY|OTHER; `|LBR|` is a line break. */
export function parseGermEval(content: string, source: string): { ref: string; text: string; offensive: boolean; fine: FineLabel | null }[] {
  return content
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => {
      const [text, coarse, fine] = line.split('\t');
      if (text === undefined || (coarse !== 'OFFENSE' && coarse !== 'OTHER')) throw new Error(`${source}:${i + 1}: not a GermEval line`);
      return { ref: `${source}:${i + 1}`, text: text.replaceAll('|LBR|', '\n'), offensive: coarse === 'OFFENSE', fine: GERMEVAL_FINE[(fine ?? '').trim()] ?? null };
    });
}

/**
 * Every training document, minus any whose text is also an evaluation item (`heldOut`, the texts
 * of data/eval/), so no labelled set measures what the model was fitted on.
 * - GermEval 2018 training: all 5 009 tweets with their coarse and fine labels.
 * - IWG refugees: a tweet both experts call hate speech is offensive abuse (it degrades a group);
 *   one both call not hate speech is other; a disagreement is left out.
 * - Fox News comments: the annotators' hateful (1) is offensive, without a fine label; 0 is other.
 */
export function loadTrainingDocs(dir: string, heldOut: ReadonlySet<string>): TrainingDoc[] {
  const docs: TrainingDoc[] = [];
  const keep = (doc: TrainingDoc): void => {
    if (!heldOut.has(normaliseForMatch(doc.text))) docs.push(doc);
  };
  for (const row of parseGermEval(readFileSync(join(dir, 'germeval2018.training.txt'), 'utf8'), 'germeval2018.training.txt')) {
    keep({ source: 'germeval2018-train', lang: 'de', ...row });
  }
  const iwg = parse(readFileSync(join(dir, 'iwg-refugees.csv'), 'utf8'), { from_line: 2 }) as string[][];
  iwg.forEach((row, i) => {
    const [text, expert1, expert2] = row;
    if (text === undefined || expert1 !== expert2) return;
    const offensive = expert1 === 'YES';
    keep({ source: 'iwg-refugees', ref: `iwg-refugees.csv:${i + 2}`, lang: 'de', text, offensive, fine: offensive ? 'abuse' : null });
  });
  readFileSync(join(dir, 'fox-news-comments.jsonl'), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const row = JSON.parse(line) as { text: string; label: number };
      keep({ source: 'fox-news', ref: `fox-news-comments.jsonl:${i + 1}`, lang: 'en', text: row.text, offensive: row.label === 1, fine: null });
    });
  return docs;
}

/** Texts compared for hold-out ignore spacing and line-break markers. */
export function normaliseForMatch(text: string): string {
  return text.replaceAll('|LBR|', '\n').replace(/\s+/gu, ' ').trim();
}

/** The eval sets that measure the model: their texts are never trained on. */
export const HELD_OUT_SETS = ['incivility', 'threats'] as const;

/** The texts of the items of HELD_OUT_SETS under `evalDir`, for the hold-out. */
export function evalTexts(evalDir: string): Set<string> {
  const texts = new Set<string>();
  for (const set of readdirSync(evalDir, { withFileTypes: true })) {
    if (!set.isDirectory() || !(HELD_OUT_SETS as readonly string[]).includes(set.name)) continue;
    for (const file of readdirSync(join(evalDir, set.name)).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(evalDir, set.name, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const item = JSON.parse(line) as { text?: unknown };
        if (typeof item.text === 'string') texts.add(normaliseForMatch(item.text));
      }
    }
  }
  return texts;
}

/** sha256 over the training files' bytes, in their fixed order, plus the held-out texts. */
export function trainingDataHash(dir: string, heldOut: ReadonlySet<string>, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const file of TRAINING_FILES) {
    hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  }
  for (const text of [...heldOut].sort()) hash.update(text).update('\0');
  for (const part of extra) hash.update(part).update('\0');
  return hash.digest('hex');
}
