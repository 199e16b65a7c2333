import { featureScale, type Features } from '../analysis/incivility/features.js';

/**
 * Sparse logistic and softmax regression over hashed features, trained by AdaGrad in a fixed
 * order: the same documents and options always give the same weights, bit for bit, on any machine
 * with IEEE doubles. Each document's features weigh 1/sqrt(count), so a long comment is not more
 * offensive for having more words.
 */
export interface TrainOptions {
  buckets: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty per example on the features it touches (lazy regularisation). */
  l2: number;
  seed: number;
  /** Per-bucket factor on the feature values (naive-Bayes log-count ratios); none: 1. */
  featureScale?: Float64Array;
}

export interface Example {
  features: Features;
  /** Class index (0/1 for a binary head, 0..k-1 for softmax). */
  label: number;
  weight: number;
}

/** mulberry32: a small seeded generator, so the shuffles are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

function scale(f: Features): number {
  return featureScale(f.count);
}

/** Weights for k classes, interleaved (bucket * k + class), and one bias per class. */
export interface LinearWeights {
  classes: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Raw scores (logits) of one document for every class. */
export function logits(model: LinearWeights, f: Features): Float64Array {
  const k = model.classes;
  const out = Float64Array.from(model.bias);
  const v = scale(f);
  for (let i = 0; i < f.count; i++) {
    const base = f.buckets[i]! * k;
    for (let c = 0; c < k; c++) out[c]! += model.weights[base + c]! * v;
  }
  return out;
}

/**
 * Trains k-class softmax regression (k = 2 is plain logistic regression, with class 1 the
 * positive). AdaGrad keeps one accumulator per weight; L2 shrinks only the weights an example
 * touches.
 */
export function trainLinear(examples: readonly Example[], classes: number, options: TrainOptions): LinearWeights {
  const k = classes;
  const weights = new Float64Array(options.buckets * k);
  const accum = new Float64Array(options.buckets * k).fill(1e-8);
  const bias = new Float64Array(k);
  const biasAccum = new Float64Array(k).fill(1e-8);
  const random = seededRandom(options.seed);
  const probs = new Float64Array(k);
  const fs = options.featureScale;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffled(examples.length, random);
    for (const index of order) {
      const ex = examples[index]!;
      const f = ex.features;
      const v = scale(f);
      // Forward pass.
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let z = bias[c]!;
        for (let i = 0; i < f.count; i++) z += weights[f.buckets[i]! * k + c]! * v * (fs === undefined ? 1 : fs[f.buckets[i]!]!);
        probs[c] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        probs[c] = Math.exp(probs[c]! - max);
        sum += probs[c]!;
      }
      for (let c = 0; c < k; c++) {
        const g = ex.weight * (probs[c]! / sum - (c === ex.label ? 1 : 0));
        biasAccum[c]! += g * g;
        bias[c]! -= (options.learningRate * g) / Math.sqrt(biasAccum[c]!);
        for (let i = 0; i < f.count; i++) {
          const j = f.buckets[i]! * k + c;
          const gj = g * v * (fs === undefined ? 1 : fs[f.buckets[i]!]!) + options.l2 * weights[j]!;
          accum[j]! += gj * gj;
          weights[j]! -= (options.learningRate * gj) / Math.sqrt(accum[j]!);
        }
      }
    }
  }
  return { classes: k, weights, bias };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Platt scaling: a, b with p = sigmoid(a * score + b), fitted by Newton steps on held-out scores. */
export function fitPlatt(scores: readonly number[], labels: readonly number[]): { a: number; b: number } {
  const positives = labels.filter((l) => l === 1).length;
  const negatives = labels.length - positives;
  // Targets smoothed as Platt (1999) suggests, so a separable fold does not drive a to infinity.
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const t = labels[i] === 1 ? hi : lo;
      const s = scores[i]!;
      const p = sigmoid(a * s + b);
      const d = p - t;
      ga += d * s;
      gb += d;
      const w = p * (1 - p);
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}
