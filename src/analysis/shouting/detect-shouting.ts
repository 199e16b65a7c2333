import type { Finding, Span } from '../types.js';
import { ACRONYMS } from './acronyms.js';
import { DIGIT, LETTER, LOWER, MARK, UPPER, classifyCodePoint, classifyCodeUnit } from './classify-char.js';

/*
 * Calm German runs at 15-30 % capitals (nouns and sentence starts are capitalised); a calm
 * sentence with one or two words in capitals stays far below 70 %, while a shouted sentence is
 * above 90 %. 70 % leaves room for odd casing ("FRiEDENSPARTEI") and a calm word or two.
 */
const RATIO_THRESHOLD = 0.7;
/** Fewer letters than this is an exclamation ("NEIN!", "ALLES LESEN !!"), not a shouted sentence. */
const MIN_LETTERS = 12;
/** One or two words in capitals are emphasis or a quoted slogan ("GESUNDER MENSCHENVERSTAND"). */
const MIN_WORDS = 3;
/** The ratio must rest on real words, not only on acronym-like tokens ("CDU, CSU UND SPD"). */
const MIN_SCORED_LETTERS = 6;
/** "!!!" and "???" (three or more) raise the severity of a shouted passage. */
const MIN_PUNCTUATION_RUN = 3;
/** Tokens of at most this many letters that are all capitals count as acronyms ("EZB", "BKA"). */
const MAX_IMPLICIT_ACRONYM = 3;

const ACRONYM_SET: ReadonlySet<string> = new Set(ACRONYMS);
const MAX_ACRONYM_LENGTH = ACRONYMS.reduce((max, acronym) => Math.max(max, acronym.length), 0);

const WORD_PART = LETTER | MARK;

const FULL_STOP = 0x2e;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;
const LOWER_S = 0x73;

function isSentenceEnd(unit: number): boolean {
  return (
    unit === FULL_STOP ||
    unit === EXCLAMATION ||
    unit === QUESTION ||
    unit === 0x2026 || // …
    unit === 0x203c || // ‼
    unit === 0x2047 || // ⁇
    unit === 0x2048 || // ⁈
    unit === 0x2049 || // ⁉
    unit === 0xff01 || // ！
    unit === 0xff1f // ？
  );
}

function isLoudMark(unit: number): boolean {
  return unit === EXCLAMATION || unit === QUESTION || (unit >= 0x203c && unit <= 0x2049) || unit === 0xff01 || unit === 0xff1f;
}

/** ‼ and ⁉ are two marks in one character. */
function loudMarkWeight(unit: number): number {
  return unit === 0x203c || unit === 0x2047 || unit === 0x2048 || unit === 0x2049 ? 2 : 1;
}

/** Closing quotes and brackets that belong to the sentence they close. */
function isCloser(unit: number): boolean {
  return (
    unit === 0x22 || unit === APOSTROPHE || unit === 0x29 || unit === 0x5d || unit === 0x7d ||
    unit === 0xbb || unit === 0xab || unit === 0x2018 || unit === RIGHT_SINGLE_QUOTE ||
    unit === 0x201c || unit === 0x201d || unit === 0x2039 || unit === 0x203a
  );
}

function isLineBreak(unit: number): boolean {
  return unit === 0x0a || unit === 0x0d || unit === 0x0b || unit === 0x0c || unit === 0x85 || unit === 0x2028 || unit === 0x2029;
}

function isSpace(unit: number): boolean {
  return (
    unit === 0x20 || unit === 0x09 || unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200b) ||
    unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff
  );
}

interface ShoutedRun {
  start: number;
  end: number;
  upper: number;
  scored: number;
  letters: number;
  punctuation: number;
}

/** Counters of a sentence, a merged run of shouted sentences or the neutral sentences between them. */
class Tally {
  upper = 0;
  scored = 0;
  neutral = 0;
  words = 0;
  punctuation = 0;

  add(other: Tally): void {
    this.upper += other.upper;
    this.scored += other.scored;
    this.neutral += other.neutral;
    this.words += other.words;
    this.punctuation += other.punctuation;
  }

