import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeComment, type AnalysisContext } from '../analysis/index.js';
import { parseGermEval } from '../incivility/training-data.js';
import { classFigures, macroF1, type ClassFigures } from './class-figures.js';
import { findEvalDir } from './load-eval-sets.js';

/**
 * The published anchor for incivility: the GermEval 2018 test set (3 532 German tweets, CC BY 4.0,
 * Wiegand, Siegel & Ruppenhofer 2018), scored with the shared task's official metric. The model
 * never trains on it. The whole engine is run: a tweet counts as OFFENSE when it gets any of
 * `text.insult`, `text.abuse`, `text.profanity` or `text.threat`; its fine label is the
 * category of its model reason (`text.threat` alone counts as INSULT, GermEval having no threats).
 */
export interface GermEvalFigures {
  items: number;
  /** OFFENSE / OTHER macro-F1 (task 1). */
  coarseMacroF1: number;
  coarse: { offense: ClassFigures; other: ClassFigures };
  /** OTHER / INSULT / ABUSE / PROFANITY macro-F1 (task 2). */
  fineMacroF1: number;
}

const FINE_OF: Readonly<Record<string, string>> = { 'text.insult': 'INSULT', 'text.abuse': 'ABUSE', 'text.profanity': 'PROFANITY', 'text.threat': 'INSULT' };

export function germEvalTestFile(dir: string = findEvalDir()): string | null {
  const file = join(dir, 'anchors', 'germeval2018.test.txt');
  return existsSync(file) ? file : null;
}

export function runGermEvalAnchor(context: AnalysisContext, file: string): GermEvalFigures {
  const rows = parseGermEval(readFileSync(file, 'utf8'), 'germeval2018.test.txt');
  const coarse: string[] = [];
  const fine: string[] = [];
  for (const row of rows) {
    const reasons = analyzeComment(row.text, { ...context, language: 'de' }).reasons.filter((r) => FINE_OF[r.code] !== undefined);
    const model = reasons.find((r) => r.code !== 'text.threat') ?? reasons[0];
    coarse.push(model ? 'OFFENSE' : 'OTHER');
    fine.push(model ? FINE_OF[model.code]! : 'OTHER');
  }
  const goldCoarse = rows.map((r) => (r.offensive ? 'OFFENSE' : 'OTHER'));
  const goldFine = rows.map((r) => (r.fine === null ? 'OTHER' : r.fine.toUpperCase()));
  const offense = classFigures(coarse, goldCoarse, 'OFFENSE');
  const other = classFigures(coarse, goldCoarse, 'OTHER');
  return { items: rows.length, coarseMacroF1: (offense.f1 + other.f1) / 2, coarse: { offense, other }, fineMacroF1: macroF1(fine, goldFine, ['OTHER', 'INSULT', 'ABUSE', 'PROFANITY']) };
}

export function formatGermEvalAnchor(f: GermEvalFigures, markdown: boolean): string {
  const x = (v: number): string => v.toFixed(3);
  if (markdown) {
    return `\n| GermEval 2018 test (${f.items} tweets) | coarse macro-F1 | OFFENSE P / R | fine macro-F1 |\n|---|---:|---:|---:|\n| whole engine | ${x(f.coarseMacroF1)} | ${x(f.coarse.offense.precision)} / ${x(f.coarse.offense.recall)} | ${x(f.fineMacroF1)} |\n`;
  }
  return `\nGermEval 2018 test (${f.items} tweets, the published anchor; never trained on): coarse macro-F1 ${x(f.coarseMacroF1)} (OFFENSE P ${x(f.coarse.offense.precision)} R ${x(f.coarse.offense.recall)}, OTHER P ${x(f.coarse.other.precision)} R ${x(f.coarse.other.recall)}), fine macro-F1 ${x(f.fineMacroF1)}\n`;
}
