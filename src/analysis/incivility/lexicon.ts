/**
 * The incivility lexicon: curated German and English words and phrases that carry an insult, a
 * slur, a dehumanising metaphor or profanity, and a matcher that finds them in a comment.
 *
 * How a term matches (`match`):
 * - `word`: the whole token equals the term. Inflected forms are separate entries: no suffix rule
 *   guesses them, because German inflection endings turn safe words into calm ones (Pack → packen,
 *   Sau → sauer).
 * - `head`: the token ends with the term (`idiot` in Vollidiot), the term alone included.
 * - `modifier`: the token starts with the term (`drecks` in Drecksack); also serves adjective stems
 *   (`hirnlos` in hirnlose, hirnloser).
 * - `any`: the term anywhere inside a token; only for stems that are never part of a calm word.
 * - `phrase`: consecutive tokens (`halt die fresse`), separated by nothing but spaces or a hyphen.
 * `minRest` (head and modifier only, default 0) is how many folded letters the token must hold
 * besides the term: head `versifft` with minRest 3 matches linksversifft but not versifft (dirty).
 * A neighbouring hyphen part counts as enough rest (Links-versifft). `unless` lists longer calm words
 * that start (modifier) or end (head) like the term: modifier `drecks` unless `dreckschleuder`.
 *
 * Folding, the same for terms and text: lower case, ä → ae, ö → oe, ü → ue, ß → ss (so Scheiße and
 * Scheisse are one), other Latin letters lose their accents, combining marks and apostrophes inside a
 * word are dropped (halt's → halts). A token with a run of three or more of one letter is tried as
 * written, then with such runs cut to two, then to one (Idiooot → idiot; Vollidiooot → vollidiot).
 * Letters outside Latin end every match (a Cyrillic look-alike is not folded).
 *
 * Per part of a token, a `word` match wins; otherwise the longest `head` and the longest `modifier`
 * are reported (only one of them if it covers the whole part: Arschloch is the insult, not also the
 * profanity `arsch`); `any` only when nothing else matched. Tokens are runs of letters and marks;
 * a hyphen between letters joins parts into one token (Drecks-Pack), each part checked on its own,
 * and a hit's span is the whole token. Phrase hits span their words.
 */

import { isSpaceChar } from '../text/char-classes.js';

export type LexiconCategory = 'insult' | 'abuse' | 'profanity' | 'dehumanising';
export type LexiconMatch = 'word' | 'head' | 'modifier' | 'any' | 'phrase';

export const LEXICON_CATEGORIES: readonly LexiconCategory[] = ['insult', 'abuse', 'profanity', 'dehumanising'];
export const LEXICON_MATCHES: readonly LexiconMatch[] = ['word', 'head', 'modifier', 'any', 'phrase'];

export interface LexiconEntry {
  term: string;
  category: LexiconCategory;
  match: LexiconMatch;
  /** head and modifier: letters the token must hold besides the term. */
  minRest?: number;
  /** head and modifier: longer words, ending (head) or starting (modifier) the same, that are calm. */
  unless?: readonly string[];
  sources?: string[];
}

export interface LexiconSource {
  title: string;
  url?: string;
}

export interface LexiconFile {
  version: string;
  license: string;
  attribution: string;
  sources: Record<string, LexiconSource>;
  entries: LexiconEntry[];
}

export interface LexiconHit {
  /** UTF-16 offsets of the whole token (or of the phrase) in the original text. */
  start: number;
  end: number;
  /** The term as written in the lexicon file. */
  term: string;
  category: LexiconCategory;
  match: LexiconMatch;
}

interface CompiledEntry {
  term: string;
  category: LexiconCategory;
  match: LexiconMatch;
  /** Folded length of the term. */
  length: number;
  minRest: number;
  /** Folded `unless` words. */
  unless: readonly (readonly number[])[];
}

interface Trie {
  /** children[node * ALPHABET + letter]: child node, 0 for none (node 0 is the root, never a child). */
  children: Int32Array;
  size: number;
}

interface Phrase {
  /** Forward-trie node of each word after the first. */
  rest: Int32Array;
  entry: number;
}

