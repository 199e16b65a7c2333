/**
 * Name-calling found by grammar: a degrading noun or adjective from the name-calling lexicon
 * (data/name-calling/) in a construction that gives it a target. The model reads words, not who
 * they are aimed at, and many of the words people insult with are ordinary ones ("pig", "clown",
 * "witch", "Schwein", "Pfeife"): alone they prove nothing, aimed at someone they are name-calling.
 * So a word of the lexicon counts only in one of these constructions (the annotation guideline's
 * definitions, data/eval/GUIDE.md):
 * - the addressee: "you filthy wetback", "du Vollidiot", "Sie Witzfigur", "ihr Idioten";
 * - a predication of a person: "you're just a fool", "he is a political hack", "Merkel ist eine
 *   Hexe", "du bist so dumm", "Ihr seid Heuchler";
 * - an exclamation or demonstrative: "What a witch!", "So ein Trottel", "this pedophile", "dieser
 *   Vollpfosten";
 * - a vocative: "Get a job, freeloader.", "Hey idiot", "Idiot!".
 * Predications of a collective in the third person ("Democrats are clowns", "Die sind alle
 * Heuchler") are abuse, as the guideline has it. A negation in the construction ("he is no fool",
 * "du bist kein Idiot") and the first person ("I'm such an idiot") are not name-calling.
 *
 * Words are matched folded (lower case, umlauts spelt out, invisible characters dropped) and, when
 * written evasively, with the usual replacements (`d!ckhead`, `f*ggots`, `l0ser`); plurals and
 * German inflection and compounds ("Oberlügner", "Drecksschwein") match their lexicon word.
 */
import { foldWord as foldKey } from '../partisan/tokenize.js';
import type { Finding } from '../types.js';

/** One language's name-calling lexicon as it is shipped (data/name-calling/<lang>.json). */
export interface NameCallingFile {
  version: string;
  language: 'de' | 'en';
  license: string;
  attribution: string;
  nouns: string[];
  phrases: string[];
  adjectives: string[];
}

interface Words {
  /** Every folded form of a noun (plurals, German inflection) → the noun. */
  nounForms: Map<string, string>;
  /** The forms of the nouns of at least COMPOUND_HEAD letters, which also match as a German compound's head. */
  headForms: Map<string, string>;
  /** Every folded form of an adjective → the adjective. */
  adjectiveForms: Map<string, string>;
  /** The phrases as folded words, by their first word. */
  phrases: Map<string, string[][]>;
  /** Nouns by length, for words written with `*`. */
  byLength: Map<number, string[]>;
}

export interface CompiledNameCalling {
  version: string;
  /**
   * Every noun, adjective and phrase's first word of both languages, as written and folded, as one
   * case-insensitive pattern: a comment none of them begins a word of (and no German compound
   * ends in) holds no name-calling, unless it is written evasively. Global: it is run with exec.
   */
  prefilter: RegExp;
  en: Words;
  de: Words;
}

/** The severity of grammar-found name-calling: enough for review, never a rejection alone. */
export const NAME_CALLING_SEVERITY = 0.6;

const COMPOUND_HEAD = 5;
const EN_PLURALS = ['s', 'es'];
const DE_ENDINGS = ['n', 'en', 'e', 's', 'es', 'nen', 'innen', 'in'];
const DE_ADJECTIVE_ENDINGS = ['e', 'en', 'er', 'es', 'em', 'ste', 'sten', 'ster'];

