/**
 * The word classes of the vote-call grammar (detect-vote-calls.ts), in folded spelling (lower
 * case, ä → ae, ö → oe, ü → ue, ß → ss; see tokenize.ts). Data only: the grammar names a class,
 * never a word.
 */
const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/u));

export const DE = {
  /** Imperatives of voting: "Wählt AfD", "Wähle nie wieder SPD", "kreuzt die CDU an". */
  imperatives: words('waehlt waehle waehl waehlet kreuzt kreuze stimmt stimme gebt'),
  /** Infinitives and zu-infinitives of voting, with the stance their verb carries. */
  infinitivesFor: words('waehlen wiederwaehlen ankreuzen unterstuetzen'),
  infinitivesAgainst: words('abwaehlen wegwaehlen rauswaehlen abstrafen abwahl'),
  zuInfinitivesFor: words('anzukreuzen wiederzuwaehlen'),
  zuInfinitivesAgainst: words('abzuwaehlen wegzuwaehlen rauszuwaehlen abzustrafen'),
  /** Finite forms after "wer": "Wer die Grünen wählt", "wer jetzt noch SPD wählt". */
  genericVerbs: words('waehlt abwaehlt waehlte ankreuzt unterstuetzt'),
  /** Participles of modal passives: "muss abgewählt werden", "gehört weggewählt". */
  participlesFor: words('gewaehlt wiedergewaehlt'),
  participlesAgainst: words('abgewaehlt weggewaehlt rausgewaehlt abgestraft'),
  /** Separable particles that turn "wählt … ab" into a call against; "an" completes "kreuzt … an". */
  particlesAgainst: words('ab weg raus'),
  particlesFor: words('an'),
  /** Ballot nouns: "Zweitstimme FDP", "Kreuz bei der AfD", "Deine Stimme für …". */
  ballots: words('stimme stimmen zweitstimme erststimme zweitstimmen erststimmen kreuz kreuzchen kreuze kreuzerl'),
  ballotLinks: words('fuer gegen bei an der den dem'),
  /** The verbs of a ballot noun: "Macht euer Kreuz bei der AfD", "das Kreuz bei der AfD machen!" */
  ballotImperatives: words('macht mach setzt setz gebt gib'),
  ballotInfinitives: words('machen setzen geben'),
  /** Determiners that make a ballot noun an appeal ("eure Stimme"); "meine" makes it one's own. */
  ballotAppeals: words('deine eure ihre eine ein jede jeder beide kein keine keinen dein euer ihr jedes'),
  ownBallot: words('meine mein meinen unsere unser'),
  modalsCall: words('muss muessen muesst musst sollt sollte sollten solltet solltest soll sollen gehoert gehoeren'),
  /** "können" calls only with "nur": "Man kann nur noch AfD wählen", "Wie kann man nur SPD wählen?" */
  modalsCan: words('kann koennt koennen kannst'),
  rhetoricalHow: words('nur bloss blos ueberhaupt noch ernsthaft'),
  /** Subjects after a modal with the party fronted: "Die Grünen sollte man nicht wählen". */
  frontedSubjects: words('man ihr du wir keiner niemand jeder sie alle'),
  /** "dürfen" calls only when negated: "Wir dürfen nie wieder SPD wählen", not "Man darf AfD wählen". */
  modalsPermission: words('darf duerfen duerft darfst'),
  negations: words('nicht nie niemals kein keine keinen keiner keinesfalls nimmer keinerlei nirgends'),
  negatingSubjects: words('niemand keiner keine kein'),
  /** Words that may open an imperative or a slogan: "Also Leute, wählt …", "Am Sonntag einfach mal CDU wählen". */
  leads: words(`
    also bitte einfach jetzt endlich nur doch ja nun so dann daher darum deshalb deswegen drum folglich
    leute freunde buerger mitbuerger landsleute liebe lieber lieben alle und oder aber ruhig mal
    am im beim bei zur zum der die den dem naechsten naechste kommenden kommende wahl wahlen
    sonntag montag herbst fruehjahr sommer winter januar februar maerz april mai juni juli august september oktober november dezember
    wahltag wahlsonntag landtagswahl bundestagswahl europawahl kommunalwahl diesmal endgueltig unbedingt gemeinsam
    ganz ehrlich klar fazit loesung heisst also endlich sofort gleich wieder auch schon nochmal noch mehr lieber
    ihr wir alle jeder jede man einfach hey oh ach na naja tja ok okay mensch bloss blos
    geht geh hin schoen brav fleissig weiterhin`),
  /** Words in the gap between a verb and its party: "wählt bloß nicht die AfD". */
  fillers: words(`
    bitte einfach jetzt endlich nur doch ja mal wieder mehr noch nochmal erneut bloss blos lieber auch gleich sofort
    unbedingt diesmal alle auf jeden fall gar schon halt eben eigentlich ruhig ganz klar sicher also dann
    die der den dem das diese diesen dieser dieses eure euer deine unsere unser ihre
    zum zur als kanzler kanzlerin kanzlerkandidat kanzlerkandidaten ministerpraesident ministerpraesidenten praesident praesidenten buergermeister
    am im beim bei sonntag naechsten naechste kommenden wahl landtagswahl bundestagswahl europawahl september oktober
    weiter weiterhin aus regierung amt bundestag landtag parlament rathaus ins in stimme stimmen zweitstimme erststimme
    schoen brav fleissig d.`),
  /** Words before an infinitive that make it a report, prediction, own vote or subordinate clause. */
  blockers: words(`
    ich er es wird werden werde wirst wuerden wuerde wuerdest wuerdet will wollen wollte wollten willst wollt
    moechte moechten moechtest mag kann koennen koennte koennten konnte konnten kannst
    hat habe haben hatte hatten haette haetten hast ist sind war waren bin bist seid
    dass dass ob weil wenn falls sobald obwohl um wie warum wieso weshalb wozu was welche welcher
    viele prozent wuerde laesst lassen liess
    sagt sagte meint meinte fordert forderte ruft rief schreibt schrieb behauptet erklaert twittert`),
  /** Words after an infinitive that make it part of a longer verb group: "AfD wählen wird", "wählen lassen". */
  blockersAfter: words('wird werden wuerde wuerden will wollen kann koennen koennte duerfen darf lassen laesst moechte moechten soll sollen sollte sollten muss muessen hat haben hatte'),
  /** What may follow a slogan infinitive ("AfD wählen bei der Landtagswahl", "CDU wählen und gut"); other words make it a finite verb ("Die Grünen wählen heute ihren Vorstand"). */
  sloganNext: words('und oder bei am im in zur zum gehen dann damit sonst statt anstatt denn jetzt bitte leute sofort endlich nicht ueberall sonntag'),
  /** Objects of "wählt … ab" that point back to the party named before: "Wählt sie ab!" */
  pronouns: words('sie die leute typen bande verein laden truppe'),
  /** Subjects of a modal passive that point back to the party or person named before: "Der Mann muss abgewählt werden". */
  passiveSubjects: words('er mann frau partei regierung kanzler kanzlerin kerl typ person politiker politikerin koalition'),
  /** "Wer … wählt": the generic subject of a conditional that judges voters. */
  genericSubjects: words('wer'),
  /** Leads of rhetorical questions: "Wer wählt denn noch SPD?" */
  rhetorical: words('noch denn eigentlich ernsthaft ueberhaupt allen ernstes heute'),
  /** Judgements of a vote: "#klöckner wählen heißt …", "X wählen bedeutet …". */
  judgementVerbs: words('heisst bedeutet bringt'),
  /** "Jeder, der X wählt": the relative pronoun after a generic subject. */
  genericHeads: words('jeder jede alle diejenigen derjenige jedem'),
  genericRelatives: words('der die'),
  /** "Wenn ihr die Union wählt, …": a conditional addressed to the reader. */
  conditionals: words('wenn falls'),
  addressed: words('ihr du man sie'),
  /** Conjunctions after which an imperative may start again: "Denken Sie … und wählen Sie grün". */
  conjunctions: words('und oder aber dann also deshalb darum daher'),
  /** "Lieber hundert Stimmen für die AfD als …": ballot quantities that make an appeal. */
  ballotQuantities: words('hundert tausend alle beide lieber'),
  /** "Nie wieder SPD!": the slogan's two words. */
  never: words('nie niemals'),
  neverSecond: words('wieder mehr'),
  /** Advice frames before a zu-infinitive: "Es ist Zeit, die Grünen abzuwählen", "Vergesst nicht, … zu wählen". */
  adviceFrames: words('zeit hoechste vergesst vergiss denkt denk vergessen bitte empfehle empfehlen rate raten aufruf appell auf gilt'),
  /**
   * Sarcasm markers of a slogan or imperative ("Und immer schön die CDU wählen", "wählt brav
   * weiter SPD"): the call means the opposite of what it says (GUIDE, RULES-de 4).
   */
  ironic: words('brav fleissig'),
  /** "schön" is ironic next to one of these: "immer schön", "schön weiter", "schön brav". */
  ironicNext: words('immer weiter brav fleissig weiterhin'),
  /**
   * Harms a "Wer …"-clause may wish for ("Wer die Islamisierung will, wählt weiter Grüne"): the
   * vote that follows is then a call against; without one ("Wer Frieden will, wählt BSW") for.
   */
  harm: words(`
    untergang abschaffung islamisierung krieg kriege kriegseinsaetze armut kinderarmut altersarmut chaos terror scharia
    ueberfremdung umvolkung kriminalitaet enteignung zerstoerung vernichtung niedergang ruin diktatur unterdrueckung
    zensur verbote elend ausbeutung masseneinwanderung massenmigration asylchaos pleite inflation blackout
    steuererhoehungen arbeitslosigkeit verarmung gewalt messer vergewaltigung vergewaltigungen islam islamisten`),
  /** Verbs that refuse a harm in a "Wer …" clause: "Wer das Chaos beenden will". */
  harmEnders: words('beenden stoppen verhindern bekaempfen loswerden beseitigen aufhalten'),
  /** Warnings in a judgement of voters: "… sollte sich das gut überlegen", "… sollte wissen". */
  warnings: words('ueberlegen nachdenken wissen bedenken aufpassen informieren vorsicht'),
  /** Connectives that conclude a voting sentence with an elliptical call: "Wer … wählt, bekommt … Daher #AfD". */
  concluding: words('daher deshalb darum drum deswegen folglich also'),
  /** Optative wishes about other people's votes: "Wenn doch bloß genug NPD wählen würden". */
  optative: words('doch bloss blos nur'),
  optativeVerbs: words('wuerden wuerde'),
  /** "die Wahl der CDU bedeutet Krieg": the noun of a generic judgement and its links. */
  electionNouns: words('wahl'),
  electionNounLinks: words('der des von'),
  /** "… muss zur nächsten Bundestagswahl verhindert werden": a participle that is a vote only at an election. */
  participlesAtElection: words('verhindert'),
  electionWords: words('wahl wahlen bundestagswahl landtagswahl europawahl kommunalwahl wahlurne urne wahltag wahlsonntag'),
  /** "Lindner-Partei", "Merkel-Partei": a candidate's name before one of these names the candidate's party. */
  partyHeads: words('partei'),
  /** "lieber X als Y", "X statt Y": the other party is the one voted against. */
  alternatives: words('statt anstatt als'),
  /** "staat" for "statt", only when written in lower case (else it is the noun "Staat"). */
  alternativeTypos: words('staat'),
  /** Judgement words: a generic call is "for" when its consequent praises. */
  praise: words(`
    frieden freiheit zukunft vernunft verstand richtig klug schlau gut gute guten besser beste bestes vernuenftig
    sicherheit wohlstand hoffnung mut patriot patrioten rettung retten rettet hilft gerecht gerechtigkeit
    demokrat demokratie gewinnt gewinnen gewinner retten rettet mutig anstaendig vorbildlich stolz gluecklich`),
  speechVerbs: words('sagt sagte meint meinte fordert forderte ruft rief schreibt schrieb twittert twitterte behauptet behauptete erklaert erklaerte zitiert'),
  unelectable: words('unwaehlbar unwaehlbare unwaehlbaren'),
  electable: words('waehlbar waehlbare'),
  copulas: words('ist sind bleibt bleiben'),
  forMe: words('fuer mich uns'),
} as const;