/** A lexicon ready for findLexiconHits. Its scratch buffers make it single-threaded, like JS. */
export interface CompiledLexicon {
  readonly entries: readonly CompiledEntry[];
  readonly forward: Trie;
  readonly backward: Trie;
  readonly inside: Trie;
  /** Per forward node: entry index + 1 of a word / modifier term ending there, 0 for none. */
  readonly wordAt: Int32Array;
  readonly modifierAt: Int32Array;
  /** Per forward node: 2 if some phrase starts with this word, 1 if one has it later, else 0. */
  readonly phraseWord: Uint8Array;
  /** Per backward node: entry index + 1 of a head term. */
  readonly headAt: Int32Array;
  /** Per inside node: entry index + 1 of an any term. */
  readonly insideAt: Int32Array;
  /** Phrases by the forward node of their first word. */
  readonly phrases: ReadonlyMap<number, readonly Phrase[]>;
  readonly scratch: Scratch;
}

interface Scratch {
  letters: Uint8Array;
  variant: Uint8Array;
  partNode: Int32Array;
  partStart: Int32Array;
  partEnd: Int32Array;
  /** 1 if the part follows the previous one across nothing but spaces or a hyphen. */
  partJoined: Uint8Array;
}

const ALPHABET = 26;
/** A letter outside a–z: part of the token, but no term contains it. */
const OTHER = 26;
const NONE = 255;
/** Per code unit below TABLE_SIZE: the folded letters (0–25, OTHER), or NONE; DROP for marks. */
const TABLE_SIZE = 0x250;
const DROP = 254;
const FOLD_FIRST = new Uint8Array(TABLE_SIZE).fill(NONE);
const FOLD_SECOND = new Uint8Array(TABLE_SIZE).fill(NONE);
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const MARK = /^\p{M}$/u;

(function buildFoldTable() {
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    if (!LETTER_OR_MARK.test(ch)) continue;
    if (MARK.test(ch)) {
      FOLD_FIRST[c] = DROP;
      continue;
    }
    const base = ch.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    const two: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', ð: 'd', þ: 'th' };
    const spelled = two[ch.toLowerCase()] ?? base;
    const a = spelled.charCodeAt(0) - 0x61;
    const b = spelled.length > 1 ? spelled.charCodeAt(1) - 0x61 : -1;
    if (spelled.length >= 1 && spelled.length <= 2 && a >= 0 && a < ALPHABET && (b === -1 || (b >= 0 && b < ALPHABET))) {
      FOLD_FIRST[c] = a;
      if (b >= 0) FOLD_SECOND[c] = b;
    } else {
      FOLD_FIRST[c] = OTHER;
    }
  }
})();

function isApostrophe(unit: number): boolean {
  return unit === 0x27 || unit === 0x2019;
}

function isHyphen(unit: number): boolean {
  return unit === 0x2d || unit === 0x2010 || unit === 0x2011;
}

function isGapSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0xa0 || unit === 0x202f;
}

/**
 * Folds the letter at `i` into `out` from `n`; returns the new length, or -1 if `i` holds no
 * letter or mark. Astral letters fold to OTHER and take two units (the caller steps by `width`).
 */
function foldUnit(text: string, i: number, unit: number, out: Uint8Array, n: number): number {
  if (unit < TABLE_SIZE) {
    const first = FOLD_FIRST[unit]!;
    if (first === NONE) return -1;
    if (first === DROP) return n;
    out[n++] = first;
    const second = FOLD_SECOND[unit]!;
    if (second !== NONE) out[n++] = second;
    return n;
  }
  if (unit === 0x1e9e) {
    out[n++] = 18;
    out[n++] = 18;
    return n;
  }
  if (unit >= 0xdc00 && unit <= 0xdfff) return -1;
  const ch = unit >= 0xd800 && unit <= 0xdbff ? text.slice(i, i + 2) : text.charAt(i);
  if (!LETTER_OR_MARK.test(ch)) return -1;
  if (MARK.test(ch)) return n;
  out[n++] = OTHER;
  return n;
}

/** The folded letters of a term's word, as codes 0–25; throws on anything else. */
function foldTermWord(word: string, term: string): number[] {
  const buf = new Uint8Array(word.length * 2 + 2);
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    if (isApostrophe(unit)) continue;
    const next = foldUnit(word, i, unit, buf, n);
    if (next < 0) throw new Error(`lexicon term "${term}": "${word.charAt(i)}" is not a letter`);
    n = next;
  }
  const codes = Array.from(buf.subarray(0, n));
  if (codes.length === 0 || codes.includes(OTHER)) throw new Error(`lexicon term "${term}": only Latin letters fold to a term`);
  return codes;
}

