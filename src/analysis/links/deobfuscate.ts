import { ENCODED_COLON, ENCODED_DOT, FULL_STOP_LIKE, INVISIBLE, isInvisibleAt, MIDDLE_DOT_LIKE } from './link-chars.js';
import { DOT_MARKER, JOIN_BREAK_CLASS, JOIN_SPACE_CLASS, SPELLED_DOT } from './link-window.js';
import { isIcannTld } from './normalize-host.js';
import { ABBREVIATIONS, COMMON_GENERIC_TLDS, SPELLED_DOT_STOPWORDS, WORD_CCTLDS, WORD_TLDS } from './prose-words.js';

/** A window of the comment with obfuscation undone, and the way back to the original offsets. */
export interface CleanWindow {
  /** The window with invisible characters removed, `hxxp` → `http` and accepted dot markers → `.`. */
  text: string;
  /** Offset of the window in the original text. */
  offset: number;
  /** Original start of each clean character; null when `text` is the window verbatim. */
  starts: number[] | null;
  /** Original end (exclusive) of each clean character; null when `text` is the window verbatim. */
  ends: number[] | null;
  /** Original `[start, end)` ranges that were rewritten, as flat pairs, in text order. */
  edits: number[];
}

const SP = JOIN_SPACE_CLASS;
const SPNL = JOIN_BREAK_CLASS;
const INVISIBLE_RUN_KIND = 1;
const SCHEME = 2;
const COLON = 3;
/** `[.]`, `(punkt)`, `&#46;`, `%2E`, `。`, `．`: explicit, no prose writes them between two words. */
const JOIN_MARKER = 4;
/** `anti-spiegel . ru`: a dot with spaces on both sides. */
const JOIN_SPACED = 5;
/** `anti-spiegel. ru`, `anti-spiegel.⏎ru`: spaces after the dot, the shape of a sentence end. */
const JOIN_AFTER = 6;
/** `anti-spiegel .ru`, `report24⏎.news`: spaces before the dot only. */
const JOIN_BEFORE = 7;
/** `auf1·tv`: a middle dot, also a separator and a gender dot in prose. */
const JOIN_MIDDLE_DOT = 8;
/** `anti-spiegel punkt ru`, `kla dot tv`. */
const JOIN_SPELLED = 9;
const FIRST_JOIN = JOIN_MARKER;

/*
 * Everything deobfuscate() may rewrite, one alternative per kind (the capture group says which).
 * Alternatives are bounded or, for invisible runs, cannot backtrack into what follows: linear.
 */
const EDIT = new RegExp(
  `(${INVISIBLE}+)` +
    `|([hH][xX*]{2}[pP])(?=[sS]?(?::|\\[:\\]|${ENCODED_COLON})\\/\\/)` +
    `|(\\[:\\]|${ENCODED_COLON})(?=\\/\\/)` +
    `|(${SP}{0,3}${DOT_MARKER}${SP}{0,3}|${ENCODED_DOT}|[${FULL_STOP_LIKE}])` +
    `|(${SP}{1,3}\\.${SP}{1,3})` +
    `|(\\.(?:${SP}{0,3}\\r?\\n${SP}{0,2}|${SP}{1,3}))` +
    `|(${SPNL}{1,3}\\.)` +
    `|([${MIDDLE_DOT_LIKE}])` +
    `|(${SP}{1,3}${SPELLED_DOT}${SP}{1,3})`,
  'gu',
);

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LABEL = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /\p{L}/u;
/** What a host label has and a word does not: a hyphen, a digit, or a capital after a small letter. */
const HOST_SHAPED = /[-0-9]|\p{Ll}\p{Lu}/u;
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE, 'gu');
const NO_EDITS: number[] = [];

/**
 * Undoes link obfuscation in `text.slice(start, end)`: strips invisible characters
 * (Default_Ignorable_Code_Point), turns `hxxp(s)`, `[:]` and `&#58;` back into a scheme, and
 * replaces what stands for a dot by a dot when it joins a host whose last label is an ICANN TLD:
 * bracket markers (`[.]`, `(.)`, `{.}`, `<dot>`, `[punkt]`, `-punkt-`), `&#46;` and `%2E`,
 * full-stop look-alikes (`。`, `．`, `․`), middle dots (`·`, `・`, `∙`), spelled-out dots
 * (`punkt`, `dot` between spaces) and dots with spaces or a line break on one or both sides.
 * The forms prose also writes need more: a dot with spaces or a middle dot needs both halves in
 * one case and, before a TLD that is a common word, a path ("Ende . Der", "Zeit. De", "z. B.",
 * "gut . so", "Kolleg·in" stay prose); a spelled-out dot needs a host-like word before it, not
 * "the" or "ein"; none of them may follow an abbreviation ("Dr. med").
 */
