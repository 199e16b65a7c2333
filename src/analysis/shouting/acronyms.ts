/**
 * Acronyms and brand spellings that are written in capitals in calm text, so they must not count
 * as shouting. Matched case-sensitively and as whole tokens (runs of letters): `NATO` is an
 * acronym, `Nato` is an ordinary title-case word and is scored like any other.
 *
 * Tokens of at most three letters that are all capitals (`EZB`, `BKA`, `WIR`) are treated as
 * acronym-like by the detector without being listed here, and a plural or genitive `s` after an
 * acronym (`NGOs`, `NATOs`) is tolerated, so this list only needs the longer and the mixed-case
 * forms; the short ones are kept for readability.
 */
export const ACRONYMS: readonly string[] = [
  // German parties and institutions
  'AfD', 'CDU', 'CSU', 'SPD', 'FDP', 'BSW', 'NPD', 'ÖDP', 'MLPD', 'NSDAP', 'SED', 'KPD', 'DKP',
  'ÖVP', 'FPÖ', 'SVP', 'NSU', 'RAF', 'DDR', 'BRD', 'BND', 'BKA', 'LKA', 'BfV', 'BGH', 'BVerfG',
  'RKI', 'PEI', 'GEZ', 'ÖRR', 'GmbH', 'AG', 'KI',
  // Broadcasters, agencies and papers
  'ARD', 'ZDF', 'ORF', 'SRF', 'MDR', 'NDR', 'WDR', 'SWR', 'RBB', 'BR', 'HR', 'RTL', 'BBC', 'CNN',
  'TASS', 'RIA', 'DPA', 'AFP', 'AP', 'NYT', 'WSJ', 'FAZ', 'NZZ', 'TAZ', 'BILD', 'TV',
  // International organisations, states, agencies
  'EU', 'UN', 'UNO', 'US', 'USA', 'UK', 'NATO', 'OSZE', 'OSCE', 'OECD', 'OPEC', 'BRICS', 'ASEAN',
  'UNHCR', 'UNICEF', 'UNESCO', 'WHO', 'IAEA', 'IAEO', 'IWF', 'IMF', 'EZB', 'ECB', 'WEF', 'EuGH',
  'EGMR', 'CIA', 'FBI', 'NSA', 'KGB', 'FSB', 'GRU', 'SVR', 'IDF', 'ISIS', 'NASA', 'GOP', 'MAGA',
  // Names and institutions often written in capitals in calm comments
  'STASI', 'ANTIFA', 'GROKO', 'GroKo', 'DITIB', 'BAMF', 'NetzDG', 'MdB', 'MdL', 'EKD', 'DFB', 'UEFA', 'FIFA', 'TTIP', 'CETA',
  'POTUS', 'SCOTUS', 'FLOTUS', 'LGBT', 'LGBTQ', 'ACLU', 'NAACP', 'FEMA', 'NYPD', 'LAPD', 'SWAT', 'NAFTA', 'AIPAC', 'HAMAS',
  // Everyday technical acronyms
  'OK', 'AI', 'COVID', 'SARS', 'AIDS', 'HIV', 'DNA', 'RNA', 'mRNA', 'PCR', 'CEO', 'USB', 'PDF',
];
