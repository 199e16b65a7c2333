/**
 * Unicode character classes for the shouting scanner, looked up per UTF-16 code unit.
 *
 * A full table for the Basic Multilingual Plane costs ~20 ms to build with Unicode property
 * regexes, which is too much for module load; instead the table is filled lazily, one code unit
 * at a time, the first time that code unit is seen. ASCII and Latin-1/Latin Extended-A (German,
 * most European text) are filled eagerly because nearly every comment uses them.
 */

export const UPPER = 1;
export const LOWER = 2;
export const LETTER = 4;
export const MARK = 8;
export const DIGIT = 16;
const KNOWN = 128;

const IS_UPPER = /^\p{Lu}$/u;
const IS_LOWER = /^\p{Ll}$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_DIGIT = /^\p{Nd}$/u;

/** Classes by code unit, KNOWN set once looked up; 0: not yet. Read it directly in hot loops, with classifyCodeUnit() for a 0. */
export const CLASS_TABLE = new Uint8Array(0x10000);
const table = CLASS_TABLE;

function classifyString(ch: string): number {
  let flags = KNOWN;
  if (IS_LETTER.test(ch)) {
    flags |= LETTER;
    if (IS_UPPER.test(ch)) flags |= UPPER;
    else if (IS_LOWER.test(ch)) flags |= LOWER;
  } else if (IS_MARK.test(ch)) {
    flags |= MARK;
  } else if (IS_DIGIT.test(ch)) {
    flags |= DIGIT;
  }
  return flags;
}

for (let unit = 0; unit < 0x180; unit++) table[unit] = classifyString(String.fromCharCode(unit));

/** Classes of one BMP code unit (surrogates classify as nothing: pass code points instead). */
export function classifyCodeUnit(unit: number): number {
  const cached = table[unit] ?? 0;
  if (cached !== 0) return cached;
  const flags = unit >= 0xd800 && unit <= 0xdfff ? KNOWN : classifyString(String.fromCharCode(unit));
  table[unit] = flags;
  return flags;
}

/** Classes of an astral code point (mathematical alphanumerics, some scripts); rare, not cached. */
export function classifyCodePoint(codePoint: number): number {
  return classifyString(String.fromCodePoint(codePoint));
}
