/*
 * Words that make a host-like string prose. Shared by de-obfuscation (does a marker join a host?)
 * and by the bare-host check (is `Zeit.Es` a host?).
 */

/**
 * Two-letter and three-letter TLDs that are also common German or English words. In the spaced
 * form "gut . so", "egal . in zwei Wochen" or "Er kam.\nin die Stadt" they are prose, so a join
 * before one of them only counts when a path follows (`rtde . to/x`).
 */
export const WORD_TLDS: ReadonlySet<string> = new Set([
  'am', 'an', 'as', 'at', 'be', 'by', 'co', 'do', 'er', 'es', 'im', 'in', 'is', 'it', 'la', 'ma', 'me',
  'mo', 'my', 'na', 'ne', 'no', 'nu', 'so', 'to', 'tv', 'us', 'art', 'bar', 'bio', 'buy', 'car', 'day',
  'dog', 'eat', 'fit', 'fly', 'fun', 'gay', 'hot', 'how', 'law', 'map', 'men', 'moe', 'mom', 'new',
  'now', 'one', 'pay', 'pet', 'pro', 'pub', 'red', 'run', 'sex', 'ski', 'spa', 'tax', 'top', 'win',
  'wow', 'you',
]);

/**
 * Abbreviations written before a word that happens to be a TLD, with or without a space:
 * "Dr.med", "usw.am", "evtl. online", "bzw. in".
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'bspw', 'bzw', 'ca', 'co', 'dipl', 'dr', 'evtl', 'ggf', 'inkl', 'nr', 'prof', 'sog', 'str', 'tel', 'usw', 'vgl',
  'etc', 'ggü', 'mio', 'mrd', 'max', 'min', 'mr', 'mrs', 'ms', 'st', 'sr', 'jr', 'vs', 'bsp', 'zb', 'abs', 'jh',
]);

/**
 * Words before a spelled-out dot that make it prose: "the dot com era", "each dot is a voter",
 * "ein punkt in der Mitte".
 */
export const SPELLED_DOT_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'one', 'each', 'every', 'this', 'that', 'no', 'any', 'some', 'my', 'your', 'his', 'her',
  'our', 'their', 'red', 'black', 'blue', 'green', 'little', 'small', 'big', 'polka', 'der', 'die', 'das',
  'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'kein', 'keine', 'jeder', 'jede',
  'jedes', 'mein', 'dein', 'sein', 'ihr', 'unser', 'euer', 'roter', 'schwarzer', 'kleiner', 'großer',
  'and', 'or', 'with', 'for', 'in', 'on', 'und', 'oder', 'mit', 'für', 'im', 'am', 'als', 'bin', 'old',
]);

/**
 * Two-letter words of German, English and their neighbours that are country codes too, read as
 * prose after a sentence end without a capital ("so. je mehr", "ok. si"). Together with
 * WORD_TLDS.
 */
export const WORD_CCTLDS: ReadonlySet<string> = new Set(['je', 'si', 'se', 'sa', 'st', 'te', 'tu', 've', 'om', 'ca', 'ci', 'ao']);

/**
 * Generic TLDs readers use bare after a dot with spaces, a spelled-out dot or a line break.
 * The others are mostly words ("jetzt", "ist", "schwarz", "like"; "online" and "news" stay for
 * freedert.online and report24.news): after a sentence end they are the next sentence, not a host.
 * Two-letter codes are decided by WORD_TLDS and WORD_CCTLDS.
 */
export const COMMON_GENERIC_TLDS: ReadonlySet<string> = new Set([
  'com', 'net', 'org', 'info', 'biz', 'xyz', 'online', 'site', 'news', 'int', 'edu', 'gov',
]);
