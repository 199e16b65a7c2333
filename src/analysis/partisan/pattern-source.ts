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

/** How many capturing groups a pattern source has (the lexicon must use non-capturing ones). */
export function countCaptureGroups(source: string): number {
  return (new RegExp(`${source}|`, 'u').exec('')?.length ?? 1) - 1;
}
