/**
 * Helpers that turn the lexicon data into regular-expression sources, once at module load.
 * All patterns are compiled with the `iu` flags: case folding makes `ẞ` match `ß`.
 */

const FOLDED: Readonly<Record<string, string>> = {
  ä: '(?:ä|ae|a\u0308)',
  ö: '(?:ö|oe|o\u0308)',
  ü: '(?:ü|ue|u\u0308)',
  ß: '(?:ß|ss)',
};

/** Replaces ä ö ü ß in a pattern source (outside character classes) with their spelling variants. */
export function foldUmlauts(source: string): string {
  return source.replace(/[äöüß]/gu, (letter) => FOLDED[letter] ?? letter);
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A name as a pattern: case is left to the `i` flag, umlauts fold, spaces become `\s{1,3}`. */
export function literalToPattern(literal: string): string {
  return foldUmlauts(escapeRegExp(literal.toLowerCase())).replace(/ +/g, String.raw`\s{1,3}`);
}

const NEEDS_FOLDING = /[äöüß’]|\u0308|\s\s|[^\S ]/u;

/**
 * The lookup key of a name as written: lower case, umlauts spelled out, spaces collapsed, so
 * `GRÜNEN`, `Gruenen` and `Gru\u0308nen` all find the entry registered as `Grünen`.
 */
export function foldKey(text: string): string {
  const lower = text.toLowerCase();
  if (!NEEDS_FOLDING.test(lower)) return lower;
  return lower
    .replace(/([aou])\u0308/gu, '$1e')
    .replace(/ä/gu, 'ae')
    .replace(/ö/gu, 'oe')
    .replace(/ü/gu, 'ue')
    .replace(/ß/gu, 'ss')
    .replace(/’/gu, "'")
    .replace(/\s+/gu, ' ');
}

/** How many capturing groups a pattern source has (the lexicon must use non-capturing ones). */
export function countCaptureGroups(source: string): number {
  return (new RegExp(`${source}|`, 'u').exec('')?.length ?? 1) - 1;
}
