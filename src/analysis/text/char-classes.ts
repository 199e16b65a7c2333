/**
 * Characters that render as nothing yet split a word or a host for naive matching: zero-width
 * space, non-joiner and joiner (U+200B..U+200D), word joiner (U+2060), the byte-order mark used as
 * a zero-width no-break space (U+FEFF) and the soft hyphen (U+00AD). Spammers slip them into
 * domains (`anti\u200Bspiegel.ru`) so that a list lookup misses while readers see the name intact.
 */
export const INVISIBLE_CHAR_CLASS = '\\u00AD\\u200B-\\u200D\\u2060\\uFEFF';

/** True for one UTF-16 code unit of INVISIBLE_CHAR_CLASS. */
export function isInvisibleChar(unit: number): boolean {
  return unit === 0x00ad || (unit >= 0x200b && unit <= 0x200d) || unit === 0x2060 || unit === 0xfeff;
}

/**
 * True for the code units that end a token for link extraction. A subset of what linkifyjs treats
 * as a separator, so a window cut here never splits a URL linkify would see whole; the invisible
 * characters are deliberately absent (they are stripped, not split on).
 */
export function isSpaceChar(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000
  );
}