  clear(): void {
    this.upper = 0;
    this.scored = 0;
    this.neutral = 0;
    this.words = 0;
    this.punctuation = 0;
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/*
 * Severity starts at 0.4 for a barely shouted sentence in a long calm comment and rises with how
 * loud (ratio above the threshold), how long (up to 60 letters) and how much of the comment it is,
 * plus up to 0.1 for "!!!" runs. A passage in capitals that is the whole comment scores at least 0.75.
 */
function rateSeverity(run: ShoutedRun, totalLetters: number): number {
  const ratio = run.upper / run.scored;
  const loudness = clamp01((ratio - RATIO_THRESHOLD) / (1 - RATIO_THRESHOLD));
  const length = clamp01((run.letters - MIN_LETTERS) / 48);
  const coverage = totalLetters > 0 ? clamp01(run.letters / totalLetters) : 0;
  const punctuation = Math.min(2, run.punctuation) * 0.05;
  return round2(Math.min(1, 0.4 + 0.2 * loudness + 0.15 * length + 0.15 * coverage + punctuation));
}

function isWordLike(unit: number): boolean {
  return (classifyCodeUnit(unit) & (WORD_PART | DIGIT)) !== 0;
}

/** Whether a finished token is an acronym (listed, or at most three capitals, or either plus "s"). */
function isAcronym(text: string, start: number, end: number, upper: number, letters: number): boolean {
  if (upper === letters && letters <= MAX_IMPLICIT_ACRONYM) return true;
  if (upper < 2 || letters > MAX_ACRONYM_LENGTH + 1) return false;
  if (text.charCodeAt(end - 1) === LOWER_S && upper === letters - 1) {
    if (letters - 1 <= MAX_IMPLICIT_ACRONYM || ACRONYM_SET.has(text.slice(start, end - 1))) return true;
  }
  return letters <= MAX_ACRONYM_LENGTH && ACRONYM_SET.has(text.slice(start, end));
}

/*
 * A shouted sentence needs a scored token with two capitals next to each other: a token with no
 * adjacent capitals is at most 2/3 capitals ("AbA"), and a lone capital is an acronym. Most
 * comments have no such pair, so this cheap pass lets them skip the full scan. Combining marks are
 * skipped, an apostrophe may sit between the two capitals and every astral character counts as a
 * capital, so the shortcut never hides a finding.
 */
function hasCloseCapitals(text: string): boolean {
  let sinceCapital = 8;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const flags = classifyCodeUnit(unit);
    if ((flags & MARK) !== 0) continue;
    if ((flags & UPPER) !== 0 || (unit >= 0xd800 && unit <= 0xdbff)) {
      if (sinceCapital <= 2) return true;
      sinceCapital = 0;
    } else {
      sinceCapital++;
    }
  }
  return false;
}

/** Index of the first usable ignore span ending after `position` (empty and passed spans skipped). */
function firstIgnoreAfter(ignore: readonly Span[], from: number, position: number): number {
  let index = from;
  for (; index < ignore.length; index++) {
    const span = ignore[index];
    if (span !== undefined && span.end > position && span.end > span.start) break;
  }
  return index;
}

/** Where the ignore span at `index` starts, never before `position`; `length` when there is none. */
function ignoreStartAt(ignore: readonly Span[], index: number, position: number, length: number): number {
  const span = ignore[index];
  return span === undefined ? length : Math.min(Math.max(span.start, position), length);
}

/**
 * Sentence and run bookkeeping. The per-character loop keeps its counters in locals and calls in
 * here only at token and sentence ends, which keeps the hot path free of closures.
 */
class ShoutingScan {
  readonly runs: ShoutedRun[] = [];
  totalLetters = 0;

  readonly sentence = new Tally();
  sentenceStart = -1;
  sentenceEnd = -1;
  sentenceHasReference = false;

  private readonly run = new Tally();
  private runStart = -1;
  private runEnd = -1;
  private readonly pending = new Tally();
  private pendingEnd = -1;

  constructor(private readonly text: string) {}

