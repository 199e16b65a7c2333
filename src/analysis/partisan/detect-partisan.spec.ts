import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadCompiledPolitics } from '../../politics/load-politics.js';
import { detectPartisan as detectWith } from './detect-partisan.js';
import { RHETORIC_TERMS } from './rhetoric-terms.js';


// The bundled parties and candidates (data/politics/), as the service loads them.
const politics = loadCompiledPolitics();
const detectPartisan = (text: string) => detectWith(text, politics);
// Lines of the seed comments (shared/data/seed-article-and-comments.txt), copied verbatim, by line number.
const SEED: Record<number, string> = {
  1: 'Fast anderthalb Stunden sprachen der US-amerikanische Präsident Donald Trump am Telefon, berichtet die russische Nachrichtenagentur TASS. Dabei sprach sich Trump für ein schnelles Ende des militärischen Konfliktes aus [siehe auch Bericht »CNN«]. Wladimir Putin besteht darauf, dass vor allem zuerst die Ursachen des Ukraine-Konfliktes angegangen werden müssen, um den Konflikt dann auch beenden zu können.',
  2: 'Auf jeden Fall sei Putin bereit zu verhandeln. Er lud Trump in den Kreml nach Moskau ein. Beide einigten sich darauf, bald ein persönliches Gipfeltreffen zu organisieren. Beide Seiten sind sich einig, dass man die Probleme bezüglich der Ukraine gemeinsam in Zusammenarbeit lösen müsse.',
  3: 'Weitere Themen des Telefongespräches waren die Lage im Nahen Osten und das iranische Atomprogramm Putin sowie den Austausch russischer und US-amerikanischer Staatsbürger, Washington garantierte die Umsetzung der getroffenen Vereinbarungen.',
  4: 'Trump beschrieb das Telefongespräch in den Sozialen Medien so:',
  5: '»Ich hatte gerade ein langes und sehr produktives Telefonat mit dem russischen Präsidenten Wladimir Putin. Wir sprachen über die Ukraine, den Nahen Osten, Energie, künstliche Intelligenz, die Macht des Dollars und verschiedene andere Themen. Wir dachten beide über die große Geschichte unserer Nationen nach und darüber, dass wir im Zweiten Weltkrieg so erfolgreich zusammen gekämpft haben, und erinnerten uns daran, dass Russland zig Millionen Menschen verloren hat und wir ebenso viele! Wir sprachen beide über die Stärken unserer jeweiligen Nationen und den großen Nutzen, den wir eines Tages aus der Zusammenarbeit ziehen werden. Aber zuerst wollen wir, da waren wir uns beide einig, die Millionen von Toten im Krieg mit Russland/der Ukraine stoppen. Präsident Putin verwendete sogar mein sehr starkes Wahlkampfmotto „GESUNDER MENSCHENVERSTAND“.',
  6: 'Wir glauben beide sehr fest daran. Wir einigten uns darauf, sehr eng zusammenzuarbeiten, auch indem wir die Länder des jeweils anderen besuchen. Wir haben auch vereinbart, dass unsere jeweiligen Teams sofort mit den Verhandlungen beginnen, und wir werden zunächst Präsident Selenskyj aus der Ukraine anrufen, um ihn über das Gespräch zu informieren, was ich jetzt sofort tun werde. Ich habe Außenminister Marco Rubio, CIA-Direktor John Ratcliffe, den Nationalen Sicherheitsberater Michael Waltz sowie Botschafter und Sondergesandten Steve Witkoff gebeten, die Verhandlungen zu führen, und ich bin fest davon überzeugt, dass sie erfolgreich sein werden. Millionen von Menschen sind in einem Krieg gestorben, den es nicht gegeben hätte, wenn ich Präsident gewesen wäre, aber er hat stattgefunden und muss daher enden. Es dürfen keine weiteren Menschenleben verloren gehen! Ich möchte Präsident Putin für seine Zeit und Mühe im Zusammenhang mit diesem Aufruf danken und für die gestrige Freilassung von Marc Fogel, einem wunderbaren Mann, den ich gestern Abend im Weißen Haus persönlich begrüßt habe. Ich glaube, dass diese Bemühungen zu einem erfolgreichen Abschluss führen werden, hoffentlich bald!«',
  8: 'Bitte beachten Sie beim Verfassen eines Kommentars die Regeln höflicher Kommunikation.',
  9: 'Bundestagsabgeordneter Roderich Kiesewetter (CDU) sagte am 16.08 2024 in Zeitung DIE WELT:',
  12: 'Die zeigt wie verkommen und die Politiker der ALTPARTEIEN sind und das ihnen Deutschland völlig egal ist !!',
  13: 'WIR KÖNNEN UND WIR MÜSSEN AfD WÄHLEN DIE EINZIGE VOLKS- & FRiEDENSPARTEI !!',
  14: 'Ukraine-Konflikt - Egal, wie sehr Kallas und Selensky meckern, wenn Trump und Putin reden, sitzen die EU und die Ukraine nicht mit am Tisch',
  18: 'Auch in der EU und der Ukraine begreift man inzwischen, dass Trump und Putin alleine über das Schicksal der Ukraine entscheiden werden.',
  19: 'Die Reaktionen aus Brüssel und Kiew sind trotzig und zeigen deren Bedeutungslosigkeit nur umso deutlicher.',
  20: 'Das Mantra, die Ukraine sei ein souveräner Staat und es werde „keine Gespräche über die Ukraine ohne die Ukraine“ geben, war immer Unsinn, wie ich seit Beginn der Eskalation 2022 immer wieder geschrieben habe, denn die Ukraine ist spätestens seit dem Maidan 2014 kein souveräner Staat mehr, sondern ein komplett unter die Kontrolle der USA geratener Vasall.',
  22: 'Die Beiden agieren über die Köpfe der Europäer hinweg. Man sieht wer das Sagen hat.',
  24: '... „Ich glaube, dass diese Bemühungen zu einem erfolgreichen Abschluss führen werden, hoffentlich bald!«',
  29: 'Die Kriege enden am Tisch mit Verhandlungen, meistens.',
  30: 'Schade ums Opfer.',
  31: 'Bald dürfen Ukrainer also Heim ?',
};

