/**
 * Partisan slogans and slurs (`text.partisan_rhetoric`). Data only.
 *
 * `pattern` is a regular-expression source matched case-insensitively from a word start; it must
 * use non-capturing groups only, must not put umlauts or ß inside character classes (the compiler
 * folds `ä` to `ä|ae|a\u0308` and `ß` to `ß|ss`), and every repetition is bounded so matching stays
 * linear. Unless `compound` is set the term must end at a word end; `compound` terms may begin a
 * German compound ("Altparteienpolitiker", "Lügenpressevertreter"), and the span covers the term.
 *
 * Severity reflects how unambiguous the term is: slurs that exist only as slurs ("Lügenpresse",
 * "Demonrats") score higher than words that also have a neutral, historical use ("Blockparteien"
 * in the GDR, "Staatsfunk" for state broadcasters abroad).
 */
export interface RhetoricTerm {
  /** Canonical form, reported as `details.term`. */
  readonly term: string;
  readonly pattern: string;
  /**
   * A lower-case ASCII string that every match contains ("partei", "presse"): one cheap
   * case-insensitive search for all hints lets most comments skip the term patterns.
   */
  readonly hint: string;
  readonly severity: number;
  readonly language: 'de' | 'en';
  readonly compound?: boolean;
}

/** "Volks- & Friedenspartei": a hyphenated first part coordinated with a second word. */
const AND = String.raw`-\s{0,3}(?:&|und|\+|/|,)\s{0,3}`;
const ONLY = String.raw`einzige[nmrs]?\s{1,3}(?:(?:echte|wahre)[nmrs]?\s{1,3})?`;

export const RHETORIC_TERMS: readonly RhetoricTerm[] = [
  {
    term: 'einzige Volkspartei',
    hint: 'partei',
    pattern: String.raw`${ONLY}(?:volks(?:${AND}\p{L}{1,20})?|\p{L}{1,20}${AND}volks)-?partei(?:en)?`,
    severity: 0.45,
    language: 'de',
  },
  { term: 'einzige Friedenspartei', hint: 'partei', pattern: String.raw`${ONLY}friedens-?partei(?:en)?`, severity: 0.45, language: 'de' },
  { term: 'Altparteien', hint: 'partei', pattern: String.raw`alt-?partei(?:en)?`, severity: 0.5, language: 'de', compound: true },
  { term: 'Systemparteien', hint: 'partei', pattern: String.raw`system-?partei(?:en)?`, severity: 0.5, language: 'de', compound: true },
  { term: 'Kartellparteien', hint: 'partei', pattern: String.raw`kartell-?partei(?:en)?`, severity: 0.5, language: 'de', compound: true },
  { term: 'Parteienkartell', hint: 'partei', pattern: String.raw`parteien-?kartell(?:s|e|en)?`, severity: 0.5, language: 'de' },
  { term: 'Blockparteien', hint: 'partei', pattern: String.raw`block-?partei(?:en)?`, severity: 0.35, language: 'de', compound: true },
  { term: 'Systemmedien', hint: 'medien', pattern: String.raw`system-?medien`, severity: 0.5, language: 'de', compound: true },
  { term: 'Systempresse', hint: 'presse', pattern: String.raw`system-?presse`, severity: 0.5, language: 'de', compound: true },
  { term: 'Systemlinge', hint: 'systemling', pattern: String.raw`systemling(?:e|en|s)?`, severity: 0.5, language: 'de' },
  { term: 'Lügenpresse', hint: 'presse', pattern: String.raw`lügen-?presse`, severity: 0.6, language: 'de', compound: true },
  { term: 'Lügenmedien', hint: 'medien', pattern: String.raw`lügen-?medien`, severity: 0.6, language: 'de', compound: true },
  { term: 'Lückenpresse', hint: 'presse', pattern: String.raw`lücken-?presse`, severity: 0.5, language: 'de', compound: true },
  { term: 'Staatsfunk', hint: 'funk', pattern: String.raw`staats-?funk(?:s|es|er|ern)?`, severity: 0.3, language: 'de' },
  { term: 'Volksverräter', hint: 'verr', pattern: String.raw`volks-?verräter(?:in|innen|n|s)?`, severity: 0.6, language: 'de', compound: true },
  { term: 'links-grün versifft', hint: 'versiff', pattern: String.raw`links[-\s]{0,2}grün[-\s]{0,2}versiff(?:t|te|ten|ter|tes|tem)?`, severity: 0.6, language: 'de' },

  { term: 'fake news media', hint: 'fake', pattern: String.raw`fake[-\s]{1,2}news[-\s]{1,2}media`, severity: 0.4, language: 'en' },
  { term: 'lamestream media', hint: 'lamestream', pattern: String.raw`lamestream(?:[-\s]{1,2}media)?`, severity: 0.4, language: 'en' },
  { term: 'Demonrats', hint: 'demon', pattern: String.raw`demon-?rats?`, severity: 0.6, language: 'en' },
  { term: 'Democraps', hint: 'democrap', pattern: String.raw`democraps?`, severity: 0.5, language: 'en' },
  { term: 'Dumbocrats', hint: 'dumbocrat', pattern: String.raw`dumbocrats?`, severity: 0.5, language: 'en' },
  { term: 'Repugnicans', hint: 'repu', pattern: String.raw`repu[gk]nicans?`, severity: 0.6, language: 'en' },
  { term: 'Rethuglicans', hint: 'rethug', pattern: String.raw`rethuglicans?`, severity: 0.6, language: 'en' },
  { term: 'libtards', hint: 'libtard', pattern: String.raw`libtards?`, severity: 0.6, language: 'en' },
  { term: 'Trumptards', hint: 'trumptard', pattern: String.raw`trumptards?`, severity: 0.6, language: 'en' },
];
