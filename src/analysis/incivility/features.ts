/**
 * The features the incivility model reads, the same in training and in the engine: hashed word
 * unigrams and bigrams and hashed character 3- to 5-grams of each word (padded with a space at
 * either end, so `idiot` as a whole word and `vollidiot` share ` idiot `-grams at the end).
 *
 * What is left out is left out on purpose, so that a model trained on tweets holds up on news-site
 * and Facebook comments: @handles, hashtags' `#`, `|LBR|`, links and digits carry no features (a
 * hashtag's word does, as a word), and nothing counts punctuation or capitals (shouting is its own
 * detector). Words are folded (lower case, ä → ae, ß → ss, runs of three or more of one letter cut
 * to two: `Idiooooot` reads as `idioot`).
 *
 * Hashing needs no vocabulary: a bucket's weight is what the model stores. The bucket count is a
 * power of two; a collision costs a little precision, never an error.
 */

/** One word of a comment: its span in the original text and its folded form. */
export interface FeatureWord {
  start: number;
  end: number;
  key: string;
}

/** Hashed features of a text, each with the word it came from (for the explanation). */
export interface Features {
  words: FeatureWord[];
  /** Bucket of each feature. */
  buckets: Int32Array;
  /** Index into `words` of each feature's word (a bigram counts for its first word and is split in `second`). */
  owner: Int32Array;
  /** For a bigram, the index of its second word; -1 otherwise. */
  second: Int32Array;
  count: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x2f1d3c4b;
const SEED_BIGRAM = 0x5a3c9e17;
const SEED_CHAR = FNV_OFFSET;
const SPACE = 0x20;
const MIN_GRAM = 3;
const MAX_GRAM = 5;

/** Lower-case letters that fold to two (ä → ae …); others fold to themselves or are dropped. */
const FOLD_TWO: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

function isAsciiLetterOrDigit(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x30 && unit <= 0x39);
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function isWordUnit(text: string, i: number, unit: number): boolean {
  if (unit < 0x80) return isAsciiLetterOrDigit(unit);
  if (unit >= 0xd800 && unit <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2));
  if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  return WORD_CHAR.test(text.charAt(i));
}

/** Folds one word: lower case, umlauts spelled out, marks dropped, letter runs cut to two. */
export function foldModelWord(raw: string): string {
  let lower = raw.toLowerCase();
  if (!/^[\x20-\x7e]*$/.test(lower)) {
    lower = lower
      .normalize('NFC')
      .replace(/[äöüßẞ]/gu, (c) => FOLD_TWO[c] ?? c)
      .normalize('NFD')
      .replace(/\p{M}/gu, '');
  }
  let out = '';
  let run = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    run = i > 0 && c === lower.charCodeAt(i - 1) ? run + 1 : 1;
    if (run <= 2) out += lower.charAt(i);
  }
  return out;
}

/**
 * The words of a text: runs of letters, marks and digits. An @handle is skipped whole, a `#` is
 * not part of the word it tags, a run holding a digit is dropped (numbers, dates, `|LBR|`-style
 * markers become nothing), and so are links (`http…`, `www.…`) up to the next space.
 */
export function modelWords(text: string): FeatureWord[] {
  const words: FeatureWord[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const unit = text.charCodeAt(i);
    if (!isWordUnit(text, i, unit)) {
      if (unit === 0x40 /* @ */ && i + 1 < n && isWordUnit(text, i + 1, text.charCodeAt(i + 1))) {
        i++;
        while (i < n && (isWordUnit(text, i, text.charCodeAt(i)) || text.charCodeAt(i) === 0x5f)) i++;
        continue;
      }
      i += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
      continue;
    }
    const start = i;
    let digit = false;
    while (i < n) {
      const u = text.charCodeAt(i);
      if (!isWordUnit(text, i, u)) break;
      if (u >= 0x30 && u <= 0x39) digit = true;
      i += u >= 0xd800 && u <= 0xdbff ? 2 : 1;
    }
    const raw = text.slice(start, i);
    const lower = raw.length >= 3 ? raw.slice(0, 3).toLowerCase() : '';
    if ((lower === 'htt' || lower === 'www') && (text.startsWith('://', i) || text.charCodeAt(i) === 0x2e || text.startsWith('s://', i - 1))) {
      while (i < n && text.charCodeAt(i) > SPACE) i++;
      continue;
    }
    if (digit) continue;
    words.push({ start, end: i, key: foldModelWord(raw) });
  }
  return words;
}

function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** The features of `text` for a model with `buckets` buckets (a power of two). */
export function extractFeatures(text: string, bucketCount: number): Features {
  const words = modelWords(text);
  const mask = bucketCount - 1;
  let capacity = 0;
  for (const w of words) capacity += 2 + Math.max(0, w.key.length + 2 - MIN_GRAM + 1) * (MAX_GRAM - MIN_GRAM + 1);
  const buckets = new Int32Array(capacity);
  const owner = new Int32Array(capacity);
  const second = new Int32Array(capacity).fill(-1);
  let count = 0;
  for (let w = 0; w < words.length; w++) {
    const key = words[w]!.key;
    buckets[count] = hashString(SEED_WORD, key) & mask;
    owner[count++] = w;
    if (w + 1 < words.length) {
      buckets[count] = hashString(hashString(SEED_BIGRAM, key) ^ SPACE, words[w + 1]!.key) & mask;
      owner[count] = w;
      second[count++] = w + 1;
    }
    // Character n-grams of " key ", each from its start position, grown one unit at a time.
    const length = key.length + 2;
    for (let s = 0; s + MIN_GRAM <= length; s++) {
      let h = SEED_CHAR;
      for (let k = 0; k < MAX_GRAM && s + k < length; k++) {
        const at = s + k;
        const c = at === 0 || at === length - 1 ? SPACE : key.charCodeAt(at - 1);
        h = Math.imul(h ^ c, FNV_PRIME);
        if (k + 1 >= MIN_GRAM) {
          buckets[count] = (h >>> 0) & mask;
          owner[count++] = w;
        }
      }
    }
  }
  return { words, buckets, owner, second, count };
}
