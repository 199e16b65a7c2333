import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Span } from '../types.js';
import { ACRONYMS } from './acronyms.js';
import { detectShouting } from './detect-shouting.js';
import { QUOTE_INTRODUCERS } from './quote-introducers.js';

// Lines of the seed comments (shared/data/seed-article-and-comments.txt), copied verbatim.
const SEED = {
  line1:
    'Fast anderthalb Stunden sprachen der US-amerikanische Präsident Donald Trump am Telefon, berichtet die russische Nachrichtenagentur TASS. Dabei sprach sich Trump für ein schnelles Ende des militärischen Konfliktes aus [siehe auch Bericht »CNN«]. Wladimir Putin besteht darauf, dass vor allem zuerst die Ursachen des Ukraine-Konfliktes angegangen werden müssen, um den Konflikt dann auch beenden zu können.',
  line5:
    '»Ich hatte gerade ein langes und sehr produktives Telefonat mit dem russischen Präsidenten Wladimir Putin. Wir sprachen über die Ukraine, den Nahen Osten, Energie, künstliche Intelligenz, die Macht des Dollars und verschiedene andere Themen. Wir dachten beide über die große Geschichte unserer Nationen nach und darüber, dass wir im Zweiten Weltkrieg so erfolgreich zusammen gekämpft haben, und erinnerten uns daran, dass Russland zig Millionen Menschen verloren hat und wir ebenso viele! Wir sprachen beide über die Stärken unserer jeweiligen Nationen und den großen Nutzen, den wir eines Tages aus der Zusammenarbeit ziehen werden. Aber zuerst wollen wir, da waren wir uns beide einig, die Millionen von Toten im Krieg mit Russland/der Ukraine stoppen. Präsident Putin verwendete sogar mein sehr starkes Wahlkampfmotto „GESUNDER MENSCHENVERSTAND“.',
  line9: 'Bundestagsabgeordneter Roderich Kiesewetter (CDU) sagte am 16.08 2024 in Zeitung DIE WELT:',
  line10: '"SELBST WENN DIE UKRAINE DEN NORSTREAM ZERSTÖRT HABEN SOLLTE, IST DAS IN UNSEREM INTERESSE"',
  line11: 'https://qpress.de/2025/02/10/korruption-nur-ein-gedankenspiel/#comment-95869',
  line12: 'Die zeigt wie verkommen und die Politiker der ALTPARTEIEN sind und das ihnen Deutschland völlig egal ist !!',
  line13: 'WIR KÖNNEN UND WIR MÜSSEN AfD WÄHLEN DIE EINZIGE VOLKS- & FRiEDENSPARTEI !!',
  line14:
    'Ukraine-Konflikt - Egal, wie sehr Kallas und Selensky meckern, wenn Trump und Putin reden, sitzen die EU und die Ukraine nicht mit am Tisch',
  line20:
    'Das Mantra, die Ukraine sei ein souveräner Staat und es werde „keine Gespräche über die Ukraine ohne die Ukraine“ geben, war immer Unsinn, wie ich seit Beginn der Eskalation 2022 immer wieder geschrieben habe, denn die Ukraine ist spätestens seit dem Maidan 2014 kein souveräner Staat mehr, sondern ein komplett unter die Kontrolle der USA geratener Vasall.',
  line21:
    'Schon unter Poroschenko musste die Ukraine beispielsweise jede personelle Veränderung ihrer Regierung von Washington absegnen lassen. ...ALLES LESEN !!',
  line25:
    'Und die Zeichen stehen scheinbar absolut nicht schlecht, denn das Personal in Brüssel bekommt scheinbar nachhaltiges Bauchkneifen!!!',
  line27:
    'Weshalb unter der Göttlichen(?) nun ein neues Propaganda-Märchen als auch m. E. Sau durch das EU-Dorf getrieben wird???',
};

/** Spans of every occurrence of `needle`, as the link extractor would report them. */
function spansOf(text: string, needle: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    spans.push({ start: at, end: at + needle.length });
  }
  return spans;
}

function evidence(text: string, ignore: readonly Span[] = []): string[] {
  return detectShouting(text, ignore).map((f) => text.slice(f.start, f.end));
}

