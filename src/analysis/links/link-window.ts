import { INVISIBLE_CHAR_CLASS, isSpaceChar } from '../text/char-classes.js';

/** Spaces allowed around a dot marker: `freedert (.) online`, `anti-spiegel . ru`. */
export const JOIN_SPACE_CLASS = '[ \\t\\u00A0]';
const SP = JOIN_SPACE_CLASS;
/** `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, with at most one space inside the brackets. */
export const DOT_MARKER = `[\\[({]${SP}?(?:\\.|[dD][oO][tT])${SP}?[\\])}]`;
const INV = `[${INVISIBLE_CHAR_CLASS}]*`;
const LABEL_CHAR = '[\\p{L}\\p{N}\\p{M}]';

/*
 * Positions where a link may start nearby. Every alternative has a bounded length apart from
 * runs of invisible characters, which cannot overlap the character class before them, so the
 * scan stays linear. Prose dots ("z.B.", "Ende. Der", "usw.") do not match: a bare host needs a
 * letter or digit, a dot and two letters with no space in between; a spaced dot needs two
 * letters of one case after it ("rtde . xyz", not "Ende . Der").
 */
const CANDIDATE = new RegExp(
  [
    ':\\/\\/',
    '\\[:\\]\\/\\/',
    `${LABEL_CHAR}${SP}{0,3}${DOT_MARKER}`,
    `${LABEL_CHAR}${INV}\\.${INV}\\p{L}${INV}\\p{L}`,
    `${LABEL_CHAR}${SP}{1,3}\\.${SP}{1,3}(?:\\p{Ll}\\p{Ll}|\\p{Lu}\\p{Lu})`,
  ].join('|'),
  'gu',
);

const MARKER_AT = new RegExp(`${DOT_MARKER}|\\.${SP}`, 'y');
const MARKER_BEFORE = new RegExp(`(?:${DOT_MARKER}|${SP}\\.)$`);

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
 * spaces of a dot marker (`freedert (.) online`, `rtde . xyz/inland`) so that the window holds
 * both halves; whether they really form a host is decided later, by deobfuscate().
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
  while (k < limit && isJoinSpace(text.charCodeAt(k))) {
    k++;
    if (k - at > MAX_JOIN_SPACES) return -1;
  }
  if (k === at || k >= limit || isSpaceChar(text.charCodeAt(k))) return -1;
  MARKER_AT.lastIndex = k;
  if (MARKER_AT.test(text)) return k;
  return MARKER_BEFORE.test(text.slice(Math.max(0, at - 7), at)) ? k : -1;
}

function isJoinSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0xa0;
}