  addToken(start: number, end: number, upper: number, lower: number): void {
    const letters = upper + lower;
    if (letters === 0) return;
    this.totalLetters += letters;
    this.sentence.words++;
    if (isAcronym(this.text, start, end, upper, letters)) {
      this.sentence.neutral += letters;
    } else {
      this.sentence.upper += upper;
      this.sentence.scored += letters;
    }
  }

  markContent(start: number, end: number): void {
    if (this.sentenceStart < 0) this.sentenceStart = start;
    this.sentenceEnd = end;
  }

  endSentence(): void {
    const sentence = this.sentence;
    if (this.sentenceStart >= 0) {
      if (sentence.scored === 0) {
        // Nothing to score (a link, "!!!", "CDU!"): it neither starts nor breaks a shouted passage.
        if (this.runStart >= 0) {
          if (sentence.neutral === 0 && !this.sentenceHasReference && this.pendingEnd < 0) {
            this.runEnd = this.sentenceEnd;
            this.run.punctuation += sentence.punctuation;
          } else {
            this.pending.add(sentence);
            this.pendingEnd = this.sentenceEnd;
          }
        }
      } else if (sentence.upper >= RATIO_THRESHOLD * sentence.scored) {
        if (this.runStart < 0) this.runStart = this.sentenceStart;
        this.run.add(this.pending);
        this.pending.clear();
        this.pendingEnd = -1;
        this.run.add(sentence);
        this.runEnd = this.sentenceEnd;
      } else {
        this.closeRun();
      }
    }
    this.sentenceStart = -1;
    this.sentenceEnd = -1;
    this.sentenceHasReference = false;
    sentence.clear();
  }

