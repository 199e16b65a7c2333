import type { CompiledLexicon } from './lexicon.js';
import type { CompiledNameCalling } from './name-calling.js';
import { featureScale, lastWordWeights, scanFeatures, sumWeights, sumWeights3, type FeatureWord } from './features.js';

export type FineCategory = 'insult' | 'abuse' | 'profanity';
export const FINE_CATEGORIES: readonly FineCategory[] = ['insult', 'abuse', 'profanity'];

/**
 * The trained incivility model as the engine uses it (data/models/incivility.json, decoded by
 * src/incivility/load-model.ts). Weights are 16-bit integers times a scale: a quarter of the
 * size of doubles at a precision far below what the training data can tell apart.
 * - `offense`: one weight per bucket; `sigmoid(platt.a * score + platt.b)` is the calibrated
 *   probability that a comment is offensive (GermEval's OFFENSE).
 * - `fine`: three weights per bucket (insult, abuse, profanity), a softmax over them says which
 *   kind of offence it is.
 */
export interface IncivilityModel {
  version: string;
  buckets: number;
  /** The lexicon whose hits are features (the one the model was trained with); null: none. */
  lexicon: CompiledLexicon | null;
  offense: { weights: Int16Array; scale: number; bias: number; platt: { a: number; b: number } };
  fine: { weights: Int16Array; scale: number; bias: readonly number[] };
  /** Probability of offence from which each category's reason is given. */
  thresholds: Readonly<Record<FineCategory, number>>;
  /** Name-calling found by grammar (data/name-calling/), read beside the model; none: the model alone. */
  nameCalling?: CompiledNameCalling;
}

/** What the model says about one comment. */
export interface IncivilityScore {
  /** Calibrated probability that the comment is offensive. */
  probability: number;
  /** Share of each category, given that it is offensive (sums to 1). */
  shares: Record<FineCategory, number>;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

const FINE_SUMS = new Float64Array(3);

/** The calibrated offence probability of the features scanned last. */
function offenceProbability(model: IncivilityModel, count: number): number {
  const v = featureScale(count);
  const score = model.offense.bias + sumWeights(model.offense.weights) * model.offense.scale * v;
  return sigmoid(model.offense.platt.a * score + model.offense.platt.b);
}

/** The category shares of the features scanned last. */
function categoryShares(model: IncivilityModel, count: number): Record<FineCategory, number> {
  const v = featureScale(count);
  sumWeights3(model.fine.weights, FINE_SUMS);
  const z0 = model.fine.bias[0]! + FINE_SUMS[0]! * model.fine.scale * v;
  const z1 = model.fine.bias[1]! + FINE_SUMS[1]! * model.fine.scale * v;
  const z2 = model.fine.bias[2]! + FINE_SUMS[2]! * model.fine.scale * v;
  const max = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - max);
  const e1 = Math.exp(z1 - max);
  const e2 = Math.exp(z2 - max);
  const sum = e0 + e1 + e2;
  return { insult: e0 / sum, abuse: e1 / sum, profanity: e2 / sum };
}

/**
 * What the model says about one comment, or null when the offence probability stays below
 * `floor`: then neither the categories nor the features are needed, which is most comments.
 */
export function scoreIncivility(model: IncivilityModel, text: string, floor = 0): IncivilityScore | null {
  const count = scanFeatures(text, model.buckets, model.lexicon);
  const probability = offenceProbability(model, count);
  if (probability < floor) return null;
  return { probability, shares: categoryShares(model, count) };
}

/** A run of adjacent words that together push the comment towards offence. */
export interface Phrase {
  start: number;
  end: number;
  /** The words' summed contribution to the offence score. */
  weight: number;
  /** Spans of its words. */
  words: FeatureWord[];
}

/**
 * Where the offence lies in the text scored last (call it right after scoreIncivility): each
 * word's contribution to the offence score (its own n-grams, half of each bigram it is part of),
 * the words that carry at least a quarter of the strongest one's (at most `maxWords`), merged into
 * phrases where they stand next to each other, strongest phrase first.
 */
export function explainIncivility(model: IncivilityModel, maxWords = 4): Phrase[] {
  const { words, starts, ends, weights } = lastWordWeights(model.offense.weights);
  let max = 0;
  for (let w = 0; w < words; w++) if (weights[w]! > max) max = weights[w]!;
  if (max <= 0) return [];
  const chosen: number[] = [];
  for (let w = 0; w < words; w++) if (weights[w]! >= max / 4) chosen.push(w);
  chosen.sort((a, b) => weights[b]! - weights[a]! || a - b);
  chosen.length = Math.min(chosen.length, maxWords);
  chosen.sort((a, b) => a - b);
  const phrases: Phrase[] = [];
  let previous = -2;
  for (const w of chosen) {
    const word = { start: starts[w]!, end: ends[w]! };
    const weight = weights[w]! * model.offense.scale;
    const last = phrases[phrases.length - 1];
    if (last !== undefined && previous === w - 1) {
      last.end = word.end;
      last.weight += weight;
      last.words.push(word);
    } else phrases.push({ start: word.start, end: word.end, weight, words: [word] });
    previous = w;
  }
  return phrases.sort((a, b) => b.weight - a.weight || a.start - b.start);
}