class TrieBuilder {
  children: number[] = new Array<number>(ALPHABET).fill(0);
  size = 1;

  insert(codes: readonly number[]): number {
    let node = 0;
    for (const c of codes) {
      const slot = node * ALPHABET + c;
      let child = this.children[slot]!;
      if (child === 0) {
        child = this.size++;
        for (let k = 0; k < ALPHABET; k++) this.children.push(0);
        this.children[slot] = child;
      }
      node = child;
    }
    return node;
  }

  /** The node of `codes`, or -1 if no term passes through it. */
  find(codes: readonly number[]): number {
    let node = 0;
    for (const c of codes) {
      node = this.children[node * ALPHABET + c]!;
      if (node === 0) return -1;
    }
    return node;
  }

  build(): Trie {
    return { children: Int32Array.from(this.children), size: this.size };
  }
}

function setAt(list: number[], node: number, value: number): void {
  while (list.length <= node) list.push(0);
  list[node] = value;
}

/**
 * Compiles lexicon files into tries for findLexiconHits. Throws on an unknown category or match, a
 * term that folds to nothing or to non-Latin letters, a phrase of one word, a one-word match mode
 * given several words, or the same term and match twice in one file. Across files the first
 * file's entry wins (a word may be in both languages' files).
 */
export function compileLexicon(files: readonly LexiconFile[]): CompiledLexicon {
  const entries: CompiledEntry[] = [];
  const forward = new TrieBuilder();
  const backward = new TrieBuilder();
  const inside = new TrieBuilder();
  const wordAt: number[] = [];
  const modifierAt: number[] = [];
  const headAt: number[] = [];
  const insideAt: number[] = [];
  const phraseWords: number[][][] = [];
  const phraseEntries: number[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const inFile = new Set<string>();
    for (const raw of file.entries) {
      if (!LEXICON_CATEGORIES.includes(raw.category)) throw new Error(`lexicon term "${raw.term}": unknown category "${String(raw.category)}"`);
      if (!LEXICON_MATCHES.includes(raw.match)) throw new Error(`lexicon term "${raw.term}": unknown match "${String(raw.match)}"`);
      const words = raw.term
        .trim()
        .split(/[\s\-\u2010\u2011]+/u)
        .filter((w) => w.length > 0);
      const folded = words.map((w) => foldTermWord(w, raw.term));
      if (raw.match === 'phrase' && folded.length < 2) throw new Error(`lexicon term "${raw.term}": a phrase needs two words or more`);
      if (raw.match !== 'phrase' && folded.length !== 1) throw new Error(`lexicon term "${raw.term}": match "${raw.match}" takes one word`);
      const key = `${raw.match}:${folded.map((w) => String.fromCharCode(...w.map((c) => c + 0x61))).join(' ')}`;
      if (inFile.has(key)) throw new Error(`lexicon term "${raw.term}": listed twice as ${raw.match}`);
      inFile.add(key);
      if (seen.has(key)) continue;
      seen.add(key);
      const index = entries.length;
      const minRest = raw.minRest ?? 0;
      const unless = (raw.unless ?? []).map((w) => foldTermWord(w, raw.term));
      entries.push({ term: raw.term, category: raw.category, match: raw.match, length: folded.reduce((s, w) => s + w.length, 0), minRest, unless });
      const codes = folded[0]!;
      switch (raw.match) {
        case 'word':
          setAt(wordAt, forward.insert(codes), index + 1);
          break;
        case 'modifier':
          setAt(modifierAt, forward.insert(codes), index + 1);
          break;
        case 'head':
          setAt(headAt, backward.insert([...codes].reverse()), index + 1);
          break;
        case 'any':
          setAt(insideAt, inside.insert(codes), index + 1);
          break;
        case 'phrase':
          for (const w of folded) forward.insert(w);
          phraseWords.push(folded);
          phraseEntries.push(index);
          break;
      }
    }
  }
  const phraseWord = new Uint8Array(forward.size);
  const phrases = new Map<number, Phrase[]>();
  phraseWords.forEach((words, p) => {
    const nodes = words.map((w) => forward.find(w));
    nodes.forEach((node, w) => {
      if (w === 0) phraseWord[node] = 2;
      else if (phraseWord[node] === 0) phraseWord[node] = 1;
    });
    const list = phrases.get(nodes[0]!) ?? [];
    list.push({ rest: Int32Array.from(nodes.slice(1)), entry: phraseEntries[p]! });
    phrases.set(nodes[0]!, list);
  });
  const sized = (list: number[], size: number) => {
    const out = new Int32Array(size);
    out.set(list.slice(0, size));
    return out;
  };
  return {
    entries,
    forward: forward.build(),
    backward: backward.build(),
    inside: inside.build(),
    wordAt: sized(wordAt, forward.size),
    modifierAt: sized(modifierAt, forward.size),
    phraseWord,
    headAt: sized(headAt, backward.size),
    insideAt: sized(insideAt, inside.size),
    phrases,
    scratch: {
      letters: new Uint8Array(256),
      variant: new Uint8Array(256),
      partNode: new Int32Array(64),
      partStart: new Int32Array(64),
      partEnd: new Int32Array(64),
      partJoined: new Uint8Array(64),
    },
  };
}

