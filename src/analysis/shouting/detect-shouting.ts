import type { Finding, Span } from '../types.js';
import { ACRONYMS } from './acronyms.js';
import { QUOTE_INTRODUCERS } from './quote-introducers.js';
import { CLASS_TABLE, DIGIT, LETTER, LOWER, MARK, UPPER, classifyCodePoint, classifyCodeUnit } from './classify-char.js';

/*
 * The thresholds follow the labelling rules of the evaluation set (data/eval/shouting/RULES.md):
 * a comment shouts when its own voice is in capitals over all of it or over a substantial passage.
 * One to three words in capitals are emphasis, which German and English readers use freely; a
 * passage of four words is a raised voice when it is a real share of the comment, and a whole
 * sentence of eight words is one however long the rest is.
 */
/** Words in capitals in a row for a passage ("STEH AUF UND KÄMPFE!"). */
const MIN_PASSAGE_WORDS = 4;
/** ...that must be at least this share of the comment's words... */
const MIN_PASSAGE_SHARE = 0.2;
/** ...unless the passage is this long, a shouted sentence in any comment. */
const LONG_PASSAGE_WORDS = 8;
/** A comment all in capitals but for a word or two, of at least three words ("LOVE THE IDEA"). */
const MIN_WHOLE_WORDS = 3;
const WHOLE_SHARE = 0.75;
/** Words in capitals scattered over the comment: half its letters, with one run of three. */
const SCATTERED_LETTER_SHARE = 0.5;
const MIN_SCATTERED_RUN = 3;
/** A passage must rest on real words, not on acronyms and two-letter tokens ("SO IST ES"). */
const MIN_SCORED_LETTERS = 10;
/** "!!!" and "???" (three or more) raise the severity of a shouted passage, never start one. */
const MIN_PUNCTUATION_RUN = 3;
/** All-capital tokens of at most this many letters are function words or acronyms ("DIE", "EZB"). */
const MAX_SHORT_WORD = 3;
/** Candidate passages kept while the comment's length is still unknown (pruned as it grows). */
const MAX_CANDIDATES = 16;

const ACRONYM_SET: ReadonlySet<string> = new Set(ACRONYMS);
const INTRODUCER_SET: ReadonlySet<string> = new Set(QUOTE_INTRODUCERS);
const MAX_INTRODUCER_LENGTH = QUOTE_INTRODUCERS.reduce((max, word) => Math.max(max, word.length), 0);
const MAX_ACRONYM_LENGTH = ACRONYMS.reduce((max, acronym) => Math.max(max, acronym.length), 0);

const WORD_PART = LETTER | MARK;

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;
const LOWER_S = 0x73;
const SHARP_S = 0xdf;
const SPACE = 0x20;
const COMMA = 0x2c;
const COLON = 0x3a;

/** What a token is for the scan. */
const enum Kind {
  /** A word with lower-case letters: it ends a run of capitals. */
  Calm,
  /** A word of four or more letters in capitals (or with one odd lower-case letter: "FRiEDENSPARTEI"). */
  Loud,
  /** Two or three capitals: a function word in a shouted passage ("DIE", "THE"), or an acronym. */
  Short,
  /** A listed acronym ("NATO", "AfD", "GmbH"): continues a passage, never makes one. */
  Acronym,
  /** One capital ("I", "A", "D"). */
  Single,
}

function isSentenceEnd(unit: number): boolean {
  return (
    unit === 0x2e || unit === 0x21 || unit === 0x3f ||
    unit === 0x2026 || // …
    (unit >= 0x203c && unit <= 0x2049) || // ‼ ⁇ ⁈ ⁉ and neighbours
    unit === 0xff01 || unit === 0xff1f // ！ ？
  );
}

function isLoudMark(unit: number): boolean {
  return unit === 0x21 || unit === 0x3f || (unit >= 0x203c && unit <= 0x2049) || unit === 0xff01 || unit === 0xff1f;
}

/** ‼ and ⁉ are two marks in one character. */
function loudMarkWeight(unit: number): number {
  return unit === 0x203c || unit === 0x2047 || unit === 0x2048 || unit === 0x2049 ? 2 : 1;
}

function isQuote(unit: number): boolean {
  return (
    unit === 0x22 || unit === APOSTROPHE || unit === 0xbb || unit === 0xab || unit === 0x2018 || unit === RIGHT_SINGLE_QUOTE ||
    unit === 0x201a || unit === 0x201c || unit === 0x201d || unit === 0x201e || unit === 0x2039 || unit === 0x203a
  );
}