const NEEDS_FOLDING = /[^a-z'!*@$|0-9-]/u;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * The vote-call grammar's fold (lower case, umlauts and ß spelt out, apostrophes unified), after
 * dropping invisible characters, and with accents dropped too ("idiót" reads as "idiot").
 */
export function foldWord(word: string): string {
  if (!NEEDS_FOLDING.test(word)) return word;
  return foldKey(word.replace(INVISIBLE, '')).normalize('NFD').replace(/\p{M}/gu, '');
}

const LEET: Readonly<Record<string, string>> = { '!': 'i', '1': 'i', '|': 'i', '0': 'o', '3': 'e', '4': 'a', '@': 'a', $: 's', '5': 's' };

function unLeet(word: string): string {
  return word.replace(/[!1|0345@$]/gu, (c) => LEET[c]!);
}

function compileWords(file: NameCallingFile | undefined, lang: 'de' | 'en'): Words {
  const nounForms = new Map<string, string>();
  const headForms = new Map<string, string>();
  const byLength = new Map<number, string[]>();
  for (const noun of new Set((file?.nouns ?? []).map(foldWord))) {
    byLength.set(noun.length, [...(byLength.get(noun.length) ?? []), noun]);
    for (const form of [noun, ...(lang === 'en' ? EN_PLURALS : DE_ENDINGS).map((e) => noun + e)]) {
      if (!nounForms.has(form)) nounForms.set(form, noun);
      if (lang === 'de' && noun.length >= COMPOUND_HEAD && !headForms.has(form)) headForms.set(form, noun);
    }
  }
  const adjectiveForms = new Map<string, string>();
  for (const adjective of (file?.adjectives ?? []).map(foldWord)) {
    for (const form of [adjective, ...(lang === 'de' ? DE_ADJECTIVE_ENDINGS : []).map((e) => adjective + e)]) if (!adjectiveForms.has(form)) adjectiveForms.set(form, adjective);
  }
  const phrases = new Map<string, string[][]>();
  for (const phrase of file?.phrases ?? []) {
    const words = phrase.split(/\s+/u).map(foldWord);
    phrases.set(words[0]!, [...(phrases.get(words[0]!) ?? []), words]);
  }
  return { nounForms, headForms, adjectiveForms, phrases, byLength };
}

export function compileNameCalling(files: readonly NameCallingFile[]): CompiledNameCalling {
  const en = files.find((f) => f.language === 'en');
  const de = files.find((f) => f.language === 'de');
  // Words match at a word's start (with any ending); only German nouns long enough to head a
  // compound can also stand inside a word.
  const starts = new Set<string>();
  const inside = new Set<string>();
  for (const f of files) {
    for (const w of [...f.nouns, ...f.adjectives, ...f.phrases.map((p) => p.split(/\s+/u)[0]!)]) {
      starts.add(w.toLowerCase());
      starts.add(foldWord(w));
    }
    if (f.language !== 'de') continue;
    for (const noun of f.nouns) {
      if (foldWord(noun).length < COMPOUND_HEAD) continue;
      inside.add(noun.toLowerCase());
      inside.add(foldWord(noun));
    }
  }
  return {
    version: files.map((f) => `${f.language}@${f.version}`).join(','),
    prefilter: new RegExp(`(?<![\\p{L}\\p{M}])${trieSource([...starts])}|${trieSource([...inside])}`, 'giu'),
    en: compileWords(en, 'en'),
    de: compileWords(de, 'de'),
  };
}

/** A pattern matching any of `words`, as a trie (shared prefixes once), so it runs in one pass. */
function trieSource(words: readonly string[]): string {
  interface Node { end: boolean; next: Map<string, Node> }
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const c of w) {
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const escape = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const source = (node: Node): string => {
    // A word ending here is matched already: longer words through it add nothing to a substring test.
    if (node.end) return '';
    const branches = [...node.next].map(([c, child]) => escape(c) + source(child));
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return root.next.size === 0 ? '(?!)' : source(root);
}

/** A word the prefilter cannot read as written. */
const EVASIVE_WORD = /[*!@$|0-9\u00AD\u200B-\u200D\u2060\uFEFF\u00C0-\u00C3\u00C5-\u00D5\u00D8-\u00DB\u00DD\u00DE\u00E0-\u00E3\u00E5-\u00F5\u00F8-\u00FB\u00FD-\u024F]/u;

/** Writing the prefilter cannot see: evasive characters inside a word, invisible ones, accents. */
const EVASIVE = /[*!@$|0-9](?<=\p{L}.)(?=\p{L})|[\u00AD\u200B-\u200D\u2060\uFEFF]|[\u00C0-\u00C3\u00C5-\u00D5\u00D8-\u00DB\u00DD\u00DE\u00E0-\u00E3\u00E5-\u00F5\u00F8-\u00FB\u00FD-\u024F]/u;

class Token {
  private folded: string | null = null;

  constructor(
    readonly start: number,
    readonly end: number,
    /** As written. */
    readonly raw: string,
    readonly word: boolean,
  ) {}

  /** Folded (computed when first read: most tokens are never looked at); for punctuation, the mark itself. */
  get key(): string {
    return (this.folded ??= this.word ? foldWord(this.raw) : this.raw);
  }
}

// A word: letters, with digits, apostrophes, hyphens, evasive characters and invisible ones inside.
const TOKEN = /[\p{L}\p{M}@$][\p{L}\p{M}\p{N}'’*!@$|\u00AD\u200B-\u200D\u2060\uFEFF-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{M}]|[.!?;:,\n…]/gu;

const PUNCTUATION = new Set(['.', '!', '?', ';', ':', ',', '\n', '…']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    tokens.push(new Token(m.index, m.index + raw.length, raw, raw.length > 1 || !PUNCTUATION.has(raw)));
  }
  return tokens;
}


function wildcardMatch(words: Words, key: string): string | null {
  for (const noun of words.byLength.get(key.length) ?? []) {
    let ok = true;
    for (let i = 0; i < key.length && ok; i++) if (key[i] !== '*' && key[i] !== noun[i]) ok = false;
    if (ok) return noun;
  }
  return null;
}

const LEET_CHARS = /[!1|0345@$]/u;

/** The lexicon noun a word is (its plural, inflection or compound head included), or null. */
function nounOf(words: Words, key: string, lang: 'de' | 'en'): string | null {
  const whole = nounForm(words, key, lang);
  if (whole !== null || !key.includes('-')) return whole;
  // A hyphenated word: its head, and in English its first part too ("traitor-in-chief"); a German
  // compound's first part only qualifies ("Schweine-Gewinn").
  const head = nounForm(words, key.slice(key.lastIndexOf('-') + 1), lang);
  if (head !== null || lang === 'de') return head;
  return nounForm(words, key.slice(0, key.indexOf('-')), lang);
}

function nounForm(words: Words, key: string, lang: 'de' | 'en'): string | null {
  let k = key;
  let noun = words.nounForms.get(k);
  if (noun !== undefined) return noun;
  if (LEET_CHARS.test(k)) {
    k = unLeet(k);
    noun = words.nounForms.get(k);
    if (noun !== undefined) return noun;
  }
  if (k.includes('*')) {
    const w = wildcardMatch(words, k) ?? (k.endsWith('s') ? wildcardMatch(words, k.slice(0, -1)) : null);
    if (w !== null) return w;
  }
  // A German compound ending in a noun of the lexicon ("Oberlügner"), after at least three letters.
  if (lang === 'de' && k.length >= COMPOUND_HEAD + 3 && !k.startsWith('anti')) {
    for (let j = 3; j <= k.length - COMPOUND_HEAD; j++) {
      const head = words.headForms.get(k.slice(j));
      if (head !== undefined) return head;
    }
  }
  return null;
}

function adjectiveOf(words: Words, key: string): string | null {
  return words.adjectiveForms.get(key) ?? (LEET_CHARS.test(key) ? (words.adjectiveForms.get(unLeet(key)) ?? null) : null);
}

const EN = {
  addressee: new Set(['you', 'u', 'ya', 'ye', 'yall', "y'all"]),
  addresseeCopula: new Set(["you're", 'youre', "u're", 'ur', "ya're"]),
  copulaSingular: new Set(['is', 'was', "'s"]),
  copulaPlural: new Set(['are', 'were', 'r']),
  secondPersonSubjects: new Set(['you', 'u', 'ya', 'yall', "y'all"]),
  /** "you guys are", "you people are". */
  addressedGroups: new Set(['guys', 'people', 'lot', 'folks', 'idiots', 'liberals', 'libs', 'conservatives', 'democrats', 'republicans']),
  firstPerson: new Set(['i', 'we', 'me', 'us', "i'm", 'im', "we're"]),
  articles: new Set(['a', 'an', 'such', 'just', 'only', 'another', 'one', 'the', 'nothing', 'but', 'bunch', 'pack', 'band', 'gang', 'of', 'like']),
  intensifiers: new Set(['complete', 'total', 'absolute', 'utter', 'real', 'true', 'biggest', 'ultimate', 'little', 'big', 'old', 'fat', 'typical', 'proper', 'bloody', 'fucking', 'damn', 'dirty', 'miserable', 'sorry', 'poor', 'stinking', 'political', 'other', 'self', 'admitted', 'lying', 'stupid', 'dumb', 'ugly', 'sick', 'sad', 'worthless', 'pathetic', 'filthy', 'typical', 'feminist', 'liberal', 'leftist', 'lefty', 'commie', 'socialist', 'libtard', 'racist', 'lazy', 'bitter', 'scary', 'creepy', 'crazy', 'freaking', 'friggin', 'frigging', 'effing', 'efen', 'f', 'dam']),
  adverbs: new Set(['just', 'really', 'truly', 'clearly', 'obviously', 'simply', 'such', 'so', 'always', 'still', 'definitely', 'certainly', 'totally', 'also', 'even', 'indeed', 'actually', 'basically', 'literally', 'nothing', 'but', 'such', 'very', 'too', 'pretty', 'quite', 'completely', 'utterly', 'absolutely', 'all', 'both', 'now', 'being', 'becoming', 'acting', 'like']),
  exclaimers: new Set(['what', 'such']),
  demonstratives: new Set(['this', 'that']),
  pluralDemonstratives: new Set(['these', 'those']),
  greetings: new Set(['hey', 'hi', 'bye', 'goodbye', 'oh', 'listen', 'look', 'thanks', 'yo', 'ok', 'okay', 'sorry', 'nope', 'no', 'yes', 'shut', 'up']),
  negations: new Set(['not', 'no', 'never', "isn't", 'isnt', "wasn't", 'wasnt', "aren't", 'arent', "weren't", 'werent', "ain't", 'aint', 'nor', 'hardly']),
  subjects: new Set(['he', 'she', 'who', 'that', 'this', 'guy', 'man', 'woman', 'lady', 'dude', 'person', 'president', 'governor', 'mayor', 'senator', 'commissioner', 'cop', 'officer', 'judge', 'minister', 'leader', 'candidate', 'author', 'writer', 'reporter', 'journalist', 'chancellor', 'husband', 'wife', 'boy', 'girl', 'chick', 'fella', 'fellow', 'idiot', 'clown', 'one', 'someone', 'anyone', 'everyone', 'nobody']),
  notSubjects: new Set(['it', 'there', 'what', 'which', 'here']),
  /** Function words that look like attributive forms ("they", "very", "many"). */
  stop: new Set(['they', 'them', 'my', 'your', 'his', 'her', 'our', 'their', 'its', 'any', 'many', 'every', 'very', 'why', 'how', 'when', 'where', 'may', 'say', 'way', 'day', 'guy', 'boy', 'buy', 'by', 'only', 'really', 'why', 'today', 'everybody', 'anybody', 'somebody', 'nobody', 'pay', 'stay', 'play', 'try', 'cry', 'deny', 'rely', 'apply', 'hey', 'key', 'obey', 'bring', 'thing', 'nothing', 'something', 'anything', 'everything', 'king', 'ring', 'sing', 'during', 'being', 'need', 'feed', 'seed', 'speed', 'indeed', 'bed', 'red', 'shed', 'led', 'fed', 'wed', 'ted', 'ned', 'ed', 'public', 'total']),
};

const DE = {
  addressee: new Set(['du', 'ihr']),
  copulaSecond: new Set(['bist', 'warst', 'seid', 'wart']),
  copulaSingular: new Set(['ist', 'war', 'waere', 'wird', 'bleibt']),
  copulaPlural: new Set(['sind', 'waren', 'werden', 'bleiben']),
  singularArticles: new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'ne', "'ne", 'nen', "'nen", 'n', "'n"]),
  articles: new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'ne', "'ne", 'nen', "'nen", 'n', "'n", 'so', 'solch', 'solche', 'solcher', 'der', 'die', 'das', 'den', 'dem']),
  intensifiers: new Set(['voll', 'total', 'echt', 'richtig', 'ganz', 'wahre', 'wahrer', 'echter', 'echte', 'alte', 'alter', 'alten', 'kleine', 'kleiner', 'kleinen', 'groesste', 'groesster', 'groessten', 'elende', 'elender', 'elenden', 'miese', 'mieser', 'miesen', 'verdammte', 'verdammter', 'verdammten', 'dumme', 'dummer', 'dummen', 'bloede', 'bloeder', 'bloeden', 'linke', 'linker', 'linken', 'rechte', 'rechter', 'rechten', 'feige', 'feiger', 'feigen', 'verlogene', 'verlogener', 'verlogenen']),
  adverbs: new Set(['einfach', 'echt', 'wirklich', 'nur', 'bloss', 'halt', 'doch', 'ja', 'eh', 'schon', 'auch', 'nichts', 'als', 'so', 'total', 'voll', 'alle', 'allesamt', 'immer', 'noch', 'wohl', 'sowieso', 'definitiv', 'absolut', 'komplett', 'ganz', 'zu', 'mal', 'selber', 'selbst', 'und', 'bleibt']),
  exclaimers: new Set(['so', 'solch', 'fuer']),
  demonstratives: new Set(['dieser', 'dieses', 'diesem', 'diese', 'diesen', 'jener']),
  greetings: new Set(['hey', 'hallo', 'he', 'tschuess', 'danke', 'na', 'ach', 'oh', 'ey', 'ja', 'nein']),
  negations: new Set(['nicht', 'kein', 'keine', 'keiner', 'keinen', 'keinem', 'keines', 'nie', 'niemals', 'nirgends']),
  firstPerson: new Set(['ich', 'wir', 'mich', 'uns']),
  stop: new Set(['die', 'der', 'den', 'dem', 'des', 'eine', 'einen', 'einer', 'eines', 'einem', 'keine', 'seine', 'meine', 'deine', 'ihre', 'unsere', 'eure', 'euer', 'seinen', 'ihren', 'meinen', 'deinen', 'unseren', 'wegen', 'gegen', 'oben', 'unten', 'aber', 'oder', 'wieder', 'immer', 'hier', 'heute', 'sehr', 'mehr', 'jetzt', 'denn', 'dann', 'wenn', 'wer', 'was', 'wie', 'wo']),
};

