/**
 * Parties, candidates and coalitions that vote calls are recognised for. Data only: every entry
 * is read by the same grammar (detect-vote-calls.ts), so no party is treated differently.
 *
 * - `aliases` match as whole tokens, case-insensitively, with umlauts folded (`Grüne` matches
 *   `Gruene`, `GRÜNE`); an alias of several words matches those words in a row. Names that are
 *   also ordinary words go into `caseSensitiveAliases` and only match as written (`PARTEI`).
 * - `mocking` aliases are slurs for the party ("Sozen", "DemoKKKrats"): a call with one is a call
 *   against the party, whatever its verb says ("Vote DemoKKKrat 2016").
 * - `nextToVoteOnly` aliases are colour words and letters that name a party only right next to
 *   the vote word ("vote blue", "grün wählen", "Wer grün wählt"); `members` make an entry a coalition ("die Ampel abwählen" is a call against each
 *   member party).
 * - `lang` is the language of the region: where two regions share an alias ("Greens"), the one
 *   whose language is that of the call's vote word is chosen.
 *
 * Canonical names are those of data/eval/GUIDE.md. Politicians are those that comments in the
 * corpora name in vote calls plus each party's current leaders; candidates of past elections stay,
 * since readers still write about them.
 */
export type Country = 'de' | 'at' | 'ch' | 'us' | 'uk';

export interface PartyEntry {
  /** Stable identifier, `<country>-<short name>`. */
  readonly id: string;
  /** Canonical name: `details.party` for a party, `details.candidate` for a candidate. */
  readonly name: string;
  readonly kind: 'party' | 'candidate' | 'coalition';
  readonly country: Country;
  readonly aliases: readonly string[];
  readonly caseSensitiveAliases?: readonly string[];
  readonly mocking?: readonly string[];
  readonly nextToVoteOnly?: readonly string[];
  /** Candidates: the `id` of their party, whose name becomes `details.party`. */
  readonly party?: string;
  /** Coalitions: the `id`s of the member parties. */
  readonly members?: readonly string[];
}

export const LANGUAGE_OF: Readonly<Record<Country, 'de' | 'en'>> = { de: 'de', at: 'de', ch: 'de', us: 'en', uk: 'en' };

const party = (id: string, name: string, aliases: string[], extra: Partial<PartyEntry> = {}): PartyEntry => ({
  id,
  name,
  kind: 'party',
  country: id.slice(0, 2) as Country,
  aliases,
  ...extra,
});
const person = (id: string, name: string, partyId: string, aliases: string[], extra: Partial<PartyEntry> = {}): PartyEntry => ({
  id,
  name,
  kind: 'candidate',
  country: id.slice(0, 2) as Country,
  party: partyId,
  aliases: [name, ...aliases],
  ...extra,
});

