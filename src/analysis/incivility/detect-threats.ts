import type { Finding } from '../types.js';

export const THREAT_RULES_VERSION = 'threat-rules@1.1.0';

/**
 * Threats: violence wished, called for or announced against a person or group. There is too little
 * training data for a model, so this is a rule layer of word classes: a violence word or idiom
 * (VIOLENCE) in a sentence whose words before it give it a frame: a modal of duty or desert
 * (`sollte man`, `gehört`, `should`, `deserves to`), a wish (`hoffe`, `am liebsten`, `wish`), an
 * announcement by the writer (`ich`, `wir`, `I'll`, `I'm going to`), the violence verb opening a
 * clause as an imperative with a person as object (`Hängt sie auf`, `Hang them all`), or a modal
 * after a verb-final violence word (`umbringen sollen`). A few idioms are threats in themselves
 * (`Kopf ab`, `Ihr seid tot`, `Death to …`, `I know where you live`).
 *
 * Not threats: the same words without a frame (news, history, fiction: "wurde erschossen", "was
 * shot"), under a negation before the violence word (`Niemand sollte …`, `Nobody deserves …`),
 * in a question, in quotation marks, reported (`hat … umgebracht`), or as idioms of politics and
 * sport (`an die Wand fahren`, `shot down`, `killed it`). A frame counts only within six words of
 * its violence word. Severity by form: announcement 0.9, call and desert 0.85, wish 0.8. The span
 * runs from the frame to the end of the violence word.
 */
type Form = 'wish' | 'call' | 'announcement' | 'deserve';

const SEVERITY: Readonly<Record<Form, number>> = { announcement: 0.9, call: 0.85, deserve: 0.85, wish: 0.8 };

/**
 * Cheap first look, on the lower-cased text: no sentence without one of these stems can hold a
 * threat. A plain regular expression without the `i` and `u` flags, which V8 runs about ten times
 * faster than the same alternation case-insensitively over Unicode.
 */
const HINT = new RegExp(
  (
    'erschie erscho knall aufhäng aufhaeng aufgehäng aufgehaeng hängt_ hängen_ haengt_ haengen_ aufkn aufgekn vergas gaskammer ' +
    'umbr umgebr umzubr bring schlacht totschl totgeschl erschl stech stoch prügel pruegel vergewaltig kastrier entmann zünd ' +
    'zuend lynch hinricht hingericht exekut köpfen koepfen geköpft gekoepft steinig krepier verreck vernicht ausrott kugel_ ' +
    'fresse strick maul schädel schaedel an_die_wand laterne kopf_ab rübe_ab ruebe_ab bist_tot seid_tot alle_tot sind_tot wohnst ' +
    'tod_den tod_allen tod_dem shoot shot _hung_ kill murder execut behead bullet beat_ beating burn stab slaughter gas_ gassed ' +
    'rape string _over _dies_a _dies_soon _dies. _dies! to_die dead death_to make_us make_me where_you_live _hang hanged'
  )
    .split(' ')
    .map((stem) => stem.replaceAll('_', ' ').replaceAll('.', '\\.'))
    .join('|'),
);