const BOUNDARIES = new Set(['.', '!', '?', ';', ':', '\n', '…']);

function isBoundary(t: Token | undefined): boolean {
  return t === undefined || (!t.word && BOUNDARIES.has(t.key));
}

/** Whether a word can stand between a determiner and the noun: an adjective or an attributive form. */
function isModifier(words: Words, t: Token, lang: 'de' | 'en', sentenceInitial = false): boolean {
  if (!t.word) return false;
  const k = t.key;
  if (adjectiveOf(words, k) !== null) return true;
  if (lang === 'en') {
    if (EN.intensifiers.has(k)) return true;
    if (EN.stop.has(k) || EN.addressee.has(k) || EN.subjects.has(k) || EN.negations.has(k) || EN.copulaSingular.has(k) || EN.copulaPlural.has(k)) return false;
    return k.includes('-') || /(?:ing|ed|ful|less|ous|ic|ish|y|al|ive|est|ant|ent|ble)$/u.test(k);
  }
  if (DE.intensifiers.has(k)) return true;
  if (DE.stop.has(k) || DE.negations.has(k)) return false;
  return /(?:e|en|er|es|em)$/u.test(k) && k.length > 3 && (t.raw[0] === t.raw[0]!.toLowerCase() || sentenceInitial);
}

interface Match {
  code: 'text.insult' | 'text.abuse';
  start: number;
  end: number;
  term: string;
  form: string;
}

