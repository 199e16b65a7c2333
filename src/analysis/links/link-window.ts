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

/** CANDIDATE tried at one place only. */
const CANDIDATE_AT = new RegExp(CANDIDATE.source, 'uy');

/** The dot look-alikes and invisible characters (either may follow the label of a candidate). */
const DOT_OR_INVISIBLE = new RegExp(`^(?:[${FULL_STOP_LIKE}${MIDDLE_DOT_LIKE}]|${INVISIBLE})$`, 'u');
/** Per BMP code unit from U+0250 on: 0 not looked up yet, 1 no, 2 a dot look-alike or invisible. */
const DOT_OR_INVISIBLE_UNIT = new Uint8Array(0x10000);

/**
 * ASCII characters that may stand right after the label of a candidate (spaces, `.`, the first
 * characters of markers and encodings) or start one (`:`, `[`, `&`): the scan stops only there.
 */
/*
 * The characters worth a closer look (mayFollowLabel() and the starts of `://`, `[:]//`, `&#58;//`),
 * found by a regex, which costs less than a loop over the code units in V8. Each match is one
 * character with a lookaround, so none is skipped, and each alternative asks for no more than the
 * check it stands for: a dot before a letter, a space or something non-ASCII (and after spaces a
 * lower-case or non-ASCII letter, or a label going on with a dot or a slash); a bracket or `-` that
 * may open a marker; `&`, `%` and `:` before an encoding or `//`; the soft hyphen, the middle dot
 * and what is non-ASCII beyond Latin Extended-B but for general punctuation that is no dot and not
 * invisible (dashes, quotes, the ellipsis). Spaces between a label and a dot, a marker or a
 * spelled-out dot are not matched themselves (there are many): the dot, the marker or the first
 * letter after them is, and findLinkCandidate() looks back over them.
 */
const TRIGGER = new RegExp(
  [
    String.raw`\.(?=[a-zA-Z][a-zA-Z\u0080-\uFFFF]|[\u0080-\uFFFF]|[ \t\n\r\u00A0]{1,3}(?:[a-z\u0080-\uFFFF]|[A-Z0-9-][A-Za-z0-9-]*[./\u0080-\uFFFF]))`,
    String.raw`[\[({<](?=[ \t\u00A0.]|[pP][uU]|[dD][oO])`,
    String.raw`\[(?=:)`,
    String.raw`-(?=[pP][uU]|[dD][oO])`,
    String.raw`&(?=[#pc])`,
    String.raw`%(?=2)`,
    String.raw`:(?=\/)`,
    String.raw`[\u00AD\u00B7\u0250-\u200F\u2022\u2024\u2027\u202A-\u202E\u2060-\uFFFF]`,
    String.raw`[.\[({<\-](?<=[ \t\n\r\u00A0].)`,
    String.raw`(?:[pP](?=[uU])|[dD](?=[oO]))(?<=[ \t\n\r\u00A0].)`,
  ].join('|'),
  'g',
);
/** More spaces than a dot marker may have on one side. */
const TOO_MANY_SPACES = 4;
/** The dot spelled out, as CANDIDATE has it after spaces and in `-punkt-`. */
const SPELLED_DOT_AT = new RegExp(SPELLED_DOT, 'y');

/**
 * Index of the next place at or after `from` where a link may be written, or -1: where CANDIDATE
 * matches first. Most of a comment cannot hold a match, and trying the regex at every place costs
 * more than reading the text once: the scan stops only at characters one of its alternatives
 * needs right after the label (TRIGGER, then mayFollowLabel()) or at its start (`://`, `[:]//`,
 * `&#58;//`), and the regex is tried at that label or that character. The places are the regex's
 * own, in the same order; link-window.spec.ts compares both.
 */
export function findLinkCandidate(text: string, from: number): number {
  const length = text.length;
  // A start inside a surrogate pair (a window cut at MAX_WINDOW): leave it to the regex.
  if (from > 0 && from < length && isTrail(text.charCodeAt(from)) && isLead(text.charCodeAt(from - 1))) return scanLinkCandidate(text, from);
  TRIGGER.lastIndex = from;
  while (TRIGGER.test(text)) {
    const q = TRIGGER.lastIndex - 1;
    const unit = text.charCodeAt(q);
    if (q > 0 && isJoinSpace(text.charCodeAt(q - 1))) {
      // Spaces before: the label stands before them ("rtde . xyz", "kla [.] tv", "kla punkt tv").
      let spaces = 1;
      while (spaces < TOO_MANY_SPACES && q - spaces > 0 && isJoinSpace(text.charCodeAt(q - spaces - 1))) spaces++;
      const first = q - spaces;
      if (spaces < TOO_MANY_SPACES) {
        const label = labelBefore(text, first, from);
        if (label !== -1 && mayFollowLabel(text, first, text.charCodeAt(first), text.charCodeAt(first + 1)) && matchesAt(text, label)) return label;
      }
    }
    const next = text.charCodeAt(q + 1);
    if (unit === 0x3a) {
      // `://` starts at the colon; nothing follows a label with one.
      if (next === 0x2f && matchesAt(text, q)) return q;
      continue;
    }
    const label = labelBefore(text, q, from);
    if (label !== -1 && mayFollowLabel(text, q, unit, next) && matchesAt(text, label)) return label;
    if (((unit === 0x5b && next === 0x3a) || (unit === 0x26 && (next === 0x23 || next === 0x63))) && matchesAt(text, q)) return q;
  }
  return -1;
}

/** findLinkCandidate() by the regex alone, trying every place: the reference it must agree with. */
export function scanLinkCandidate(text: string, from: number): number {
  CANDIDATE.lastIndex = from;
  const match = CANDIDATE.exec(text);
  return match === null ? -1 : match.index;
}

