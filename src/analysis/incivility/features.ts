/**
 * The features the incivility model reads, the same in training and in the engine: hashed word
 * unigrams and bigrams and hashed character 3- to 5-grams of each word (padded with a space at
 * either end, so `idiot` as a whole word and `vollidiot` share ` idiot `-grams at the end).
 *
 * What is left out is left out on purpose, so that a model trained on tweets holds up on news-site
 * and Facebook comments: @handles, hashtags' `#`, `|LBR|`, links and words holding digits carry no
 * features (a hashtag's word does, as a word), and nothing counts punctuation or capitals (shouting
 * is its own detector). Words are folded (lower case, ä → ae, ß → ss, accents dropped, runs of three
 * or more of one letter cut to two: `Idiooooot` reads as `idioot`).
 *
 * With a lexicon (data/lexicons/), each of its hits adds features of its own: its category, and
 * the category together with address in the second person anywhere in the comment (`du`, `euch`,
 * `you`: "du Vollidiot" is an insult, "Vollidioten gibt es überall" less so), each counted
 * LEXICON_REPEAT times, so the hand-made list weighs like a few n-grams and not like one.
 *
 * Each word and character n-gram counts once per comment, however often it is repeated (sixty
 * times "lang" is no more evidence than once); lexicon hits count each time.
 *
 * Hashing needs no vocabulary: a bucket's weight is what the model stores. The bucket count is a
 * power of two; a collision costs a little precision, never an error. The scan is one pass over
 * the code units into reused buffers: the engine runs it on every comment.
 */

import { findLexiconHits, type CompiledLexicon, type LexiconCategory } from './lexicon.js';

/** One word of a comment: its span in the original text. */
export interface FeatureWord {
  start: number;
  end: number;
}

/** Hashed features of a text, each with the word it came from (for the explanation). */
export interface Features {
  words: FeatureWord[];
  /** Bucket of each feature. */
  buckets: Int32Array;
  /** Index into `words` of each feature's word (a bigram's first word). */
  owner: Int32Array;
  /** For a bigram, the index of its second word; -1 otherwise. */
  second: Int32Array;
  count: number;
}

const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x2f1d3c4b;
const SEED_BIGRAM = 0x5a3c9e17;
const SEED_CHAR = 0x811c9dc5;
const SPACE = 0x20;
const MIN_GRAM = 3;
const MAX_GRAM = 5;
/** Longer runs of letters are no words anyone insults with; their tail is not read. */
const MAX_WORD = 40;
/**
 * Each feature of a comment with n features weighs 1/sqrt(n + FEATURE_PRIOR): about 1/sqrt(n) for
 * a comment of some length, but a one-word comment ("Schaut") is not judged by its one word as if
 * that were all the evidence there is. Chosen by 5-fold CV: 0 → 0.767, 30 → 0.769, 60 → 0.770,
 * 120 → 0.774, 250 → 0.774.
 */
export const FEATURE_PRIOR = 120;

/** The weight of each feature of a comment with `count` features. */
export function featureScale(count: number): number {
  return count === 0 ? 0 : 1 / Math.sqrt(count + FEATURE_PRIOR);
}

/** How many features one lexicon hit adds (chosen by cross-validation: 1, 3; 3 was better). */
const LEXICON_REPEAT = 3;