describe('detectShouting', () => {
  it.each([
    ['the all-caps vote call with odd casing (seed line 13)', SEED.line13, SEED.line13, 0.8],
    [
      'one shouted sentence of eight words or more in a long calm comment',
      'Ich habe den Artikel gelesen und finde ihn ausgewogen. DAS IST ABER ALLES GELOGEN UND DAS WISSEN AUCH ALLE! Trotzdem danke für die Recherche und die vielen Quellen.',
      'DAS IST ABER ALLES GELOGEN UND DAS WISSEN AUCH ALLE!',
      0.45,
    ],
    [
      'a four-word shout that is a fifth of the comment (GermEval)',
      'Vor der Wahl u. nach der Wahl 😂😂😂 Merkel würde beweisen, ES GEHT NOCH SCHLIMMER, denn irre bleibt irre 😜',
      'ES GEHT NOCH SCHLIMMER',
      0.45,
    ],
    [
      'a comment in capitals but for two words, from its first capitals to its last (GermEval)',
      'ABSCHIEBESTOPP nach SYRIEN bis ENDE 2018 ??? SIND DIE DENN VÖLLIG BESCHEUERT ?????',
      'ABSCHIEBESTOPP nach SYRIEN bis ENDE 2018 ??? SIND DIE DENN VÖLLIG BESCHEUERT ?????',
      0.8,
    ],
    ['scattered capitals holding most of the letters (Fox News)', 'The story PLAINLY STATED that those who are DISABLED ARE EXEMPT.', 'DISABLED ARE EXEMPT.', 0.45],
    ['a comment of three words', 'LOVE THE IDEA', 'LOVE THE IDEA', 0.8],
    ['three short shouts that add up', 'NEIN! NEIN! NEIN!', 'NEIN! NEIN! NEIN!', 0.8],
    ['a shout after @mentions, without them', '@Tagesspiegel @zeitonline IHR SEID DOCH ALLE GEKAUFT !!!!', 'IHR SEID DOCH ALLE GEKAUFT !!!!', 0.8],
    ['an odd lower-case letter in a shouted word', 'der iSLAM GEHÖRT NICHT ZU DEUTSCHLAND!!!! Und auch keine Schwarzfuss Afrikaner!!!', 'iSLAM GEHÖRT NICHT ZU DEUTSCHLAND!!!!', 0.45],
    ['a number opening the shout', '3 JAHRE WARTEN AUF EINEN TERMIN BEIM AMT.', '3 JAHRE WARTEN AUF EINEN TERMIN BEIM AMT.', 0.8],
    ['letter-spaced words', '****W I D E R S T A N D  G E G E N  I S L A M I S I E R U N G**** #Bautzen #NOISLAM', 'W I D E R S T A N D  G E G E N  I S L A M I S I E R U N G', 0.8],
    ['capitals with umlauts, which count as upper case', 'ÜBERALL NUR LÜGEN ÜBER ÄRZTE UND ÖLKONZERNE', 'ÜBERALL NUR LÜGEN ÜBER ÄRZTE UND ÖLKONZERNE', 0.8],
    ['a lower-case ß inside capitals', 'MERKEL MUß WEG !! UND DAS SCHNELL', 'MERKEL MUß WEG !! UND DAS SCHNELL', 0.8],
    ['a capital ẞ', 'DIESE STRAẞE GEHÖRT UNS ALLEN', 'DIESE STRAẞE GEHÖRT UNS ALLEN', 0.8],
    ['an English shouted sentence with contractions', "I DON'T CARE WHAT THEY SAY ANYMORE", "I DON'T CARE WHAT THEY SAY ANYMORE", 0.8],
  ])('finds %s', (_scenario, text, expected, minSeverity) => {
    const findings = detectShouting(text, []);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual([expected]);
    expect(findings[0]?.code).toBe('text.shouting');
    expect(findings[0]?.severity).toBeGreaterThanOrEqual(minSeverity);
    expect(findings[0]?.severity).toBeLessThanOrEqual(1);
  });

  it.each([
    ['adjacent shouted sentences', 'WACHT ENDLICH AUF! DIE REGIERUNG BELÜGT EUCH! Schönen Abend noch.', 'WACHT ENDLICH AUF! DIE REGIERUNG BELÜGT EUCH!'],
    ['shouted lines', 'Ich sage nur eins.\nWIR SIND DAS VOLK\nUND WIR HABEN GENUG\nDanke.', 'WIR SIND DAS VOLK\nUND WIR HABEN GENUG'],
    ['shouted sentences around an acronym-only sentence', 'RAUS AUS DER NATO! USA! RAUS AUS DER EU SOFORT!', 'RAUS AUS DER NATO! USA! RAUS AUS DER EU SOFORT!'],
    [
      'shouted sentences a calm sentence apart',
      'DAS IST EIN SKANDAL OHNE ENDE! Ich verstehe das nicht. DAS MUSS SOFORT AUFHÖREN!',
      'DAS IST EIN SKANDAL OHNE ENDE! Ich verstehe das nicht. DAS MUSS SOFORT AUFHÖREN!',
    ],
  ])('reports %s as one finding', (_scenario, text, expected) => {
    expect(evidence(text)).toEqual([expected]);
  });

  it.each([
    ['a quoted all-caps claim (seed line 10)', SEED.line10],
    ['the quoted claim under its calm attribution line (seed lines 9 and 10)', `${SEED.line9}\n${SEED.line10}`],
    ['a shouted quote inside a calm comment', 'Dann stand er auf. „WIR LASSEN UNS DAS NICHT MEHR GEFALLEN!“ Dann ging er.'],
    ['a title in German low quotation marks', ",,ANNETT EINE ROSE FÜR DEUTSCHLAND''"],
    ['a slogan named as one', 'Die wollen die ganzen Braunhäutigen verjagen mit dem Slogan BUNT STATT BRAUN !! BRAVO !!!'],
    ['a headline after its name and a colon', 'Die Schlagzeile: REGIERUNG PLANT NEUE STEUER FÜR ALLE'],
    ['a long calm paragraph with TASS and CNN (seed line 1)', SEED.line1],
    ['a quoted two-word slogan in a long paragraph (seed line 5)', SEED.line5],
    ['a calm attribution with CDU and DIE WELT (seed line 9)', SEED.line9],
    ['a link line (seed line 11)', SEED.line11],
    ['one word in capitals and a double exclamation mark (seed line 12)', SEED.line12],
    ['EU in a calm sentence (seed line 14)', SEED.line14],
    ['USA in a calm paragraph (seed line 20)', SEED.line20],
    ['a two-word shout at the end of a long comment (seed line 21)', SEED.line21],
    ['a calm sentence ending in !!! (seed line 25)', SEED.line25],
    ['a calm question ending in ??? (seed line 27)', SEED.line27],
    ['a three-word shout under a quoted tweet (GermEval)', '"@fina_74: Hallo Frau Merkel, wie lebt es sich eigentlich mit so einer großen Schuld und all dem Blut an den Händen?"\nDAS BLUT KLEBT!'],
    [
      'a four-word shout in a long comment, under a fifth of its words',
      'Ich habe mir die Debatte im Bundestag angesehen und fand die Argumente beider Seiten nachvollziehbar, auch wenn mir der Ton an manchen Stellen zu scharf war. Am Ende muss man aber sagen: DAS WAR KEINE STERNSTUNDE. Trotzdem danke für die ausführliche Berichterstattung.',
    ],
    ['an acronym ending a sentence before a three-word shout', 'Mehr als genug Geld für die Bundeswehr und die NATO. NIE WIEDER KRIEG!'],
    [
      'pairs of emphasised words with no run of three (GermEval)',
      'Fazit des Tages für mich !! Lieber ein RECHTER EINPEITSCHER (wie Sellner) als ein LINKER AUSPEITSCHER(wie Heiko MAAS) !!!!!',
    ],
    ['a letter-spaced acrostic', 'Erst wenn Europa islamisiert ist werdet ihr merken dass\nP E G I D A\nP atrioten\nE uropas\nrecht hatte'],
    ['a two-word comment', 'WELL PUT'],
    ['a single exclamation "OK!"', 'OK!'],
    ['a single exclamation "NEIN!"', 'NEIN!'],
    ['punctuation alone', 'Super!!!'],
    ['a standalone two-word slogan', 'GESUNDER MENSCHENVERSTAND'],
    ['one long word in capitals', 'BUNDESVERFASSUNGSGERICHT!'],
    ['a list of party acronyms', 'CDU, CSU, SPD und FDP.'],
    ['a list of acronyms in capitals only', 'USA, UK, EU, UN, NATO, WHO, IMF: every acronym in the book and still no plan.'],
    ['English acronyms in a calm sentence', 'The FBI, CIA and NSA all briefed the GOP and DNC leadership before the vote, according to AP and NBC.'],
    ['longer and mixed-case acronyms', 'NATO, UNHCR, UNESCO, GmbH und AfD.'],
    ['acronyms with a plural s', 'Die NGOs und die NATOs dieser Welt.'],
    ['title case', 'Das Ist Ein Völlig Normaler Satz Mit Großen Anfängen'],
    ['mentions and hashtags in capitals', '@MAXMUSTERMANN #WIRSINDDASVOLK #NIEWIEDER danke dir für den Hinweis'],
    ['all-caps handles before a calm question', '@SPIEGEL_EIL @ZDFheute @BILD_Politik Habt ihr dazu schon eine Stellungnahme der Stadt?'],
    ['an empty comment', ''],
    ['whitespace only', ' \n\t '],
  ])('ignores %s', (_scenario, text) => {
    expect(detectShouting(text, [])).toEqual([]);
  });

  it.each([
    ['whole', 'WIR MÜSSEN DAS JETZT ÄNDERN ODER ES WIRD zu spät', { ratio: 1, letters: 33, words: 8, share: 0.8, shape: 'whole' }],
    ['passage', 'Ich habe den Artikel gelesen. STEH AUF UND KÄMPFE!', { ratio: 1, letters: 16, words: 4, share: 0.44, shape: 'passage' }],
    ['scattered', 'The story PLAINLY STATED that those who are DISABLED ARE EXEMPT.', { ratio: 1, letters: 17, words: 3, share: 0.27, shape: 'scattered' }],
  ])('reports the ratio, letters, words, share and shape of a %s shout', (_shape, text, details) => {
    expect(detectShouting(text, [])[0]?.details).toEqual(details);
  });

  it.each([
    ['acronyms', ACRONYMS, /^\p{L}+$/u, /\p{Lu}.*\p{Lu}/u],
    ['quote introducers', QUOTE_INTRODUCERS, /^\p{Ll}+$/u, /^/u],
  ])('keeps the %s to words the scanner can match, each once', (_list, words, shape, casing) => {
    expect(words.filter((w) => !shape.test(w) || !casing.test(w))).toEqual([]);
    expect(new Set(words).size).toBe(words.length);
  });

  it.each([
    ['German', 'STASI, NATO, BAMF und DITIB'],
    ['English', 'POTUS, SCOTUS, FEMA and NYPD'],
  ])('does not count listed %s acronyms of four letters or more as loud words', (_language, text) => {
    expect(detectShouting(text, [])).toEqual([]);
  });

  it('does not count letters inside ignored link spans', () => {
    const url = 'HTTPS://EXAMPLE.ORG/ALLES/IN/GROSSBUCHSTABEN/HIER';
    const text = `Schau mal hier ${url} und sag mir was du denkst.`;
    expect(evidence(text, spansOf(text, url))).toEqual([]);
  });

  it('keeps a link inside a shouted sentence in its span without splitting at its dots', () => {
    const url = 'https://example.org/a.b?c=d.e';
    const text = `Ruhiger Anfang hier. SCHAUT EUCH DAS AN ${url} UND TEILT ES ÜBERALL! Danke.`;
    const findings = detectShouting(text, spansOf(text, url));
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual([`SCHAUT EUCH DAS AN ${url} UND TEILT ES ÜBERALL!`]);
    expect(findings[0]?.details.letters).toBe('SCHAUTEUCHDASANUNDTEILTESÜBERALL'.length);
  });

  it('raises severity for runs of three or more ! or ?', () => {
    const calm = 'Ich habe dazu eine Meinung, und zwar eine ganz klare. ';
    const plain = detectShouting(`${calm}DAS IST EINE FRECHHEIT SONDERGLEICHEN.`, []);
    const loud = detectShouting(`${calm}DAS IST EINE FRECHHEIT SONDERGLEICHEN!!!`, []);
    const louder = detectShouting(`${calm}DAS IST EINE FRECHHEIT!!! SONDERGLEICHEN?!?!`, []);
    expect(loud[0]?.severity).toBeGreaterThan(plain[0]?.severity ?? 1);
    expect(louder[0]?.severity).toBeGreaterThan(loud[0]?.severity ?? 1);
    expect(plain[0]?.details.punctuation).toBeUndefined();
    expect(loud[0]?.details.punctuation).toBe(1);
    expect(louder[0]?.details.punctuation).toBe(2);
  });

  it('rates a fully shouted comment at least 0.7', () => {
    for (const text of ['WIR SIND ES LEID', 'DAS IST ALLES NUR NOCH PEINLICH UND ZUM FREMDSCHÄMEN']) {
      expect(detectShouting(text, [])[0]?.severity).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('counts astral capitals (mathematical bold) as upper case', () => {
    const text = '𝐃𝐀𝐒 𝐈𝐒𝐓 𝐃𝐎𝐂𝐇 𝐄𝐈𝐍𝐄 𝐔𝐍𝐕𝐄𝐑𝐒𝐂𝐇𝐀̈𝐌𝐓𝐇𝐄𝐈𝐓';
    expect(evidence(text)).toEqual([text]);
  });

  it.each([
    ['1 MB of dots', '.'.repeat(1_000_000)],
    ['100 000 exclamation marks', '!'.repeat(100_000)],
    ['"a." 500 000 times', 'a.'.repeat(500_000)],
    ['"A. " 300 000 times', 'A. '.repeat(300_000)],
    ['1 MB of capitals', 'A'.repeat(1_000_000)],
    ['a Unicode mix', 'Ä𝐀ẞß\u0308ǅ漢!?… '.repeat(100_000)],
    ['mentions without end', '@'.repeat(500_000) + '#a'.repeat(250_000)],
  ])('stays linear on %s', (_scenario, text) => {
    const started = performance.now();
    const findings = detectShouting(text, []);
    expect(performance.now() - started).toBeLessThan(1500);
    for (const f of findings) expect(f.end).toBeLessThanOrEqual(text.length);
  });

  it('never throws and keeps spans inside the text (property)', () => {
    const alphabet = fc.constantFrom(...'AÄÖÜẞBCDEFGHIJKLMNOPQRSTUVWXYZaäöüßbcxyz .!?…\n"„“»«@#-\'’0123456789𝐀'.split(''));
    const textArb = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: alphabet, maxLength: 200 }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const points = cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b);
        const ignore: Span[] = [];
        for (let k = 0; k + 1 < points.length; k += 2) {
          const start = points[k] ?? 0;
          const end = points[k + 1] ?? 0;
          if (end > start && (ignore.at(-1)?.end ?? -1) <= start) ignore.push({ start, end });
        }
        for (const f of detectShouting(text, ignore)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.start).toBeLessThan(f.end);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.severity).toBeGreaterThanOrEqual(0);
          expect(f.severity).toBeLessThanOrEqual(1);
          expect(f.code).toBe('text.shouting');
        }
      }),
      { numRuns: 500 },
    );
  });

  // The shortcuts before the scan (close capitals, a loud word) must not hide the forms that
  // only the scan's own reading makes loud.
  it.each([
    { name: 'single capitals one space apart', text: 'W I D E DA DA DA', ignore: [] },
    { name: 'a capital with ß', text: 'Aßßß DAS IST SO EIN', ignore: [] },
    { name: 'ß before the capital sharp s', text: 'ẞßßß DIE DAS DER', ignore: [] },
    { name: 'one odd small letter', text: 'DIE FRiEDENSPARTEI IST', ignore: [] },
    { name: 'astral capitals', text: '\u{1D400}\u{1D401}\u{1D402}\u{1D403} DAS IST SO', ignore: [] },
    { name: 'combining marks between the capitals', text: 'A\u0301B\u0301C\u0301D\u0301 DAS IST', ignore: [] },
    { name: 'a link cutting off the small letters', text: 'abcDEFGH DAS IST', ignore: [{ start: 0, end: 3 }] },
    { name: 'a link before single capitals', text: 'xA B C D DAS IST', ignore: [{ start: 0, end: 1 }] },
    { name: 'µ as the one small letter', text: 'ABµC DAS IST SO', ignore: [] },
    { name: 'uncased letters below U+00C0 between the capitals', text: 'AªªBªªCªªD DAS IST', ignore: [] },
    { name: 'a mark and an apostrophe before a single capital', text: "A B C \u0301'D DAS IST", ignore: [] },
  ])('finds $name', ({ text, ignore }) => {
    expect(detectShouting(text, ignore)).toHaveLength(1);
  });

  it.each(['CDU SPD FDP AfD und die ARD', 'W I D E', "D'A'S I'S'T S'O"])('finds nothing in %j', (text) => {
    expect(detectShouting(text, [])).toEqual([]);
  });
});
