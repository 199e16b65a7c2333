/*
 * The characters readers put into a host instead of its dots, or to hide it.
 *
 * Dots. Two groups, because prose uses one of them and never the other:
 * - FULL_STOP_LIKE: every character whose NFKC form is "." or the ideographic full stop U+3002
 *   (U+2024 one dot leader, U+FE52 small full stop, U+FF0E fullwidth full stop, U+FE12 and U+FF61
 *   ideographic forms), and the baseline full stops of other scripts that look the same in a Latin
 *   line (U+0701/U+0702 Syriac, U+A4F8 Lisu, U+A60E Vai). The URL parser itself maps U+3002,
 *   U+FF0E and U+FF61 to "." (UTS #46), so these are dots to a browser as well. German and English
 *   prose never uses them: between two labels they are read like `[.]`.
 * - MIDDLE_DOT_LIKE: dots at mid height, from the NFKC class of U+00B7 (U+0387) and the look-alikes
 *   in the Unicode confusables data and common fonts: U+2027 hyphenation point, U+30FB and U+FF65
 *   katakana middle dots, U+2E31 word separator, U+2E33 raised dot, U+2219 bullet operator, U+22C5
 *   dot operator, U+2022 bullet, U+1427 Canadian syllabics final middle dot, U+16EB runic
 *   punctuation, U+2981 Z notation spot, U+A78F sinological dot, U+02D9 dot above, U+10101 Aegean
 *   word separator dot, and the filled circles U+25CF and U+26AB. Prose uses some
 *   of them as separators ("Politik · Sport") and for gender forms ("Leser·innen", "Kolleg·in"),
 *   so they join a host only under the rules of a spaced dot.
 * link-chars.spec.ts checks the NFKC part against the Unicode data of the running engine.
 */
export const FULL_STOP_LIKE = '\\u2024\\uFE52\\uFF0E\\u3002\\uFE12\\uFF61\\u0701\\u0702\\uA4F8\\uA60E';
export const MIDDLE_DOT_LIKE =
  '\\u00B7\\u0387\\u2027\\u30FB\\uFF65\\u2E31\\u2E33\\u2219\\u22C5\\u2022\\u1427\\u16EB\\u2981\\uA78F\\u02D9\\u25CF\\u26AB\\u{10101}';

/** HTML character references and percent-encodings of "." that readers paste or write. */
export const ENCODED_DOT = '&#0*46;|&#[xX]0*2[eE];|&period;|%2[eE]';
/** The same for ":" in a scheme (`https&#58;//`). */
export const ENCODED_COLON = '&#0*58;|&#[xX]0*3[aA];|&colon;';

/**
 * Invisible characters: Unicode's Default_Ignorable_Code_Point (zero-width space, joiners, word
 * joiner, soft hyphen, BOM, bidi controls, invisible operators, the Mongolian vowel separator,
 * variation selectors, tag characters, Hangul fillers …). A renderer shows nothing for them, so a
 * reader sees the host whole while a naive match is split. For regexes with the `u` flag.
 */
export const INVISIBLE = '\\p{Default_Ignorable_Code_Point}';

const INVISIBLE_ONE = /^\p{Default_Ignorable_Code_Point}$/u;

/** True when the code point at UTF-16 index `i` of `s` (either half of a surrogate pair) is invisible. */
export function isInvisibleAt(s: string, i: number): boolean {
  const unit = s.charCodeAt(i);
  if (unit < 0xad) return false;
  if (unit >= 0xdc00 && unit <= 0xdfff) return i > 0 && INVISIBLE_ONE.test(s.slice(i - 1, i + 1));
  if (unit >= 0xd800 && unit <= 0xdbff) return INVISIBLE_ONE.test(s.slice(i, i + 2));
  return INVISIBLE_ONE.test(s[i] as string);
}