/** Whether any token in [from, to) negates. */
function negated(tokens: readonly Token[], from: number, to: number, negations: ReadonlySet<string>): boolean {
  for (let k = Math.max(0, from); k < to; k++) {
    const key = tokens[k]!.key;
    if (negations.has(key) || key.endsWith("n't")) return true;
  }
  return false;
}

/** Whether a first-person word stands in the three tokens before `i` ("ich bin ein Depp", "wie ich, ein Idiot"). */
function firstPersonBefore(tokens: readonly Token[], i: number, firstPerson: ReadonlySet<string>): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) if (tokens[k]!.word && firstPerson.has(tokens[k]!.key)) return true;
  return false;
}

/** The sentence's first token index at or before `i`. */
function sentenceStart(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k > 0 && !isBoundary(tokens[k - 1])) k--;
  return k;
}

/** Before a noun phrase, skips modifiers listed with commas ("a spoiled, thankless THING"). */
function skipListedModifiers(words: Words, tokens: readonly Token[], p: number, lang: 'de' | 'en'): number {
  let k = p;
  while (k >= 0 && tokens[k]!.key === ',' && k - 1 >= 0 && isModifier(words, tokens[k - 1]!, lang)) k -= 2;
  return k;
}

/**
 * A noun phrase without a determiner standing alone as a vocative: its own sentence ("Idiot!")
 * or after a comma at a sentence end ("Read it, freeloader."). Null when it is not one;
 * undefined when a word stands before it, which the caller's grammar reads.
 */