function seed(line: number): string {
  const text = SEED[line];
  if (text === undefined) throw new Error(`seed line ${line} is not copied into this spec`);
  return text;
}

function found(text: string, code: string): { evidence: string; details: Record<string, unknown>; severity: number }[] {
  return detectPartisan(text)
    .filter((f) => f.code === code)
    .map((f) => ({ evidence: text.slice(f.start, f.end), details: f.details, severity: f.severity }));
}

describe('detectPartisan: vote calls', () => {
  it.each([
    ['the all-caps modal call (seed line 13)', seed(13), 'AfD WÄHLEN', 'AfD', 'for'],
    ['a standalone slogan', 'AfD wählen!', 'AfD wählen', 'AfD', 'for'],
    ['an imperative plural', 'Wählt AfD!', 'Wählt AfD', 'AfD', 'for'],
    ['an imperative singular', 'Wähle AfD, was sonst.', 'Wähle AfD', 'AfD', 'for'],
    ['an imperative with article', 'Wählt die Grünen.', 'Wählt die Grünen', 'Bündnis 90/Die Grünen', 'for'],
    ['an imperative in capitals', 'WÄHLT DIE GRÜNEN', 'WÄHLT DIE GRÜNEN', 'Bündnis 90/Die Grünen', 'for'],
    ['umlauts spelled out', 'Gruene waehlen!', 'Gruene waehlen', 'Bündnis 90/Die Grünen', 'for'],
    ['umlauts spelled out in capitals', 'WIR MÜSSEN AFD WAEHLEN', 'AFD WAEHLEN', 'AfD', 'for'],
    ['an imperative after a conditional clause', 'Wer Frieden will, wählt BSW.', 'wählt BSW', 'BSW', 'for'],
    ['the polite imperative with filler words', 'Wählen Sie am Sonntag die Linke.', 'Wählen Sie am Sonntag die Linke', 'Die Linke', 'for'],
    ['a modal with words between', 'Wir müssen am Sonntag alle die AfD wählen', 'die AfD wählen', 'AfD', 'for'],
    ['a modal with a date between', 'Wir müssen am 23. Februar CDU wählen.', 'CDU wählen', 'CDU', 'for'],
    ['a slogan after a sentence ending in a year', 'So war es schon 2024. AfD wählen!', 'AfD wählen', 'AfD', 'for'],
    ['"lasst uns"', 'Lasst uns Volt wählen!', 'Volt wählen', 'Volt', 'for'],
    ['"nicht nur", which does not negate', 'Wählt nicht nur AfD', 'Wählt nicht nur AfD', 'AfD', 'for'],
    ['a candidate', 'Ich sage nur eins: Höcke wählen!', 'Höcke wählen', 'AfD', 'for'],
    ['a party named like a common word, as written', 'Wählt Die PARTEI', 'Wählt Die PARTEI', 'Die PARTEI', 'for'],
    ['a hashtag with a prefix and odd caps', 'Genau so! #einfachAFDwählen', '#einfachAFDwählen', 'AfD', 'for'],
    ['a hashtag', '#AfDwählen', '#AfDwählen', 'AfD', 'for'],
    ['a ballot appeal with "Stimme"', 'Deine Stimme für die Grünen!', 'Deine Stimme für die Grünen', 'Bündnis 90/Die Grünen', 'for'],
    ['a ballot appeal with "Kreuz"', 'Am Sonntag: Kreuz bei der AfD!', 'Kreuz bei der AfD', 'AfD', 'for'],
    ['an English imperative with a candidate', 'Vote Trump!', 'Vote Trump', 'Republicans', 'for'],
    ['an English imperative with a party', 'Vote Republican in November.', 'Vote Republican', 'Republicans', 'for'],
    ['an English modal', 'You should vote for Harris.', 'vote for Harris', 'Democrats', 'for'],
    ['an appeal with "urge … to"', 'I urge everyone to vote for Bernie.', 'vote for Bernie', 'Democrats', 'for'],
    ['a candidate for an office', 'Bernie for President!', 'Bernie for President', 'Democrats', 'for'],
    ['a write-in', 'Write in Bernie!', 'Write in Bernie', 'Democrats', 'for'],
    ['"vote for him" after the candidate is named', 'Bernie is the only honest one. Vote for him!', 'Vote for him', 'Democrats', 'for'],
    ['"wählt ihn" after the candidate is named', 'Höcke sagt die Wahrheit. Wählt ihn!', 'Wählt ihn', 'AfD', 'for'],
    ['a generic relative clause without a comma', 'Alle die noch CDU wählen sind mitschuldig.', 'Alle die noch CDU wählen', 'CDU', 'against'],
    ['a generic relative clause', 'Jeder, der BSW wählt, bekommt am Ende nur Sahra.', 'Jeder, der BSW wählt', 'BSW', 'against'],
    ['a zu-infinitive after advice', 'Ich kann nur jedem raten, AfD zu wählen.', 'AfD zu wählen', 'AfD', 'for'],
    ['"re-elect"', 'Re-elect Obama on Tuesday!', 'Re-elect Obama', 'Democrats', 'for'],
    ['"let\'s vote"', "Let's vote Democratic", 'vote Democratic', 'Democrats', 'for'],
    ['an English hashtag', '#VoteTrump2024', '#VoteTrump2024', 'Republicans', 'for'],
  ])('finds %s', (_scenario, text, evidence, party, stance) => {
    const calls = found(text, 'text.vote_call');
    expect(calls.map((c) => c.evidence)).toEqual([evidence]);
    expect(calls[0]?.details).toMatchObject({ party, stance });
    expect(calls[0]?.severity).toBeGreaterThanOrEqual(0.5);
    expect(calls[0]?.severity).toBeLessThanOrEqual(0.6);
  });

  it.each([
    ['"nie wieder … wählen"', 'Nie wieder SPD wählen!', 'Nie wieder SPD wählen', 'SPD'],
    ['"bloß keine … wählen"', 'Bloß keine Grünen wählen.', 'keine Grünen wählen', 'Bündnis 90/Die Grünen'],
    ['"keinesfalls" after a modal', 'Ihr solltet keinesfalls AfD wählen.', 'keinesfalls AfD wählen', 'AfD'],
    ['"nicht die … wählen"', 'Bitte nicht die AfD wählen.', 'nicht die AfD wählen', 'AfD'],
    ['a negating subject, which is part of the call', 'Niemand sollte die AfD wählen.', 'Niemand sollte die AfD wählen', 'AfD'],
    ['a negated "dürfen"', 'Wir dürfen nie wieder die CDU wählen', 'nie wieder die CDU wählen', 'CDU'],
    ['a negated imperative', 'Wählt bloß nicht die FDP!', 'Wählt bloß nicht die FDP', 'FDP'],
    ['a negated ballot appeal', 'Keine Stimme für die AfD!', 'Keine Stimme für die AfD', 'AfD'],
    ['a ballot appeal against', 'Stimmt gegen die SPD!', 'Stimmt gegen die SPD', 'SPD'],
    ['a hashtag against', 'Merkt euch das. #NieWiederCDU', '#NieWiederCDU', 'CDU'],
    ['"never vote"', 'Never vote Democrat.', 'Never vote Democrat', 'Democrats'],
    ['"don\'t vote for"', "Please don't vote for Biden.", "don't vote for Biden", 'Democrats'],
    ['"vote against"', 'Vote against Trump.', 'Vote against Trump', 'Republicans'],
    ['"do not vote for"', 'Do not vote for Trump.', 'Do not vote for Trump', 'Republicans'],
    ['"vote out"', 'Vote out the Republicans!', 'Vote out the Republicans', 'Republicans'],
    ['"vote … out"', 'Vote the Democrats out.', 'Vote the Democrats out', 'Democrats'],
    ['an English hashtag against', '#NeverTrump', '#NeverTrump', 'Republicans'],
    ['a judgement of the vote (GUIDE: generic)', 'Jede Stimme für die AfD ist eine verlorene Stimme.', 'Jede Stimme für die AfD', 'AfD'],
    ['"Nie wieder X!"', 'Nie wieder SPD!', 'Nie wieder SPD', 'SPD'],
    ['a generic conditional judging the voters', 'Wer die Grünen wählt, ist selbst schuld.', 'Wer die Grünen wählt', 'Bündnis 90/Die Grünen'],
    ['a modal passive', 'Die SPD gehört endlich weggewählt.', 'Die SPD gehört endlich weggewählt', 'SPD'],
    ['"vote them out" with the party named before', 'Kick the Tories out! Vote them out.', 'Vote them out', 'Conservatives (UK)'],
    ['a mocking slogan', 'Vote DemoKKKrat 2016!', 'Vote DemoKKKrat 2016', 'Democrats'],
    ['a pronoun aimed at the party named before', 'Die CDU hat versagt. Wählt sie ab!', 'Wählt sie ab', 'CDU'],
    ['an English negating subject', 'Nobody should vote for Trump.', 'vote for Trump', 'Republicans'],
    ['a modal passive whose subject points back', 'Was geht in diesem Trump vor? Der Mann muss sofort abgewählt werden.', 'Der Mann muss sofort abgewählt werden', 'Republicans'],
  ])('finds a call against: %s', (_scenario, text, evidence, party) => {
    const calls = found(text, 'text.vote_call');
    expect(calls.map((c) => c.evidence)).toEqual([evidence]);
    expect(calls[0]?.details).toMatchObject({ party, stance: 'against' });
  });

  it('reads "X wählen statt Y" as a call for X and one against Y, from the vote verb on', () => {
    const calls = found('Ihr solltet Volt wählen, statt die ewige CDU.', 'text.vote_call');
    expect(calls.map((c) => [c.evidence, c.details.party, c.details.stance])).toEqual([
      ['Volt wählen', 'Volt', 'for'],
      ['wählen, statt die ewige CDU', 'CDU', 'against'],
    ]);
  });

  // One row per construction of the grammar added for real comments (issue 12); own examples.
  it.each([
    ['sarcasm: "immer schön … wählen"', 'Und immer schön brav die FDP wählen, dann wird alles billiger.', 'die FDP wählen', 'FDP', 'against'],
    ['sarcasm in an imperative', 'Wählt schön weiter SPD, ihr habt es so gewollt.', 'Wählt schön weiter SPD', 'SPD', 'against'],
    ['a "Wer …" clause wishing a harm, then an imperative', 'Wer Chaos und Armut will, wählt weiter #Grüne.', 'wählt weiter #Grüne', 'Bündnis 90/Die Grünen', 'against'],
    ['a "Wer …" clause refusing a harm', 'Wer keinen Krieg will, wählt #BSW.', 'wählt #BSW', 'BSW', 'for'],
    ['a "Wer …" clause ending a harm', 'Wer das Chaos beenden will, muss Volt wählen.', 'Volt wählen', 'Volt', 'for'],
    ['a "Wer …" clause holding commas', 'Wer für Zensur, Verbote und Enteignung ist, wählt die Linke.', 'wählt die Linke', 'Die Linke', 'against'],
    ['a chain of bare infinitives', 'Den Filz beenden AfD wählen', 'AfD wählen', 'AfD', 'for'],
    ['a party coordinated with a noun phrase', 'Merkel und ihre ganze Truppe endlich abwählen!', 'Merkel und ihre ganze Truppe endlich abwählen', 'CDU', 'against'],
    ['a negated bare infinitive after the party', 'Die FDP hat uns verraten. - Einfach nicht wählen!', 'FDP hat uns verraten. - Einfach nicht wählen', 'FDP', 'against'],
    ['a generic relative clause with a zu-infinitive', 'Jeder, der vorhat, die NPD zu wählen, sollte wissen, was er tut.', 'die NPD zu wählen', 'Die Heimat (NPD)', 'against'],
    ['a "Wer …" clause with a zu-infinitive', 'Wer überlegt, Volt zu wählen, ist klug.', 'Volt zu wählen', 'Volt', 'for'],
    ['an optative wish about other people\'s votes', 'Wenn doch nur genug Leute die ÖDP wählen würden!', 'doch nur genug Leute die ÖDP wählen', 'ÖDP', 'for'],
    ['the vote as a noun, judged', 'Die Wahl der FDP bedeutet Sozialabbau.', 'Die Wahl der FDP', 'FDP', 'against'],
    ['an abbreviated article and a candidate\'s party', 'Eine Stimme für d. Habeck-Partei ist eine Stimme für Verbote.', 'Eine Stimme für d. Habeck-Partei', 'Bündnis 90/Die Grünen', 'against'],
    ['a coordinated predicate with a modal passive', 'Scholz hat versagt und muss abgewählt werden.', 'Scholz hat versagt und muss abgewählt werden', 'SPD', 'against'],
    ['a demonstrative subject pointing back', 'Söder redet nur. Dieser Schaumschläger muss abgewählt werden.', 'Dieser Schaumschläger muss abgewählt werden', 'CSU', 'against'],
    ['a line break inside the subject', 'Söder redet nur. Dieser\nSchaumschläger muss abgewählt werden.', 'Dieser\nSchaumschläger muss abgewählt werden', 'CSU', 'against'],
    ['a handle as the antecedent', 'Danke @spd für nichts! Diese Partei hat versagt und muss bei der Bundestagswahl verhindert werden.', 'Diese Partei hat versagt und muss bei der Bundestagswahl verhindert werden', 'SPD', 'against'],
    ['"stimmt" with words before the direction and tags between', 'Stimmt am Sonntag für eure #Heimat #AfD', 'Stimmt am Sonntag für eure #Heimat #AfD', 'AfD', 'for'],
    ['a word with a bracketed ending in a "Wer …" clause', 'Wer die Abschaffung #Deutschland(s) will, wählt #Grüne.', 'wählt #Grüne', 'Bündnis 90/Die Grünen', 'against'],
    ['a ballot noun completing an imperative', 'Gebt Habeck eure Stimme!', 'Gebt Habeck eure Stimme', 'Bündnis 90/Die Grünen', 'for'],
    ['a short answer to the question', 'Die Linke wählen? Nie im Leben.', 'Die Linke wählen? Nie im Leben', 'Die Linke', 'against'],
    ['a mocking spelling of a candidate', 'Murksel abwählen!', 'Murksel abwählen', 'CDU', 'against'],
    ['the party fronted before the modal and its subject', 'Die FDP sollte man nicht mehr wählen.', 'Die FDP sollte man nicht mehr wählen', 'FDP', 'against'],
    ['a fronted party with a negating subject', 'Die Linke darf keiner wählen!', 'Die Linke darf keiner wählen', 'Die Linke', 'against'],
    ['"können" with "nur" as advice', 'Man kann eigentlich nur noch Volt wählen.', 'Volt wählen', 'Volt', 'for'],
    ['a rhetorical "Wie kann man nur …?"', 'Wie kann man nur die FDP wählen?', 'Wie kann man nur die FDP wählen', 'FDP', 'against'],
    ['a ballot cross with its verb as an imperative', 'Macht euer Kreuz bei der ÖDP!', 'euer Kreuz bei der ÖDP', 'ÖDP', 'for'],
    ['a ballot cross with its infinitive', 'Am Sonntag das Kreuz bei Volt machen!', 'Kreuz bei Volt machen', 'Volt', 'for'],
    ['an article inside a hashtag', '#KeineStimmeFürDieFDP', '#KeineStimmeFürDieFDP', 'FDP', 'against'],
    ['a ballot judged as opposing a good thing', 'Eine Stimme für die NPD ist eine Stimme gegen die Freiheit.', 'Eine Stimme für die NPD', 'Die Heimat (NPD)', 'against'],
    ['a candidate of an earlier election', 'Vote McCain!', 'Vote McCain', 'Republicans', 'for'],
    ['a candidate\'s tag with a year of their elections', 'Jetzt erst recht #Merkel2017', '#Merkel2017', 'CDU', 'for'],
    ['a state premier\'s tag with a year of the state election', 'Bayern bleibt stark #Söder2018', '#Söder2018', 'CSU', 'for'],
    ['a parody of "for President"', 'Hillary for prison 2016!', 'Hillary for prison 2016', 'Democrats', 'against'],
    ['a time adverbial before the target', 'Please vote this November for Bernie.', 'vote this November for Bernie', 'Democrats', 'for'],
    ['a noun phrase voted out, the party named after', 'Vote these clowns out. The Democrats have failed.', 'Vote these clowns out', 'Democrats', 'against'],
    ['"vote him out" with the candidate named after', 'Vote him out! Biden has to go.', 'Vote him out', 'Democrats', 'against'],
    ['an imperative clause joined by "and"', 'Do yourself a favor and vote for Bernie.', 'vote for Bernie', 'Democrats', 'for'],
    ['"don\'t waste your vote on"', "Don't waste your vote on Gary Johnson.", "Don't waste your vote on Gary Johnson", 'Libertarian Party', 'against'],
    ['an English question answered at once', 'Vote for Trump? Never!', 'Vote for Trump? Never', 'Republicans', 'against'],
    ['"vote out every …"', 'Vote out every Democrat in November.', 'Vote out every Democrat', 'Democrats', 'against'],
    ['"vote them out" with the party named after', 'Vote them out! The Republicans have failed us.', 'Vote them out', 'Republicans', 'against'],
  ])('finds %s', (_scenario, text, evidence, party, stance) => {
    const calls = found(text, 'text.vote_call');
    expect(calls.map((c) => c.evidence)).toEqual([evidence]);
    expect(calls[0]?.details).toMatchObject({ party, stance });
  });

  it('reads a connective and a party after a generic call as an elliptical call for it', () => {
    const calls = found('Wer #SPD wählt, bekommt Chaos. Deshalb #FDP!', 'text.vote_call');
    expect(calls.map((c) => [c.evidence, c.details.party, c.details.stance])).toEqual([
      ['Wer #SPD wählt', 'SPD', 'against'],
      ['Deshalb #FDP', 'FDP', 'for'],
    ]);
  });

  it.each([
    ['"schön" as a plain adverb', 'Die CDU hat schön viel versprochen.'],
    ['a "Wer …" clause not about votes', 'Wer Frieden will, muss verhandeln.'],
    ['a "Wer …" clause and a finite verb', 'Wer die Grünen kritisiert, wird sofort beschimpft.'],
    ['a conditional with "würden", not a wish', 'Wenn die Leute die AfD wählen würden, hätten wir ein Problem.'],
    ['a wish without a vote', 'Wenn doch bloß die SPD endlich liefern würde.'],
    ['the election of a party\'s board', 'Die Wahl der AfD-Spitze ist morgen.'],
    ['a report of an election result', 'Die Wahl der CDU in Hessen war ein Erfolg.'],
    ['a party and its voters as a subject', 'Die AfD und ihre Wähler gewinnen an Zustimmung.'],
    ['an abbreviated article in one\'s own vote', 'Meine Eltern haben d. SPD gewählt.'],
    ['a word with a bracketed ending', 'Die Wähler(innen) der SPD sind enttäuscht.'],
    ['a demonstrative subject of a modal without a vote', 'Diese Partei muss sich erneuern.'],
    ['"verhindert" without an election', 'Die CDU muss verhindert werden, sagt er.'],
    ['a connective and a party without a generic call', 'Daher die CDU.'],
    ['a party handle in a question', '@spd Warum wählt man euch überhaupt noch?'],
    ['a relative clause with "gerne"', 'Leute, die gerne AfD wählen, sind auch nur Menschen.'],
    ['a past ballot cross', 'Das Kreuz bei der FDP war ein Fehler.'],
    ['"können" without "nur"', 'Man kann die FDP wählen, wenn man will.'],
    ['one\'s own "können … nur"', 'Ich kann nur noch Volt wählen.'],
    ['an open question with "können"', 'Kann man die Linke noch wählen?'],
    ['German "dem", not the US party', 'Von dem ist nichts wählbar, sagt er.'],
    ['"for prison" without a candidate', 'Time for prison reform.'],
    ['a candidate\'s tag with a year they stood in no election', 'Europäische Lösung? #Merkel2016 * #Asyl'],
    ['a candidate and a year without an election', 'Trump 2018!'],
    ['an English question not answered', 'Vote for Trump? Why not.'],
  ])('does not call %s a vote call', (_scenario, text) => {
    expect(found(text, 'text.vote_call')).toEqual([]);
  });

  it('names the candidate and the country', () => {
    expect(found('Vote Trump!', 'text.vote_call')[0]?.details).toEqual({
      party: 'Republicans',
      candidate: 'Donald Trump',
      stance: 'for',
      country: 'us',
      form: 'imperative',
    });
    expect(found('Wählt AfD!', 'text.vote_call')[0]?.details).toEqual({ party: 'AfD', stance: 'for', country: 'de', form: 'imperative' });
    expect(found('Zeit, die Ampel abzuwählen.', 'text.vote_call').map((call) => call.details.party)).toEqual(['SPD', 'Bündnis 90/Die Grünen', 'FDP']);
  });

  it.each([
    ['a prediction', 'Die AfD wird gewinnen.'],
    ['a poll figure', 'Die AfD hat 20 % in Umfragen.'],
    ['a question about a past vote', 'Wer hat die Grünen gewählt?'],
    ['"AfD-Wähler"', 'AfD-Wähler sind auch Bürger.'],
    ['a report of one\'s own past vote', 'Ich habe SPD gewählt.'],
    ['a declaration of one\'s own vote', 'Ich wähle AfD.'],
    ['a poll report with "würden"', 'Umfrage: 30 % würden AfD wählen.'],
    ['a prediction with "werden"', 'Die Leute werden AfD wählen.'],
    ['a question with a modal', 'Warum sollte man AfD wählen?'],
    ['a party as the subject of "wählen"', 'Die Grünen wählen heute ihren Vorstand.'],
    ['a third-person report', 'Sachsen wählt AfD.'],
    ['a permission', 'Man darf AfD wählen.'],
    ['a report of vote shares', 'Die Stimmen für die AfD sind gestiegen.'],
    ['one\'s own vote with "stimme"', 'Ich stimme für die AfD.'],
    ['reported speech', 'Merkel sagt: Wählt CDU!'],
    ['a relative clause describing voters', 'Ich habe Nachbarn, die Linke wählen.'],
    ['a slogan year as a noun modifier', 'I saw Hillary 2016 bumper stickers everywhere.'],
    ['a colour outside voting', 'Die Wiese ist grün.'],
    ['a modal about one\'s own vote', 'I must vote Trump, I guess.'],
    ['"vote for him" with no one named', 'The weather is bad. Vote for him.'],
    ['a finite verb with a party as its subject', 'Die Grünen wählen heute ihren Vorstand.'],
    ['"die Partei" in ordinary spelling', 'Wählt die Partei, die euch am besten vertritt.'],
    ['a "zu" infinitive whose meaning depends on the main clause', 'Es ist falsch, AfD zu wählen.'],
    ['a hashtag that only names a party', 'Alles zur Wahl unter #AfD und #SPD'],
    ['an English past tense', 'He voted for Trump.'],
    ['"voters"', 'Voters are tired of Biden.'],
    ['a call without a party', 'Vote them out!'],
    ['an English declaration', 'I will vote for Trump.'],
    ['an English declaration with "never"', 'I never vote Democrat.'],
    ['an English noun "vote"', 'The vote for Trump was huge.'],
    ['an English question', 'Why would anyone vote for Biden?'],
    ['a mention of CDU (seed line 9)', seed(9)],
  ])('does not call %s a vote call', (_scenario, text) => {
    expect(found(text, 'text.vote_call')).toEqual([]);
  });
});