export function deobfuscate(text: string, start: number, end: number): CleanWindow {
  const window = text.slice(start, end);
  EDIT.lastIndex = 0;
  let match = EDIT.exec(window);
  if (match === null) return { text: window, offset: start, starts: null, ends: null, edits: NO_EDITS };

  const kinds: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  while (match !== null) {
    let kind = 1;
    while (match[kind] === undefined) kind++;
    kinds.push(kind);
    from.push(match.index);
    to.push(match.index + match[0].length);
    match = EDIT.exec(window);
  }
  const accepted = acceptJoins(window, kinds, from, to);

  let clean = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const edits: number[] = [];
  let pos = 0;
  for (let e = 0; e < kinds.length; e++) {
    const kind = kinds[e] as number;
    if (kind >= FIRST_JOIN && !accepted[e]) continue;
    const a = from[e] as number;
    const b = to[e] as number;
    clean += window.slice(pos, a);
    for (let i = pos; i < a; i++) {
      starts.push(start + i);
      ends.push(start + i + 1);
    }
    if (kind === SCHEME) {
      clean += 'http';
      for (let i = a; i < b; i++) {
        starts.push(start + i);
        ends.push(start + i + 1);
      }
    } else if (kind !== INVISIBLE_RUN_KIND) {
      clean += kind === COLON ? ':' : '.';
      starts.push(start + a);
      ends.push(start + b);
    }
    edits.push(start + a, start + b);
    pos = b;
  }
  if (edits.length === 0) return { text: window, offset: start, starts: null, ends: null, edits: NO_EDITS };
  clean += window.slice(pos);
  for (let i = pos; i < window.length; i++) {
    starts.push(start + i);
    ends.push(start + i + 1);
  }
  return { text: clean, offset: start, starts, ends, edits };
}

/** Original offset where the clean character at `index` starts. */
export function toOriginalStart(window: CleanWindow, index: number): number {
  return window.starts === null ? window.offset + index : (window.starts[index] as number);
}

/** Original offset just after the clean character at `index - 1`: the end of a clean span. */
export function toOriginalEnd(window: CleanWindow, index: number): number {
  return window.ends === null ? window.offset + index : (window.ends[index - 1] as number);
}

/**
 * True when a dot of the clean `[from, to)` stands for something else in the original (`[.]`,
 * ` punkt `, `。`): the text hid a host there, which prose never does.
 */
export function hasRewrittenDot(window: CleanWindow, text: string, from: number, to: number): boolean {
  if (window.starts === null || window.ends === null) return false;
  for (let i = window.text.indexOf('.', from); i !== -1 && i < to; i = window.text.indexOf('.', i + 1)) {
    const a = window.starts[i] as number;
    const b = window.ends[i] as number;
    if (b - a !== 1 || text.charCodeAt(a) !== 0x2e) return true;
  }
  return false;
}

/** True when something inside the original `[start, end)` was rewritten. */
export function hasEditWithin(window: CleanWindow, start: number, end: number): boolean {
  // Edits are sorted and disjoint: only the first one starting at or after `start` can fit.
  const edits = window.edits;
  let low = 0;
  let high = edits.length / 2;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((edits[mid * 2] as number) < start) low = mid + 1;
    else high = mid;
  }
  return low * 2 < edits.length && (edits[low * 2 + 1] as number) <= end;
}

/**
 * Which join edits join a real host. Walked right to left: a marker followed by a label and then
 * by another marker (`www[.]anti-spiegel[.]ru`) inherits the verdict and TLD of the next one,
 * so each stretch of text is read once.
 */
function acceptJoins(window: string, kinds: number[], from: number[], to: number[]): boolean[] {
  const accepted = new Array<boolean>(kinds.length).fill(false);
  let nextJoin = -1;
  let nextTld = '';
  let nextPathFollows = false;
  for (let e = kinds.length - 1; e >= 0; e--) {
    const kind = kinds[e] as number;
    if (kind < FIRST_JOIN) continue;
    const a = from[e] as number;
    const b = to[e] as number;
    const limit = nextJoin === -1 ? window.length : (from[nextJoin] as number);
    let segEnd = b;
    while (segEnd < limit && isHostChar(window, segEnd)) segEnd++;
    let tld: string;
    let pathFollows: boolean;
    let chainOk = true;
    if (nextJoin !== -1 && segEnd === limit) {
      tld = nextTld;
      pathFollows = nextPathFollows;
      chainOk = accepted[nextJoin] as boolean;
    } else {
      // A sentence may end right after the host: "siehe anti-spiegel[.]ru."
      let labelEnd = segEnd;
      while (labelEnd > b && window.charCodeAt(labelEnd - 1) === 0x2e) labelEnd--;
      let labelStart = labelEnd;
      while (labelStart > b && window.charCodeAt(labelStart - 1) !== 0x2e) labelStart--;
      tld = window.slice(labelStart, labelEnd).replace(INVISIBLE_GLOBAL, '');
      pathFollows = window.charCodeAt(segEnd) === 0x2f;
    }
    // Invisible characters around a marker do not separate it from the labels: "x\u200b[.]\u200bru".
    let before = a;
    while (before > 0 && isInvisibleAt(window, before - 1)) before--;
    let after = b;
    while (after < segEnd && isInvisibleAt(window, after)) after++;
    let ok = chainOk && segEnd > after && before > 0 && isLabelAt(window, before - 1) && isLabelAt(window, after) && isIcannTld(tld);
    if (ok && kind !== JOIN_MARKER) ok = joinsLikeAHost(window, kind, kinds, to, e, a, b, segEnd, tld, pathFollows);
    accepted[e] = ok;
    nextJoin = e;
    nextTld = tld;
    nextPathFollows = pathFollows;
  }
  return accepted;
}