function standalone(tokens: readonly Token[], p: number, first: number, last: number, dets: number, make: (code: Match['code'], from: number, form: string) => Match | null): Match | null | undefined {
  const at = p >= 0 ? tokens[p]! : undefined;
  const next = tokens[last + 1];
  if (at === undefined || isBoundary(at)) return dets === 0 && isBoundary(next) && (p < 0 || tokens[p]!.key !== ':') ? make('text.insult', p + 1, 'vocative') : null;
  if (!at.word) return at.key === ',' && dets === 0 && isBoundary(next) ? make('text.insult', first, 'vocative') : null;
  return undefined;
}

function anchorEn(words: Words, tokens: readonly Token[], first: number, last: number, term: string): Match | null {
  // first: index of the first token of the noun phrase (modifiers included); last: the noun's last token.
  let p = first - 1;
  const end = tokens[last]!.end;
  let dets = 0;
  let exclaimed = false;
  while (p >= 0 && tokens[p]!.word && (EN.articles.has(tokens[p]!.key) || EN.intensifiers.has(tokens[p]!.key) || EN.exclaimers.has(tokens[p]!.key))) {
    if (EN.exclaimers.has(tokens[p]!.key)) exclaimed = true;
    if (tokens[p]!.key === 'what') break;
    dets++;
    p--;
  }
  p = skipListedModifiers(words, tokens, p, 'en');
  const make = (code: Match['code'], from: number, form: string): Match | null =>
    negated(tokens, from, last, EN.negations) ? null : { code, start: tokens[from]!.start, end, term, form };
  const at = p >= 0 ? tokens[p]! : undefined;
  if (at?.key === 'what' && dets > 0) return make('text.insult', p, 'exclamation');
  if ((at === undefined || isBoundary(at)) && exclaimed && dets > 0) return make('text.insult', p + 1, 'exclamation');
  const alone = standalone(tokens, p, first, last, dets, make);
  if (alone !== undefined) return alone;
  const k = tokens[p]!.key;
  if (EN.greetings.has(k) && dets === 0 && (p === 0 || isBoundary(tokens[p - 1]) || tokens[p - 1]!.key === ',')) return make('text.insult', p, 'vocative');
  if (EN.addressee.has(k) && dets === 0) return make('text.insult', p, 'addressee');
  if (EN.addresseeCopula.has(k)) return make('text.insult', p, 'predicate');
  if (EN.demonstratives.has(k) && dets === 0) return make('text.insult', p, 'demonstrative');
  if (EN.pluralDemonstratives.has(k) && dets === 0) return make('text.abuse', p, 'demonstrative');
  // A copula, perhaps with adverbs after it: "is really just a", "are all".
  let c = p;
  while (c >= 0 && tokens[c]!.word && EN.adverbs.has(tokens[c]!.key)) c--;
  if (c < 0 || !tokens[c]!.word) return null;
  const cop = tokens[c]!.key;
  const contracted = cop.endsWith("'s") && cop.length > 2 ? cop.slice(0, -2) : null;
  if (contracted !== null || EN.copulaSingular.has(cop)) {
    const subject = contracted ?? tokens[c - 1]?.key;
    const subjectToken = contracted !== null ? tokens[c] : tokens[c - 1];
    if (subject === undefined || subjectToken === undefined || !subjectToken.word) return null;
    if (EN.notSubjects.has(subject) || EN.firstPerson.has(subject)) return null;
    const capitalised = /^\p{Lu}/u.test(subjectToken.raw);
    if (!EN.subjects.has(subject) && !capitalised) return null;
    return make('text.insult', contracted !== null ? c : c - 1, 'predicate');
  }
  if (EN.copulaPlural.has(cop)) {
    const subject = tokens[c - 1];
    if (subject === undefined || !subject.word) return null;
    if (EN.firstPerson.has(subject.key) || EN.notSubjects.has(subject.key)) return null;
    if (EN.secondPersonSubjects.has(subject.key)) return make('text.insult', c - 1, 'predicate');
    if (EN.addressedGroups.has(subject.key) && EN.secondPersonSubjects.has(tokens[c - 2]?.key ?? '')) return make('text.insult', c - 2, 'predicate');
    return make('text.abuse', c - 1, 'predicate');
  }
  return null;
}