function hashOf(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Word hashes (as the scan computes them) of the second-person words, German and English. */
const SECOND_PERSON = new Set(
  ['du', 'dich', 'dir', 'dein', 'deine', 'deinen', 'deinem', 'deiner', 'deines', 'ihr', 'euch', 'euer', 'eure', 'euren', 'eurem', 'eurer', 'you', 'your', 'youre', 'yours', 'yourself', 'ur', 'u'].map((w) => hashOf(SEED_WORD, w)),
);
const CATEGORY_HASH: Readonly<Record<LexiconCategory, number>> = {
  insult: hashOf(SEED_WORD, '\u0000lexicon:insult'),
  abuse: hashOf(SEED_WORD, '\u0000lexicon:abuse'),
  profanity: hashOf(SEED_WORD, '\u0000lexicon:profanity'),
  dehumanising: hashOf(SEED_WORD, '\u0000lexicon:dehumanising'),
};
const ADDRESSED_HASH: Readonly<Record<LexiconCategory, number>> = {
  insult: hashOf(SEED_WORD, '\u0000lexicon+2p:insult'),
  abuse: hashOf(SEED_WORD, '\u0000lexicon+2p:abuse'),
  profanity: hashOf(SEED_WORD, '\u0000lexicon+2p:profanity'),
  dehumanising: hashOf(SEED_WORD, '\u0000lexicon+2p:dehumanising'),
};

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const MARK = /^\p{M}$/u;

/**
 * The folded form of one code unit below U+0250 ('' for a mark, null for a unit that is no word
 * character), computed once: Latin-1 and Latin Extended cover the letters of German and English
 * comments, and everything above goes the slow way.
 */
const FOLD_TABLE: (string | null)[] = [];
for (let unit = 0; unit < 0x250; unit++) FOLD_TABLE.push(foldChar(String.fromCharCode(unit)));

function foldChar(c: string): string | null {
  if (!WORD_CHAR.test(c)) return null;
  if (MARK.test(c)) return '';
  const lower = c.toLowerCase();
  if (lower === 'ä') return 'ae';
  if (lower === 'ö') return 'oe';
  if (lower === 'ü') return 'ue';
  if (lower === 'ß' || c === 'ẞ') return 'ss';
  return lower.normalize('NFD').replace(/\p{M}/gu, '');
}

class Scratch {
  buckets = new Int32Array(1024);
  owner = new Int32Array(1024);
  second = new Int32Array(1024);
  starts = new Int32Array(128);
  ends = new Int32Array(128);
  hashes = new Int32Array(128);
  key = new Uint16Array(MAX_WORD + 2);
  count = 0;
  words = 0;
  /** Per bucket, the scan that last emitted it: each n-gram counts once per comment. */
  seen = new Uint32Array(0);
  stamp = 0;

  ensure(features: number, words: number): void {
    if (features > this.buckets.length) {
      const n = Math.max(features, this.buckets.length * 2);
      this.buckets = new Int32Array(n);
      this.owner = new Int32Array(n);
      this.second = new Int32Array(n);
    }
    if (words > this.starts.length) {
      const n = Math.max(words, this.starts.length * 2);
      this.starts = new Int32Array(n);
      this.ends = new Int32Array(n);
      this.hashes = new Int32Array(n);
    }
  }
}

const SCRATCH = new Scratch();

function isDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

/** Whether the code unit(s) at `i` belong to a word; for a surrogate pair, the pair's character. */
function wordCharAt(text: string, i: number, unit: number): boolean {
  if (unit < 0x250) return FOLD_TABLE[unit] !== null;
  if (unit >= 0xd800 && unit <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2));
  if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  return WORD_CHAR.test(text.charAt(i));
}

/**
 * Scans `text` into SCRATCH (valid until the next call): word spans and hashes, then every
 * feature's bucket and owner. Returns nothing; SCRATCH.count and SCRATCH.words say how many.
 */
function scan(text: string, mask: number, lexicon: CompiledLexicon | null): void {
  const s = SCRATCH;
  const n = text.length;
  s.ensure(Math.ceil(n * (MAX_GRAM - MIN_GRAM + 2)) + 16, (n >> 1) + 2);
  const key = s.key;
  let words = 0;
  let count = 0;
  let addressed = false;
  if (s.seen.length !== mask + 1) s.seen = new Uint32Array(mask + 1);
  const seen = s.seen;
  const stamp = ++s.stamp;
  let i = 0;
  while (i < n) {
    let unit = text.charCodeAt(i);
    if (!wordCharAt(text, i, unit)) {
      if (unit === 0x40 /* @ */ && i + 1 < n && wordCharAt(text, i + 1, text.charCodeAt(i + 1))) {
        // An @handle: skipped whole, underscores included.
        i++;
        while (i < n && (wordCharAt(text, i, (unit = text.charCodeAt(i))) || unit === 0x5f)) i += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
        continue;
      }
      i += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
      continue;
    }
    const start = i;
    let length = 0;
    let digit = false;
    let last = -1;
    let run = 0;
    while (i < n) {
      unit = text.charCodeAt(i);
      let folded: string | null;
      let width = 1;
      if (unit < 0x80) {
        if (isDigit(unit)) digit = true;
        else if (FOLD_TABLE[unit] === null) break;
        const f = unit >= 0x41 && unit <= 0x5a ? unit | 0x20 : unit;
        run = f === last ? run + 1 : 1;
        last = f;
        if (run <= 2 && length < MAX_WORD) key[length++] = f;
        i++;
        continue;
      }
      if (unit < 0x250) folded = FOLD_TABLE[unit]!;
      else {
        width = unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
        const c = text.slice(i, i + width);
        folded = foldChar(c);
      }
      if (folded === null) break;
      for (let k = 0; k < folded.length; k++) {
        const f = folded.charCodeAt(k);
        if (isDigit(f)) digit = true;
        run = f === last ? run + 1 : 1;
        last = f;
        if (run <= 2 && length < MAX_WORD) key[length++] = f;
      }
      i += width;
    }
    // A link (`http…`, `https…`, `www.…`) is skipped to the next space.
    if (length >= 3 && ((key[0] === 0x68 && key[1] === 0x74 && key[2] === 0x74) || (key[0] === 0x77 && key[1] === 0x77 && key[2] === 0x77))) {
      const next = text.charCodeAt(i);
      if (next === 0x3a /* : */ || next === 0x2e /* . */) {
        while (i < n && text.charCodeAt(i) > SPACE) i++;
        continue;
      }
    }
    if (digit || length === 0) continue;
    let h = SEED_WORD;
    for (let k = 0; k < length; k++) h = Math.imul(h ^ key[k]!, FNV_PRIME);
    if (SECOND_PERSON.has(h)) addressed = true;
    s.starts[words] = start;
    s.ends[words] = i;
    s.hashes[words] = h;
    const unigram = (h >>> 0) & mask;
    if (seen[unigram] !== stamp) {
      seen[unigram] = stamp;
      s.buckets[count] = unigram;
      s.owner[count] = words;
      s.second[count++] = -1;
    }
    if (words > 0) {
      const bigram = (Math.imul(Math.imul(s.hashes[words - 1]! ^ SEED_BIGRAM, FNV_PRIME) ^ h, FNV_PRIME) >>> 0) & mask;
      if (seen[bigram] !== stamp) {
        seen[bigram] = stamp;
        s.buckets[count] = bigram;
        s.owner[count] = words - 1;
        s.second[count++] = words;
      }
    }
    // Character n-grams of " key ", each from its start position, grown one unit at a time.
    const padded = length + 2;
    for (let st = 0; st + MIN_GRAM <= padded; st++) {
      let g = SEED_CHAR;
      for (let k = 0; k < MAX_GRAM && st + k < padded; k++) {
        const at = st + k;
        g = Math.imul(g ^ (at === 0 || at === padded - 1 ? SPACE : key[at - 1]!), FNV_PRIME);
        const gram = (g >>> 0) & mask;
        if (k + 1 >= MIN_GRAM && seen[gram] !== stamp) {
          seen[gram] = stamp;
          s.buckets[count] = gram;
          s.owner[count] = words;
          s.second[count++] = -1;
        }
      }
    }
    words++;
  }
  if (lexicon !== null && words > 0) {
    const hits = findLexiconHits(lexicon, text);
    if (hits.length > 0) {
      s.ensure(count + hits.length * LEXICON_REPEAT * 2, words);
      for (const hit of hits) {
        const owner = wordAt(s.starts, words, hit.start);
        for (let r = 0; r < LEXICON_REPEAT; r++) {
          s.buckets[count] = (CATEGORY_HASH[hit.category] >>> 0) & mask;
          s.owner[count] = owner;
          s.second[count++] = -1;
          if (addressed) {
            s.buckets[count] = (ADDRESSED_HASH[hit.category] >>> 0) & mask;
            s.owner[count] = owner;
            s.second[count++] = -1;
          }
        }
      }
    }
  }
  s.count = count;
  s.words = words;
}