/** The extra checks of the join forms that prose writes too (see deobfuscate()). */
function joinsLikeAHost(
  window: string,
  kind: number,
  kinds: number[],
  to: number[],
  e: number,
  a: number,
  b: number,
  segEnd: number,
  tld: string,
  pathFollows: boolean,
): boolean {
  const prevEnd = previousJoinEnd(kinds, to, e);
  let tokenStart = a;
  while (tokenStart > prevEnd && isHostChar(window, tokenStart - 1)) tokenStart--;
  const left = window.slice(tokenStart, a).replace(INVISIBLE_GLOBAL, '');
  const lowerTld = tld.toLowerCase();
  // Only the first label of a host can be a word of the sentence before it.
  const firstLabel = tokenStart > prevEnd || tokenStart === 0;
  const leftWord = firstLabel ? left.toLowerCase() : '';
  // "Dr. med", "evtl. online", "usw .am", "u.a. mit" are abbreviations.
  if (!pathFollows && (ABBREVIATIONS.has(leftWord) || isSingleLetterLabel(left))) return false;
  // "Punkt 12. de Gaulle", "am 3 . de": a number before the dot is a date or a count.
  if (firstLabel && !LETTER.test(left)) return false;
  if (kind === JOIN_SPELLED) {
    // "the dot com era", "each dot is", "ein punkt in": a spelled dot after a determiner is prose.
    if (SPELLED_DOT_STOPWORDS.has(leftWord)) return false;
    // The German noun: "ein wichtiger Punkt de facto" is prose, "anti-spiegel Punkt ru" is not.
    const capitalised = UPPER.test(window[skipSpaces(window, a)] as string) && LOWER.test(window.slice(a, b));
    if (capitalised && !pathFollows && !HOST_SHAPED.test(left)) return false;
    return pathFollows || lowerTld === 'tv' || isReaderTld(lowerTld);
  }
  // One case throughout: "anti-spiegel . ru" or "ANTI-SPIEGEL . RU", never "Ende . De".
  const halves = left + window.slice(b, segEnd) + tld;
  const upper = UPPER.test(halves);
  if (upper && LOWER.test(halves)) return false;
  switch (kind) {
    case JOIN_MIDDLE_DOT:
      return pathFollows || lowerTld === 'tv' || !WORD_TLDS.has(lowerTld);
    case JOIN_SPACED:
      return pathFollows || isReaderTld(lowerTld);
    case JOIN_BEFORE:
      // " .tv" is a typo at most, never a sentence end: "tv" counts.
      return pathFollows || (!upper && (lowerTld === 'tv' || isReaderTld(lowerTld)));
    case JOIN_AFTER:
      // The shape of a sentence end (". jetzt", ". tv schauen", "SPD. CL"): in capitals or before
      // a TLD that is also a word, only a path makes it a host.
      return pathFollows || (!upper && isReaderTld(lowerTld));
  }
  return false;
}

/**
 * A TLD that, written after a spaced or spelled-out dot, is a host and not the next word: a
 * country code that is no common word, or one of the generic TLDs readers use.
 */
function isReaderTld(lowerTld: string): boolean {
  if (lowerTld.length === 2) return !WORD_TLDS.has(lowerTld) && !WORD_CCTLDS.has(lowerTld);
  return COMMON_GENERIC_TLDS.has(lowerTld);
}

function skipSpaces(window: string, i: number): number {
  let k = i;
  while (k < window.length && (window.charCodeAt(k) === 0x20 || window.charCodeAt(k) === 0x09 || window.charCodeAt(k) === 0xa0)) k++;
  return k;
}

/** True when the label right before the join is one character: "u.a. mit", "z. B.", "d. h.". */
function isSingleLetterLabel(left: string): boolean {
  const dot = left.lastIndexOf('.');
  return left.length - dot - 1 === 1;
}

function previousJoinEnd(kinds: number[], to: number[], e: number): number {
  for (let p = e - 1; p >= 0; p--) if ((kinds[p] as number) >= FIRST_JOIN) return to[p] as number;
  return 0;
}

/** A character that can sit inside a host as written: label characters, `-`, `.`, invisibles. */
function isHostChar(window: string, i: number): boolean {
  const unit = window.charCodeAt(i);
  if (unit === 0x2d || unit === 0x2e || unit === 0x5f) return true;
  if (unit < 0x80) return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
  return isInvisibleAt(window, i) || isLabelAt(window, i);
}

function isLabelAt(window: string, i: number): boolean {
  const unit = window.charCodeAt(i);
  if (unit < 0x80) return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
  if (unit >= 0xd800 && unit <= 0xdfff) return false;
  return LABEL.test(window[i] as string);
}