function anchorDe(words: Words, tokens: readonly Token[], first: number, last: number, term: string): Match | null {
  let p = first - 1;
  const end = tokens[last]!.end;
  let dets = 0;
  let singular = false;
  let exclaimed = false;
  while (p >= 0 && tokens[p]!.word && (DE.articles.has(tokens[p]!.key) || DE.intensifiers.has(tokens[p]!.key) || DE.exclaimers.has(tokens[p]!.key))) {
    const key = tokens[p]!.key;
    if (DE.singularArticles.has(key)) singular = true;
    if (DE.exclaimers.has(key) && dets > 0) {
      exclaimed = true;
      if (key === 'fuer' && tokens[p - 1]?.key === 'was') p--;
      break;
    }
    dets++;
    p--;
  }
  const make = (code: Match['code'], from: number, form: string): Match | null =>
    negated(tokens, from, last, DE.negations) ? null : { code, start: tokens[from]!.start, end, term, form };
  if (exclaimed) return make('text.insult', p, 'exclamation');
  p = skipListedModifiers(words, tokens, p, 'de');
  const alone = standalone(tokens, p, first, last, dets, make);
  if (alone !== undefined) return alone;
  const at = tokens[p]!;
  const k = at.key;
  if (DE.greetings.has(k) && dets === 0 && (p === 0 || isBoundary(tokens[p - 1]))) return make('text.insult', p, 'vocative');
  if (DE.addressee.has(k) && dets === 0) return make('text.insult', p, 'addressee');
  // "Sie" capitalised inside a sentence is the formal address (at its start it may be "she" or "they").
  if (at.raw === 'Sie' && dets === 0 && p > 0 && !isBoundary(tokens[p - 1])) return make('text.insult', p, 'addressee');
  if (DE.demonstratives.has(k) && dets === 0) return make('text.insult', p, 'demonstrative');
  let c = p;
  while (c >= 0 && tokens[c]!.word && DE.adverbs.has(tokens[c]!.key)) c--;
  const cop = c >= 0 && tokens[c]!.word ? tokens[c]!.key : '';
  if (!DE.copulaSecond.has(cop) && !DE.copulaSingular.has(cop) && !DE.copulaPlural.has(cop) && cop !== 'seit') {
    // Not a predication: a person word after an indefinite article names someone ("hört sich einen
    // Jammerlappen an", "von einer Islamistin"), unless the writer speaks of himself.
    const article = tokens[first - 1];
    const comparison = tokens[first - 2]?.key === 'wie' || tokens[first - 2]?.key === 'als';
    if (article !== undefined && DE.singularArticles.has(article.key) && !comparison && !firstPersonBefore(tokens, first - 1, DE.firstPerson)) return make('text.insult', first - 1, 'named');
    return null;
  }
  // The subject before the copula, or after it in a question or after a fronted phrase ("Ist der ein Idiot?").
  const before = tokens[c - 1]?.word ? tokens[c - 1]!.key : undefined;
  if (before !== undefined && DE.firstPerson.has(before)) return null;
  if (DE.copulaSecond.has(cop) || (cop === 'seit' && before === 'ihr')) return make('text.insult', c, 'predicate');
  const start = tokens[sentenceStart(tokens, c)]!;
  if (DE.copulaSingular.has(cop)) {
    if (before === 'es' || before === 'das' || before === 'dies' || before === 'was') return null;
    return make(start.key === 'wer' ? 'text.abuse' : 'text.insult', c, 'predicate');
  }
  if (DE.copulaPlural.has(cop)) {
    if (before === 'sie' && tokens[c - 1]!.raw === 'Sie' && singular) return make('text.insult', c - 1, 'predicate');
    return make(singular ? 'text.insult' : 'text.abuse', c, 'predicate');
  }
  return null;
}

