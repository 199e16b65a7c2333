import { isSpaceChar } from '../text/char-classes.js';
import { isIcannTld } from './normalize-host.js';
import { ENCODED_COLON, ENCODED_DOT, FULL_STOP_LIKE, INVISIBLE, MIDDLE_DOT_LIKE } from './link-chars.js';
import { COMMON_GENERIC_TLDS, WORD_CCTLDS, WORD_TLDS } from './prose-words.js';

/** Spaces allowed around a dot marker: `freedert (.) online`, `anti-spiegel . ru`. */
export const JOIN_SPACE_CLASS = '[ \\t\\u00A0]';
/** The same plus a line break: one side of a dot may be the end of a line (`anti-spiegel.⏎ru`). */
export const JOIN_BREAK_CLASS = '[ \\t\\u00A0\\r\\n]';
const SP = JOIN_SPACE_CLASS;
const SPNL = JOIN_BREAK_CLASS;
/**
 * The dot spelled out: `punkt`, `PUNKT`, `dot`, `DOT`, and the capitalised noun `Punkt`, `Dot`,
 * which deobfuscate() accepts only after a host-shaped word (`report24 Punkt news`).
 */
export const SPELLED_DOT = '(?:punkt|PUNKT|Punkt|dot|DOT|Dot)';
/**
 * Explicit dot markers: `[.]`, `(.)`, `{.}`, `<.>`, `[dot]`, `(punkt)`, `{Punkt}`, `<dot>` in any
 * case with at most one space inside the brackets, and `-punkt-`, `-dot-`.
 */
export const DOT_MARKER =
  `(?:[\\[({<]${SP}?(?:\\.|[dD][oO][tT]|[pP][uU][nN][kK][tT])${SP}?[\\])}>]|-${SPELLED_DOT}-)`;
const INV = `${INVISIBLE}*`;
const LABEL_CHAR = '[\\p{L}\\p{N}\\p{M}]';
const TWO_OF_ONE_CASE = '(?:\\p{Ll}\\p{Ll}|\\p{Lu}\\p{Lu})';

/**
 * The lower-case TLDs a host written after "x. " may end in: the country codes that are no common
 * word (derived from the public-suffix list once, 676 look-ups) and the generic TLDs readers use.
 * Mirrors deobfuscate()'s isReaderTld, so that "usw. bzw. ca." or "so. jetzt" is no candidate.
 */
function readerTldPattern(): string {
  const tlds: string[] = [...COMMON_GENERIC_TLDS];
  for (let a = 0x61; a <= 0x7a; a++) {
    for (let b = 0x61; b <= 0x7a; b++) {
      const code = String.fromCharCode(a, b);
      if (!WORD_TLDS.has(code) && !WORD_CCTLDS.has(code) && isIcannTld(code)) tlds.push(code);
    }
  }
  return `(?:${tlds.sort((x, y) => y.length - x.length).join('|')})(?![\\p{L}\\p{N}-])`;
}
const READER_TLD = readerTldPattern();
/** After "www. ": a label and then more host, also spaced ("www. anti-spiegel. ru"). */
const HOST_GOES_ON = `[\\p{L}\\p{N}-]{2,63}(?:[./][\\p{L}\\p{N}]|\\.${SPNL}{1,3}${READER_TLD})`;

/*
 * Positions where a link may start nearby. Every alternative has a bounded length apart from
 * runs of invisible characters, which cannot overlap the character class before them, so the
 * scan stays linear. Prose dots ("z.B.", "Ende. Der", "usw.") do not match: a bare host needs a
 * letter or digit, a dot and two letters with no space in between; a dot with spaces or a line
 * break on one or both sides needs two letters of one case after it ("rtde . xyz",
 * "anti-spiegel. ru", not "Ende. Der"); a spelled-out dot needs spaces on both sides.
 */
