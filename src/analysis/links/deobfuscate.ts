import { INVISIBLE_CHAR_CLASS, isInvisibleChar } from '../text/char-classes.js';
import { DOT_MARKER, JOIN_SPACE_CLASS } from './link-window.js';
import { isIcannTld } from './normalize-host.js';

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
const INVISIBLE = 1;
const SCHEME = 2;
const COLON = 3;
const JOIN = 4;

/*
 * Everything deobfuscate() may rewrite, one alternative per kind (the capture group says which).
 * Alternatives are bounded or, for invisible runs, cannot backtrack into what follows: linear.
 */
const EDIT = new RegExp(
  `([${INVISIBLE_CHAR_CLASS}]+)` +
    `|([hH][xX*]{2}[pP])(?=[sS]?(?::|\\[:\\])\\/\\/)` +
    `|(\\[:\\])(?=\\/\\/)` +
    `|(${SP}{0,3}${DOT_MARKER}${SP}{0,3}|${SP}{1,3}\\.${SP}{1,3})`,
  'g',
);

/*
 * Two-letter and three-letter TLDs that are also common German or English words. In the spaced
 * form "gut . so" or "egal . in zwei Wochen" they are prose, so ` . ` before one of them only counts
 * when a path follows (`rtde . to/x`). Bracket markers are explicit and need no such care.
 */
const WORD_TLDS: ReadonlySet<string> = new Set([
  'am', 'an', 'as', 'at', 'be', 'by', 'co', 'do', 'er', 'es', 'im', 'in', 'is', 'it', 'la', 'ma', 'me',
  'mo', 'my', 'na', 'ne', 'no', 'nu', 'so', 'to', 'tv', 'us', 'art', 'bar', 'bio', 'buy', 'car', 'day',
  'dog', 'eat', 'fit', 'fly', 'fun', 'gay', 'hot', 'how', 'law', 'map', 'men', 'moe', 'mom', 'new',
  'now', 'one', 'pay', 'pet', 'pro', 'pub', 'red', 'run', 'sex', 'ski', 'spa', 'tax', 'top', 'win',
  'wow', 'you',
]);

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LABEL = /[\p{L}\p{N}\p{M}]/u;
const INVISIBLE_RUN = new RegExp(`[${INVISIBLE_CHAR_CLASS}]`, 'g');
const NO_EDITS: number[] = [];

/**
 * Undoes link obfuscation in `text.slice(start, end)`: strips zero-width characters and soft
 * hyphens, turns `hxxp(s)` and `[:]` back into a scheme, and replaces dot markers (`[.]`, `(.)`,
 * `{.}`, `[dot]`, `(dot)`, spaced ` . `) by a dot when they join a host whose last label is an
 * ICANN TLD. The spaced form also needs both halves in one case (all lower or all capitals)
 * and, before a TLD that is a common word, a path: "Ende . Der", "Ende . de", "z. B." and
 * "gut . so" stay prose.
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
    kinds.push(match[INVISIBLE] !== undefined ? INVISIBLE : match[SCHEME] !== undefined ? SCHEME : match[COLON] !== undefined ? COLON : JOIN);
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
    if (kind === JOIN && !accepted[e]) continue;
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
    } else if (kind !== INVISIBLE) {
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
 * Which JOIN edits join a real host. Walked right to left: a marker followed by a label and then
 * by another marker (`www[.]anti-spiegel[.]ru`) inherits the verdict and TLD of the next one,
 * so each stretch of text is read once.
 */
function acceptJoins(window: string, kinds: number[], from: number[], to: number[]): boolean[] {
  const accepted = new Array<boolean>(kinds.length).fill(false);
  let nextJoin = -1;
  let nextTld = '';
  let nextPathFollows = false;
  for (let e = kinds.length - 1; e >= 0; e--) {
    if (kinds[e] !== JOIN) continue;
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
      tld = window.slice(labelStart, labelEnd).replace(INVISIBLE_RUN, '');
      pathFollows = window.charCodeAt(segEnd) === 0x2f;
    }
    let ok = chainOk && segEnd > b && a > 0 && isLabelAt(window, a - 1) && isLabelAt(window, b) && isIcannTld(tld);
    if (ok && !isBracketJoin(window, a, b)) {
      const prevEnd = previousJoinEnd(kinds, to, e);
      let tokenStart = a;
      while (tokenStart > prevEnd && isHostChar(window, tokenStart - 1)) tokenStart--;
      // One case throughout: "anti-spiegel . ru" or "ANTI-SPIEGEL . RU", never "Ende . De".
      const halves = window.slice(tokenStart, a) + window.slice(b, segEnd) + tld;
      const oneCase = !UPPER.test(halves) || !LOWER.test(halves);
      ok = oneCase && (pathFollows || !WORD_TLDS.has(tld.toLowerCase()));
    }
    accepted[e] = ok;
    nextJoin = e;
    nextTld = tld;
    nextPathFollows = pathFollows;
  }
  return accepted;
}

function previousJoinEnd(kinds: number[], to: number[], e: number): number {
  for (let p = e - 1; p >= 0; p--) if (kinds[p] === JOIN) return to[p] as number;
  return 0;
}

function isBracketJoin(window: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const unit = window.charCodeAt(i);
    if (unit === 0x5b || unit === 0x28 || unit === 0x7b) return true;
  }
  return false;
}

/** A character that can sit inside a host as written: label characters, `-`, `.`, invisibles. */
function isHostChar(window: string, i: number): boolean {
  const unit = window.charCodeAt(i);
  if (unit === 0x2d || unit === 0x2e || unit === 0x5f) return true;
  if (unit < 0x80) return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
  return isInvisibleChar(unit) || isLabelAt(window, i);
}

function isLabelAt(window: string, i: number): boolean {
  const unit = window.charCodeAt(i);
  if (unit < 0x80) return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
  if (unit >= 0xd800 && unit <= 0xdfff) return false;
  return LABEL.test(window[i] as string);
}