/** A predicative adjective: "you are so stupid", "du bist dumm", "die sind alle dämlich". */
function predicateAdjective(tokens: readonly Token[], i: number, lang: 'de' | 'en', term: string): Match | null {
  let c = i - 1;
  const adverbs = lang === 'en' ? EN.adverbs : DE.adverbs;
  while (c >= 0 && tokens[c]!.word && adverbs.has(tokens[c]!.key)) c--;
  if (c < 0 || !tokens[c]!.word) return null;
  const cop = tokens[c]!.key;
  const end = tokens[i]!.end;
  if (lang === 'en') {
    if (negated(tokens, c, i, EN.negations)) return null;
    if (EN.addresseeCopula.has(cop)) return { code: 'text.insult', start: tokens[c]!.start, end, term, form: 'predicate' };
    if (EN.copulaPlural.has(cop) && EN.secondPersonSubjects.has(tokens[c - 1]?.key ?? '')) return { code: 'text.insult', start: tokens[c - 1]!.start, end, term, form: 'predicate' };
    const contracted = cop.endsWith("'s") ? cop.slice(0, -2) : null;
    const subject = contracted ?? (EN.copulaSingular.has(cop) ? tokens[c - 1]?.key : undefined);
    if (subject !== undefined && (subject === 'he' || subject === 'she')) return { code: 'text.insult', start: tokens[contracted !== null ? c : c - 1]!.start, end, term, form: 'predicate' };
    return null;
  }
  if (negated(tokens, c, i, DE.negations)) return null;
  if (DE.copulaSecond.has(cop)) return { code: 'text.insult', start: tokens[c]!.start, end, term, form: 'predicate' };
  return null;
}