/** Closing quotes and brackets that belong to the passage they close. */
function isCloser(unit: number): boolean {
  return isQuote(unit) || unit === 0x29 || unit === 0x5d || unit === 0x7d;
}

function isLineBreak(unit: number): boolean {
  return unit === 0x0a || unit === 0x0d || unit === 0x0b || unit === 0x0c || unit === 0x85 || unit === 0x2028 || unit === 0x2029;
}

function isSpace(unit: number): boolean {
  return (
    unit === SPACE || unit === 0x09 || unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200b) ||
    unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff
  );
}

function isWordLike(unit: number): boolean {
  return (classifyCodeUnit(unit) & (WORD_PART | DIGIT)) !== 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** Whether text[start, end) is a listed acronym, or a listed or short one with a plural "s" ("NGOs"). */
function isListedAcronym(text: string, start: number, end: number, letters: number, upper: number): boolean {
  if (letters > MAX_ACRONYM_LENGTH + 1) return false;
  if (text.charCodeAt(end - 1) === LOWER_S && upper === letters - 1 && upper >= 2) {
    if (upper <= MAX_SHORT_WORD || ACRONYM_SET.has(text.slice(start, end - 1))) return true;
  }
  return letters <= MAX_ACRONYM_LENGTH && ACRONYM_SET.has(text.slice(start, end));
}

/**
 * A token in capitals has no lower-case letter but ß, which has no capital in common use
 * ("GRÖßENWAHNSINNIGE"), or one odd lower-case letter among three or more capitals, a typo the
 * writer did not correct while shouting ("FRiEDENSPARTEI", "iSLAM").
 */
function kindOf(text: string, start: number, end: number, upper: number, lower: number, sharpS: number, spaced: boolean): Kind {
  const letters = upper + lower;
  const inCapitals = upper > 0 && lower === sharpS;
  if (inCapitals && letters === 1) return Kind.Single;
  if (!spaced && upper >= 2 && isListedAcronym(text, start, end, letters, upper)) return Kind.Acronym;
  if (inCapitals) return letters <= MAX_SHORT_WORD ? Kind.Short : Kind.Loud;
  if (lower === 1 && upper >= 3) return Kind.Loud;
  return Kind.Calm;
}

/*
 * Severity starts at 0.45 for a barely qualifying passage (enough, weighted 0.8, to send a comment
 * to review) and rises with how loud (ratio of capitals), how long (up to 60 letters) and how much of
 * the comment it is, plus up to 0.1 for "!!!" runs. A comment in capitals scores at least 0.8.
 */
function rateSeverity(ratio: number, letters: number, share: number, punctuation: number): number {
  const loudness = clamp01((ratio - 0.7) / 0.3);
  const length = clamp01((letters - MIN_SCORED_LETTERS) / 50);
  return round2(Math.min(1, 0.45 + 0.15 * loudness + 0.15 * length + 0.2 * clamp01(share) + Math.min(2, punctuation) * 0.05));
}

/**
 * A run of capitals. The running totals at its start and end give the counts of any stretch from
 * one run to a later one without keeping the tokens.
 */
interface Stretch {
  start: number;
  end: number;
  words: number;
  /** Words in earlier runs of capitals. */
  runWordsAt: number;
  /** Totals (upper and cased letters outside acronyms, all letters, "!!!" runs) at start and end. */
  upperAt: number;
  casedAt: number;
  lettersAt: number;
  loudAt: number;
  upperTo: number;
  casedTo: number;
  lettersTo: number;
  loudTo: number;
}

/**
 * The scan's state. The per-character loop keeps its counters in locals and calls in here only at
 * token ends, which keeps the hot path free of closures.
 */
class ShoutingScan {
  /** Running totals over the whole comment. */
  words = 0;
  upper = 0;
  cased = 0;
  letters = 0;
  scoredLetters = 0;
  loudRuns = 0;
  /** A sentence end or line break since the last token. */
  boundary = false;

  /** Runs of capitals that hold a loud word and are not quoted, and totals over them. */
  firstRun: Stretch | null = null;
  lastRun: Stretch | null = null;
  runWords = 0;
  runScored = 0;
  /** Letters of words in capitals (not acronyms) in those runs. */
  capitalLetters = 0;
  /** The run with the most words in capitals that are not acronyms, for scattered shouting. */
  longest: Stretch | null = null;
  longestCapitals = 0;
  /** Runs of eight words or more: passages whatever the comment's length. */
  firstLong: Stretch | null = null;
  lastLong: Stretch | null = null;
  /** Shorter runs that are a passage if they stay a fifth of the comment's words. */
  readonly candidates: Stretch[] = [];

  /** The run being read. */
  private runStart = -1;
  private runEnd = -1;
  private runCount = 0;
  private runCapitals = 0;
  private runLoud = 0;
  private runScoredLetters = 0;
  private runCapitalLetters = 0;
  private upperAt = 0;
  private casedAt = 0;
  private lettersAt = 0;
  private loudAt = 0;

  /** The calm word just before the run, when nothing but spaces stands between. */
  private calmStart = -1;
  private calmEnd = -1;
  private introduced = false;

  /** Single capitals one space apart, held back as one word ("W I D E R S T A N D"). */
  private heldStart = -1;
  private heldEnd = -1;
  private heldLetters = 0;

  constructor(private readonly text: string) {}

  addToken(start: number, end: number, upper: number, lower: number, sharpS: number): void {
    if (upper + lower === 0) return;
    const single = upper === 1 && lower === 0;
    if (this.heldStart >= 0) {
      if (single && start === this.heldEnd + 1 && this.text.charCodeAt(this.heldEnd) === SPACE) {
        this.heldEnd = end;
        this.heldLetters++;
        return;
      }
      this.releaseHeld();
    }
    if (single) {
      this.heldStart = start;
      this.heldEnd = end;
      this.heldLetters = 1;
      return;
    }
    this.commit(start, end, upper, lower, kindOf(this.text, start, end, upper, lower, sharpS, false));
  }

  addLoudRun(): void {
    this.loudRuns++;
  }

  finish(): void {
    if (this.heldStart >= 0) this.releaseHeld();
    this.closeRun();
  }

  private releaseHeld(): void {
    const letters = this.heldLetters;
    const start = this.heldStart;
    const kind = letters === 1 ? Kind.Single : kindOf(this.text, start, this.heldEnd, letters, 0, 0, true);
    this.heldStart = -1;
    this.commit(start, this.heldEnd, letters, 0, kind);
  }

  private commit(start: number, end: number, upper: number, lower: number, kind: Kind): void {
    const letters = upper + lower;
    this.words++;
    if (kind === Kind.Calm) {
      this.boundary = false;
      this.closeRun();
      this.calmStart = start;
      this.calmEnd = end;
      this.upper += upper;
      this.cased += letters;
      this.letters += letters;
      this.scoredLetters += letters;
      return;
    }
    if (this.runStart >= 0 && this.boundary && this.runLoud === 0) {
      // "… der SPD.\nDAS IST SO": acronyms ending a calm sentence do not start the next one's shout.
      this.closeRun();
    }
    this.boundary = false;
    if (this.runStart < 0) {
      this.runStart = start;
      this.introduced = this.followsIntroducer(start);
      this.upperAt = this.upper;
      this.casedAt = this.cased;
      this.lettersAt = this.letters;
      this.loudAt = this.loudRuns;
    }
    this.runEnd = end;
    this.runCount++;
    this.letters += letters;
    if (kind === Kind.Acronym) return;
    this.upper += upper;
    this.cased += letters;
    this.scoredLetters += letters;
    this.runScoredLetters += letters;
    if (kind === Kind.Single) return;
    this.runCapitals++;
    this.runCapitalLetters += letters;
    if (kind === Kind.Loud) this.runLoud++;
  }

  /** Where the passage ends: its closing marks and quotes, also after a space ("WEG !!"). */
  private extendedEnd(end: number): number {
    const text = this.text;
    let at = end;
    for (;;) {
      let k = at;
      while (k < text.length && isSpace(text.charCodeAt(k))) k++;
      const from = k;
      while (k < text.length && (isSentenceEnd(text.charCodeAt(k)) || isCloser(text.charCodeAt(k)))) k++;
      if (k === from) return at;
      at = k;
    }
  }

  /** Whether the run starting at `start` follows "Slogan", "headline:" and the like directly. */
  private followsIntroducer(start: number): boolean {
    const { calmStart, calmEnd, text } = this;
    if (calmEnd < 0 || calmEnd - calmStart > MAX_INTRODUCER_LENGTH) return false;
    for (let k = calmEnd; k < start; k++) {
      const unit = text.charCodeAt(k);
      if (!isSpace(unit) && unit !== COLON) return false;
    }
    return INTRODUCER_SET.has(text.slice(calmStart, calmEnd).toLowerCase());
  }

  /** A run between quotation marks is someone else's words: a slogan, a title, a quoted claim. */
  private isQuoted(start: number, end: number): boolean {
    const text = this.text;
    if (end <= start || !isQuote(text.charCodeAt(end - 1))) return false;
    let k = start - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    if (k < 0) return false;
    const before = text.charCodeAt(k);
    return isQuote(before) || (before === COMMA && k > 0 && text.charCodeAt(k - 1) === COMMA);
  }

  private closeRun(): void {
    if (this.runStart < 0) return;
    if (this.runLoud > 0) {
      const end = this.extendedEnd(this.runEnd);
      if (!this.introduced && !this.isQuoted(this.runStart, end)) this.keepRun(end);
    }
    this.runStart = -1;
    this.runCount = 0;
    this.runCapitals = 0;
    this.runLoud = 0;
    this.runScoredLetters = 0;
    this.runCapitalLetters = 0;
  }

  /** Where the passage starts: a number right before its first word belongs to it ("3 JAHRE"). */
  private extendedStart(start: number): number {
    const text = this.text;
    let k = start;
    while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
    const end = k;
    while (k > 0 && (classifyCodeUnit(text.charCodeAt(k - 1)) & DIGIT) !== 0) k--;
    if (k === end || (k > 0 && isWordLike(text.charCodeAt(k - 1)))) return start;
    return k;
  }

  /** The run just closed; copied only into the few places that keep it. */
  private readonly closed: Stretch = emptyStretch();
  private readonly lastSeen: Stretch = emptyStretch();
  private readonly lastLongSeen: Stretch = emptyStretch();
  private readonly longestSeen: Stretch = emptyStretch();

  private keepRun(end: number): void {
    const run = this.closed;
    run.start = this.extendedStart(this.runStart);
    run.end = end;
    run.words = this.runCount;
    run.runWordsAt = this.runWords;
    run.upperAt = this.upperAt;
    run.casedAt = this.casedAt;
    run.lettersAt = this.lettersAt;
    run.loudAt = this.loudAt;
    run.upperTo = this.upper;
    run.casedTo = this.cased;
    run.lettersTo = this.letters;
    run.loudTo = this.loudRuns;
    this.firstRun ??= { ...run };
    this.lastRun = Object.assign(this.lastSeen, run);
    this.runWords += run.words;
    this.runScored += this.runScoredLetters;
    this.capitalLetters += this.runCapitalLetters;
    if (this.runCapitals > this.longestCapitals) {
      this.longest = Object.assign(this.longestSeen, run);
      this.longestCapitals = this.runCapitals;
    }
    if (run.words < MIN_PASSAGE_WORDS || this.runScoredLetters < MIN_SCORED_LETTERS) return;
    if (run.words >= LONG_PASSAGE_WORDS) {
      this.firstLong ??= { ...run };
      this.lastLong = Object.assign(this.lastLongSeen, run);
      return;
    }
    // Words only add up: a run already under a fifth of the comment stays under it.
    if (run.words < MIN_PASSAGE_SHARE * this.words) return;
    const candidates = this.candidates;
    if (candidates.length >= MAX_CANDIDATES) {
      // At most five runs can each be a fifth of the comment, so this keeps the list short.
      let kept = 0;
      for (const c of candidates) if (c.words >= MIN_PASSAGE_SHARE * this.words) candidates[kept++] = c;
      candidates.length = kept;
    }
    candidates.push({ ...run });
  }
}

function emptyStretch(): Stretch {
  return { start: 0, end: 0, words: 0, runWordsAt: 0, upperAt: 0, casedAt: 0, lettersAt: 0, loudAt: 0, upperTo: 0, casedTo: 0, lettersTo: 0, loudTo: 0 };
}

/** The one finding for the shouted stretch from run `first` to run `last` (maybe the same). */
function findingOf(first: Stretch, last: Stretch, words: number, shape: 'whole' | 'passage' | 'scattered'): Finding {
  const upper = last.upperTo - first.upperAt;
  const cased = last.casedTo - first.casedAt;
  const letters = last.lettersTo - first.lettersAt;
  const ratio = cased > 0 ? upper / cased : 1;
  const shouted = last.runWordsAt + last.words - first.runWordsAt;
  const share = words > 0 ? shouted / words : 1;
  const punctuation = last.loudTo - first.loudAt;
  const details: Record<string, unknown> = { ratio: round2(ratio), letters, words: shouted, share: round2(share), shape };
  if (punctuation > 0) details.punctuation = punctuation;
  return {
    code: 'text.shouting',
    severity: rateSeverity(ratio, letters, shape === 'whole' ? 1 : share, punctuation),
    start: first.start,
    end: last.end,
    details,
  };
}

/*
 * Two capitals with at most two other characters between them (combining marks not counted), the
 * first condition of mayShout(), as one regular expression over a wider class: ASCII capitals and
 * every non-ASCII character that may be a capital, a combining mark or half of an astral one (not
 * the lower-case letters of Latin-1 nor general punctuation), so that it never misses what the loop
 * finds. It is cheaper than the loop, and most comments, which have no two close capitals, stop here.
 */
const MAYBE_CAPITAL = 'A-Z\\u00C0-\\u00DE\\u0100-\\u1FFF\\u2070-\\uFFFF';
const MAYBE_CLOSE_CAPITALS = new RegExp(`[${MAYBE_CAPITAL}][^]{0,2}[${MAYBE_CAPITAL}]`);

/*
 * The loud word mayShout() looks for, as the same kind of wide regular expression, for the comments
 * with close capitals but only acronyms: four cased letters in a row with at most one small letter,
 * where a-z, à-ÿ but ß, and µ are small and anything that may be a capital, a combining mark, an
 * uncased letter, ß or an apostrophe is not (so a stretch with marks or uncased letters between the
 * letters matches too); or four single capitals one space apart, with marks, uncased letters or
 * apostrophes before each. Both look at stretches of text, so links cutting tokens change nothing.
 * ª and º are uncased letters below U+00C0 that would break a stretch: with them, mayShout() decides.
 */
const NOT_SMALL = `[${MAYBE_CAPITAL}'\\u2019\\u00DF]`;
const SMALL = '[a-z\\u00B5\\u00E0-\\u00FF]';
const MAYBE_LOUD = new RegExp(
  `${NOT_SMALL}(?:(?=${NOT_SMALL}{2}(?:${NOT_SMALL}|${SMALL})|${NOT_SMALL}${SMALL}${NOT_SMALL}|${SMALL}${NOT_SMALL}{2})|(?<=${SMALL}.)(?=${NOT_SMALL}{2}))` +
    `|[${MAYBE_CAPITAL}](?: [\\u0100-\\uFFFF'\\u2019]*[${MAYBE_CAPITAL}]){3}` +
    '|[\\u00AA\\u00BA]',
);

/*
 * Whether the full scan may find something, in one pass over the code units; false only when it
 * cannot. Two conditions, both needed:
 * - Two capitals close together (hasCloseCapitals, the original shortcut): a shouted passage needs a
 *   word of four or more capitals, which has two capitals side by side, or letters in capitals one
 *   space apart. Combining marks are skipped, an apostrophe may sit between the two capitals and
 *   every astral character counts as a capital.
 * - A loud word. Most comments with close capitals owe them to acronyms of two or three letters
 *   ("CDU", "AfD", "USA"), which never make a passage: a finding needs a token kindOf() calls Loud,
 *   whose cased letters hold four in a row with at most one lower-case letter that is not ß among
 *   them, or four single capitals one space apart ("W I D E"), which the scan joins into one. The
 *   tokens are read as the scan reads them (letters and marks, an apostrophe before a letter
 *   inside); links may split tokens and astral characters need the full classification, so with
 *   either this condition is left to the scan.
 */
function mayShout(text: string, ignore: readonly Span[]): boolean {
  const length = text.length;
  let close = false;
  let loud = ignore.length > 0;
  let sinceCapital = 8;
  let wordStart = -1;
  let wordEnd = -1;
  let upper = 0;
  let lower = 0;
  /** The last four cased letters of the word: bits set where lower-case (not ß), where upper-case. */
  let lowerBits = 0;
  let upperBits = 0;
  /** Single capitals one space apart so far, and where the next one would have to start. */
  let singles = 0;
  let nextSingle = -1;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x61 && unit <= 0x7a) {
      // An ASCII small letter, most of any text: the same steps as below, without the lookup.
      sinceCapital++;
      if (loud) continue;
      if (wordStart < 0) {
        wordStart = i;
        upper = 0;
        lower = 0;
        upperBits = 0;
        lowerBits = 0;
      }
      lower++;
      upperBits = (upperBits << 1) & 15;
      lowerBits = ((lowerBits << 1) | 1) & 15;
      wordEnd = i + 1;
      if (lowerBits === 1 && upperBits !== 0 && upper + lower >= 4) {
        if (close) return true;
        loud = true;
      }
      continue;
    }
    let flags = CLASS_TABLE[unit] as number;
    if (flags === 0) flags = classifyCodeUnit(unit);
    if ((flags & MARK) === 0) {
      if ((flags & UPPER) !== 0 || (unit >= 0xd800 && unit <= 0xdbff)) {
        if (sinceCapital <= 2) {
          if (loud) return true;
          close = true;
        }
        sinceCapital = 0;
      } else {
        sinceCapital++;
      }
    }
    if (loud) continue;
    if ((flags & WORD_PART) !== 0) {
      if (wordStart < 0) {
        wordStart = i;
        upper = 0;
        lower = 0;
        lowerBits = 0;
        upperBits = 0;
      }
      if ((flags & UPPER) !== 0) {
        upper++;
        upperBits = ((upperBits << 1) | 1) & 15;
        lowerBits = (lowerBits << 1) & 15;
      } else if ((flags & LOWER) !== 0) {
        lower++;
        upperBits = (upperBits << 1) & 15;
        lowerBits = ((lowerBits << 1) | (unit === SHARP_S ? 0 : 1)) & 15;
      } else {
        continue;
      }
      wordEnd = i + 1;
      if (upper + lower >= 4 && (lowerBits & (lowerBits - 1)) === 0 && upperBits !== 0) {
        if (close) return true;
        loud = true;
      }
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdfff) {
      if (close) return true;
      loud = true;
      continue;
    }
    if ((unit === APOSTROPHE || unit === RIGHT_SINGLE_QUOTE) && wordStart >= 0 && i + 1 < length && (classifyCodeUnit(text.charCodeAt(i + 1)) & LETTER) !== 0) {
      continue;
    }
    if (wordStart < 0) continue;
    if (upper === 1 && lower === 0) {
      singles = wordStart === nextSingle ? singles + 1 : 1;
      if (singles >= 4) {
        if (close) return true;
        loud = true;
      }
      nextSingle = text.charCodeAt(wordEnd) === SPACE ? wordEnd + 1 : -1;
    } else if (upper + lower > 0) {
      nextSingle = -1;
    }
    wordStart = -1;
  }
  if (wordStart >= 0 && upper === 1 && lower === 0 && wordStart === nextSingle && singles >= 3) loud = true;
  return close && loud;
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
 * Finds shouting: a comment, or a substantial passage of it, written in capitals in the writer's
 * own voice. At most one finding per comment, spanning the shouted passages.
 *
 * Words are runs of letters (an apostrophe inside: "DON'T"); a run of capitals is words in capitals
 * one after another, across punctuation, digits, emoji, line breaks, links, @mentions and #hashtags
 * (none of which count), ended by a word with lower-case letters. A run counts only with a word of
 * four or more capitals, at least 10 letters outside listed acronyms and not between quotation
 * marks (a quoted slogan or claim is someone else's voice). Listed acronyms (`NATO`, `AfD`) and
 * capitals of at most three letters (`DIE`, `EZB`) continue a run but never make one.
 * - whole: runs of capitals cover three words or more and at least 75 % of the comment's words;
 * - passage: a run of at least 4 words that is at least a fifth of the comment's words, or 8 words;
 * - scattered: words in capitals hold half the comment's letters, with a run of three of them.
 * A shout of one to three words ("NEIN DANKE", "SO IST ES!") and a short shout inside a long calm
 * comment are emphasis and are not reported. `!!!` runs raise severity (`details.punctuation`) but
 * alone are not shouting. `ignore` spans are links (sorted, non-overlapping).
 *
 * Linear on any input: a literal regular expression and a prefilter pass (no two close capitals or
 * no loud word, no finding: most comments stop there) and one scan over the code units, table
 * lookups.
 */
export function detectShouting(text: string, ignore: readonly Span[]): Finding[] {
  if (!MAYBE_CLOSE_CAPITALS.test(text) || !MAYBE_LOUD.test(text) || !mayShout(text, ignore)) return [];
  const length = text.length;
  const scan = new ShoutingScan(text);

  let ignoreIndex = firstIgnoreAfter(ignore, 0, 0);
  let nextIgnoreStart = ignoreStartAt(ignore, ignoreIndex, 0, length);

  let tokenStart = -1;
  let tokenEnd = -1;
  let tokenUpper = 0;
  let tokenLower = 0;
  let tokenSharpS = 0;

  let i = 0;
  while (i < length) {
    if (i >= nextIgnoreStart) {
      if (tokenStart >= 0) {
        scan.addToken(tokenStart, tokenEnd, tokenUpper, tokenLower, tokenSharpS);
        tokenStart = -1;
      }
      i = Math.min(ignore[ignoreIndex]?.end ?? length, length);
      ignoreIndex = firstIgnoreAfter(ignore, ignoreIndex + 1, i);
      nextIgnoreStart = ignoreStartAt(ignore, ignoreIndex, i, length);
      continue;
    }

    const unit = text.charCodeAt(i);
    if (unit >= 0x61 && unit <= 0x7a) {
      // An ASCII small letter: what the steps below do for it, without the lookup.
      if (tokenStart < 0) {
        tokenStart = i;
        tokenUpper = 0;
        tokenLower = 0;
        tokenSharpS = 0;
      }
      i++;
      tokenLower++;
      tokenEnd = i;
      continue;
    }
    let width = 1;
    let flags = CLASS_TABLE[unit] as number;
    if (flags === 0) flags = classifyCodeUnit(unit);
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
        tokenSharpS = 0;
      }
      i += width;
      if ((flags & UPPER) !== 0) {
        tokenUpper++;
        tokenEnd = i;
      } else if ((flags & LOWER) !== 0) {
        tokenLower++;
        if (unit === SHARP_S) tokenSharpS++;
        tokenEnd = i;
      }
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
      scan.addToken(tokenStart, tokenEnd, tokenUpper, tokenLower, tokenSharpS);
      tokenStart = -1;
    }

    if ((unit === 0x40 || unit === 0x23) && i + 1 < length && (i === 0 || !isWordLike(text.charCodeAt(i - 1)))) {
      // @mention or #hashtag: the handle is a name, not the writer's voice.
      let j = i + 1;
      while (j < nextIgnoreStart && j < length) {
        const next = text.charCodeAt(j);
        if (isWordLike(next) || next === 0x5f || (next >= 0xd800 && next <= 0xdfff)) {
          j++;
        } else if ((next === 0x2e || next === 0x2d) && j + 1 < length && isWordLike(text.charCodeAt(j + 1))) {
          j++;
        } else {
          break;
        }
      }
      if (j > i + 1) {
        i = j;
        continue;
      }
    }

    if (isLoudMark(unit)) {
      let j = i;
      let loud = 0;
      while (j < nextIgnoreStart && j < length && isLoudMark(text.charCodeAt(j))) {
        loud += loudMarkWeight(text.charCodeAt(j));
        j++;
      }
      if (loud >= MIN_PUNCTUATION_RUN) scan.addLoudRun();
      scan.boundary = true;
      i = j;
      continue;
    }
    if (isSentenceEnd(unit) || isLineBreak(unit)) scan.boundary = true;
    i += width;
  }
  if (tokenStart >= 0) scan.addToken(tokenStart, tokenEnd, tokenUpper, tokenLower, tokenSharpS);
  scan.finish();

  const words = scan.words;
  const { firstRun, lastRun, longest } = scan;
  if (firstRun === null || lastRun === null) return [];
  if (scan.runWords >= MIN_WHOLE_WORDS && scan.runWords >= WHOLE_SHARE * words && scan.runScored >= MIN_SCORED_LETTERS) {
    return [findingOf(firstRun, lastRun, words, 'whole')];
  }
  let first = scan.firstLong;
  let last = scan.lastLong;
  for (const run of scan.candidates) {
    if (run.words < MIN_PASSAGE_SHARE * words) continue;
    if (first === null || run.start < first.start) first = run;
    if (last === null || run.end > last.end) last = run;
  }
  if (first !== null && last !== null) return [findingOf(first, last, words, 'passage')];
  if (longest !== null && scan.longestCapitals >= MIN_SCATTERED_RUN && scan.capitalLetters >= SCATTERED_LETTER_SHARE * scan.scoredLetters) {
    return [findingOf(longest, longest, words, 'scattered')];
  }
  return [];
}