  closeRun(): void {
    const run = this.run;
    if (this.runStart >= 0) {
      const letters = run.scored + run.neutral;
      if (letters >= MIN_LETTERS && run.words >= MIN_WORDS && run.scored >= MIN_SCORED_LETTERS) {
        this.runs.push({ start: this.runStart, end: this.runEnd, upper: run.upper, scored: run.scored, letters, punctuation: run.punctuation });
      }
    }
    this.runStart = -1;
    run.clear();
    this.pending.clear();
    this.pendingEnd = -1;
  }
}

/**
 * Finds shouted passages: sentences or lines written (almost) entirely in capitals.
 *
 * Scored per sentence (split at line breaks and at `.!?…` runs that are not followed by a letter
 * or digit, so `16.08` and `U.S.A.` do not split); adjacent shouted sentences merge into one
 * finding whose span is the sentences exactly as written, trimmed of surrounding whitespace.
 * - Upper-case ratio over cased letters (`\p{Lu}` vs `\p{Ll}`, so Ä Ö Ü ẞ are capitals) ≥ 0.7.
 * - At least 12 letters, 3 words and 6 letters outside acronyms per finding: "OK!", "NEIN!" or a
 *   quoted two-word slogan is emphasis, not shouting. "NEIN! NEIN! NEIN!" is shouting.
 * - Not counted: `ignore` spans (links; sorted, non-overlapping), @mentions, #hashtags, listed
 *   acronyms (`NATO`, `AfD`, `GmbH`) and any all-capital token of at most three letters (`EZB`);
 *   the last two still count towards the size of a passage that is shouted anyway.
 * - Runs of 3+ `!`/`?` raise severity (reported as `details.punctuation`) but alone are not shouting.
 *
 * Linear on any input: a prefilter pass (no two adjacent capitals, no finding: most comments stop
 * there) and one scan over the code units, both table lookups, no regular expressions on the text.
 */
export function detectShouting(text: string, ignore: readonly Span[]): Finding[] {
  if (!hasCloseCapitals(text)) return [];
  const length = text.length;
  const scan = new ShoutingScan(text);

  let ignoreIndex = firstIgnoreAfter(ignore, 0, 0);
  let nextIgnoreStart = ignoreStartAt(ignore, ignoreIndex, 0, length);

  let tokenStart = -1;
  let tokenEnd = -1;
  let tokenUpper = 0;
  let tokenLower = 0;

  let i = 0;
  while (i < length) {
    if (i >= nextIgnoreStart) {
      if (tokenStart >= 0) {
        scan.addToken(tokenStart, tokenEnd, tokenUpper, tokenLower);
        tokenStart = -1;
      }
      const ignoreEnd = Math.min(ignore[ignoreIndex]?.end ?? length, length);
      scan.markContent(i, ignoreEnd);
      scan.sentenceHasReference = true;
      i = ignoreEnd;
      ignoreIndex = firstIgnoreAfter(ignore, ignoreIndex + 1, i);
      nextIgnoreStart = ignoreStartAt(ignore, ignoreIndex, i, length);
      continue;
    }

    const unit = text.charCodeAt(i);
    let width = 1;
    let flags = classifyCodeUnit(unit);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        flags = classifyCodePoint(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
        width = 2;
      }
    }

    if ((flags & WORD_PART) !== 0) {
      if (tokenStart < 0) {
        tokenStart = i;
        tokenUpper = 0;
        tokenLower = 0;
        if (scan.sentenceStart < 0) scan.sentenceStart = i;
      }
      i += width;
      if ((flags & UPPER) !== 0) {
        tokenUpper++;
        tokenEnd = i;
      } else if ((flags & LOWER) !== 0) {
        tokenLower++;
        tokenEnd = i;
      }
      scan.sentenceEnd = i;
      continue;
    }

    if ((unit === APOSTROPHE || unit === RIGHT_SINGLE_QUOTE) && tokenStart >= 0 && i + 1 < length) {
      // "DON'T" is one word, not "DON" and "T".
      if ((classifyCodeUnit(text.charCodeAt(i + 1)) & LETTER) !== 0) {
        i++;
        continue;
      }
    }

    if (tokenStart >= 0) {
      scan.addToken(tokenStart, tokenEnd, tokenUpper, tokenLower);
      tokenStart = -1;
    }

    if ((unit === 0x40 || unit === 0x23) && i + 1 < length && (i === 0 || !isWordLike(text.charCodeAt(i - 1)))) {
      // @mention or #hashtag: the handle is a name, not the writer's voice.
      let j = i + 1;
      while (j < nextIgnoreStart && j < length) {
        const next = text.charCodeAt(j);
        if (isWordLike(next) || next === 0x5f || (next >= 0xd800 && next <= 0xdfff)) {
          j++;
        } else if ((next === FULL_STOP || next === 0x2d) && j + 1 < length && isWordLike(text.charCodeAt(j + 1))) {
          j++;
        } else {
          break;
        }
      }
      if (j > i + 1) {
        scan.markContent(i, j);
        scan.sentenceHasReference = true;
        i = j;
        continue;
      }
    }

    if (isSentenceEnd(unit)) {
      let j = i;
      let loud = 0;
      let loudRuns = 0;
      while (j < nextIgnoreStart && j < length) {
        const next = text.charCodeAt(j);
        if (!isSentenceEnd(next)) break;
        if (isLoudMark(next)) {
          loud += loudMarkWeight(next);
        } else {
          if (loud >= MIN_PUNCTUATION_RUN) loudRuns++;
          loud = 0;
        }
        j++;
      }
      if (loud >= MIN_PUNCTUATION_RUN) loudRuns++;
      while (j < nextIgnoreStart && j < length && isCloser(text.charCodeAt(j))) j++;
      scan.markContent(i, j);
      scan.sentence.punctuation += loudRuns;
      i = j;
      if (i >= length || !isWordLike(text.charCodeAt(i))) scan.endSentence();
      continue;
    }

    if (isLineBreak(unit)) {
      scan.endSentence();
    } else if (!isSpace(unit)) {
      scan.markContent(i, i + width);
    }
    i += width;
  }
  if (tokenStart >= 0) scan.addToken(tokenStart, tokenEnd, tokenUpper, tokenLower);
  scan.endSentence();
  scan.closeRun();

  return scan.runs.map((found) => {
    const details: Record<string, unknown> = { ratio: round2(found.upper / found.scored), letters: found.letters };
    if (found.punctuation > 0) details.punctuation = found.punctuation;
    return { code: 'text.shouting', severity: rateSeverity(found, scan.totalLetters), start: found.start, end: found.end, details };
  });
}
