import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extractFeatures, featureScale, type Features } from '../analysis/incivility/features.js';
import { detectIncivility } from '../analysis/incivility/detect-incivility.js';
import { FINE_CATEGORIES, type IncivilityModel } from '../analysis/incivility/model.js';
import { macroF1 } from '../eval/class-figures.js';
import { fitPlatt, sigmoid, trainLinear, type Example, type LinearWeights, type TrainOptions } from './linear-model.js';
import { compileLexicon } from '../analysis/incivility/lexicon.js';
import { lexiconFingerprint, modelFromFile } from './load-model.js';
import { loadLexiconFiles } from './load-lexicons.js';
import type { IncivilityModelFile } from './model-file.schema.js';
import { evalHoldOut, loadTrainingDocs, parseGermEval, trainingDataHash, type TrainingDoc } from './training-data.js';

/**
 * The training recipe, chosen by 5-fold cross-validation on the GermEval 2018 training set (the
 * test set was not used to choose; see README "How good is it?"). Plain logistic regression over
 * the same features reached a coarse macro-F1 of about 0.752 there; scaling each feature by its
 * naive-Bayes log-count ratio (Wang & Manning 2012) about 0.764; adding the lexicon's hits as
 * features (src/analysis/incivility/features.ts) about 0.770. 2^18 buckets did as well as 2^20.
 */
export const RECIPE = Object.freeze({
  buckets: 1 << 18,
  folds: 5,
  offense: { epochs: 10, learningRate: 0.1, l2: 1e-5, seed: 20181, nbAlpha: 1 },
  fine: { epochs: 10, learningRate: 0.1, l2: 1e-5, seed: 20182 },
});

const FORMAT = 'loupe-incivility-model/1';

export interface TrainInputs {
  trainingDir: string;
  /** data/eval/: its items' texts are held out of training. */
  evalDir: string;
  /** data/lexicons/ (default: the bundled one). */
  lexiconDir?: string;
  /** GermEval 2018 test file, for the figures recorded in the model (never trained on). */
  germevalTest: string;
}

export interface Metrics {
  cvMacroF1: number;
  threshold: number;
  germeval2018Test: { coarseMacroF1: number; fineMacroF1: number; items: number };
}

/** Naive-Bayes log-count ratio of each bucket (|log(p/q)|, documents counted once per bucket). */
function nbRatios(features: readonly Features[], labels: readonly boolean[], buckets: number, alpha: number): Float64Array {
  const p = new Float64Array(buckets).fill(alpha);
  const q = new Float64Array(buckets).fill(alpha);
  const seen = new Uint32Array(buckets);
  features.forEach((f, d) => {
    const stamp = d + 1;
    const counts = labels[d] ? p : q;
    for (let i = 0; i < f.count; i++) {
      const b = f.buckets[i]!;
      if (seen[b] === stamp) continue;
      seen[b] = stamp;
      counts[b]! += 1;
    }
  });
  let sp = 0;
  let sq = 0;
  for (let b = 0; b < buckets; b++) {
    sp += p[b]!;
    sq += q[b]!;
  }
  const r = new Float64Array(buckets);
  for (let b = 0; b < buckets; b++) r[b] = Math.abs(Math.log(p[b]! / sp / (q[b]! / sq)));
  return r;
}

/** Offence score (logit of class 1 over class 0) of a two-class model whose features were scaled by `ratios`. */
function offenceScore(model: LinearWeights, ratios: Float64Array, f: Features): number {
  let z = model.bias[1]! - model.bias[0]!;
  const v = featureScale(f.count);
  for (let i = 0; i < f.count; i++) {
    const b = f.buckets[i]!;
    z += (model.weights[b * 2 + 1]! - model.weights[b * 2]!) * ratios[b]! * v;
  }
  return z;
}

function trainOffence(features: readonly Features[], docs: readonly TrainingDoc[], indices: readonly number[]): { model: LinearWeights; ratios: Float64Array } {
  const { buckets } = RECIPE;
  const { nbAlpha, ...rest } = RECIPE.offense;
  const ratios = nbRatios(
    indices.map((i) => features[i]!),
    indices.map((i) => docs[i]!.offensive),
    buckets,
    nbAlpha,
  );
  const examples: Example[] = indices.map((i) => ({ features: features[i]!, label: docs[i]!.offensive ? 1 : 0, weight: 1 }));
  const options: TrainOptions = { buckets, ...rest, featureScale: ratios };
  return { model: trainLinear(examples, 2, options), ratios };
}

/** Symmetric 16-bit quantisation: value ≈ q * scale. */
function quantise(values: Float64Array): { weights: Int16Array; scale: number } {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  const scale = max === 0 ? 1 : max / 32767;
  const weights = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) weights[i] = Math.round(values[i]! / scale);
  return { weights, scale };
}