/** Copies `letters[0..n)` into `out` with runs longer than `keep` cut to `keep`; returns the length. */
function cutRuns(letters: Uint8Array, n: number, keep: number, out: Uint8Array): number {
  let m = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = letters[i]!;
    run = i > 0 && c === letters[i - 1] ? run + 1 : 1;
    if (run <= keep) out[m++] = c;
  }
  return m;
}

/** True if the part starts (or, for a head, ends) with one of the entry's `unless` words. */
function excepted(entry: CompiledEntry, letters: Uint8Array, n: number, atEnd: boolean): boolean {
  for (const word of entry.unless) {
    if (word.length > n) continue;
    const offset = atEnd ? n - word.length : 0;
    let same = true;
    for (let k = 0; k < word.length && same; k++) same = letters[offset + k] === word[k];
    if (same) return true;
  }
  return false;
}

/** Result of matching one part: entry indices + 1 (0 for none) and the part's forward node. */
interface PartResult {
  word: number;
  modifier: number;
  head: number;
  inside: number;
  /** Forward node of the whole part, -1 if no term passes through it. */
  node: number;
}

const partResult: PartResult = { word: 0, modifier: 0, head: 0, inside: 0, node: -1 };

function matchPart(lex: CompiledLexicon, letters: Uint8Array, n: number, joinedBefore: boolean, joinedAfter: boolean): void {
  const r = partResult;
  r.word = 0;
  r.modifier = 0;
  r.head = 0;
  r.inside = 0;
  r.node = -1;
  const fwd = lex.forward.children;
  let node = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = letters[i]!;
    if (c === OTHER) break;
    node = fwd[node * ALPHABET + c]!;
    if (node === 0) break;
    const m = lex.modifierAt[node]!;
    if (m !== 0 && (joinedAfter || n - (i + 1) >= lex.entries[m - 1]!.minRest) && !excepted(lex.entries[m - 1]!, letters, n, false)) r.modifier = m;
  }
  if (i === n) {
    r.node = node;
    r.word = lex.wordAt[node]!;
  }
  if (r.word !== 0) return;
  const back = lex.backward.children;
  node = 0;
  for (let j = n - 1; j >= 0; j--) {
    const c = letters[j]!;
    if (c === OTHER) break;
    node = back[node * ALPHABET + c]!;
    if (node === 0) break;
    const h = lex.headAt[node]!;
    if (h !== 0 && (joinedBefore || j >= lex.entries[h - 1]!.minRest) && !excepted(lex.entries[h - 1]!, letters, n, true)) r.head = h;
  }
  if (r.modifier !== 0 && r.head !== 0) {
    if (lex.entries[r.head - 1]!.length === n) r.modifier = 0;
    else if (lex.entries[r.modifier - 1]!.length === n) r.head = 0;
  }
  if (r.modifier !== 0 || r.head !== 0) return;
  if (lex.inside.size > 1) {
    const ins = lex.inside.children;
    let best = 0;
    for (let s = 0; s < n && best === 0; s++) {
      node = 0;
      for (let j = s; j < n; j++) {
        const c = letters[j]!;
        if (c === OTHER) break;
        node = ins[node * ALPHABET + c]!;
        if (node === 0) break;
        if (lex.insideAt[node] !== 0) best = lex.insideAt[node]!;
      }
    }
    r.inside = best;
  }
}

