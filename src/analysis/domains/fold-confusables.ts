/**
 * Characters that render like an ASCII letter in common fonts, after NFKD has already folded
 * fullwidth, mathematical and other compatibility forms. A compact subset of the Unicode
 * confusables (UTS #39) for the scripts seen in domain spoofing: Cyrillic, Greek, Armenian and
 * Latin letters without a decomposition. Escapes, not literals, so a reviewer can see which
 * character is which.
 */
const CONFUSABLES: ReadonlyMap<number, string> = new Map([
  // Cyrillic
  [0x0430, 'a'], // а
  [0x0433, 'r'], // г
  [0x0435, 'e'], // е
  [0x043e, 'o'], // о
  [0x0440, 'p'], // р
  [0x0441, 'c'], // с
  [0x0443, 'y'], // у
  [0x0445, 'x'], // х
  [0x0455, 's'], // ѕ
  [0x0456, 'i'], // і
  [0x0458, 'j'], // ј
  [0x04bb, 'h'], // һ
  [0x04af, 'y'], // ү
  [0x04cf, 'l'], // ӏ
  [0x0501, 'd'], // ԁ
  [0x051b, 'q'], // ԛ
  [0x051d, 'w'], // ԝ
  // Greek
  [0x03b1, 'a'], // α
  [0x03b3, 'y'], // γ
  [0x03b9, 'i'], // ι
  [0x03ba, 'k'], // κ
  [0x03bd, 'v'], // ν
  [0x03bf, 'o'], // ο
  [0x03c1, 'p'], // ρ
  [0x03c5, 'u'], // υ
  [0x03c7, 'x'], // χ
  // Armenian
  [0x0570, 'h'], // հ
  [0x0578, 'n'], // ո
  [0x057d, 'u'], // ս
  [0x0585, 'o'], // օ
  // Latin letters that NFKD leaves alone
  [0x0131, 'i'], // ı dotless i
  [0x0237, 'j'], // ȷ dotless j
  [0x0251, 'a'], // ɑ
  [0x0261, 'g'], // ɡ
  [0x0269, 'i'], // ɩ
  [0x0111, 'd'], // đ
  [0x0127, 'h'], // ħ
  [0x0142, 'l'], // ł
  [0x00f8, 'o'], // ø
  // Dashes that pass for a hyphen
  [0x2010, '-'],
  [0x2011, '-'],
  [0x2012, '-'],
  [0x2013, '-'],
  [0x2212, '-'],
  // Digits, as UTS #39 folds them: `0` passes for `o`, `1` for `l`
  [0x30, 'o'],
  [0x31, 'l'],
]);

/**
 * The skeleton of a (Unicode) host name: what it looks like, folded to ASCII where a character
 * imitates an ASCII one. NFKD folds compatibility forms (fullwidth `ａ`, math `𝐚`) and splits
 * accents off their letters, which are then dropped (`é` passes for `e`); the confusables map
 * folds the rest. Two names with the same skeleton are visually confusable. Digits fold too, on
 * both sides of any comparison, so `аnti-spiege1.ru` (Cyrillic а) still reads as `anti-spiegel.ru`.
 */
export function foldConfusables(text: string): string {
  const decomposed = text.normalize('NFKD').toLowerCase();
  let skeleton = '';
  for (let i = 0; i < decomposed.length; i++) {
    const code = decomposed.charCodeAt(i);
    if (code >= 0x0300 && code <= 0x036f) continue;
    skeleton += CONFUSABLES.get(code) ?? decomposed[i];
  }
  return skeleton;
}

/** Whether `text` has any non-ASCII UTF-16 unit: the cheap gate before folding. */
export function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return true;
  }
  return false;
}