describe('detectPartisan: partisan rhetoric', () => {
  it.each([
    ['"ALTPARTEIEN" (seed line 12)', seed(12), 'ALTPARTEIEN', 'Altparteien'],
    ['the coordinated "EINZIGE VOLKS- & FRiEDENSPARTEI" (seed line 13)', seed(13), 'EINZIGE VOLKS- & FRiEDENSPARTEI', 'einzige Volkspartei'],
    ['"einzige Volkspartei"', 'Die AfD ist die einzige Volkspartei.', 'einzige Volkspartei', 'einzige Volkspartei'],
    ['"einzige Friedenspartei"', 'Das ist die einzige echte Friedenspartei', 'einzige echte Friedenspartei', 'einzige Friedenspartei'],
    ['the start of a compound', 'Die Altparteienpolitiker lügen.', 'Altparteien', 'Altparteien'],
    ['a hyphenated spelling', 'Die Alt-Parteien wieder.', 'Alt-Parteien', 'Altparteien'],
    ['"Systemparteien"', 'Wählt keine Systemparteien', 'Systemparteien', 'Systemparteien'],
    ['"Systemmedien"', 'Das verschweigen die Systemmedien.', 'Systemmedien', 'Systemmedien'],
    ['"Lügenpresse" in capitals', 'LÜGENPRESSE!', 'LÜGENPRESSE', 'Lügenpresse'],
    ['"Lügenpresse" with the umlaut spelled out', 'Luegenpresse halt', 'Luegenpresse', 'Lügenpresse'],
    ['"Staatsfunk"', 'Der Staatsfunk schweigt.', 'Staatsfunk', 'Staatsfunk'],
    ['"Blockparteien"', 'Alles Blockparteien.', 'Blockparteien', 'Blockparteien'],
    ['"Kartellparteien"', 'Die Kartellparteien halten zusammen.', 'Kartellparteien', 'Kartellparteien'],
    ['"Volksverräter"', 'Volksverräter!', 'Volksverräter', 'Volksverräter'],
    ['"links-grün versifft"', 'Alles links-grün versifft hier.', 'links-grün versifft', 'links-grün versifft'],
    ['"fake news media"', 'The fake news media lies again.', 'fake news media', 'fake news media'],
    ['"Demonrats"', 'The Demonrats did it.', 'Demonrats', 'Demonrats'],
    ['"Repugnicans"', 'Typical Repugnicans.', 'Repugnicans', 'Repugnicans'],
  ])('finds %s', (_scenario, text, evidence, term) => {
    const terms = found(text, 'text.partisan_rhetoric');
    expect(terms.map((t) => t.evidence)).toEqual([evidence]);
    expect(terms[0]?.details).toEqual({ term });
    expect(terms[0]?.severity).toBeGreaterThan(0);
    expect(terms[0]?.severity).toBeLessThanOrEqual(1);
  });

  it.each(RHETORIC_TERMS.map((t) => [t.term]))('finds the canonical spelling %s (pattern and hint agree)', (term) => {
    expect(found(`Das ist ${term} hier.`, 'text.partisan_rhetoric').map((t) => t.details.term)).toEqual([term]);
  });

  it.each([
    ['a civil servant ("Staatsfunktionär")', 'Ein Staatsfunktionär hat das gesagt.'],
    ['a plain "Volkspartei"', 'Die SPD war einmal eine Volkspartei.'],
    ['"die einzige verbliebene Volkspartei" (analysis, not a slogan)', 'Die Union ist die einzige verbliebene Volkspartei.'],
    ['"Parteien" alone', 'Alle Parteien haben Fehler gemacht.'],
    ['"einzige Alternative" (too common in neutral German)', 'Das ist die einzige Alternative.'],
    ['a word containing a term', 'Das Unterhaltparteienregister.'],
    ['"demonstrations"', 'The demonstrations went on.'],
  ])('ignores %s', (_scenario, text) => {
    expect(found(text, 'text.partisan_rhetoric')).toEqual([]);
  });
});