/** Matches one part, retrying with letter runs cut when it holds a run of three or more. */
function matchPartTolerant(lex: CompiledLexicon, n: number, maxRun: number, joinedBefore: boolean, joinedAfter: boolean): void {
  const { letters, variant } = lex.scratch;
  matchPart(lex, letters, n, joinedBefore, joinedAfter);
  if (maxRun < 3) return;
  const r = partResult;
  if (r.word !== 0 || r.modifier !== 0 || r.head !== 0 || r.inside !== 0) return;
  const asWritten = r.node;
  for (const keep of [2, 1]) {
    const m = cutRuns(letters, n, keep, variant);
    matchPart(lex, variant, m, joinedBefore, joinedAfter);
    if (r.word !== 0 || r.modifier !== 0 || r.head !== 0 || r.inside !== 0 || r.node >= 0) return;
  }
  r.node = asWritten;
}

/** Adds a token hit (its end is set when the token ends), once per term and token. */
function pushHit(hits: LexiconHit[], lex: CompiledLexicon, index: number, start: number): void {
  const e = lex.entries[index - 1]!;
  for (let k = hits.length - 1; k >= 0 && hits[k]!.start === start; k--) if (hits[k]!.term === e.term) return;
  hits.push({ start, end: start, term: e.term, category: e.category, match: e.match });
}

function growScratch(s: Scratch): void {
  const size = s.partNode.length * 2;
  const partNode = new Int32Array(size);
  const partStart = new Int32Array(size);
  const partEnd = new Int32Array(size);
  const partJoined = new Uint8Array(size);
  partNode.set(s.partNode);
  partStart.set(s.partStart);
  partEnd.set(s.partEnd);
  partJoined.set(s.partJoined);
  Object.assign(s, { partNode, partStart, partEnd, partJoined });
}

function growLetters(s: Scratch): Uint8Array {
  const letters = new Uint8Array(s.letters.length * 2);
  letters.set(s.letters);
  s.letters = letters;
  s.variant = new Uint8Array(letters.length);
  return letters;
}

/** a–z and A–Z to 0–25, every other ASCII unit to -1. */
const ASCII_FOLD = new Int8Array(128).fill(-1);
for (let c = 0; c < 26; c++) {
  ASCII_FOLD[0x61 + c] = c;
  ASCII_FOLD[0x41 + c] = c;
}

function isLetterAt(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  if (unit < 128) return ASCII_FOLD[unit]! >= 0;
  if (unit < TABLE_SIZE) return FOLD_FIRST[unit] !== NONE;
  const ch = unit >= 0xd800 && unit <= 0xdbff ? text.slice(i, i + 2) : text.charAt(i);
  return LETTER_OR_MARK.test(ch);
}

function isHandleUnit(unit: number): boolean {
  return (unit < 128 && ASCII_FOLD[unit]! >= 0) || (unit >= 0x30 && unit <= 0x39) || unit === 0x5f;
}

function startsLink(text: string, i: number): boolean {
  return text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i);
}

/** Per-call counters shared by findLexiconHits and endPart (single-threaded, like the scratch). */
const tally = { parts: 0, phraseStarts: 0 };

/** Matches the folded part just read and records it for the phrase pass. */
function endPart(lex: CompiledLexicon, hits: LexiconHit[], n: number, maxRun: number, partIndex: number, hyphenNext: boolean, joined: boolean, start: number, end: number, tokenStart: number): void {
  matchPartTolerant(lex, n, maxRun, partIndex > 0, hyphenNext);
  const r = partResult;
  if (r.word !== 0) pushHit(hits, lex, r.word, tokenStart);
  else if (r.head !== 0 || r.modifier !== 0 || r.inside !== 0) {
    if (r.head !== 0) pushHit(hits, lex, r.head, tokenStart);
    if (r.modifier !== 0) pushHit(hits, lex, r.modifier, tokenStart);
    if (r.inside !== 0) pushHit(hits, lex, r.inside, tokenStart);
  }
  const s = lex.scratch;
  const p = tally.parts;
  if (p >= s.partNode.length) growScratch(s);
  const phrase = r.node >= 0 ? lex.phraseWord[r.node]! : 0;
  s.partNode[p] = phrase !== 0 ? r.node : -1;
  s.partStart[p] = start;
  s.partEnd[p] = end;
  s.partJoined[p] = joined ? 1 : 0;
  if (phrase === 2) tally.phraseStarts++;
  tally.parts = p + 1;
}