/** The index of the last word starting at or before `offset` (0 if none). */
function wordAt(starts: Int32Array, words: number, offset: number): number {
  let lo = 0;
  let hi = words - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Sums `weights[bucket]` over the features of the last scan (the engine's hot loop). */
export function sumWeights(weights: Int16Array): number {
  const { buckets, count } = SCRATCH;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += weights[buckets[i]!]!;
  return sum;
}

/** Sums the three interleaved weights of each feature of the last scan into `out`. */
export function sumWeights3(weights: Int16Array, out: Float64Array): void {
  const { buckets, count } = SCRATCH;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < count; i++) {
    const base = buckets[i]! * 3;
    a += weights[base]!;
    b += weights[base + 1]!;
    c += weights[base + 2]!;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}

/** Word spans of the last scan and each word's summed weight (half of each bigram it is in). */
export interface WordWeights {
  words: number;
  starts: Int32Array;
  ends: Int32Array;
  weights: Float64Array;
}

let contributionBuffer = new Float64Array(128);

/** Each word's share of `sumWeights(weights)` over the last scan, in a buffer reused by the next call. */
export function lastWordWeights(weights: Int16Array): WordWeights {
  const s = SCRATCH;
  if (contributionBuffer.length < s.words) contributionBuffer = new Float64Array(s.words * 2);
  const out = contributionBuffer;
  out.fill(0, 0, s.words);
  for (let i = 0; i < s.count; i++) {
    const w = weights[s.buckets[i]!]!;
    const other = s.second[i]!;
    if (other < 0) out[s.owner[i]!]! += w;
    else {
      out[s.owner[i]!]! += w / 2;
      out[other]! += w / 2;
    }
  }
  return { words: s.words, starts: s.starts, ends: s.ends, weights: out };
}

/** Scans `text`; returns the number of features (read them with sumWeights / lastFeatures). */
export function scanFeatures(text: string, bucketCount: number, lexicon: CompiledLexicon | null = null): number {
  scan(text, bucketCount - 1, lexicon);
  return SCRATCH.count;
}

/** A copy of the last scan's features. */
export function lastFeatures(): Features {
  const s = SCRATCH;
  const words: FeatureWord[] = [];
  for (let w = 0; w < s.words; w++) words.push({ start: s.starts[w]!, end: s.ends[w]! });
  return { words, buckets: s.buckets.slice(0, s.count), owner: s.owner.slice(0, s.count), second: s.second.slice(0, s.count), count: s.count };
}

/** The features of `text` for a model with `bucketCount` buckets (a power of two), as a copy. */
export function extractFeatures(text: string, bucketCount: number, lexicon: CompiledLexicon | null = null): Features {
  scan(text, bucketCount - 1, lexicon);
  return lastFeatures();
}