describe('detectPartisan on the seed comments', () => {
  it.each([1, 2, 3, 4, 5, 6, 8, 9, 14, 18, 19, 20, 22, 24, 29, 30, 31])('finds nothing on line %i', (line) => {
    expect(detectPartisan(seed(line))).toEqual([]);
  });

  it('finds exactly the vote call and the slogan on line 13', () => {
    expect(detectPartisan(seed(13)).map((f) => f.code)).toEqual(['text.vote_call', 'text.partisan_rhetoric']);
  });
});

describe('detectPartisan robustness', () => {
  it.each([
    ['"AfD wählen " repeated', 'AfD wählen '.repeat(30_000)],
    ['"wählt " repeated', 'wählt '.repeat(50_000)],
    ['"wählt die die die …"', `wählt ${'die '.repeat(250_000)}`],
    ['hashes', '#'.repeat(1_000_000)],
    ['"#einfach" repeated', '#einfach'.repeat(100_000)],
    ['"einzige " repeated', 'einzige '.repeat(120_000)],
    ['"einzige Volks- & " repeated', 'einzige Volks- & '.repeat(60_000)],
    ['"vote " repeated', 'vote '.repeat(200_000)],
    ['"Stimme für " repeated', 'Stimme für '.repeat(90_000)],
    ['1 MB of letters', 'a'.repeat(1_000_000)],
    ['1 MB of dots', '.'.repeat(1_000_000)],
    ['"a." 500 000 times', 'a.'.repeat(500_000)],
  ])('stays linear on %s', (_scenario, text) => {
    const started = performance.now();
    const findings = detectPartisan(text);
    expect(performance.now() - started).toBeLessThan(3000);
    for (const f of findings) expect(f.end).toBeLessThanOrEqual(text.length);
  });

  it('never throws and keeps spans inside the text (property)', () => {
    const fragments = fc.constantFrom(
      'AfD', 'afd', 'Grünen', 'Gruenen', 'die', 'Die', 'PARTEI', 'wählen', 'WÄHLEN', 'waehlen', 'wählt', 'wähle', 'Wählen Sie',
      'müssen', 'wir', 'nie', 'wieder', 'nicht', 'keine', 'Stimme', 'für', 'gegen', 'Kreuz', 'bei', 'der', 'vote', 'for',
      'against', "don't", 'never', 'Trump', 'Democrat', '#', '#einfach', 'einzige', 'Volks-', '&', 'Friedenspartei',
      'Altparteien', 'Lügenpresse', '23.', ' ', '  ', '\n', '.', '!', '?', ',', ':', 'a\u0308', '\u0308', '’', "'", '\ud83d', '😀',
    );
    const textArb = fc.oneof(
      fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')),
      fc.array(fragments, { maxLength: 20 }).map((parts) => parts.join(' ')),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(textArb, (text) => {
        for (const f of detectPartisan(text)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.start).toBeLessThan(f.end);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.severity).toBeGreaterThan(0);
          expect(f.severity).toBeLessThanOrEqual(1);
          expect(['text.vote_call', 'text.partisan_rhetoric']).toContain(f.code);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