const CANDIDATE = new RegExp(
  // Every alternative has a character that is no ASCII letter or digit at its first or second
  // place: this ASCII-only test rejects the inside of words before any Unicode class is read.
  '(?=[^a-zA-Z0-9]|[\\s\\S][^a-zA-Z0-9])(?:' +
  [
    ':\\/\\/',
    `(?:\\[:\\]|${ENCODED_COLON})\\/\\/`,
    // One label character, then what may follow it; the alternatives are tried only before a
    // character that is no ASCII letter or digit (none of them starts with one), which skips
    // the inside of words at the cost of one ASCII test.
    `${LABEL_CHAR}(?=[^a-zA-Z0-9])(?:` +
      [
        `${INV}${SP}{0,3}${DOT_MARKER}`,
        `${INV}[.${FULL_STOP_LIKE}${MIDDLE_DOT_LIKE}]${INV}\\p{L}${INV}\\p{L}`,
        `(?:${ENCODED_DOT})\\p{L}`,
        `${SPNL}{1,3}\\.${SPNL}{0,3}${TWO_OF_ONE_CASE}`,
        `\\.${SPNL}{1,3}(?:${READER_TLD}|${HOST_GOES_ON})`,
        `${SPNL}{1,3}${SPELLED_DOT}${SPNL}{1,3}\\p{L}`,
      ].join('|') +
      ')',
  ].join('|') +
  ')',
  'gu',
);

/** At the first character after spaces: a marker, a dot before a label, or a spelled-out dot. */
const MARKER_AT = new RegExp(`${DOT_MARKER}|\\.(?:${SP}|[\\p{L}\\p{N}])|${SPELLED_DOT}${SPNL}`, 'yu');
/** Right before the spaces: a marker, a dot, or a spelled-out dot after a space. */
const MARKER_BEFORE = new RegExp(`(?:${DOT_MARKER}|${SP}\\.|${SPNL}${SPELLED_DOT})$`);
/** A host label after the spaces that follow a full stop, and what comes after it. */
const LABEL_AFTER = /[\p{L}\p{N}-]{1,63}/uy;

/** How far left of a candidate a window may reach: scheme, `www.` and a 63-character label fit. */
export const LOOK_BEHIND = 256;
/** Longest window handed to linkifyjs; a longer token is read in several windows. */
export const MAX_WINDOW = 2048;
/** Longest run of spaces a spaced dot marker may have on one side. */
const MAX_JOIN_SPACES = 3;

/** Index of the next place at or after `from` where a link may be written, or -1. */
export function findLinkCandidate(text: string, from: number): number {
  CANDIDATE.lastIndex = from;
  const match = CANDIDATE.exec(text);
  return match === null ? -1 : match.index;
}

/** Start of the whitespace-delimited token around `at`, never before `floor`. */
export function findWindowStart(text: string, at: number, floor: number): number {
  let i = at;
  while (i > floor && !isSpaceChar(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * End of the token that starts before `from`, never after `limit`. A token continues across the
 * spaces or the line break of a dot marker (`freedert (.) online`, `rtde . xyz/inland`,
 * `anti-spiegel punkt ru`, `anti-spiegel.⏎ru`) so that the window holds both halves; whether
 * they really form a host is decided later, by deobfuscate().
 */
export function findWindowEnd(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    if (!isSpaceChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const next = skipMarkerSpaces(text, i, limit);
    if (next === -1) return i;
    i = next;
  }
  return limit;
}

/** After the spaces at `at` when a dot marker sits on either side of them, else -1. */
function skipMarkerSpaces(text: string, at: number, limit: number): number {
  let k = at;
  let breaks = 0;
  while (k < limit && isJoinSpace(text.charCodeAt(k))) {
    if (text.charCodeAt(k) === 0x0a) breaks++;
    k++;
    if (k - at > MAX_JOIN_SPACES || breaks > 1) return -1;
  }
  if (k === at || k >= limit || isSpaceChar(text.charCodeAt(k))) return -1;
  MARKER_AT.lastIndex = k;
  if (MARKER_AT.test(text)) return k;
  const before = text.slice(Math.max(0, at - 9), at);
  if (MARKER_BEFORE.test(before)) return k;
  // A full stop, then spaces: only when what follows still reads as a host ("anti-spiegel. ru",
  // "www. anti-spiegel. ru"), so that sentence after sentence does not become one window.
  return text.charCodeAt(at - 1) === 0x2e && at >= 2 && isLabelUnit(text.charCodeAt(at - 2)) && continuesHost(text, k) ? k : -1;
}

/** True when a label starts at `k` that is a TLD or is followed by a dot or a path. */
function continuesHost(text: string, k: number): boolean {
  LABEL_AFTER.lastIndex = k;
  const match = LABEL_AFTER.exec(text);
  if (match === null) return false;
  const next = text.charCodeAt(k + match[0].length);
  return next === 0x2e || next === 0x2f || isIcannTld(match[0]);
}

function isLabelUnit(unit: number): boolean {
  if (unit < 0x80) return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
  return unit > 0xbf;
}

function isJoinSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0xa0 || unit === 0x0a || unit === 0x0d;
}
