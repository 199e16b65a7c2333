/**
 * Parties and candidates that vote calls are recognised for. Data only: every entry is matched
 * by the same patterns (see detect-partisan.ts), so no party is treated differently from another.
 *
 * Aliases are matched case-insensitively as whole words, with umlaut spellings folded
 * (`Grüne` also matches `Gruene` and `GRÜNE`) and any run of 1-3 spaces between words. Names that
 * are also ordinary words ("die Partei") go into `caseSensitiveAliases` and only match as written.
 */
export type PartyCountry = 'de' | 'us';

export interface PartyEntry {
  /** Stable identifier, `<country>-<short name>`. */
  readonly id: string;
  /** Canonical name: `details.party` for a party, `details.candidate` for a candidate. */
  readonly name: string;
  readonly kind: 'party' | 'candidate';
  readonly country: PartyCountry;
  readonly aliases: readonly string[];
  readonly caseSensitiveAliases?: readonly string[];
  /** Candidates: the `id` of their party, whose name becomes `details.party`. */
  readonly party?: string;
}

export const PARTIES: readonly PartyEntry[] = [
  { id: 'de-afd', name: 'AfD', kind: 'party', country: 'de', aliases: ['AfD', 'Alternative für Deutschland'] },
  { id: 'de-cdu', name: 'CDU', kind: 'party', country: 'de', aliases: ['CDU', 'Christdemokraten'] },
  { id: 'de-csu', name: 'CSU', kind: 'party', country: 'de', aliases: ['CSU'] },
  { id: 'de-union', name: 'CDU/CSU', kind: 'party', country: 'de', aliases: ['Union', 'CDU/CSU', 'Unionsparteien'] },
  { id: 'de-spd', name: 'SPD', kind: 'party', country: 'de', aliases: ['SPD', 'Sozialdemokraten'] },
  {
    id: 'de-gruene',
    name: 'Bündnis 90/Die Grünen',
    kind: 'party',
    country: 'de',
    aliases: ['Grüne', 'Grünen', 'Grün', 'Die Grünen', 'Bündnis 90/Die Grünen', 'Bündnis 90'],
  },
  { id: 'de-fdp', name: 'FDP', kind: 'party', country: 'de', aliases: ['FDP', 'Liberalen', 'Freie Demokraten'] },
  { id: 'de-linke', name: 'Die Linke', kind: 'party', country: 'de', aliases: ['Linke', 'Linken', 'Die Linke', 'Linkspartei'] },
  { id: 'de-bsw', name: 'BSW', kind: 'party', country: 'de', aliases: ['BSW', 'Bündnis Sahra Wagenknecht'] },
  { id: 'de-npd', name: 'Die Heimat (NPD)', kind: 'party', country: 'de', aliases: ['NPD', 'Die Heimat'] },
  { id: 'de-fw', name: 'Freie Wähler', kind: 'party', country: 'de', aliases: ['Freie Wähler', 'Freien Wähler'] },
  { id: 'de-partei', name: 'Die PARTEI', kind: 'party', country: 'de', aliases: ['Die PARTEI'], caseSensitiveAliases: ['PARTEI'] },
  { id: 'de-oedp', name: 'ÖDP', kind: 'party', country: 'de', aliases: ['ÖDP'] },
  { id: 'de-volt', name: 'Volt', kind: 'party', country: 'de', aliases: ['Volt'] },
  { id: 'de-diebasis', name: 'dieBasis', kind: 'party', country: 'de', aliases: ['dieBasis', 'Basisdemokratische Partei Deutschland'] },
  {
    id: 'us-gop',
    name: 'Republicans',
    kind: 'party',
    country: 'us',
    aliases: ['Republicans', 'Republican', 'GOP', 'Republican Party', 'Republikaner'],
  },
  {
    id: 'us-dem',
    name: 'Democrats',
    kind: 'party',
    country: 'us',
    aliases: ['Democrats', 'Democrat', 'Democratic', 'Dems', 'Democratic Party', 'Demokraten'],
  },

  { id: 'us-trump', name: 'Donald Trump', kind: 'candidate', country: 'us', party: 'us-gop', aliases: ['Trump', 'Donald Trump'] },
  { id: 'us-vance', name: 'JD Vance', kind: 'candidate', country: 'us', party: 'us-gop', aliases: ['Vance', 'JD Vance', 'J.D. Vance'] },
  { id: 'us-biden', name: 'Joe Biden', kind: 'candidate', country: 'us', party: 'us-dem', aliases: ['Biden', 'Joe Biden'] },
  { id: 'us-harris', name: 'Kamala Harris', kind: 'candidate', country: 'us', party: 'us-dem', aliases: ['Harris', 'Kamala', 'Kamala Harris'] },
  { id: 'de-hoecke', name: 'Björn Höcke', kind: 'candidate', country: 'de', party: 'de-afd', aliases: ['Höcke', 'Björn Höcke'] },
  { id: 'de-weidel', name: 'Alice Weidel', kind: 'candidate', country: 'de', party: 'de-afd', aliases: ['Weidel', 'Alice Weidel'] },
  { id: 'de-merz', name: 'Friedrich Merz', kind: 'candidate', country: 'de', party: 'de-cdu', aliases: ['Merz', 'Friedrich Merz'] },
  { id: 'de-soeder', name: 'Markus Söder', kind: 'candidate', country: 'de', party: 'de-csu', aliases: ['Söder', 'Markus Söder'] },
  { id: 'de-scholz', name: 'Olaf Scholz', kind: 'candidate', country: 'de', party: 'de-spd', aliases: ['Scholz', 'Olaf Scholz'] },
  { id: 'de-habeck', name: 'Robert Habeck', kind: 'candidate', country: 'de', party: 'de-gruene', aliases: ['Habeck', 'Robert Habeck'] },
  { id: 'de-lindner', name: 'Christian Lindner', kind: 'candidate', country: 'de', party: 'de-fdp', aliases: ['Lindner', 'Christian Lindner'] },
  {
    id: 'de-wagenknecht',
    name: 'Sahra Wagenknecht',
    kind: 'candidate',
    country: 'de',
    party: 'de-bsw',
    aliases: ['Wagenknecht', 'Sahra Wagenknecht'],
  },
];