/**
 * The lexicon's words and phrases in `text`, in text order. Tokenises once and walks tries over
 * folded letters: a calm comment costs one pass over its code units plus a trie step or two per
 * token (see the module comment for tokens, folding and which match wins). @handles and links
 * (`http://`, `https://`, `www.` up to the next space) are skipped.
 */
export function findLexiconHits(lexicon: CompiledLexicon, text: string): LexiconHit[] {
  const hits: LexiconHit[] = [];
  const s = lexicon.scratch;
  const length = text.length;
  let letters = s.letters;
  tally.parts = 0;
  tally.phraseStarts = 0;
  let n = 0;
  let prev = -1;
  let run = 0;
  let maxRun = 0;
  let partStart = -1;
  let partIndex = 0;
  let tokenStart = -1;
  let firstHit = 0;
  let joined = false;
  let i = 0;
  while (i < length) {
    const unit = text.charCodeAt(i);
    let next = -1;
    let width = 1;
    if (n + 2 >= letters.length) letters = growLetters(s);
    if (unit < 128) {
      const f = ASCII_FOLD[unit]!;
      if (f >= 0) {
        letters[n] = f;
        next = n + 1;
      }
    } else {
      if (unit >= 0xd800 && unit <= 0xdbff) width = 2;
      next = foldUnit(text, i, unit, letters, n);
    }
    if (next >= 0) {
      if (partStart < 0) {
        if (tokenStart < 0) {
          if ((unit === 0x68 || unit === 0x77) && startsLink(text, i)) {
            while (i < length && !isSpaceChar(text.charCodeAt(i))) i++;
            joined = false;
            continue;
          }
          tokenStart = i;
          firstHit = hits.length;
          partIndex = 0;
        }
        partStart = i;
      }
      for (let k = n; k < next; k++) {
        const c = letters[k]!;
        if (c === prev) {
          if (++run > maxRun) maxRun = run;
        } else {
          prev = c;
          run = 1;
        }
      }
      n = next;
      i += width;
      continue;
    }
    if (partStart >= 0) {
      const letterNext = i + 1 < length && isLetterAt(text, i + 1);
      if (isApostrophe(unit) && letterNext && n > 0) {
        i++;
        continue;
      }
      const hyphenNext = letterNext && isHyphen(unit);
      if (n > 0) endPart(lexicon, hits, n, maxRun, partIndex, hyphenNext, joined || partIndex > 0, partStart, i, tokenStart);
      n = 0;
      prev = -1;
      run = 0;
      maxRun = 0;
      partStart = -1;
      partIndex++;
      joined = true;
      if (hyphenNext) {
        i++;
        continue;
      }
      for (let k = firstHit; k < hits.length; k++) hits[k]!.end = i;
      tokenStart = -1;
    }
    if (unit === 0x40) {
      i++;
      while (i < length && isHandleUnit(text.charCodeAt(i))) i++;
      joined = false;
      continue;
    }
    if (!isGapSpace(unit) && !isHyphen(unit)) joined = false;
    i += width;
  }
  if (partStart >= 0) {
    if (n > 0) endPart(lexicon, hits, n, maxRun, partIndex, false, joined || partIndex > 0, partStart, length, tokenStart);
    for (let k = firstHit; k < hits.length; k++) hits[k]!.end = length;
  }
  if (tally.phraseStarts > 0) matchPhrases(lexicon, tally.parts, hits);
  return hits;
}

function matchPhrases(lex: CompiledLexicon, parts: number, hits: LexiconHit[]): void {
  const s = lex.scratch;
  let added = false;
  for (let p = 0; p < parts; p++) {
    const node = s.partNode[p]!;
    if (node < 0 || lex.phraseWord[node] !== 2) continue;
    for (const phrase of lex.phrases.get(node)!) {
      const words = phrase.rest.length;
      if (p + words >= parts) continue;
      let ok = true;
      for (let w = 0; w < words && ok; w++) ok = s.partNode[p + 1 + w] === phrase.rest[w] && s.partJoined[p + 1 + w] === 1;
      if (!ok) continue;
      const e = lex.entries[phrase.entry]!;
      hits.push({ start: s.partStart[p]!, end: s.partEnd[p + words]!, term: e.term, category: e.category, match: 'phrase' });
      added = true;
    }
  }
  if (added) hits.sort((a, b) => a.start - b.start || a.end - b.end);
}