export const PARTIES: readonly PartyEntry[] = [
  // Germany
  party('de-afd', 'AfD', ['AfD', 'Alternative für Deutschland', 'Alternative'], { mocking: ['AfDler', 'Afdler'] }),
  party('de-cdu', 'CDU', ['CDU', 'Christdemokraten', 'Merkel-CDU', 'Merz-CDU']),
  party('de-csu', 'CSU', ['CSU', 'Christsoziale']),
  party('de-union', 'CDU/CSU', ['Union', 'CDU/CSU', 'CDU/-CSU', 'Unionsparteien'], { nextToVoteOnly: ['schwarz', 'Schwarzen'] }),
  party('de-spd', 'SPD', ['SPD', 'Sozialdemokraten', 'Sozis'], { mocking: ['Sozen', 'Spezialdemokraten'] }),
  party('de-gruene', 'Bündnis 90/Die Grünen', ['Grüne', 'Grünen', 'Die Grünen', 'Bündnis 90/Die Grünen', 'Bündnis 90', 'B90/Grüne', 'Bündnisgrüne', 'Bündnisgrünen'], {
    mocking: ['Grünlinge', 'Grünfaschisten', 'Ökofaschisten'],
    nextToVoteOnly: ['grün'],
  }),
  party('de-fdp', 'FDP', ['FDP', 'F.D.P.', 'Liberale', 'Liberalen', 'Freie Demokraten'], { nextToVoteOnly: ['gelb', 'Gelben'], mocking: ['Porschepartei'] }),
  party('de-linke', 'Die Linke', ['Linke', 'Linken', 'Die Linke', 'Linkspartei', 'PDS', 'Dielinke'], { mocking: ['SED-Nachfolger', 'SED-Nachfolgepartei'] }),
  party('de-bsw', 'BSW', ['BSW', 'Bündnis Sahra Wagenknecht']),
  party('de-npd', 'Die Heimat (NPD)', ['NPD', 'Die Heimat']),
  party('de-fw', 'Freie Wähler', ['Freie Wähler', 'Freien Wähler', 'Freie Wählern']),
  party('de-partei', 'Die PARTEI', [], { caseSensitiveAliases: ['PARTEI', 'Die PARTEI', 'DIE PARTEI'] }),
  party('de-oedp', 'ÖDP', ['ÖDP']),
  party('de-volt', 'Volt', ['Volt']),
  party('de-diebasis', 'dieBasis', ['dieBasis', 'Basisdemokratische Partei Deutschland']),
  party('de-tierschutz', 'Tierschutzpartei', ['Tierschutzpartei', 'Partei Mensch Umwelt Tierschutz']),
  party('de-piraten', 'Piratenpartei', ['Piraten', 'Piratenpartei']),
  party('de-dkp', 'DKP', ['DKP']),
  party('de-mlpd', 'MLPD', ['MLPD']),
  party('de-werteunion', 'WerteUnion', ['WerteUnion', 'Werteunion']),
  party('de-bayernpartei', 'Bayernpartei', ['Bayernpartei']),
  party('de-dritterweg', 'Der III. Weg', ['III. Weg', 'Dritter Weg', 'Dritten Weg']),
  { id: 'de-ampel', name: 'Ampel', kind: 'coalition', country: 'de', aliases: ['Ampel', 'Ampelkoalition', 'Ampelregierung', 'Ampelparteien'], members: ['de-spd', 'de-gruene', 'de-fdp'] },
  { id: 'de-groko', name: 'GroKo', kind: 'coalition', country: 'de', aliases: ['GroKo', 'Große Koalition', 'Großen Koalition'], members: ['de-union', 'de-spd'] },
  person('de-merkel', 'Angela Merkel', 'de-cdu', ['Merkel', 'Mutti'], { mocking: ['Merkelregime', 'Ferkel'] }),
  person('de-merz', 'Friedrich Merz', 'de-cdu', ['Merz']),
  person('de-laschet', 'Armin Laschet', 'de-cdu', ['Laschet']),
  person('de-spahn', 'Jens Spahn', 'de-cdu', ['Spahn']),
  person('de-kloeckner', 'Julia Klöckner', 'de-cdu', ['Klöckner']),
  person('de-akk', 'Annegret Kramp-Karrenbauer', 'de-cdu', ['Kramp-Karrenbauer', 'AKK']),
  person('de-wuest', 'Hendrik Wüst', 'de-cdu', ['Wüst']),
  person('de-soeder', 'Markus Söder', 'de-csu', ['Söder']),
  person('de-seehofer', 'Horst Seehofer', 'de-csu', ['Seehofer', 'Drehhofer']),
  person('de-dobrindt', 'Alexander Dobrindt', 'de-csu', ['Dobrindt']),
  person('de-cschmidt', 'Christian Schmidt', 'de-csu', []),
  person('de-scholz', 'Olaf Scholz', 'de-spd', ['Scholz']),
  person('de-schulz', 'Martin Schulz', 'de-spd', ['Schulz', 'Schulzzug']),
  person('de-gabriel', 'Sigmar Gabriel', 'de-spd', ['Gabriel']),
  person('de-nahles', 'Andrea Nahles', 'de-spd', ['Nahles']),
  person('de-pistorius', 'Boris Pistorius', 'de-spd', ['Pistorius']),
  person('de-esken', 'Saskia Esken', 'de-spd', ['Esken']),
  person('de-habeck', 'Robert Habeck', 'de-gruene', ['Habeck']),
  person('de-baerbock', 'Annalena Baerbock', 'de-gruene', ['Baerbock']),
  person('de-oezdemir', 'Cem Özdemir', 'de-gruene', ['Özdemir']),
  person('de-lindner', 'Christian Lindner', 'de-fdp', ['Lindner']),
  person('de-gysi', 'Gregor Gysi', 'de-linke', ['Gysi']),
  person('de-wagenknecht', 'Sahra Wagenknecht', 'de-bsw', ['Wagenknecht', 'Sahra']),
  person('de-weidel', 'Alice Weidel', 'de-afd', ['Weidel']),
  person('de-gauland', 'Alexander Gauland', 'de-afd', ['Gauland']),
  person('de-hoecke', 'Björn Höcke', 'de-afd', ['Höcke', 'Bernd Höcke']),
  person('de-chrupalla', 'Tino Chrupalla', 'de-afd', ['Chrupalla']),
  person('de-petry', 'Frauke Petry', 'de-afd', ['Petry']),
  person('de-meuthen', 'Jörg Meuthen', 'de-afd', ['Meuthen']),
  person('de-aiwanger', 'Hubert Aiwanger', 'de-fw', ['Aiwanger']),
  // Austria
  party('at-oevp', 'ÖVP', ['ÖVP', 'Volkspartei', 'Türkisen']),
  party('at-spoe', 'SPÖ', ['SPÖ']),
  party('at-fpoe', 'FPÖ', ['FPÖ', 'Freiheitlichen'], { nextToVoteOnly: ['blau', 'Blauen'] }),
  party('at-neos', 'NEOS', ['NEOS', 'Neos']),
  party('at-kpoe', 'KPÖ', ['KPÖ']),
  party('at-bzoe', 'BZÖ', ['BZÖ']),
  person('at-kurz', 'Sebastian Kurz', 'at-oevp', []),
  person('at-nehammer', 'Karl Nehammer', 'at-oevp', ['Nehammer']),
  person('at-kern', 'Christian Kern', 'at-spoe', []),
  person('at-babler', 'Andreas Babler', 'at-spoe', ['Babler']),
  person('at-strache', 'Heinz-Christian Strache', 'at-fpoe', ['Strache', 'HC Strache']),
  person('at-hofer', 'Norbert Hofer', 'at-fpoe', []),
  person('at-kickl', 'Herbert Kickl', 'at-fpoe', ['Kickl']),
  // Switzerland
  party('ch-svp', 'SVP', ['SVP']),
  party('ch-glp', 'GLP', ['GLP', 'Grünliberale', 'Grünliberalen']),
  // United States
  party('us-gop', 'Republicans', ['Republicans', 'Republican', 'GOP', 'Republican Party', 'Republikaner', 'Repubs'], {
    mocking: ['Rethuglicans', 'Rethuglican', 'Repuglicans', 'Repugs', 'Repukes', 'Republicants', 'Trumpublicans'],
    nextToVoteOnly: ['red', 'R'],
  }),
  party('us-dem', 'Democrats', ['Democrats', 'Democrat', 'Democratic', 'Dems', 'Dem', 'Democratic Party', 'Demokraten', 'Dimms'], {
    mocking: ['DemoKKKrats', 'DemoKKKrat', 'Demonrats', 'Demonrat', 'Democraps', 'Democrap', 'Dimocrats', 'Dimocrat', 'Demorats', 'Demoncrats', 'Dummocrats', 'Dumbocrats'],
    nextToVoteOnly: ['blue', 'D'],
  }),
  party('us-lib', 'Libertarian Party', ['Libertarian', 'Libertarians', 'Libertarian Party']),
  party('us-green', 'Green Party (US)', ['Green Party', 'Greens', 'Green']),
  person('us-trump', 'Donald Trump', 'us-gop', ['Trump', 'Donald', 'The Donald', 'DJT'], { mocking: ['Drumpf', 'Trumpster'] }),
  person('us-vance', 'JD Vance', 'us-gop', ['Vance', 'J.D. Vance', 'J. D. Vance']),
  person('us-pence', 'Mike Pence', 'us-gop', ['Pence']),
  person('us-cruz', 'Ted Cruz', 'us-gop', ['Cruz']),
  person('us-rubio', 'Marco Rubio', 'us-gop', ['Rubio']),
  person('us-kasich', 'John Kasich', 'us-gop', ['Kasich']),
  person('us-carson', 'Ben Carson', 'us-gop', ['Carson']),
  person('us-jeb', 'Jeb Bush', 'us-gop', ['Jeb']),
  person('us-romney', 'Mitt Romney', 'us-gop', ['Romney']),
  person('us-desantis', 'Ron DeSantis', 'us-gop', ['DeSantis']),
  person('us-haley', 'Nikki Haley', 'us-gop', ['Haley']),
  person('us-clinton', 'Hillary Clinton', 'us-dem', ['Hillary', 'Hilary', 'Hillery', 'Clinton', 'Hillary Rodham Clinton'], { mocking: ['Hitlery', 'Killary', 'Shillary', 'Hildabeast', 'Hillarity'] }),
  person('us-obama', 'Barack Obama', 'us-dem', ['Obama'], { mocking: ['Obummer'] }),
  person('us-sanders', 'Bernie Sanders', 'us-dem', ['Bernie', 'Sanders']),
  person('us-biden', 'Joe Biden', 'us-dem', ['Biden'], { mocking: ['Brandon'] }),
  person('us-harris', 'Kamala Harris', 'us-dem', ['Harris', 'Kamala'], { mocking: ['Kamabla'] }),
  person('us-walz', 'Tim Walz', 'us-dem', ['Walz']),
  person('us-warren', 'Elizabeth Warren', 'us-dem', ['Warren']),
  person('us-stein', 'Jill Stein', 'us-green', ['Dr. Stein']),
  person('us-johnson', 'Gary Johnson', 'us-lib', []),
  // United Kingdom
  party('uk-con', 'Conservatives (UK)', ['Conservatives', 'Conservative', 'Conservative Party', 'Tories', 'Tory']),
  party('uk-lab', 'Labour', ['Labour', 'Labour Party']),
  party('uk-ld', 'Liberal Democrats', ['Liberal Democrats', 'Lib Dems', 'Lib Dem', 'LibDems', 'LibDem']),
  party('uk-reform', 'Reform UK', ['Reform UK', 'Reform Party']),
  party('uk-ukip', 'UKIP', ['UKIP']),
  party('uk-snp', 'SNP', ['SNP']),
  party('uk-brexit', 'Brexit Party', ['Brexit Party']),
  person('uk-farage', 'Nigel Farage', 'uk-reform', ['Farage']),
  person('uk-starmer', 'Keir Starmer', 'uk-lab', ['Starmer']),
  person('uk-corbyn', 'Jeremy Corbyn', 'uk-lab', ['Corbyn']),
  person('uk-boris', 'Boris Johnson', 'uk-con', ['Boris', 'BoJo']),
  person('uk-sunak', 'Rishi Sunak', 'uk-con', ['Sunak']),
];