/**
 * A degrading adjective before a word it qualifies, aimed at someone: "you stupid man", "dieser
 * armselige Gauck". Only where the construction names the
 * target itself (the addressee, in German also a demonstrative): after an article, a copula or
 * alone the noun may be a thing ("ein dummer Fehler", "that is a stupid idea", "Blöde Frage.").
 */
function degradedPerson(words: Words, tokens: readonly Token[], i: number, lang: 'de' | 'en', term: string): Match | null {
  const next = tokens[i + 1];
  if (next === undefined || !next.word) return null;
  if (lang === 'de' && !/^\p{Lu}/u.test(next.raw)) return null;
  if (lang === 'en' && (EN.stop.has(next.key) || EN.articles.has(next.key))) return null;
  let first = i;
  while (first > 0 && isModifier(words, tokens[first - 1]!, lang, isBoundary(tokens[first - 2]))) first--;
  const match = lang === 'en' ? anchorEn(words, tokens, first, i + 1, term) : anchorDe(words, tokens, first, i + 1, term);
  if (match === null || !(match.form === 'addressee' || match.form === 'demonstrative')) return null;
  if (lang === 'en' && match.form !== 'addressee') return null;
  return match;
}

function phraseAt(words: Words, tokens: readonly Token[], i: number): { last: number; term: string } | null {
  for (const phrase of words.phrases.get(tokens[i]!.key) ?? []) {
    let k = 1;
    let j = i + 1;
    while (k < phrase.length && j < tokens.length && tokens[j]!.word && tokens[j]!.key === phrase[k]) {
      k++;
      j++;
    }
    if (k === phrase.length) return { last: j - 1, term: phrase.join(' ') };
  }
  return null;
}

/** Name-calling in `text`: at most one insult and one abuse, the first of each, with its construction. */
export function detectNameCalling(text: string, lexicon: CompiledNameCalling): Finding[] {
  // Where a lexicon word may begin: only the tokens holding one (or written evasively) are read.
  const scan = lexicon.prefilter;
  scan.lastIndex = 0;
  const hits: number[] = [];
  for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
    hits.push(m.index);
    if (m[0].length === 0) scan.lastIndex++;
  }
  const evasive = EVASIVE.test(text);
  if (hits.length === 0 && !evasive) return [];
  const tokens = tokenize(text);
  const found = new Map<Match['code'], Match>();
  let h = 0;
  for (let i = 0; i < tokens.length && found.size < 2; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    while (h < hits.length && hits[h]! < t.start) h++;
    const candidate = (h < hits.length && hits[h]! < t.end) || (evasive && EVASIVE_WORD.test(t.raw));
    if (!candidate) continue;
    for (const lang of ['en', 'de'] as const) {
      const words = lexicon[lang];
      const phrase = phraseAt(words, tokens, i);
      const noun = phrase === null ? nounOf(words, t.key, lang) : null;
      let match: Match | null = null;
      if (phrase !== null || noun !== null) {
        let first = i;
        while (first > 0 && isModifier(words, tokens[first - 1]!, lang, isBoundary(tokens[first - 2]))) first--;
        const last = phrase?.last ?? i;
        // The words as written, not the lexicon's form: what a moderator reads in the comment.
        const term = phrase !== null ? text.slice(t.start, tokens[phrase.last]!.end) : t.raw;
        match = lang === 'en' ? anchorEn(words, tokens, first, last, term) : anchorDe(words, tokens, first, last, term);
        if (match === null && first < i) match = lang === 'en' ? anchorEn(words, tokens, i, last, term) : anchorDe(words, tokens, i, last, term);
      } else {
        const adjective = adjectiveOf(words, t.key);
        if (adjective !== null && isBoundaryOrComma(tokens[i + 1])) match = predicateAdjective(tokens, i, lang, t.raw);
        else if (adjective !== null) match = degradedPerson(words, tokens, i, lang, t.raw);
      }
      if (match !== null && !found.has(match.code)) found.set(match.code, match);
      if (match !== null) break;
    }
  }
  return [...found.values()]
    .sort((a, b) => a.start - b.start)
    .map((m) => ({ code: m.code, severity: NAME_CALLING_SEVERITY, start: m.start, end: m.end, details: { terms: [m.term], form: m.form, lexicon: `name-calling:${lexicon.version}` } }));
}

function isBoundaryOrComma(t: Token | undefined): boolean {
  return isBoundary(t) || t!.key === ',' || (t!.word && (t!.key === 'and' || t!.key === 'und' || t!.key === 'or' || t!.key === 'oder'));
}
