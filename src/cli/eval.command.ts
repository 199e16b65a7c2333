import type { Writable } from 'node:stream';
import { buildEvalContext } from '../eval/eval-context.js';
import { formatGermEvalAnchor, germEvalTestFile, runGermEvalAnchor } from '../eval/germeval-anchor.js';
import { formatEvalJson, formatEvalMarkdown, formatEvalReport } from '../eval/format-eval.js';
import { EvalDataError, loadEvalSets } from '../eval/load-eval-sets.js';
import { runEval } from '../eval/run-eval.js';
import type { Split } from '../eval/split.js';

export const EVAL_USAGE = `  eval [--set NAME] [--split dev|test] [--json | --markdown] [--summary]
      Run the engine over the labelled sets in data/eval/ and print precision, recall, F1,
      span agreement and stance accuracy per reason code, language, split and origin (real or
      constructed), then every failure (only those of --split when given; none with --summary).
      --markdown prints the README's "How good is it?" table (test split). With every set or
      --set incivility, the GermEval 2018 test set is scored too (coarse and fine macro-F1).
`;

export interface EvalOptions {
  set?: string;
  split?: Split;
  format: 'text' | 'json' | 'markdown';
  failures: boolean;
  listsDir?: string;
  politicsDir?: string;
  modelFile?: string;
  outletsFile?: string;
  stdout: Writable;
  stderr: Writable;
}

/** `loupe eval`: the engine as shipped (bundled lists and politics data) against the labels. */
export function runEvalCommand(options: EvalOptions): number {
  let sets;
  try {
    sets = loadEvalSets(undefined, options.set);
  } catch (e) {
    if (e instanceof EvalDataError) {
      options.stderr.write(`loupe eval: ${e.message}\n`);
      return options.set !== undefined && e.message.includes('no set named') ? 2 : 1;
    }
    throw e;
  }
  const context = buildEvalContext(options.listsDir, options.politicsDir, options.modelFile, options.outletsFile);
  const scores = runEval(sets, context);
  const anchorFile = options.set === undefined || options.set === 'incivility' ? germEvalTestFile() : null;
  const anchor = anchorFile === null ? null : runGermEvalAnchor(context, anchorFile);
  let text =
    options.format === 'json'
      ? formatEvalJson(scores)
      : options.format === 'markdown'
        ? formatEvalMarkdown(scores)
        : formatEvalReport(scores, { failures: options.failures, ...(options.split ? { split: options.split } : {}) });
  if (anchor !== null) text = options.format === 'json' ? `${JSON.stringify({ ...(JSON.parse(text) as object), germeval2018Test: anchor }, null, 2)}\n` : text + formatGermEvalAnchor(anchor, options.format === 'markdown');
  options.stdout.write(text);
  return 0;
}