function base64(array: Int16Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function round(value: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The GermEval 2018 figures of a model: coarse OFFENSE/OTHER and fine 4-class macro-F1. */
export function germevalFigures(model: IncivilityModel, content: string): Metrics['germeval2018Test'] {
  const rows = parseGermEval(content, 'germeval2018.test.txt');
  const coarse: string[] = [];
  const fine: string[] = [];
  for (const row of rows) {
    const [finding] = detectIncivility(row.text, model);
    coarse.push(finding ? 'OFFENSE' : 'OTHER');
    fine.push(finding ? finding.code.slice('text.'.length) : 'other');
  }
  return {
    coarseMacroF1: round(macroF1(coarse, rows.map((r) => (r.offensive ? 'OFFENSE' : 'OTHER')), ['OFFENSE', 'OTHER']), 4),
    fineMacroF1: round(macroF1(fine, rows.map((r) => r.fine ?? 'other'), ['other', ...FINE_CATEGORIES]), 4),
    items: rows.length,
  };
}

/**
 * Trains the model from the shipped data, deterministically: the same files always give the same
 * model file, byte for byte (test/incivility-model.test.ts checks the shipped one).
 */
export function trainIncivility(inputs: TrainInputs): IncivilityModelFile {
  const { buckets, folds } = RECIPE;
  const heldOut = evalHoldOut(inputs.evalDir);
  const docs = loadTrainingDocs(inputs.trainingDir, heldOut);
  const lexiconFiles = loadLexiconFiles(inputs.lexiconDir);
  const lexicon = compileLexicon(lexiconFiles);
  const features = docs.map((d) => extractFeatures(d.text, buckets, lexicon));
  const all = docs.map((_, i) => i);

  // Out-of-fold offence scores: what calibration and the threshold are fitted on.
  const oof = new Float64Array(docs.length);
  for (let k = 0; k < folds; k++) {
    const { model, ratios } = trainOffence(
      features,
      docs,
      all.filter((i) => i % folds !== k),
    );
    for (const i of all) if (i % folds === k) oof[i] = offenceScore(model, ratios, features[i]!);
  }
  const platt = fitPlatt([...oof], docs.map((d) => (d.offensive ? 1 : 0)));
  const germeval = all.filter((i) => docs[i]!.source === 'germeval2018-train');
  let threshold = 0.5;
  let cvMacroF1 = -1;
  for (let t = 20; t <= 80; t++) {
    const th = t / 100;
    const predicted = germeval.map((i) => (sigmoid(platt.a * oof[i]! + platt.b) >= th ? 'OFFENSE' : 'OTHER'));
    const f = macroF1(predicted, germeval.map((i) => (docs[i]!.offensive ? 'OFFENSE' : 'OTHER')), ['OFFENSE', 'OTHER']);
    if (f > cvMacroF1 + 1e-12) {
      cvMacroF1 = f;
      threshold = th;
    }
  }

  const final = trainOffence(features, docs, all);
  const offenceWeights = new Float64Array(buckets);
  for (let b = 0; b < buckets; b++) offenceWeights[b] = (final.model.weights[b * 2 + 1]! - final.model.weights[b * 2]!) * final.ratios[b]!;
  const offence = quantise(offenceWeights);

  const fineExamples: Example[] = all
    .filter((i) => docs[i]!.offensive && docs[i]!.fine !== null)
    .map((i) => ({ features: features[i]!, label: FINE_CATEGORIES.indexOf(docs[i]!.fine!), weight: 1 }));
  const fineModel = trainLinear(fineExamples, FINE_CATEGORIES.length, { buckets, ...RECIPE.fine });
  const fine = quantise(fineModel.weights);

  const weightsHash = createHash('sha256').update(base64(offence.weights)).update(base64(fine.weights)).digest('hex');
  const thresholds = { insult: threshold, abuse: threshold, profanity: threshold };
  const file: IncivilityModelFile = {
    format: FORMAT,
    version: `1.0.0+${weightsHash.slice(0, 10)}`,
    trainingDataHash: trainingDataHash(inputs.trainingDir, heldOut, [JSON.stringify(RECIPE), lexiconFingerprint(lexiconFiles)]),
    lexicon: { versions: lexiconFiles.map((f) => `${f.version}`), fingerprint: lexiconFingerprint(lexiconFiles) },
    recipe: RECIPE,
    training: {
      documents: docs.length,
      offensive: docs.filter((d) => d.offensive).length,
      bySource: Object.fromEntries(['germeval2018-train', 'iwg-refugees', 'fox-news', 'loupe-labelled'].map((s) => [s, docs.filter((d) => d.source === s).length])),
      heldOutEvalTexts: heldOut.texts.size,
      labelledByLoupe: heldOut.docs.length,
      sources: [
        { name: 'GermEval 2018 training set', license: 'CC BY 4.0', attribution: 'Wiegand, Siegel, Ruppenhofer (2018), https://github.com/uds-lsv/GermEval-2018-Data' },
        { name: 'IWG hate speech corpus (refugees)', license: 'CC BY-SA 3.0', attribution: 'Ross et al. (2016), https://github.com/UCSM-DUE/IWG_hatespeech_public' },
        { name: 'Dev split of the incivility evaluation set (data/eval/incivility), labelled by Loupe', license: 'as its sources (Fox News comments: MIT; constructed and seed items: MIT)', attribution: 'data/eval/SOURCES.md' },
        { name: 'Fox News comments annotated for hate', license: 'MIT (as the README states)', attribution: 'Gao & Huang (2017), https://github.com/sjtuprog/fox-news-comments' },
      ],
    },
    buckets,
    thresholds,
    offense: { scale: offence.scale, bias: round(final.model.bias[1]! - final.model.bias[0]!, 12), platt: { a: round(platt.a, 12), b: round(platt.b, 12) }, weights: base64(offence.weights) },
    fine: { classes: ['insult', 'abuse', 'profanity'], scale: fine.scale, bias: [...fineModel.bias].map((b) => round(b, 12)), weights: base64(fine.weights) },
    metrics: { cvMacroF1: round(cvMacroF1, 4), threshold, germeval2018Test: { coarseMacroF1: 0, fineMacroF1: 0, items: 0 } },
  };
  file.metrics.germeval2018Test = germevalFigures(modelFromFile(file, 'trained model', lexiconFiles), readFileSync(inputs.germevalTest, 'utf8'));
  return file;
}