const W = '[\\p{L}\\p{M}]';
/** Violence words and idioms, German and English (inflections by open endings); English ones in group `en`. */
const VIOLENCE = new RegExp(
  [
    `erschie(?:ß|ss)${W}*`,
    `erscho(?:ß|ss)${W}*`,
    `(?:ab)?(?:ge)?knall${W}*(?:\\s+${W}+){0,3}\\s+ab\\b`,
    `abgeknallt`,
    `(?:auf)?(?:ge)?h(?:ä|ae)ng${W}*(?:\\s+${W}+){0,3}\\s+auf\\b`,
    `aufgeh(?:ä|ae)ngt`,
    `aufh(?:ä|ae)ng${W}*`,
    `h(?:ä|ae)ngen\\b`,
    `(?:auf)?(?:ge)?kn(?:ü|ue)pf${W}*`,
    `vergas${W}*`,
    `umbring${W}*`,
    `umgebracht`,
    `umzubringen`,
    `bring${W}*(?:\\s+${W}+){1,3}\\s+um\\b`,
    `(?:ab)?(?:ge)?schlacht${W}*`,
    `tot(?:ge)?schl(?:a|ä|ae)g(?:en|t)\\b`,
    `erschl(?:a|ä|ae)g${W}*`,
    `(?:er|ab)st(?:e|o)ch${W}*`,
    `verpr(?:ü|ue)gel${W}*`,
    `vergewaltig${W}*`,
    `kastrier${W}*`,
    `entmann${W}*`,
    `(?:an|ange)z(?:ü|ue)nd${W}*`,
    `lynch${W}*`,
    `gelyncht`,
    `hinricht${W}*`,
    `hingerichtet`,
    `exekutier${W}*`,
    `k(?:ö|oe)pfen`,
    `gek(?:ö|oe)pft`,
    `steinig${W}*`,
    `krepier${W}*`,
    `verreck${W}*`,
    `vernicht${W}*`,
    `ausrott${W}*`,
    `kugel\\s+(?:in|durch)\\b`,
    `(?:in|auf)\\s+die\\s+fresse`,
    `(?:einen|den)\\s+strick`,
    `aufs\\s+maul`,
    `sch(?:ä|ae)del\\s+ein`,
    `an\\s+die\\s+(?:wand|laterne)(?:\\s+(?:gestellt|stellen|geh(?:ä|ae)ngt|h(?:ä|ae)ngen|mit))?`,
  ].join('|') +
    '|(?<en>' +
    [
      `shoot${W}*`,
      `(?<!\\ba\\s)shot\\b`,
      `hang(?:ed|ing)?\\b`,
      `hung\\b`,
      `kill(?:s|ed|ing)?\\b`,
      `murder${W}*`,
      `execut${W}*`,
      `behead${W}*`,
      `bullet\\b`,
      `beat(?:s|en|ing)?\\b`,
      `burn(?:s|ed|t)?\\b`,
      `stab(?:s|bed|bing)?\\b`,
      `slaughter${W}*`,
      `gas(?:sed)?\\b`,
      `rape[ds]?\\b`,
      `string\\s+${W}+\\s+up\\b`,
      `run\\s+(?:${W}+\\s+){1,3}over\\b`,
      `dies\\b`,
      `(?<=\\bto\\s)die\\b`,
    ].join('|') +
    ')',
  'giu',
);

