import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { splitOf } from '../eval/split.js';
import { findDataDir } from '../platform/data-dir.js';

export type FineLabel = 'insult' | 'abuse' | 'profanity';

/** One labelled comment the model learns from. `fine` is null for OTHER and where a source has no fine labels. */
export interface TrainingDoc {
  source: 'germeval2018-train' | 'iwg-refugees' | 'fox-news' | 'loupe-labelled';
  ref: string;
  lang: 'de' | 'en';
  text: string;
  offensive: boolean;
  fine: FineLabel | null;
}

/** The training files shipped in data/training/incivility/, as read (their hash goes into the model). */
export const TRAINING_FILES = ['germeval2018.training.txt', 'iwg-refugees.csv', 'fox-news-comments.jsonl'] as const;

export function findTrainingDir(): string {
  const dir = findDataDir('training', 'incivility');
  if (dir === null) throw new Error('data/training/incivility not found');
  return join(dir, 'incivility');
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
 * Every training document, minus any whose text is also an item of the incivility or threats
 * evaluation sets, plus the dev-split items Loupe labelled itself (`heldOut`, see evalHoldOut).
 * - GermEval 2018 training: all 5 009 tweets with their coarse and fine labels.
 * - IWG refugees: a tweet both experts call hate speech is offensive abuse (it degrades a group);
 *   one both call not hate speech is other; a disagreement is left out.
 * - Fox News comments: the annotators' hateful (1) is offensive, without a fine label; 0 is other.
 */
export function loadTrainingDocs(dir: string, heldOut: EvalHoldOut): TrainingDoc[] {
  const docs: TrainingDoc[] = [];
  const keep = (doc: TrainingDoc): void => {
    if (!heldOut.texts.has(normaliseForMatch(doc.text))) docs.push(doc);
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
  docs.push(...heldOut.docs);
  return docs;
}

/** Texts compared for hold-out ignore spacing and line-break markers. */
export function normaliseForMatch(text: string): string {
  return text.replaceAll('|LBR|', '\n').replace(/\s+/gu, ' ').trim();
}

/** The eval set whose labels (by Loupe's definitions) train the model, dev split only. */
export const LABELLED_SET = 'incivility';
/** Sets whose texts are never trained on as the corpora label them. */
export const HELD_OUT_SETS = ['incivility', 'threats'] as const;

const CODE_TO_FINE: Readonly<Record<string, FineLabel>> = { 'text.insult': 'insult', 'text.abuse': 'abuse', 'text.profanity': 'profanity' };

export interface EvalHoldOut {
  /** Texts of every item of HELD_OUT_SETS: no corpus row with one of these texts is trained on. */
  texts: Set<string>;
  /**
   * The dev-split items of LABELLED_SET, with the labels Loupe's labellers gave them (offensive
   * when any instance is labelled, the category the most instances have), except GermEval 2018
   * test tweets, which stay out so the published anchor is never trained on. The test split is
   * never trained on, so its figures measure the model; dev figures of these items do not.
   */
  docs: TrainingDoc[];
}

export function evalHoldOut(evalDir: string): EvalHoldOut {
  const texts = new Set<string>();
  const docs: TrainingDoc[] = [];
  for (const set of HELD_OUT_SETS) {
    const dir = join(evalDir, set);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.trim() === '') return;
          const item = JSON.parse(line) as { id: string; lang: 'de' | 'en'; source: string; text: string; expect: { code: string }[] };
          texts.add(normaliseForMatch(item.text));
          if (set !== LABELLED_SET || splitOf(item.id) !== 'dev' || item.source === 'germeval2018-test') return;
          const counts = new Map<FineLabel, number>();
          for (const e of item.expect) {
            const fine = CODE_TO_FINE[e.code];
            if (fine !== undefined) counts.set(fine, (counts.get(fine) ?? 0) + 1);
          }
          let fine: FineLabel | null = null;
          for (const [label, n] of counts) if (fine === null || n > counts.get(fine)!) fine = label;
          docs.push({ source: 'loupe-labelled', ref: `${set}/${file}:${i + 1}`, lang: item.lang, text: item.text, offensive: fine !== null, fine });
        });
    }
  }
  return { texts, docs };
}

/** sha256 over the training files' bytes, in their fixed order, plus the held-out texts. */
export function trainingDataHash(dir: string, heldOut: EvalHoldOut, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const file of TRAINING_FILES) {
    hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  }
  for (const text of [...heldOut.texts].sort()) hash.update(text).update('\0');
  for (const doc of heldOut.docs) hash.update(JSON.stringify(doc)).update('\0');
  for (const part of extra) hash.update(part).update('\0');
  return hash.digest('hex');
}
