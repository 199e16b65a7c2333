/** Precision, recall and F1 of one class in a single-label classification. */
export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
}

export function classFigures(predicted: readonly string[], gold: readonly string[], c: string): ClassFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  predicted.forEach((p, i) => {
    if (p === c && gold[i] === c) tp++;
    else if (p === c) fp++;
    else if (gold[i] === c) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { precision, recall, f1: tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn) };
}

/** The mean F1 over `classes` (the GermEval 2018 shared task's metric). */
export function macroF1(predicted: readonly string[], gold: readonly string[], classes: readonly string[]): number {
  return classes.reduce((sum, c) => sum + classFigures(predicted, gold, c).f1, 0) / classes.length;
}