/** Idioms that threaten on their own, with their form. */
const IDIOMS: readonly (readonly [RegExp, Form])[] = [
  [/\b(?:kopf|r(?:ü|ue)be)\s+ab\b/giu, 'call'],
  [/\bab\s+in\s+die\s+gaskammer\b/giu, 'call'],
  [/\b(?:ihr\s+seid|du\s+bist|sie\s+sind)\s+(?:alle\s+|bald\s+|schon\s+)?tot\b/giu, 'announcement'],
  [/\b(?:you\s*(?:'|’)?re|you\s+are)\s+(?:dead|dead\s+meat)\b/giu, 'announcement'],
  [/\bich\s+wei(?:ß|ss)\s*,?\s+wo\s+du\s+wohnst\b/giu, 'announcement'],
  [/\bi\s+know\s+where\s+you\s+live\b/giu, 'announcement'],
  [/\bdeath\s+to\s+(?:the\s+|all\s+)?[\p{L}]+/giu, 'call'],
  [/\btod\s+(?:den|allen|dem)\s+[\p{L}]+/giu, 'call'],
  [/\bdon\s*(?:'|’)?t\s+make\s+(?:us|me)\s+[\p{L}]+/giu, 'announcement'],
];

const NEGATION = /\b(?:nicht|kein\p{L}*|niemand|nie|niemals|not|no|nobody|never|none)\b|n(?:'|’)t\b/iu;
/** Framing words before the violence word, by the form they give it. */
const FRAMES: readonly (readonly [RegExp, Form])[] = [
  [/\b(?:hoffe|hoffentlich|w(?:ü|ue)nsche|w(?:ü|ue)nschte|m(?:ö|oe)ge|am\s+liebsten|gerne?|finde\s+es\s+gut|w(?:ä|ae)re\s+(?:schön|gut)|hope|wish|would\s+love|wouldn\s*(?:'|’)?t\s+mind|i\s*(?:'|’)?d\s+love)\b/iu, 'wish'],
  [/\b(?:verdien\p{L}*|deserves?|gehör(?:t|en)|geh(?:ö|oe)r(?:t|en))\b/iu, 'deserve'],
  [/\b(?:ich|wir)\b.*\b(?:werde|werden|w(?:ü|ue)rde|w(?:ü|ue)rden|will|wollen)\b|\b(?:werde|werden|w(?:ü|ue)rde|w(?:ü|ue)rden)\s+(?:ich|wir)\b|\bi\s*(?:'|’)ll\b|\bi\s+will\b|\bi\s*(?:'|’)?m\s+(?:going\s+to|gonna)\b|\bi\s+am\s+going\s+to\b|\bwe\s*(?:'|’)ll\b|\bwe\s+will\b|\bkriegt\s+ihr\b/iu, 'announcement'],
  [/\b(?:sollte|sollten|m(?:ü|ue)sste|m(?:ü|ue)ssten|muss|m(?:ü|ue)ssen|darf|d(?:ü|ue)rfen|soll|sollen|sollst|kannst|k(?:ö|oe)nnt|kann\s+man|k(?:ö|oe)nnte\s+man|should|must|needs?\s+to|ought\s+to|have\s+to|has\s+to|werden\s+(?:als\s+\p{L}+\s+)?\p{L}+\s+werden)\b/iu, 'call'],
];
const GLOBAL_FRAMES: readonly (readonly [RegExp, Form])[] = FRAMES.map(([rx, form]) => [new RegExp(rx.source, 'giu'), form] as const);

/** A verb opening a clause as an imperative: `Hängt sie auf`, `Erschießt …`, `Vernichten wir …`, `Hang them`. */
const IMPERATIVE = /^(?:h(?:ä|ae)ngt|erschie(?:ß|ss)t|knallt|schlagt|t(?:ö|oe)tet|vernichtet|vernichten\s+wir|erschlagt|lyncht|hang|shoot|kill|burn|lynch|string|execute|gas)\b/iu;
/** An imperative threatens people: its object is a pronoun or a determiner of people. */
const IMPERATIVE_OBJECT = /^\p{L}+\s+(?:sie|ihn|euch|die|den|alle|jeden|them|him|her|(?:'|’)em|all|every|those|these|wir)\b/iu;
/** A first-person subject in the clause of a German violence verb: `ich bring dich um`, `bring ich ihn um`, `schlagen wir`. */
const FIRST_PERSON = /\b(?:ich|wir)\b/iu;
/** Words that make the violence a report of the past or of others: `wurde erschossen`, `was shot`, `hat … umgebracht`. */
const REPORTED = /\b(?:wurde|wurden|worden|hat|haben|hatte|hatten|habe|sagt|sagte|berichtet|was|were|been|got|gets|has|had)\b/iu;
/** Modals after the (verb-final) violence word: `umbringen sollen`, `erschlagen würde`. */
const AFTER = /^\s+(?:\p{L}+\s+)?(?:sollen|sollte|sollten|m(?:ü|ue)sste|m(?:ü|ue)ssten|w(?:ü|ue)rde|w(?:ü|ue)rden|geh(?:ö|oe)rt|geh(?:ö|oe)ren)\b/iu;
const CLAUSE_BREAK = /(?:[,;:]|\bund\b|\boder\b|\band\b|\bor\b)\s*/giu;
/** Sentences; an ellipsis (`ich hoffe das diese .... bald`) does not end one. */
const SENTENCE = /[^.!?;\n]+(?:\.{2,}[^.!?;\n]+)*[.!?;\n]*/gu;
/** At most this many words between a frame and its violence word. */
const MAX_GAP_WORDS = 6;
const WORDS = /[\p{L}\p{M}']+/gu;

function wordCount(text: string): number {
  return text.match(WORDS)?.length ?? 0;
}

/** The last frame in `prefix` close enough to the violence word, with where it starts and ends. */
function frameOf(prefix: string): { form: Form; at: number; end: number } | null {
  let best: { form: Form; at: number; end: number } | null = null;
  for (const [global, form] of GLOBAL_FRAMES) {
    global.lastIndex = 0;
    for (let m = global.exec(prefix); m !== null; m = global.exec(prefix)) {
      const end = m.index + m[0].length;
      if (wordCount(prefix.slice(end)) > MAX_GAP_WORDS) continue;
      if (best === null || m.index > best.at) best = { form, at: m.index, end };
    }
  }
  return best;
}

/** The clause start before `at`: the sentence start or the last comma, `und`, `oder`, `and`, `or`. */
function clauseStart(sentence: string, at: number): number {
  const before = sentence.slice(0, at);
  let start = before.length - before.trimStart().length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m !== null; m = CLAUSE_BREAK.exec(before)) start = m.index + m[0].length;
  return start;
}

interface Found {
  start: number;
  end: number;
  form: Form;
  term: string;
}

/** The first framed violence word or idiom of one sentence. */
function threatIn(sentence: string): Found | null {
  for (const [rx, form] of IDIOMS) {
    rx.lastIndex = 0;
    const m = rx.exec(sentence);
    if (m && !NEGATION.test(sentence.slice(0, m.index))) return { start: m.index, end: m.index + m[0].length, form, term: m[0] };
  }
  // A question asks; it does not call for anything (`Soll es dort Mord und Totschlag geben??`).
  if (/\?\s*$/u.test(sentence)) return null;
  let found: Found | null = null;
  VIOLENCE.lastIndex = 0;
  for (let v = VIOLENCE.exec(sentence); found === null && v !== null; v = VIOLENCE.exec(sentence)) {
    const end = v.index + v[0].length;
    // Quoted, the words are mentioned, not used: `Wortschatz: „in die Fresse“`.
    if (/[„“"«»‚']$/u.test(sentence.slice(0, v.index))) continue;
    const clause = clauseStart(sentence, v.index);
    const prefix = sentence.slice(0, v.index);
    if (clause === v.index && IMPERATIVE.test(sentence.slice(clause)) && IMPERATIVE_OBJECT.test(sentence.slice(clause))) return { start: v.index, end, form: 'call', term: v[0] };
    if (REPORTED.test(sentence.slice(Math.max(clause, v.index - 25), v.index)) || /^\s+(?:wurde|wurden|worden)\b/iu.test(sentence.slice(end))) continue;
    // An English modal takes a verb, not a gerund: "should be protected. Beheading people …"
    // ("deserves a beating" is a noun phrase, and fine).
    if (/ing$/iu.test(v[0]) && !/\ba\s+$/iu.test(prefix)) continue;
    const frame = frameOf(prefix);
    if (frame !== null) {
      if (NEGATION.test(`${prefix.slice(0, frame.at)} ${prefix.slice(frame.end)}`)) continue;
      found = { start: frame.at, end, form: frame.form, term: v[0] };
      continue;
    }
    // The German verb-final and first-person readings are not for English words ("Die sollten …").
    if (NEGATION.test(prefix.slice(clause)) || v.groups?.en !== undefined) continue;
    const clauseText = sentence.slice(clause, end);
    if (FIRST_PERSON.test(clauseText)) {
      found = { start: Math.min(clause + clauseText.search(FIRST_PERSON), v.index), end, form: 'announcement', term: v[0] };
      continue;
    }
    const after = AFTER.exec(sentence.slice(end));
    if (after) found = { start: v.index, end: end + after[0].length, form: 'call', term: v[0] };
  }
  return found;
}

/** At most this many further threat spans are listed in one reason's details. */
const MAX_LISTED = 20;

/**
 * The threats in `text` as one reason (however many sentences threaten, so a long comment cannot
 * make a verdict of thousands of reasons): the first threat's span and form, the highest severity,
 * `details.count` sentences in all and the spans of up to 20 of them, plus terms (the violence
 * words as written), probability (the severity) and the rules' version.
 */
export function detectThreats(text: string): Finding[] {
  const lower = text.toLowerCase();
  if (!HINT.test(lower)) return [];
  // Lower-casing keeps every offset unless a letter grows (İ → i̇); then every sentence is read.
  const aligned = lower.length === text.length;
  const found: Found[] = [];
  SENTENCE.lastIndex = 0;
  for (let s = SENTENCE.exec(text); s !== null; s = SENTENCE.exec(text)) {
    const sentence = s[0];
    const base = s.index;
    if (aligned && !HINT.test(lower.slice(base, base + sentence.length))) continue;
    const threat = threatIn(sentence);
    if (threat !== null) found.push({ ...threat, start: base + threat.start, end: base + threat.end });
  }
  const first = found[0];
  if (first === undefined) return [];
  const severity = Math.max(...found.map((f) => SEVERITY[f.form]));
  return [
    {
      code: 'text.threat',
      severity,
      start: first.start,
      end: first.end,
      details: {
        terms: [...new Set(found.map((f) => f.term))].slice(0, 5),
        form: first.form,
        count: found.length,
        spans: found.slice(0, MAX_LISTED).map((f) => ({ start: f.start, end: f.end })),
        probability: severity,
        modelVersion: THREAT_RULES_VERSION,
      },
    },
  ];
}
