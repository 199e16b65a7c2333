import { extractFeatures, type FeatureWord, type Features } from './features.js';

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
  offense: { weights: Int16Array; scale: number; bias: number; platt: { a: number; b: number } };
  fine: { weights: Int16Array; scale: number; bias: readonly number[] };
  /** Probability of offence from which each category's reason is given. */
  thresholds: Readonly<Record<FineCategory, number>>;
}

/** What the model says about one comment. */
export interface IncivilityScore {
  /** Calibrated probability that the comment is offensive. */
  probability: number;
  /** Share of each category, given that it is offensive (sums to 1). */
  shares: Record<FineCategory, number>;
  features: Features;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** One pass over the features: the offence probability and the category shares. */
export function scoreIncivility(model: IncivilityModel, text: string): IncivilityScore {
  const features = extractFeatures(text, model.buckets);
  const { offense, fine } = model;
  let raw = 0;
  let f0 = 0;
  let f1 = 0;
  let f2 = 0;
  const ow = offense.weights;
  const fw = fine.weights;
  const buckets = features.buckets;
  for (let i = 0; i < features.count; i++) {
    const b = buckets[i]!;
    raw += ow[b]!;
    const base = b * 3;
    f0 += fw[base]!;
    f1 += fw[base + 1]!;
    f2 += fw[base + 2]!;
  }
  const v = features.count === 0 ? 0 : 1 / Math.sqrt(features.count);
  const score = offense.bias + raw * offense.scale * v;
  const probability = sigmoid(offense.platt.a * score + offense.platt.b);
  const z0 = fine.bias[0]! + f0 * fine.scale * v;
  const z1 = fine.bias[1]! + f1 * fine.scale * v;
  const z2 = fine.bias[2]! + f2 * fine.scale * v;
  const max = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - max);
  const e1 = Math.exp(z1 - max);
  const e2 = Math.exp(z2 - max);
  const sum = e0 + e1 + e2;
  return { probability, shares: { insult: e0 / sum, abuse: e1 / sum, profanity: e2 / sum }, features };
}

/** A run of adjacent words that together push the comment towards offence. */
export interface Phrase {
  start: number;
  end: number;
  /** The words' summed contribution to the offence score. */
  weight: number;
  words: FeatureWord[];
}

/**
 * Where the offence lies: each word's contribution to the offence score (its own n-grams, half of
 * each bigram it is part of), the words that carry at least a quarter of the strongest one's,
 * merged into phrases where they stand next to each other, strongest phrase first.
 */
export function explainIncivility(model: IncivilityModel, score: IncivilityScore, maxWords = 4): Phrase[] {
  const { words, buckets, owner, second, count } = score.features;
  if (words.length === 0) return [];
  const contribution = new Float64Array(words.length);
  const ow = model.offense.weights;
  for (let i = 0; i < count; i++) {
    const w = ow[buckets[i]!]!;
    const other = second[i]!;
    if (other < 0) contribution[owner[i]!]! += w;
    else {
      contribution[owner[i]!]! += w / 2;
      contribution[other]! += w / 2;
    }
  }
  let max = 0;
  for (const c of contribution) if (c > max) max = c;
  if (max <= 0) return [];
  const chosen = [...contribution.keys()]
    .filter((i) => contribution[i]! >= max / 4)
    .sort((a, b) => contribution[b]! - contribution[a]! || a - b)
    .slice(0, maxWords)
    .sort((a, b) => a - b);
  const phrases: Phrase[] = [];
  for (const i of chosen) {
    const last = phrases[phrases.length - 1];
    const word = words[i]!;
    const weight = contribution[i]! * model.offense.scale;
    if (last !== undefined && last.words[last.words.length - 1] === words[i - 1]) {
      last.end = word.end;
      last.weight += weight;
      last.words.push(word);
    } else phrases.push({ start: word.start, end: word.end, weight, words: [word] });
  }
  return phrases.sort((a, b) => b.weight - a.weight || a.start - b.start);
}