export const EN = {
  votes: words('vote elect reelect'),
  /** "voting" opens a generic ("Voting for X is …") or follows stop/keep. */
  gerunds: words('voting electing'),
  gerundsFor: words('keep start continue'),
  gerundsAgainst: words('stop quit'),
  /** Right after "vote": "vote straight Democrat", "vote for", "vote against", "vote out". */
  voteAdverbs: words('straight early only just again proudly all the entire whole a ticket party line -'),
  voteFor: words('for'),
  voteAgainst: words('against out'),
  modalsCall: words("must should shall gotta let's lets need needs have has got ought better"),
  /** "need to", "have to", "ought to", "got to": the modal before "to". */
  modalsBeforeTo: words('need needs have has got ought want time remember forget'),
  negations: words("not never don't dont do'nt cannot can't no"),
  leads: words(`
    please so just all everyone everybody folks guys people and now go out get again always america americans
    friends patriots then therefore only definitely absolutely simply today ever do this time november in remember
    make sure you y'all yall let's lets us we need to must should everyone in 2016 2020 2024 honestly seriously ok okay
    hey conservatives liberals voters christians women men on election day tuesday polls up show`),
  blockers: words(`
    i i'm im he she it they we'll we'd will would wo won't wouldn't did didn't does doesn't who which that if when
    why how what whether voted votes because since than to can could may might can't couldn't is are was were`),
  genericSubjects: words('anyone anybody whoever everyone everybody those people someone somebody any anyone'),
  genericRelatives: words('who that'),
  ifYou: words('if'),
  /** "I urge everyone to vote for …": verbs of appeal before "to". */
  urges: words('urge urging encourage encouraging ask asking beg begging implore tell telling remind reminding'),
  negatingSubjects: words('nobody noone'),
  /** "A vote for X is a vote for Y": the article before a ballot noun. */
  ballotArticles: words('a every any each one'),
  ballots: words('vote votes ballot'),
  never: words('never'),
  neverSecond: words('again'),
  noMore: words('no'),
  noMoreSecond: words('more'),
  praise: words('smart right good great best wise patriot patriots freedom future hope win winning saves save hero heroes proud brave decent sensible'),
  /** "Vote for Hillary? Never!": answers that turn the question into a call against. */
  answersAgainst: words('never no nope'),
  /** "Hillary for prison": the parody of an office. */
  mockOffices: words('prison jail'),
  /** "vote this November for Trump": a time adverbial between the verb and its target. */
  timeLinks: words('this next in on'),
  times: words('november tuesday time year election fall'),
  /** Imperatives that may open a clause joined to the call by "and": "Do yourself a favor and vote for …". */
  imperativeOpeners: words('do go get show wake stand come make be stop think turn step rise'),
  /** "Bernie for President!": the office after a candidate's name. */
  offices: words('president prez potus presidency governor senate senator mayor'),
  speechVerbs: words('says said saying tweeted wrote claims claimed claiming urged urges told telling chanting chant'),
  tickets: words('/ & and -'),
} as const;

/** Years that slogans carry: "Trump 2016", "#Bernie2020". */
export function isElectionYear(key: string): boolean {
  return /^(?:19[5-9]\d|20[0-4]\d)$/u.test(key);
}