function matchesAt(text: string, at: number): boolean {
  CANDIDATE_AT.lastIndex = at;
  return CANDIDATE_AT.test(text);
}

/**
 * Where the character before `q` starts when it may be a label character (an ASCII letter or
 * digit, or anything non-ASCII but a lone surrogate), and not before `from`; else -1.
 */
function labelBefore(text: string, q: number, from: number): number {
  if (q <= from) return -1;
  const prev = text.charCodeAt(q - 1);
  if (prev < 0x80) return (prev >= 0x30 && prev <= 0x39) || ((prev | 0x20) >= 0x61 && (prev | 0x20) <= 0x7a) ? q - 1 : -1;
  if (isTrail(prev)) return q - 2 >= from && isLead(text.charCodeAt(q - 2)) ? q - 2 : -1;
  return isLead(prev) ? -1 : q - 1;
}

/**
 * False when no alternative of CANDIDATE can have `unit` (at `q`, before `next`) right after its
 * label: a necessary condition only, CANDIDATE decides. Spaces must lead (within three) to a dot,
 * a marker or a spelled-out dot; a full stop must be followed by a space, a letter or something
 * non-ASCII; brackets and `-` must open a marker; `&` and `%` an encoded dot; anything else
 * non-ASCII must be a dot look-alike or invisible.
 */
function mayFollowLabel(text: string, q: number, unit: number, next: number): boolean {
  switch (unit) {
    case 0x20:
    case 0x09:
    case 0x0a:
    case 0x0d:
    case 0xa0:
      for (let k = q + 1; k <= q + 3; k++) {
        const c = k === q + 1 ? next : text.charCodeAt(k);
        if (c === 0x2e) return true;
        if (isAsciiLetter(c)) return isSpelledDotAt(text, k, c);
        if (!isJoinSpace(c)) return mayOpenMarker(text, k, c);
      }
      return false;
    case 0x2e:
      if (isJoinSpace(next)) return mayFollowSpacedDot(text, q + 1);
      // Two letters after the dot, invisible characters maybe between: "x.de", not "z.B.".
      if (isAsciiLetter(next)) {
        const second = text.charCodeAt(q + 2);
        return second >= 0x80 || isAsciiLetter(second);
      }
      return next >= 0x80;
    case 0x5b:
    case 0x28:
    case 0x7b:
    case 0x3c:
    case 0x2d:
      return mayOpenMarker(text, q, unit);
    case 0x26:
      return next === 0x23 || next === 0x70;
    case 0x25:
      return next === 0x32;
    default:
      return unit >= 0x80 && isDotOrInvisibleAt(text, q, unit);
  }
}

/**
 * After "x." and the spaces from `k` on (at most three), a host may go on: a TLD (lower-case ASCII)
 * or a label followed by a dot or a slash ("www. anti-spiegel.ru"). Not "Ende. Der Rest".
 */
function mayFollowSpacedDot(text: string, k: number): boolean {
  let i = k;
  while (i < k + 3 && isJoinSpace(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(i);
  if ((first >= 0x61 && first <= 0x7a) || first >= 0x80) return true;
  if (!isAsciiLabelChar(first)) return false;
  while (isAsciiLabelChar(text.charCodeAt(i))) i++;
  const after = text.charCodeAt(i);
  return after === 0x2e || after === 0x2f || after >= 0x80;
}

/** An ASCII letter or digit or `-`. */
function isAsciiLabelChar(unit: number): boolean {
  return isAsciiLetter(unit) || (unit >= 0x30 && unit <= 0x39) || unit === 0x2d;
}

/** `[.]`, `(dot)`, `{ punkt }`, `<.>`, `-punkt-` may start at `k` (holding `c`). */
function mayOpenMarker(text: string, k: number, c: number): boolean {
  if (c === 0x2d) return isSpelledDotAt(text, k + 1, text.charCodeAt(k + 1));
  if (c !== 0x5b && c !== 0x28 && c !== 0x7b && c !== 0x3c) return false;
  // Inside the brackets the spelled-out dot may be in any case: its first two letters.
  const inside = text.charCodeAt(k + 1);
  const second = text.charCodeAt(k + 2) | 0x20;
  if (inside === 0x20 || inside === 0x09 || inside === 0xa0 || inside === 0x2e) return true;
  return ((inside | 0x20) === 0x70 && second === 0x75) || ((inside | 0x20) === 0x64 && second === 0x6f);
}

/** SPELLED_DOT (`punkt`, `Dot`, …) starts at `k`, which holds `c`. */
function isSpelledDotAt(text: string, k: number, c: number): boolean {
  if (c !== 0x70 && c !== 0x50 && c !== 0x64 && c !== 0x44) return false;
  SPELLED_DOT_AT.lastIndex = k;
  return SPELLED_DOT_AT.test(text);
}

function isAsciiLetter(unit: number): boolean {
  return (unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a;
}

/** A dot look-alike or an invisible character starts at `q` (holding the non-ASCII `unit`). */
function isDotOrInvisibleAt(text: string, q: number, unit: number): boolean {
  if (unit < 0x250) return unit === 0xad || unit === 0xb7;
  if (isLead(unit)) return DOT_OR_INVISIBLE.test(text.slice(q, q + 2));
  if (isTrail(unit)) return false;
  let known = DOT_OR_INVISIBLE_UNIT[unit] as number;
  if (known === 0) {
    known = DOT_OR_INVISIBLE.test(String.fromCharCode(unit)) ? 2 : 1;
    DOT_OR_INVISIBLE_UNIT[unit] = known;
  }
  return known === 2;
}

function isLead(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isTrail(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
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
