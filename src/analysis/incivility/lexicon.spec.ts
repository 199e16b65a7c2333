import { describe, expect, it } from '@jest/globals';
import { loadLexiconFiles } from '../../incivility/load-lexicons.js';
import { compileLexicon, findLexiconHits, type LexiconEntry, type LexiconFile } from './lexicon.js';

const makeFile = (entries: LexiconEntry[]): LexiconFile => ({
  version: 'test',
  license: 'CC BY 4.0',
  attribution: 'test',
  sources: { loupe: { title: 'test' } },
  entries,
});

const shipped = compileLexicon(loadLexiconFiles());

/** What each hit covers in the text, with its term and category. */
function spans(text: string): string[] {
  return findLexiconHits(shipped, text).map((h) => `${text.slice(h.start, h.end)}=${h.term}/${h.category}`);
}

describe('findLexiconHits over the shipped lexicons', () => {
  it.each([
    ['Du Vollidiot!', ['Vollidiot=vollidiot/insult']],
    ['So ein Oberidiot', ['Oberidiot=idiot/insult']],
    ['Ihr Oberidioten', ['Oberidioten=idioten/insult']],
    ['Dreckspack und Drecksvolk', ['Dreckspack=drecks/profanity', 'Drecksvolk=drecksvolk/dehumanising']],
    ['Arschloch', ['Arschloch=arschloch/insult']],
    ['Drecksidiot', ['Drecksidiot=idiot/insult', 'Drecksidiot=drecks/profanity']],
    ['Links-versifft und linksversifft', ['Links-versifft=versifft/insult', 'linksversifft=versifft/insult']],
    ['hirnlose Politik', ['hirnlose=hirnlos/insult']],
    ['Kanakenpack', ['Kanakenpack=kanakenpack/abuse']],
    ['Sozialschmarotzer', ['Sozialschmarotzer=schmarotzer/dehumanising']],
    ['Scheißausländer', ['Scheißausländer=scheißausländer/abuse']],
    ['you moron', ['moron=moron/insult']],
    ['what a scumbag', ['scumbag=scumbag/insult']],
    ['towelheads everywhere', ['towelheads=towelheads/abuse']],
    ['bullshit', ['bullshit=bullshit/profanity']],
    ['clusterfuck', ['clusterfuck=fuck/profanity']],
  ])('finds compounds and words: %s', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it.each([
    ['Scheiße', 'Scheisse', 'SCHEISSE', 'scheiße'],
    ['Kopftuchmädchen', 'Kopftuchmaedchen', 'KOPFTUCHMÄDCHEN', 'kopftuchmädchen'],
    ['Geistesgestörte', 'geistesgestoerte', 'GEISTESGESTÖRTE', 'geistesgestört'],
  ])('folds umlauts, ß and case: %s', (a, b, c, term) => {
    for (const text of [a, b, c]) expect(findLexiconHits(shipped, text).map((h) => h.term)).toEqual([term]);
  });

  it.each([
    ['Idiooooot', 'idiot'],
    ['Vollidiooot', 'idiot'],
    ['Schlaaaampe', 'schlampe'],
    ['fuuuuck', 'fuck'],
  ])('tolerates letters repeated for emphasis: %s', (text, term) => {
    expect(findLexiconHits(shipped, text).map((h) => h.term)).toContain(term);
  });

  it.each([
    ['Halt die Fresse!', 'Halt die Fresse', 'halt die fresse'],
    ["Halt's Maul, Junge", "Halt's Maul", 'halts maul'],
    ['Na dann: fick dich.', 'fick dich', 'fick dich'],
    ['Linke Zecken raus', 'Linke Zecken', 'linke zecken'],
    ['Just go to hell', 'go to hell', 'go to hell'],
    ['He is a waste of space', 'waste of space', 'waste of space'],
    ['son of a  bitch', 'son of a  bitch', 'son of a bitch'],
  ])('finds phrases: %s', (text, span, term) => {
    const hit = findLexiconHits(shipped, text).find((h) => h.match === 'phrase');
    expect(hit && text.slice(hit.start, hit.end)).toBe(span);
    expect(hit?.term).toBe(term);
  });

  it.each([
    ['halt. Die Fresse'],
    ['go to\nhell'],
    ['fick, dich'],
  ])('does not join phrase words across punctuation or lines: %s', (text) => {
    expect(findLexiconHits(shipped, text).filter((h) => h.match === 'phrase')).toEqual([]);
  });

  it('reports UTF-16 offsets of the whole token in the original text', () => {
    const text = '😀 Güte, du „Drecks-Pack“ und Vollidiot';
    const hits = findLexiconHits(shipped, text);
    expect(hits.map((h) => [h.start, h.end, text.slice(h.start, h.end)])).toEqual([
      [text.indexOf('Drecks'), text.indexOf('“'), 'Drecks-Pack'],
      [text.indexOf('Vollidiot'), text.length, 'Vollidiot'],
    ]);
  });

  it('skips @handles and links', () => {
    expect(findLexiconHits(shipped, '@Idiot_123 hat recht, siehe https://example.org/idiot und www.arschloch.de')).toEqual([]);
  });

  it.each([
    'Schweinsteiger', 'Schweinefleisch', 'Wildschwein', 'Meerschweinchen', 'Saudi-Arabien', 'sauber', 'sauer', 'Sauerkraut',
    'Paket', 'Packung', 'packen', 'Doppelpack', 'Sixpack', 'Kuhmilch', 'Kühe', 'Ratten', 'Rattenfänger', 'Made in Germany',
    'Affe', 'Affen', 'Penner', 'Hetzer', 'Nazi', 'dumm', 'geil', 'Marsch', 'Einmarsch', 'Torpfosten', 'Pfosten', 'Trillerpfeife',
    'Pissoir', 'Dreckschleuder', 'Zigeunerschnitzel', 'Fidschi', 'Parasiten', 'Ungeziefer', 'Zecken', 'Brut', 'Lappen',
    'Schnepfe', 'Kraut', 'ASS', 'Ass', 'hell', 'Rat', 'Stadtrat', 'die', 'hirntot', 'zum Scheitern verdammt', 'Schweinehund',
    'Shiite', 'Dick Cheney', 'Lesbos', 'Homo sapiens', 'cocktail', 'Scunthorpe', 'Essex', 'assassin', 'classic', 'Pissarro',
    'spic and span', 'parasites', 'vermin', 'cockroaches', 'snowflakes', 'crippled', 'Redskins', 'Maine Coon', 'the hell of war',
  ])('stays silent on a false friend: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });
});

describe('findLexiconHits on calm prose', () => {
  const calm = [
    'Die Bundesregierung hat am Mittwoch den Haushaltsentwurf für das kommende Jahr beschlossen.',
    'Der Bundestag debattiert über die Reform der Schuldenbremse, die Opposition kündigt Widerstand an.',
    'Die Koalition aus SPD, Grünen und FDP streitet über das Heizungsgesetz.',
    'Nach der Landtagswahl in Sachsen beginnen die Sondierungsgespräche.',
    'Der Kanzler reist zum Gipfel nach Brüssel, wo über Agrarsubventionen verhandelt wird.',
    'Die Inflation ist im November leicht gesunken, meldet das Statistische Bundesamt.',
    'Der Stadtrat beschließt einen neuen Radweg entlang der Hauptstraße.',
    'Kritiker werfen dem Minister vor, die Pläne seien zum Scheitern verdammt.',
    'Die Demonstranten zogen in einem friedlichen Marsch zum Rathaus.',
    'Bastian Schweinsteiger analysiert das Spiel als Experte im Fernsehen.',
    'Mit einem Doppelpack sicherte der Stürmer den Sieg gegen Schalke.',
    'Der Ball prallte vom Pfosten ins Tor, die Fans jubelten.',
    'Der Schiedsrichter zeigte nach dem Foul die Gelbe Karte.',
    'Saudi-Arabien richtet die Weltmeisterschaft 2034 aus.',
    'Der Trainer lobte die saubere Abwehrarbeit seiner Mannschaft.',
    'Zum Abendessen gab es Schweinefleisch mit Sauerkraut und Kartoffeln.',
    'Das Rezept braucht eine Packung Butter, zwei Eier und frische Kuhmilch.',
    'Der Paketdienst liefert vor Weihnachten besonders viele Pakete aus.',
    'Im Zoo kamen zwei junge Affen und ein Wildschwein zur Welt.',
    'Wanderratten und Hausmäuse sind in Städten weit verbreitet.',
    'Zecken übertragen im Sommer häufiger Borreliose, warnen Ärzte.',
    'Die Brutzeit der Störche beginnt im April.',
    'Bauern bringen im Frühjahr Gülle und Mist auf die Felder.',
    'Das Wetter bleibt wechselhaft, am Wochenende wird es sonnig und hell.',
    'Ein Sturmtief bringt Regen und Wind, in den Alpen fällt Schnee.',
    'Die Feuerwehr rückte wegen eines umgestürzten Baumes aus.',
    'Der Rattenfänger von Hameln ist eine bekannte Sage.',
    'Im Herbst gibt es wieder Zigeunerschnitzel in der Kantine, heißt es.',
    'Der Verein feiert sein hundertjähriges Bestehen mit einem Fest.',
    'Die Ärztin empfiehlt bei Kopfschmerzen ASS oder Ibuprofen.',
    'Der Tennisspieler schlug im ersten Satz zwölf Asse.',
    'Die Pressekonferenz beginnt um zehn Uhr im Kanzleramt.',
    'Ein Pissoir am Bahnhof wird nach Beschwerden saniert.',
    'Kohlekraftwerke gelten als Dreckschleudern, sagen Umweltverbände.',
    'Die Kühe stehen im Sommer auf der Alm.',
    'Der innere Schweinehund hält viele vom Sport ab.',
    'The Senate passed the spending bill late on Tuesday night.',
    'The governor announced new funding for rural hospitals.',
    'Polls suggest a close race in Pennsylvania and Arizona.',
    'The Supreme Court will hear arguments on the case in March.',
    'Dick Cheney served as vice president under George W. Bush.',
    'The striker scored twice as the home side won three to one.',
    'The coach praised the defence after a clean sheet against Arsenal.',
    'Scunthorpe United drew with Essex side Southend on Saturday.',
    'Fans celebrated the classic comeback in the final minutes.',
    'Add a pinch of salt, then pack the dough into the tin.',
    'The recipe calls for shiitake mushrooms and a splash of soy sauce.',
    'Farmers say foxes and rats are a problem for chickens.',
    'Researchers found parasites in the fish samples from the lake.',
    'The museum shows paintings by Pissarro and Monet.',
    'A cold front will bring rain and gusty winds to the coast.',
    'Temperatures will drop below freezing across the Midwest.',
    'The hurricane made landfall near the border with Mexico.',
    'Wildlife officers released the animals back into the wild.',
    'The cat, a Maine Coon, won first prize at the show.',
    'The damned souls in the painting are shown in the lower panel.',
    'Economists expect interest rates to stay high into next year.',
    'The assassin in the novel is never caught.',
    'Shiite and Sunni leaders met for talks in Baghdad.',
    'The island of Lesbos has received many refugees.',
    'Homo sapiens spread across the globe tens of thousands of years ago.',
    'Sanctions have crippled the country\'s economy, officials said.',
  ];

  it(`finds nothing in ${calm.length} calm German and English sentences`, () => {
    const hits = calm.flatMap((text) => spans(text).map((s) => `${s} in "${text}"`));
    expect(hits).toEqual([]);
  });
});

describe('compileLexicon', () => {
  it('throws on an unknown category or match', () => {
    expect(() => compileLexicon([makeFile([{ term: 'x', category: 'rude' as never, match: 'word' }])])).toThrow(/unknown category/u);
    expect(() => compileLexicon([makeFile([{ term: 'x', category: 'insult', match: 'inside' as never }])])).toThrow(/unknown match/u);
  });

  it('throws on a term listed twice in one file, a one-word phrase and a non-Latin term', () => {
    expect(() => compileLexicon([makeFile([{ term: 'Scheiße', category: 'profanity', match: 'word' }, { term: 'scheisse', category: 'profanity', match: 'word' }])])).toThrow(/twice/u);
    expect(() => compileLexicon([makeFile([{ term: 'idiot', category: 'insult', match: 'phrase' }])])).toThrow(/two words/u);
    expect(() => compileLexicon([makeFile([{ term: 'идиот', category: 'insult', match: 'word' }])])).toThrow(/Latin/u);
  });

  it('lets the first file win when two files list the same term', () => {
    const lex = compileLexicon([makeFile([{ term: 'bimbo', category: 'abuse', match: 'word' }]), makeFile([{ term: 'bimbo', category: 'insult', match: 'word' }])]);
    expect(findLexiconHits(lex, 'bimbo').map((h) => h.category)).toEqual(['abuse']);
  });

  it.each([
    ['head with minRest', { term: 'sau', category: 'insult', match: 'head', minRest: 5 } as const, ['Drecksau'], ['Sau', 'Wildsau!']],
    ['modifier with minRest', { term: 'drecks', category: 'profanity', match: 'modifier', minRest: 2 } as const, ['Drecksack', 'Drecks-Pack'], ['Drecks', 'Dreckst']],
    ['modifier with unless', { term: 'drecks', category: 'profanity', match: 'modifier', unless: ['dreckschleuder'] } as const, ['Drecksack'], ['Dreckschleudern']],
    ['any', { term: 'nigger', category: 'abuse', match: 'any' } as const, ['sandniggerlover'], ['Niger']],
  ])('matches %s', (_name, entry, hit, silent) => {
    const lex = compileLexicon([makeFile([entry])]);
    for (const text of hit) expect(findLexiconHits(lex, text)).toHaveLength(1);
    for (const text of silent) expect(findLexiconHits(lex, text)).toEqual([]);
  });
});
