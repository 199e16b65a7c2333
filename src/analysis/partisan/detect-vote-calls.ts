import type { Finding } from '../types.js';
import { LANGUAGE_OF, type Alias, type CompiledPolitics, type PartyEntry } from './politics.js';
import { endsClause, endsSentence, isSymbol, tokenize, type Token } from './tokenize.js';
import { DE, EN, isElectionYear } from './vote-lexicon.js';

/*
 * A vote call is legitimate political speech, but news sites often hold it for review during
 * election periods: moderate evidence, below what a policy would reject on alone.
 */
const VOTE_CALL_SEVERITY = 0.55;

type Stance = 'for' | 'against';
type Lang = 'de' | 'en';
/** Which construction of the grammar found a call: reported in `details.form`. */
export type CallForm = 'imperative' | 'slogan' | 'modal' | 'generic' | 'ballot' | 'hashtag' | 'never-again' | 'passive' | 'judgement' | 'alternative' | 'question';

interface Call {
  /** First and last token of the evidence. */
  first: number;
  last: number;
  mention: Mention;
  lang: Lang;
  stance: Stance;
  form: CallForm;
}

interface Mention {
  first: number;
  last: number;
  entries: readonly PartyEntry[];
  mocking: boolean;
  nextToVoteOnly: boolean;
}

/*
 * Every vote call holds a vote word, a slogan form or a tagged call. Two tests keep the common
 * comment cheap: literals first (one fast scan, 9 in 10 comments stop), then the words at word
 * bounds, which leave about one comment in twenty for the tokenizer and the grammar.
 */
const HINT_LITERALS = /w(?:ä|ae|a\u0308)hl|abwahl|wahl\s+(?:der|des|von)\s|wahl\s+verhindert|stimm|kreuz|vot|elect|never|president|write\s+in|for\s+(?:prison|jail)|abstraf|nie(?:mals)?\s+(?:wieder|mehr)|no\s+more/i;
/** Tagged calls ("#WählBSW", "#Trump2016", "X #FPÖ") and slogan years, only read when the text has a "#" or a 4-digit number. */
const HINT_TAGS = /#[^\s#]*(?:w(?:ä|ae)hl|wahl|vot|elect|nie|never|more|kein|raus|out|wegmit|[12]\d\d\d)|X\s+#/i;
const HINT_YEARS = /[a-z]\s{1,3}[12]\d\d\d/i;
const FOUR_DIGITS = /\d\d\d\d/;
const UMLAUT_A = '(?:ä|ae|a\u0308)';
const HINT_WORDS = new RegExp(
  [
    String.raw`(?<!\p{L})(?:ab|weg|raus|wieder|un|ge|abge|wegge|rausge|abzu|wegzu|rauszu|wiederzu)?w${UMLAUT_A}hl(?:e|en|t|et|bar|bare|baren|te)?(?!\p{L})`,
    String.raw`(?<!\p{L})abwahl|(?<!\p{L})wahl\s+(?:der|des|von)\s|wahl\s+verhindert`,
    String.raw`(?<!\p{L})(?:zweit|erst)?stimmen?(?!\p{L})|(?<!\p{L})(?:zweit|erst)stimme|(?<!\p{L})stimmt(?:\s+\p{L}+){0,3}\s+(?:f(?:ü|ue|u\u0308)r|gegen)`,
    String.raw`(?<!\p{L})(?:an)?kreuz(?:t|e|en|chen|erl)?(?!\p{L})|anzukreuzen|abstraf|abzustraf|abgestraft`,
    String.raw`(?<!\p{L})(?:re-?)?(?:votes?|voting|elect)(?!\p{L})`,
    String.raw`(?<!\p{L})nie(?:mals)?\s+(?:wieder|mehr)(?!\p{L})|never\s+again|no\s+more|for\s+president|for\s+(?:prison|jail)|write\s+in\s`,
    String.raw`\p{Lu}[\p{L}-]*\s{1,3}(?:19|20)\d\d(?!\p{N})`,
    String.raw`(?<!\p{L})X\s+#`,
    String.raw`#[\p{L}\p{N}_]*(?:w${UMLAUT_A}hl|wahl|vote|voting|elect|nie|never|nomore|kein|raus|out|wegmit|(?:19|20)\d\d)`,
  ].join('|'),
  'iu',
);

function mayHoldCall(text: string): boolean {
  const candidate =
    HINT_LITERALS.test(text) || (text.includes('#') && HINT_TAGS.test(text)) || (FOUR_DIGITS.test(text) && HINT_YEARS.test(text));
  return candidate && HINT_WORDS.test(text);
}

function mentionsOf(tokens: readonly Token[], politics: CompiledPolitics): (Mention | undefined)[] {
  const at: (Mention | undefined)[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'hashtag') {
      const aliases = politics.byJoined.get(token.key);
      if (aliases !== undefined) at[i] = toMention(i, i, aliases);
      continue;
    }
    if (token.kind !== 'word') continue;
    const candidates = politics.byFirst.get(token.key);
    if (candidates === undefined) continue;
    let matched: Alias[] = [];
    let length = 0;
    for (const alias of candidates) {
      if (alias.keys.length < length) break;
      if (!matchesAt(tokens, i, alias)) continue;
      if (alias.keys.length > length) matched = [];
      length = alias.keys.length;
      matched.push(alias);
    }
    if (matched.length === 0) continue;
    const last = i + length - 1;
    // "SPD-Wähler", "AfD-Politiker": a compound is a word of its own, not the party.
    const next = tokens[last + 1];
    const after = tokens[last + 2];
    // "Lindner-Partei", "Merkel-Partei": the candidate's party.
    if (next?.raw === '-' && !next.spaced && after?.kind === 'word' && !after.spaced && DE.partyHeads.has(after.key)) {
      const parties = [...new Set(matched.map((a) => (a.entry.kind === 'candidate' && a.entry.party !== undefined ? politics.byId.get(a.entry.party) : undefined)))].filter((e): e is PartyEntry => e !== undefined);
      if (parties.length > 0) {
        at[i] = { first: i, last: last + 2, entries: parties, mocking: false, nextToVoteOnly: false };
        i = last + 2;
        continue;
      }
    }
    if (next !== undefined && next.kind === 'punct' && next.raw === '-' && !next.spaced && after?.kind === 'word' && !after.spaced && !politics.byFirst.has(after.key)) continue;
    const previous = tokens[i - 1];
    if (previous !== undefined && previous.kind === 'punct' && previous.raw === '-' && !token.spaced && tokens[i - 2]?.kind === 'word' && !politics.byFirst.has(tokens[i - 2]!.key)) continue;
    at[i] = toMention(i, last, matched);
    i = last;
  }
  return at;
}

function matchesAt(tokens: readonly Token[], i: number, alias: Alias): boolean {
  for (let k = 0; k < alias.keys.length; k++) {
    const token = tokens[i + k];
    if (token === undefined || token.key !== alias.keys[k]) return false;
    if (k > 0 && token.kind === 'break') return false;
    if (alias.exact !== undefined && token.raw !== alias.exact[k]) return false;
  }
  return true;
}

function toMention(first: number, last: number, aliases: readonly Alias[]): Mention {
  return {
    first,
    last,
    entries: [...new Set(aliases.map((a) => a.entry))],
    mocking: aliases.every((a) => a.mocking),
    nextToVoteOnly: aliases.every((a) => a.nextToVoteOnly),
  };
}

/** The entry a mention names in a call in `lang`: "Greens" is the US party in English, Die Grünen in German. */
function pick(mention: Mention, lang: Lang): PartyEntry {
  return mention.entries.find((entry) => LANGUAGE_OF[entry.country] === lang) ?? mention.entries[0]!;
}

const FIRST_PERSON = new Set(['i', "i'm", 'im', 'ich', 'we', 'wir']);

/** The grammar's view of a comment: tokens without emoji and quotation marks, and their party mentions. */
class Sentence {
  readonly tokens: Token[];
  readonly mentions: (Mention | undefined)[];
  /** For each token, the mention whose last token it is. */
  readonly endingAt: (Mention | undefined)[];
  /** Handles that are a party's name ("@fdp"): antecedents of "sie", "diese Partei", never the object of a call. */
  readonly handleAt: (Mention | undefined)[];

  private readonly sentenceStarts: number[];
  private readonly sentenceEnds: number[];
  private readonly clauseStarts: number[];
  /** For each token, the index of the last speech verb at or before it in its sentence, or -1. */
  private readonly lastSpeech: number[];

  constructor(
    text: string,
    readonly politics: CompiledPolitics,
  ) {
    // A line break right after an article ("Dieses ⏎ Stück") wraps a line, it does not end a sentence.
    this.tokens = tokenize(text).filter((token, k, all) => !isSymbol(token) && !(token.kind === 'break' && k > 0 && isDeterminer(all[k - 1]!.key) && all[k + 1]?.kind === 'word'));
    const n = this.tokens.length;
    this.mentions = mentionsOf(this.tokens, politics);
    this.endingAt = new Array(n);
    for (const mention of this.mentions) if (mention !== undefined) this.endingAt[mention.last] = mention;
    this.handleAt = new Array(n);
    for (let i = 0; i < n; i++) {
      const token = this.tokens[i]!;
      if (token.kind !== 'handle') continue;
      const aliases = politics.byJoined.get(token.key.slice(1));
      if (aliases !== undefined) this.handleAt[i] = toMention(i, i, aliases);
    }
    // Sentence and clause bounds once, so every construction reads them in constant time.
    this.sentenceStarts = new Array(n);
    this.clauseStarts = new Array(n);
    this.lastSpeech = new Array(n);
    for (let i = 0; i < n; i++) {
      const previous = this.tokens[i - 1];
      this.sentenceStarts[i] = i === 0 || endsSentence(previous) ? i : this.sentenceStarts[i - 1]!;
      this.clauseStarts[i] = i === 0 || endsClause(previous) ? i : this.clauseStarts[i - 1]!;
      const key = this.tokens[i]!.key;
      // The writer's own words ("all I'm saying is", "ich sage") are not someone else's speech.
      const own = FIRST_PERSON.has(this.tokens[i - 1]?.key ?? '') || FIRST_PERSON.has(this.tokens[i - 2]?.key ?? '');
      const speech = (DE.speechVerbs.has(key) || EN.speechVerbs.has(key)) && !own;
      this.lastSpeech[i] = speech ? i : this.sentenceStarts[i] === i ? -1 : this.lastSpeech[i - 1]!;
    }
    this.sentenceEnds = new Array(n);
    for (let i = n - 1; i >= 0; i--) this.sentenceEnds[i] = endsSentence(this.tokens[i]) ? i : i === n - 1 ? n : this.sentenceEnds[i + 1]!;
  }

  key(i: number): string {
    return this.tokens[i]?.key ?? '';
  }

  /** Index of the first token of the clause holding `i` (after the last comma or sentence end). */
  clauseStart(i: number): number {
    return i >= this.tokens.length ? this.tokens.length : (this.clauseStarts[Math.max(0, i)] ?? 0);
  }

  sentenceStart(i: number): number {
    return i >= this.tokens.length ? this.tokens.length : (this.sentenceStarts[Math.max(0, i)] ?? 0);
  }

  /** Index of the token that ends the sentence holding `i` (its punctuation), or the token count. */
  sentenceEnd(i: number): number {
    return i >= this.tokens.length ? this.tokens.length : (this.sentenceEnds[Math.max(0, i)] ?? this.tokens.length);
  }

  isQuestion(i: number): boolean {
    return this.tokens[this.sentenceEnd(i)]?.raw === '?';
  }

  /**
   * Reported speech: a speech verb earlier in the sentence ("Merkel sagt „wählt CDU“"), or in the
   * part before a colon ("Der Kandidat ruft auf: Wählt uns").
   */
  isReported(i: number): boolean {
    if (i > 0 && (this.lastSpeech[i - 1] ?? -1) >= this.sentenceStart(i)) return true;
    const start = this.sentenceStart(i);
    if (start < 2 || this.tokens[start - 1]?.raw !== ':') return false;
    return (this.lastSpeech[start - 2] ?? -1) >= 0;
  }
}

/**
 * The party right before token `end` (exclusive), allowing `maxGap` gap words of `gap` in between;
 * the mention must then be directly preceded by its determiner, if any, which becomes part of the phrase.
 */
function mentionBefore(s: Sentence, end: number, gap: ReadonlySet<string>, maxGap: number): { mention: Mention; phraseFirst: number; gapWords: string[] } | null {
  const gapWords: string[] = [];
  for (let k = end - 1; k >= 0 && end - 1 - k <= maxGap; k--) {
    const mention = s.endingAt[k];
    if (mention !== undefined) {
      if (mention.nextToVoteOnly && k !== end - 1) return null;
      return { mention, phraseFirst: mention.first, gapWords };
    }
    const token = s.tokens[k]!;
    if (token.kind !== 'word' || !gap.has(token.key)) return null;
    gapWords.unshift(token.key);
  }
  return null;
}

/** The party right after token `start` (exclusive), skipping up to `maxGap` gap words. */
function mentionAfter(s: Sentence, start: number, gap: ReadonlySet<string>, maxGap: number, tagsInGap = false): { mention: Mention; gapWords: string[] } | null {
  const gapWords: string[] = [];
  for (let k = start + 1; k < s.tokens.length && k - start - 1 <= maxGap; k++) {
    const mention = s.mentions[k];
    if (mention !== undefined) {
      if (mention.nextToVoteOnly && k !== start + 1) return null;
      return { mention, gapWords };
    }
    const token = s.tokens[k]!;
    // "stimmt FÜR EURE #HEIMAT #DEUTSCHLAND #AfD": tags of other things between the verb and the party.
    if (tagsInGap && token.kind === 'hashtag') continue;
    if (token.kind !== 'word' || !gap.has(token.key)) return null;
    gapWords.push(token.key);
  }
  return null;
}

/** Mentions coordinated with one: "CDU und FDP wählen", "wählt AfD oder CSU", "Harris/Walz". */
const COORDINATORS = new Set(['und', 'oder', 'bzw', 'sowie', 'and', 'or', ',', '/', '&', '+']);

function coordinated(s: Sentence, mention: Mention, direction: 1 | -1): Mention[] {
  const found: Mention[] = [];
  let current = mention;
  for (let guard = 0; guard < 6; guard++) {
    const link = direction === 1 ? current.last + 1 : current.first - 1;
    if (!COORDINATORS.has(s.key(link))) break;
    let k = link + direction;
    if (['die', 'der', 'den', 'the'].includes(s.key(k))) k += direction;
    const next = direction === 1 ? s.mentions[k] : s.endingAt[k];
    if (next === undefined || next.nextToVoteOnly) break;
    found.push(next);
    current = next;
  }
  return found;
}

function isNegatedDe(words: readonly string[]): boolean {
  return words.some((word, k) => DE.negations.has(word) && !(word === 'nicht' && (words[k + 1] === 'nur' || words[k + 1] === 'mehr' && false)));
}

function flip(stance: Stance, negated: boolean): Stance {
  if (!negated) return stance;
  return stance === 'for' ? 'against' : 'for';
}

function isDeterminer(key: string): boolean {
  return ['die', 'der', 'den', 'dem', 'das', 'd.', 'diese', 'diesen', 'dieser', 'dieses', 'the', 'this', 'these'].includes(key);
}

/** Extends a phrase start over its determiner: "die Grünen". */
function withDeterminer(s: Sentence, first: number): number {
  return first > 0 && isDeterminer(s.key(first - 1)) && !endsClause(s.tokens[first - 1]) ? first - 1 : first;
}

// ---------------------------------------------------------------------------------------------
// German constructions

/**
 * "Wählt die Grünen", "Wähle nie wieder SPD", "Wählen Sie AfD", "kreuzt bitte die CDU an",
 * "Wählt diese FDP endlich raus": an imperative opening its clause (after lead words only), the
 * party within a few gap words.
 */
function imperativeDe(s: Sentence, i: number, calls: Call[]): void {
  const key = s.key(i);
  let verbLast = i;
  if (key === 'waehlen' || key === 'stimmen' || key === 'geben') {
    if (s.key(i + 1) !== 'sie' || s.tokens[i + 1]?.raw === 'sie' && i > s.clauseStart(i) && !DE.leads.has(s.key(i - 1))) return;
    verbLast = i + 1;
  } else if (!DE.imperatives.has(key)) {
    return;
  }
  if (!leadsOnly(s, imperativeStart(s, i, DE.conjunctions), i, DE.leads)) return;
  if (key === 'stimmt' || key === 'stimme' || key === 'stimmen') {
    // "Stimmt am Sonntag gegen die AfD": a few filler words may come before the direction.
    let at = verbLast + 1;
    while (DE.fillers.has(s.key(at)) && s.key(at) !== 'fuer' && at < verbLast + 4) at++;
    const direction = s.key(at);
    if (direction !== 'fuer' && direction !== 'gegen') return;
    const after = mentionAfter(s, at, DE.fillers, 4, true);
    if (after === null) return;
    pushWithCoordinates(s, calls, { first: i, last: after.mention.last, mention: after.mention, lang: 'de', stance: flip(direction === 'gegen' ? 'against' : 'for', isNegatedDe(after.gapWords)), form: 'imperative' });
    return;
  }
  const gap = new Set([...DE.fillers, ...DE.negations]);
  const after = mentionAfter(s, verbLast, gap, 4) ?? pronounAfterDe(s, verbLast);
  if (after === null) return;
  const { mention } = after;
  let last = mention.last;
  let stance: Stance = 'for';
  let particleAt = last + 1;
  while (DE.fillers.has(s.key(particleAt)) && !DE.particlesAgainst.has(s.key(particleAt)) && particleAt < last + 3) particleAt++;
  const particle = s.key(particleAt);
  if (DE.particlesAgainst.has(particle)) {
    stance = 'against';
    last = particleAt;
  } else if (DE.particlesFor.has(particle)) {
    last = particleAt;
  } else if (key === 'kreuzt' || key === 'kreuze') {
    return;
  }
  // "Gebt Scholz eure Stimme": the ballot noun completes the call.
  if (DE.ballotAppeals.has(s.key(last + 1)) && DE.ballots.has(s.key(last + 2))) last += 2;
  if (s.isQuestion(i) || s.isReported(i)) return;
  const start = imperativeStart(s, i, DE.conjunctions);
  const negated = isNegatedDe(after.gapWords);
  const ironic = isIronicDe(s, start, i) || isIronicDe(s, verbLast + 1, mention.first);
  // "Wer die Islamisierung will, wählt weiter Grüne": the consequent of a "Wer …" clause; what it wishes for decides.
  const wish = werClauseBefore(s, start);
  if (wish !== null) {
    const against = harmWished(s, wish, start - 1);
    pushWithCoordinates(s, calls, { first: i, last, mention, lang: 'de', stance: flip(flip(stance, negated), against), form: 'generic' });
    return;
  }
  pushWithCoordinates(s, calls, { first: i, last, mention, lang: 'de', stance: flip(flip(stance, negated), ironic), form: 'imperative' });
}

/** Sarcasm markers in tokens [from, to): "immer schön", "schön brav", "fleißig". */
function isIronicDe(s: Sentence, from: number, to: number): boolean {
  for (let k = Math.max(0, from); k < to; k++) {
    const word = s.key(k);
    if (DE.ironic.has(word)) return true;
    if (word === 'schoen' && (DE.ironicNext.has(s.key(k - 1)) || DE.ironicNext.has(s.key(k + 1)))) return true;
  }
  return false;
}

/**
 * The start of a "Wer …" clause that opens the sentence and ends with the comma right before
 * `clause` ("Wer Frieden will, |wählt BSW", "Wer für X, Y und Z ist, |wählt …"), or null.
 */
function werClauseBefore(s: Sentence, clause: number): number | null {
  if (clause < 2 || s.tokens[clause - 1]?.raw !== ',') return null;
  const previous = s.sentenceStart(clause - 2);
  if (clause - previous > 25) return null;
  for (let k = previous; k < clause - 1 && k <= previous + 3; k++) {
    if (DE.genericSubjects.has(s.key(k))) return k;
    if (!DE.leads.has(s.key(k))) return null;
  }
  return null;
}

/** Whether the "Wer …" clause in tokens [from, to) wishes for a harm ("Wer Krieg will"), not its absence ("Wer keinen Krieg will", "Wer das nicht will"). */
function harmWished(s: Sentence, from: number, to: number): boolean {
  let harm = false;
  let negated = false;
  for (let k = from; k < to; k++) {
    if (DE.harm.has(s.key(k))) harm = true;
    // "Wer keinen Krieg will", "Wer das Chaos beenden will": the harm is refused.
    if (DE.negations.has(s.key(k)) || DE.harmEnders.has(s.key(k))) negated = true;
  }
  return harm && !negated;
}

/** Where an imperative's clause begins: after a comma, or after a conjunction joining it to another ("… und wählen Sie grün"). */
function imperativeStart(s: Sentence, i: number, conjunctions: ReadonlySet<string>): number {
  const clause = s.clauseStart(i);
  for (let k = i - 1; k >= clause && k >= i - MAX_LEADS; k--) if (conjunctions.has(s.key(k))) return k + 1;
  return clause;
}

/** At most this many lead words open a clause: more are not leads but a sentence of their own. */
const MAX_LEADS = 12;

/**
 * "Wählt sie ab!", "Wählt diese Leute raus": a pronoun or a plain noun phrase as the object of a
 * call against, aimed at the party named last before it.
 */
function pronounAfterDe(s: Sentence, verbLast: number): { mention: Mention; gapWords: string[] } | null {
  let k = verbLast + 1;
  if (s.key(k) === 'diese' || s.key(k) === 'die') k++;
  // "Wählt ihn!": a person named before.
  if (s.key(k) === 'ihn' && k === verbLast + 1 && endsClause(s.tokens[k + 1])) {
    const named = nearestMention(s, verbLast, false);
    return named?.entries.some((e) => e.kind === 'candidate') ? { mention: { ...named, first: k, last: k }, gapWords: [] } : null;
  }
  if (!DE.pronouns.has(s.key(k)) || !DE.particlesAgainst.has(s.key(k + 1))) return null;
  const mention = nearestMention(s, verbLast, false);
  return mention === undefined ? null : { mention: { ...mention, first: verbLast + 1, last: k }, gapWords: [] };
}

function leadsOnly(s: Sentence, from: number, to: number, leads: ReadonlySet<string>): boolean {
  if (to - from > MAX_LEADS) return false;
  for (let k = from; k < to; k++) {
    const token = s.tokens[k]!;
    if (token.kind === 'handle') continue;
    if (!leads.has(token.key)) return false;
  }
  return true;
}

function pushWithCoordinates(s: Sentence, calls: Call[], call: Call, direction: 1 | -1 = 1): void {
  calls.push(call);
  for (const other of coordinated(s, call.mention, direction)) {
    calls.push({ ...call, mention: other, first: Math.min(call.first, other.first), last: Math.max(call.last, other.last) });
  }
}

/**
 * The party before an infinitive: "AfD wählen!", "Wir müssen AfD wählen", "Am Sonntag einfach
 * mal CDU wählen", "Jeder … soll AFD wählen", "Kein Mensch mit Verstand darf … die SPD noch wählen",
 * "Es ist Zeit, die Ampel abzuwählen". The clause before the party decides: a call modal makes it
 * a call; a subject, auxiliary or subordinating word makes it a report, a prediction or one's
 * own vote ("Die Leute werden AfD wählen", "Ich will AfD wählen", "…, dass viele AfD wählen").
 */
function infinitiveDe(s: Sentence, i: number, calls: Call[]): void {
  const key = s.key(i);
  let zu = false;
  let stance: Stance;
  if (DE.infinitivesFor.has(key)) stance = 'for';
  else if (DE.infinitivesAgainst.has(key)) stance = 'against';
  else if (DE.zuInfinitivesFor.has(key)) [stance, zu] = ['for', true];
  else if (DE.zuInfinitivesAgainst.has(key)) [stance, zu] = ['against', true];
  else return;
  let verbFirst = i;
  if (s.key(i - 1) === 'zu') {
    zu = true;
    verbFirst = i - 1;
  }
  const gap = new Set([...DE.fillers, ...DE.negations]);
  const before = mentionBefore(s, verbFirst, gap, 4) ?? coordinatedObjectBefore(s, verbFirst);
  if (before === null) {
    if (!zu && frontedDe(s, verbFirst, i, stance, calls)) return;
    standaloneDe(s, verbFirst, i, stance, calls);
    return;
  }
  const { mention } = before;
  const phraseFirst = withDeterminer(s, mention.first);
  // "Wenn doch bloß genug NPD wählen würden": a wish about other people's votes.
  if (DE.optativeVerbs.has(s.key(i + 1)) && !zu) {
    const wish = optativeStart(s, phraseFirst);
    if (wish !== null && !s.isQuestion(i)) {
      calls.push({ first: wish, last: i, mention, lang: 'de', stance: flip(stance, isNegatedDe(before.gapWords)), form: 'modal' });
    }
    return;
  }
  // A verb group goes on after the infinitive: "AfD wählen wird", "AfD wählen lassen".
  if (DE.blockersAfter.has(s.key(i + 1)) || s.key(i + 1) === 'gehen' && DE.blockersAfter.has(s.key(i + 2))) return;
  if (s.isReported(phraseFirst)) return;
  let negated = isNegatedDe(before.gapWords);
  let first = phraseFirst;
  // A negation right before the phrase belongs to it: "nicht die AfD wählen", "nie wieder SPD wählen".
  for (let k = phraseFirst - 1; k >= 0 && phraseFirst - k <= 3; k--) {
    const word = s.key(k);
    if (DE.negations.has(word)) {
      negated = !negated;
      first = k;
    } else if (!['wieder', 'mehr', 'noch', 'bitte', 'bloss', 'blos', 'nur', 'auf', 'fall', 'keinen'].includes(word)) break;
  }
  const question = s.isQuestion(i);
  // "#klöckner wählen heißt 2 Mio neue #asylanten": a judgement of the vote, against unless it praises.
  if (DE.judgementVerbs.has(s.key(i + 1)) && !question) {
    calls.push({ first, last: i, mention, lang: 'de', stance: praises(s, i + 2, s.sentenceEnd(i), DE) ? 'for' : 'against', form: 'generic' });
    return;
  }
  // "Höcke wählen? Nie im Leben.": a question the writer answers at once.
  if (question && first === s.sentenceStart(first) && DE.negations.has(s.key(s.sentenceEnd(i) + 1))) {
    calls.push({ first, last: answerLast(s, i), mention, lang: 'de', stance: 'against', form: 'question' });
    return;
  }
  if (zu) {
    // A zu-infinitive is advice only in a frame ("Es ist Zeit, …", "Vergesst nicht, …") or as a
    // question answered right away ("die SPD zu wählen? Niemals.").
    const sentence = s.sentenceStart(i);
    let advised = false;
    for (let k = Math.max(sentence, first - 15); k < first; k++) if (DE.adviceFrames.has(s.key(k))) advised = true;
    if (question) {
      const answer = s.key(s.sentenceEnd(i) + 1);
      if (!DE.negations.has(answer)) return;
      calls.push({ first, last: answerLast(s, i), mention, lang: 'de', stance: 'against', form: 'question' });
      return;
    }
    // "Jeder, der überlegt, die AfD zu wählen, sollte wissen: …": a generic conditional, read by what follows.
    const generic = werClauseBefore(s, s.clauseStart(first)) ?? genericHeadBefore(s, s.clauseStart(first));
    if (generic !== null) {
      const after = s.clauseStart(i) === s.clauseStart(first) && s.tokens[i + 1]?.raw === ',' ? i + 2 : i + 1;
      const praised = praises(s, after, s.sentenceEnd(after), DE);
      calls.push({ first, last: i, mention, lang: 'de', stance: flip(praised ? 'for' : 'against', negated !== (stance === 'against')), form: 'generic' });
      return;
    }
    if (!advised || !leadsOnly(s, s.clauseStart(first), first, new Set([...DE.leads, ...DE.adviceFrames, 'es', 'ist', 'wird']))) {
      if (!advised) return;
    }
    pushWithCoordinates(s, calls, { first, last: i, mention, lang: 'de', stance: flip(stance, negated), form: 'slogan' }, -1);
    return;
  }
  if (question) {
    // "Wie kann man nur die Grünen wählen?": a rhetorical question, against (GUIDE, RULES-de 3).
    const sentence = s.sentenceStart(first);
    if (s.key(sentence) === 'wie' && DE.modalsCan.has(s.key(sentence + 1)) && DE.rhetoricalHow.has(s.key(sentence + 3)) && sentence + 4 <= first) {
      calls.push({ first: sentence, last: i, mention, lang: 'de', stance: 'against', form: 'question' });
    }
    return;
  }
  // Read the clause before the phrase, right to left: a relative clause ("Nachbarn, die #Linke wählen") describes.
  const clause = s.clauseStart(first);
  if (clause > 0 && s.tokens[clause - 1]?.raw === ',' && ['die', 'der', 'denen', 'welche', 'das'].includes(s.key(clause))) return;
  let modal: number | undefined;
  let permission = false;
  for (let k = first - 1; k >= clause && k >= first - SLOGAN_WINDOW; k--) {
    const word = s.key(k);
    // "… faulen Zauber beenden AFD wählen": an infinitive right before closes a slogan of its own.
    if (k === first - 1 && isBareInfinitive(s, k)) break;
    if (DE.modalsCall.has(word)) {
      modal = k;
      break;
    }
    if (DE.modalsPermission.has(word)) {
      modal = k;
      permission = true;
      break;
    }
    if (word === 'uns' && ['lasst', 'lass', 'lasset'].includes(s.key(k - 1))) {
      modal = k - 1;
      break;
    }
    // "Man kann nur noch AfD wählen": "können" with "nur" is advice.
    if (DE.modalsCan.has(word) && (s.key(k + 1) === 'nur' || (DE.fillers.has(s.key(k + 1)) && s.key(k + 2) === 'nur'))) {
      modal = k;
      break;
    }
    if (DE.blockers.has(word) || DE.genericSubjects.has(word)) return;
  }
  if (modal !== undefined) {
    // The subject of the modal: "ich muss AfD wählen" is one's own vote, "er sollte …" a report.
    if (['ich', 'er', 'es'].includes(s.key(modal - 1)) || ['ich', 'er', 'es'].includes(s.key(modal + 1))) return;
    // "Kein Mensch mit Verstand darf … die SPD noch wählen": the negating subject is part of the call.
    for (let k = Math.max(clause, modal - 5); k < modal; k++) {
      if (!DE.negatingSubjects.has(s.key(k))) continue;
      negated = !negated;
      first = Math.min(first, k);
    }
    for (let k = modal + 1; k < phraseFirst; k++) if (DE.negations.has(s.key(k)) && k < first && !(s.key(k) === 'nicht' && s.key(k + 1) === 'nur')) negated = !negated;
    if (permission && !negated) return;
    const wish = werClauseBefore(s, clause);
    const reversed = wish !== null ? harmWished(s, wish, clause - 1) : isIronicDe(s, modal + 1, phraseFirst);
    pushWithCoordinates(s, calls, { first, last: i, mention, lang: 'de', stance: flip(flip(stance, negated), reversed), form: wish !== null ? 'generic' : 'modal' }, -1);
    return;
  }
  const next = s.tokens[i + 1];
  if (!endsClause(next) && next?.kind !== 'hashtag' && !DE.sloganNext.has(next?.key ?? '') && !SLOGAN_SIGNS.has(next?.raw ?? '')) return;
  // "Und immer schön die CDU wählen, damit Merkel das umsetzen kann!!!": sarcasm, a call against.
  const ironic = isIronicDe(s, clause, phraseFirst) || isIronicDe(s, mention.last + 1, i);
  pushWithCoordinates(s, calls, { first, last: i, mention, lang: 'de', stance: flip(flip(stance, negated), ironic), form: 'slogan' }, -1);
}

/**
 * "Die Grünen sollte man nicht wählen", "Die SPD darf keiner mehr wählen": the party fronted
 * before the modal, its subject and any negation between the modal and the infinitive.
 */
function frontedDe(s: Sentence, verbFirst: number, i: number, stance: Stance, calls: Call[]): boolean {
  let k = verbFirst - 1;
  let negated = false;
  let subject = false;
  const clause = s.clauseStart(verbFirst);
  for (; k >= clause && k >= verbFirst - 6; k--) {
    const word = s.key(k);
    if (DE.frontedSubjects.has(word) && !subject) {
      subject = true;
      if (DE.negatingSubjects.has(word)) negated = !negated;
    } else if (DE.negations.has(word) && !(word === 'nicht' && s.key(k + 1) === 'nur')) negated = !negated;
    else if (!DE.fillers.has(word) && !['auf', 'fall'].includes(word)) break;
  }
  const modal = k;
  const permission = DE.modalsPermission.has(s.key(modal));
  if (!subject || (!DE.modalsCall.has(s.key(modal)) && !permission) || (permission && !negated)) return false;
  const mention = s.endingAt[modal - 1];
  if (mention === undefined || mention.nextToVoteOnly) return false;
  const first = withDeterminer(s, mention.first);
  if (!leadsOnly(s, s.clauseStart(first), first, DE.leads) || s.isQuestion(i) || s.isReported(first)) return false;
  calls.push({ first, last: i, mention, lang: 'de', stance: flip(stance, negated), form: 'modal' });
  return true;
}

/** The last token of a short answer right after a question: "Höcke wählen? Nie im Leben." */
function answerLast(s: Sentence, question: number): number {
  const answer = s.sentenceEnd(question) + 1;
  const end = s.sentenceEnd(answer);
  return end - answer <= 4 ? end - 1 : answer;
}

/** "Wenn doch bloß …", "Wenn nur …": where the wish opens, or null. */
function optativeStart(s: Sentence, phraseFirst: number): number | null {
  const clause = s.clauseStart(phraseFirst);
  for (let k = phraseFirst - 1; k >= clause && k >= phraseFirst - 6; k--) {
    if (DE.conditionals.has(s.key(k)) && DE.optative.has(s.key(k + 1))) return k + 1;
  }
  return null;
}

/** "Jeder, der …, X zu wählen", "alle, die …": the generic head of the relative clause before `clause`, or null. */
function genericHeadBefore(s: Sentence, clause: number): number | null {
  if (clause < 2 || s.tokens[clause - 1]?.raw !== ',') return null;
  const previous = s.clauseStart(clause - 2);
  if (DE.genericRelatives.has(s.key(previous)) && s.tokens[previous - 1]?.raw === ',' && DE.genericHeads.has(s.key(previous - 2))) return previous - 2;
  if (DE.genericHeads.has(s.key(previous)) && DE.genericRelatives.has(s.key(previous + 1))) return previous;
  return null;
}

const POSSESSIVES = new Set(['ihre', 'ihren', 'seine', 'seinen', 'deren', 'dessen', 'unsere', 'eure', 'deine']);

/** Words ending in -en that are not verbs closing a slogan of their own. */
const NOT_INFINITIVES = new Set(['einen', 'ihnen', 'denen', 'wegen', 'gegen', 'oben', 'unten', 'eigenen', 'allen', 'vielen', 'seinen', 'meinen', 'deinen', 'keinen', 'diesen', 'jenen', 'welchen', 'anderen', 'morgen', 'gestern', 'trotzdem', 'lieben', 'eben', 'neben', 'ganzen', 'letzten']);

/** A lower-case word in -en not after a determiner ("beenden" in "faulen Zauber beenden AfD wählen"): a bare infinitive. */
function isBareInfinitive(s: Sentence, k: number): boolean {
  const token = s.tokens[k]!;
  if (token.kind !== 'word' || !token.key.endsWith('en') || token.key.length < 5 || token.raw !== token.raw.toLowerCase()) return false;
  if (NOT_INFINITIVES.has(token.key) || DE.blockers.has(token.key) || DE.blockersAfter.has(token.key) || DE.modalsCall.has(token.key) || DE.modalsPermission.has(token.key)) return false;
  return !DE.leads.has(token.key) && !DE.fillers.has(token.key) && !isDeterminer(s.key(k - 1));
}

/**
 * "Murksel und die gesamte Berliner Muschpoke im September abwählen": a party coordinated with a
 * noun phrase that names none, opening the clause of the infinitive.
 */
function coordinatedObjectBefore(s: Sentence, verbFirst: number): { mention: Mention; phraseFirst: number; gapWords: string[] } | null {
  const clause = s.clauseStart(verbFirst);
  for (let k = verbFirst - 1; k >= clause && k >= verbFirst - 10; k--) {
    const mention = s.endingAt[k];
    if (mention !== undefined) {
      if (mention.nextToVoteOnly || k === verbFirst - 1 || !['und', 'oder', 'sowie'].includes(s.key(k + 1))) return null;
      if (!leadsOnly(s, clause, withDeterminer(s, mention.first), DE.leads)) return null;
      return { mention, phraseFirst: mention.first, gapWords: [] };
    }
    const token = s.tokens[k]!;
    if (token.kind !== 'word') return null;
    const capitalised = token.raw[0] !== token.raw[0]!.toLowerCase();
    const adjective = /(?:e|en|er|es|em)$/u.test(token.key) && (isDeterminer(s.key(k - 1)) || POSSESSIVES.has(s.key(k - 1)));
    if (!capitalised && !adjective && !DE.fillers.has(token.key) && !isDeterminer(token.key) && !['und', 'oder', 'sowie'].includes(token.key)) return null;
    if (DE.blockers.has(token.key) || DE.modalsCall.has(token.key)) return null;
  }
  return null;
}

/**
 * "Wer die Grünen wählt, ist dumm", "wer jetzt noch SPD wählt, dem ist nicht zu helfen", "Wer AfD
 * wählt, wählt Frieden": a generic conditional judging the voters; against unless what follows
 * praises. "Wer wählt denn noch SPD?" is a rhetorical question against.
 */
/** Signs after a slogan that carry on its judgement: "AfD wählen = Deutschland retten". */
const SLOGAN_SIGNS = new Set(['=', '→', '>', '&', '+']);

/** How far back from a slogan infinitive a blocker or modal is looked for. */
const SLOGAN_WINDOW = 7;

/** Whether the judgement in tokens [from, to) praises (and does not negate the praise). */
function praises(s: Sentence, from: number, to: number, lex: { praise: ReadonlySet<string>; negations: ReadonlySet<string>; warnings?: ReadonlySet<string>; harm?: ReadonlySet<string> }): boolean {
  let praised = false;
  // "… ist eine Stimme gegen die Demokratie": a good thing opposed is blame, a harm opposed praise.
  let opposed = false;
  for (let k = from; k < to && k < from + 8; k++) {
    const word = s.key(k);
    if (word === 'gegen' || word === 'against') opposed = true;
    if (lex.praise.has(word)) praised = !opposed;
    if (opposed && lex.harm?.has(word)) praised = true;
    // "… sollte sich das gut überlegen": a warning, whatever adverb it has.
    if (lex.negations.has(s.key(k)) || lex.warnings?.has(s.key(k))) return false;
  }
  return praised;
}

/**
 * An infinitive with no party before it: "Abwählen, diese AfD!" names it after a comma; "… die
 * Einheimischen! Abwählen!" is a sentence of its own aimed at the party just named.
 */
const LEADS_OR_NEGATIONS = new Set([...DE.leads, ...DE.negations]);

function standaloneDe(s: Sentence, verbFirst: number, i: number, stance: Stance, calls: Call[]): void {
  let sentence = s.sentenceStart(verbFirst);
  // "… die Grünen"! - Einfach nicht wählen!": a dash may open the sentence, a negation turns the call.
  while (s.tokens[sentence]?.raw === '-' && sentence < verbFirst) sentence++;
  if (!leadsOnly(s, sentence, verbFirst, LEADS_OR_NEGATIONS)) return;
  const words: string[] = [];
  for (let k = sentence; k < verbFirst; k++) words.push(s.key(k));
  if (isNegatedDe(words)) stance = stance === 'for' ? 'against' : 'for';
  const next = s.tokens[i + 1];
  if (next?.raw === ',') {
    let k = i + 2;
    if (isDeterminer(s.key(k))) k++;
    const mention = s.mentions[k];
    if (mention !== undefined && !mention.nextToVoteOnly && endsClause(s.tokens[mention.last + 1])) {
      calls.push({ first: verbFirst, last: mention.last, mention, lang: 'de', stance, form: 'slogan' });
    }
    return;
  }
  if (!endsSentence(next) || sentence === 0 || s.isQuestion(i)) return;
  for (let k = sentence - 1; k >= 0 && k >= sentence - 25; k--) {
    const mention = s.endingAt[k];
    if (mention !== undefined && !mention.nextToVoteOnly) {
      calls.push({ first: mention.first, last: i, mention, lang: 'de', stance, form: 'slogan' });
      return;
    }
  }
}

function genericDe(s: Sentence, i: number, calls: Call[]): void {
  const clause = s.clauseStart(i);
  const key = s.key(i);
  let first = i;
  if (DE.genericRelatives.has(key)) {
    // "Jeder, der BSW wählt", "alle die SPD wählen"
    const comma = s.tokens[i - 1]?.raw === ',';
    const head = comma ? i - 2 : i - 1;
    if (!DE.genericHeads.has(s.key(head))) return;
    // "Wir müssen alle die AfD wählen" is a modal call, not a generic one.
    for (let k = head - 1; k >= s.clauseStart(head) && k >= head - 6; k--) if (DE.modalsCall.has(s.key(k))) return;
    first = head;
  } else if (DE.conditionals.has(key)) {
    // "Wenn ihr die Union wählt, …": addressed to the reader.
    if (!DE.addressed.has(s.key(i + 1))) return;
  } else if (!DE.genericSubjects.has(key)) {
    return;
  }
  if (first === i && !leadsOnly(s, clause, i, new Set(['und', 'aber', 'denn', 'also', 'doch', 'ja', 'ehrlich', 'ganz', 'sorry', 'nur', 'jeder', 'und', 'na'])) && s.key(i - 1) !== 'der') return;
  const end = s.sentenceEnd(i);
  let mention: Mention | undefined;
  let verb: number | undefined;
  for (let k = i + 1; k < end && k <= i + 10; k++) {
    if (endsClause(s.tokens[k]) && verb === undefined) break;
    if (s.mentions[k] !== undefined && mention === undefined) {
      mention = s.mentions[k];
      k = mention!.last;
      continue;
    }
    if (DE.genericVerbs.has(s.key(k)) || ((DE.infinitivesFor.has(s.key(k)) || DE.infinitivesAgainst.has(s.key(k))) && (first !== i || key !== 'wer' || DE.blockersAfter.has(s.key(k + 1))))) {
      verb = k;
      if (mention !== undefined) break;
    }
  }
  if (mention === undefined || verb === undefined) return;
  if (mention.nextToVoteOnly && Math.abs(verb - mention.last) !== 1 && Math.abs(mention.first - verb) !== 1) return;
  const verbFirst = verb < mention.first;
  const last = Math.max(verb, mention.last);
  if (s.isQuestion(i)) {
    // "Wer wählt denn noch SPD?": rhetorical only with a word that says so.
    let rhetorical = false;
    for (let k = i; k < end && k <= i + 12; k++) if (DE.rhetorical.has(s.key(k))) rhetorical = true;
    if (!rhetorical || !verbFirst || key !== 'wer') return;
    calls.push({ first: i, last, mention, lang: 'de', stance: 'against', form: 'question' });
    return;
  }
  const praised = praises(s, last + 1, end, DE);
  pushWithCoordinates(s, calls, { first, last, mention, lang: 'de', stance: praised ? 'for' : 'against', form: 'generic' });
}

/**
 * Ballot appeals: "Zweitstimme FDP", "Deine Stimme für die Grünen", "Kein Kreuz bei der AfD",
 * "Jede Stimme für die Grünen ist eine Stimme für …" (a generic judgement, against unless it praises).
 */
const BALLOT_CROSSES = new Set(['X', '☒', '☑', '✅', '✔', '✖', '❌', '✗', '✘']);

function ballotDe(s: Sentence, i: number, calls: Call[]): void {
  const key = s.key(i);
  // "… in die Wüste X #FPÖ": a ballot cross before the party that closes the comment.
  if (BALLOT_CROSSES.has(s.tokens[i]!.raw)) {
    const mention = s.mentions[i + 1];
    if (mention !== undefined && !mention.nextToVoteOnly && endsSentence(s.tokens[mention.last + 1])) {
      calls.push({ first: i, last: mention.last, mention, lang: 'de', stance: 'for', form: 'ballot' });
    }
    return;
  }
  if (!DE.ballots.has(key)) return;
  let k = i + 1;
  let against = false;
  if (DE.ballotLinks.has(s.key(k))) {
    against = s.key(k) === 'gegen';
    k++;
  }
  const mention = s.mentions[k] ?? (isDeterminer(s.key(k)) ? s.mentions[k + 1] : undefined);
  if (mention === undefined || mention.nextToVoteOnly) return;
  if (k === i + 1 && !/^(?:zweit|erst)stimme/u.test(key) && !key.startsWith('kreuz')) return;
  let first = i;
  let negated = false;
  let appeal = false;
  const clause = s.clauseStart(i);
  for (let j = i - 1; j >= clause; j--) {
    if (j < i - 6) return;
    if (s.tokens[j]!.kind === 'handle') break;
    const word = s.key(j);
    if (DE.ownBallot.has(word) || word === 'ich' || word === 'habe' || word === 'hat') return;
    if (DE.ballotAppeals.has(word) || DE.ballotQuantities.has(word)) {
      if (first === j + 1) first = j;
      appeal = true;
      if (word.startsWith('kein')) negated = true;
    } else if (DE.ballotImperatives.has(word)) {
      // "Macht euer Kreuz bei der AfD", "Setzt das Kreuz bei …": the verb of the ballot, as an imperative.
      appeal = true;
    } else if (word === 'das' && j === i - 1) {
      // "das Kreuz bei der AfD machen!": only an appeal with its infinitive (below) or an imperative.
    } else if (!DE.leads.has(word) && !['ihre', 'ihr'].includes(word)) return;
  }
  let last = mention.last;
  if (DE.ballotInfinitives.has(s.key(last + 1)) && endsClause(s.tokens[last + 2])) {
    last += 1;
    appeal = true;
  } else if (s.key(i - 1) === 'das' && !appeal) return;
  if (s.isQuestion(i) || s.isReported(i)) return;
  const det = s.key(first);
  const sentenceEnd = s.sentenceEnd(i);
  // "Jede Stimme für X ist …": the judgement that follows gives the stance.
  if (['jede', 'jedes', 'eine', 'ein'].includes(det) && DE.copulas.has(s.key(mention.last + 1))) {
    const praised = praises(s, mention.last + 2, Math.min(sentenceEnd, mention.last + 11), DE);
    calls.push({ first, last: mention.last, mention, lang: 'de', stance: praised ? 'for' : 'against', form: 'generic' });
    return;
  }
  if (!appeal && first !== clause && !/^(?:zweit|erst)stimme|^kreuz/u.test(key)) return;
  if (!appeal && !/^(?:zweit|erst)stimme|^kreuz/u.test(key)) return;
  pushWithCoordinates(s, calls, { first, last, mention, lang: 'de', stance: flip(against ? 'against' : 'for', negated), form: 'ballot' });
}

/** "Nie wieder SPD!", "Niemals mehr NPD!", "Never again Hillary": a slogan of its own. */
function neverAgain(s: Sentence, i: number, calls: Call[], lang: Lang): void {
  const lex = lang === 'de' ? DE : EN;
  if (!lex.never.has(s.key(i)) || !lex.neverSecond.has(s.key(i + 1))) {
    if (lang !== 'en' || s.key(i) !== 'no' || s.key(i + 1) !== 'more') return;
  }
  const leads = lang === 'de' ? DE.leads : EN.leads;
  if (!leadsOnly(s, s.sentenceStart(i), i, leads)) return;
  let k = i + 2;
  if (isDeterminer(s.key(k))) k++;
  const mention = s.mentions[k];
  if (mention === undefined || mention.nextToVoteOnly) return;
  // The slogan ends there ("Nie wieder SPD!", "nie wieder CDU und SPD"), or goes on to its infinitive (read there).
  let last = mention.last;
  const coordinates = coordinated(s, mention, 1);
  if (coordinates.length > 0) last = coordinates[coordinates.length - 1]!.last;
  if (!endsSentence(s.tokens[last + 1]) && !endsClause(s.tokens[last + 1])) return;
  pushWithCoordinates(s, calls, { first: i, last: mention.last, mention, lang, stance: 'against', form: 'never-again' });
}

/**
 * Modal passives: "Die SPD muss abgewählt werden", "Die SPD gehört endlich weggewählt",
 * "Merkel darf nicht mehr gewählt werden".
 */
function passiveDe(s: Sentence, i: number, calls: Call[]): void {
  const key = s.key(i);
  const atElection = DE.participlesAtElection.has(key);
  const against = DE.participlesAgainst.has(key) || atElection;
  if (!against && !DE.participlesFor.has(key)) return;
  const sentence = s.sentenceStart(i);
  let modal: number | undefined;
  for (let k = i - 1; k >= sentence && k >= i - 8; k--) {
    if (DE.modalsCall.has(s.key(k)) || DE.modalsPermission.has(s.key(k))) {
      modal = k;
      break;
    }
  }
  if (modal === undefined || s.isQuestion(i)) return;
  // "… muss zur nächsten Bundestagswahl verhindert werden": only an election makes it a vote.
  if (atElection) {
    let election = false;
    for (let k = modal + 1; k < i; k++) if (DE.electionWords.has(s.key(k))) election = true;
    if (!election) return;
  }
  let mention: Mention | undefined;
  for (let k = modal - 1; k >= sentence && k >= modal - 5; k--) {
    const found = s.endingAt[k];
    if (found !== undefined && !found.nextToVoteOnly) {
      mention = found;
      break;
    }
    if (DE.blockers.has(s.key(k)) || endsClause(s.tokens[k])) break;
  }
  // "Der Mann muss sofort abgewählt werden", "Sie gehört abgewählt": the subject points back to the party or person named before.
  let first = mention === undefined ? modal : withDeterminer(s, mention.first);
  if (mention === undefined) {
    // "Merkel hat versagt und muss abgewählt werden": a coordinated predicate, the subject opens the sentence.
    const coordinated = s.key(modal - 1) === 'und';
    const opening = s.mentions[sentence] ?? (isDeterminer(s.key(sentence)) ? s.mentions[sentence + 1] : undefined);
    if (coordinated && opening !== undefined && !opening.nextToVoteOnly) {
      [mention, first] = [opening, sentence];
    } else {
      const subjectEnd = coordinated ? anaphoricSubjectEnd(s, sentence) : modal - 1;
      if (subjectEnd < 0 || !isAnaphoricSubject(s, sentence, subjectEnd)) return;
      first = sentence;
      mention = nearestMention(s, sentence, false);
      if (mention === undefined) return;
    }
  }
  let negated = false;
  for (let k = modal + 1; k < i; k++) if (DE.negations.has(s.key(k))) negated = !negated;
  const permission = DE.modalsPermission.has(s.key(modal));
  if (permission && !negated) return;
  const last = s.key(i + 1) === 'werden' ? i + 1 : i;
  calls.push({ first, last, mention, lang: 'de', stance: flip(against ? 'against' : 'for', negated), form: 'passive' });
}

const DEMONSTRATIVES = new Set(['diese', 'dieser', 'dieses', 'diesen', 'jene', 'jener', 'jenes']);

/**
 * Whether tokens [from, to] are a subject pointing back to the party or person named before: a
 * pronoun or a noun of the class ("Sie", "Der Mann", "Diese Partei"), or a demonstrative with one
 * to three nouns ("Dieses Stück Gewissenlosigkeit").
 */
function isAnaphoricSubject(s: Sentence, from: number, to: number): boolean {
  const head = s.key(to);
  if (to === from && (DE.pronouns.has(head) || DE.passiveSubjects.has(head))) return true;
  if (to === from + 1 && isDeterminer(s.key(from)) && (DE.pronouns.has(head) || DE.passiveSubjects.has(head))) return true;
  if (!DEMONSTRATIVES.has(s.key(from)) || to - from < 1 || to - from > 3) return false;
  for (let k = from + 1; k <= to; k++) {
    const token = s.tokens[k]!;
    if (token.kind !== 'word' || token.raw[0] === token.raw[0]!.toLowerCase()) return false;
  }
  return true;
}

/** The last token of an anaphoric subject opening the sentence at `from`, or -1. */
function anaphoricSubjectEnd(s: Sentence, from: number): number {
  for (let to = from; to <= from + 3; to++) if (isAnaphoricSubject(s, from, to)) return to;
  return -1;
}

/**
 * "… dass die Wahl der CDU u.a. weitere Kriegseinsätze … bedeutet": the vote as a noun, judged
 * by a verb after it (GUIDE, RULES-de 2); against unless the judgement praises.
 */
function electionNounDe(s: Sentence, i: number, calls: Call[]): void {
  if (!DE.electionNouns.has(s.key(i)) || !DE.electionNounLinks.has(s.key(i + 1)) || !isDeterminer(s.key(i - 1))) return;
  const mention = s.mentions[i + 2] ?? (isDeterminer(s.key(i + 2)) ? s.mentions[i + 3] : undefined);
  if (mention === undefined || mention.nextToVoteOnly) return;
  const end = s.sentenceEnd(i);
  for (let k = mention.last + 1; k < end && k <= mention.last + 15; k++) {
    if (!DE.judgementVerbs.has(s.key(k))) continue;
    if (s.isReported(i)) return;
    calls.push({ first: i - 1, last: mention.last, mention, lang: 'de', stance: praises(s, mention.last + 1, end, DE) ? 'for' : 'against', form: 'judgement' });
    return;
  }
}

/** "Wer #SPD und #Grüne wählt, bekommt … Daher #AfD": a connective and a party concluding a generic call. */
function concluded(s: Sentence, calls: Call[]): void {
  const extra: Call[] = [];
  for (const call of calls) {
    if (call.form !== 'generic' || call.stance !== 'against' || call.lang !== 'de') continue;
    const end = Math.min(s.tokens.length, call.last + 40);
    for (let k = call.last + 1; k < end; k++) {
      // The connective opens a clause, or a sentence its writer did not punctuate ("… Minderheiten Daher #AfD").
      const opens = endsClause(s.tokens[k - 1]) || s.tokens[k]!.raw[0] !== s.key(k)[0];
      if (!DE.concluding.has(s.key(k)) || !opens) continue;
      const mention = s.mentions[k + 1] ?? (isDeterminer(s.key(k + 1)) ? s.mentions[k + 2] : undefined);
      if (mention === undefined || mention.nextToVoteOnly || !endsSentence(s.tokens[mention.last + 1])) continue;
      if (mention.entries.some((e) => call.mention.entries.includes(e))) continue;
      extra.push({ first: k, last: mention.last, mention, lang: 'de', stance: 'for', form: 'generic' });
      break;
    }
  }
  calls.push(...extra);
}

/** "Die SPD ist unwählbar", "… ist nicht wählbar" (not "für mich"): a judgement against. */
function judgementDe(s: Sentence, i: number, calls: Call[]): void {
  const key = s.key(i);
  const unelectable = DE.unelectable.has(key);
  if (!unelectable && !DE.electable.has(key)) return;
  const sentence = s.sentenceStart(i);
  let negated = unelectable;
  let mention: Mention | undefined;
  for (let k = i - 1; k >= sentence && k >= i - 8; k--) {
    const word = s.key(k);
    if (word === 'fuer' && (s.key(k + 1) === 'mich' || s.key(k + 1) === 'uns')) return;
    if (word === 'nicht' || word === 'kaum') negated = unelectable ? negated : true;
    const found = s.endingAt[k];
    if (found !== undefined && !found.nextToVoteOnly) {
      mention = found;
      break;
    }
  }
  // "Soziale Gerechtigkeit ist wählbar! #Linke": the party tagged right after the slogan.
  const close = s.sentenceEnd(i);
  if (mention === undefined && s.tokens[close]?.raw === '!' && s.tokens[close + 1]?.kind === 'hashtag') mention = s.mentions[close + 1];
  if (mention === undefined || mention.nextToVoteOnly || s.isQuestion(i)) return;
  if (!negated && s.tokens[close]?.raw !== '!') return;
  if (mention.first > i) {
    calls.push({ first: i, last: mention.last, mention, lang: 'de', stance: 'for', form: 'judgement' });
    return;
  }
  calls.push({ first: withDeterminer(s, mention.first), last: i, mention, lang: 'de', stance: negated ? 'against' : 'for', form: 'judgement' });
}

// ---------------------------------------------------------------------------------------------
// English constructions

/**
 * "Vote Republican", "vote for Biden", "We must vote Trump", "never vote Democrat", "Don't vote
 * for Biden", "vote them out", "Let's vote blue": an imperative opening its clause or a vote
 * after must/should/need to/let's. "He voted for Trump" and "I will vote for …" are reports or
 * declarations, not calls.
 */
function voteEn(s: Sentence, i: number, calls: Call[]): void {
  const key = s.key(i);
  let gerund = false;
  let k = i + 1;
  if (EN.gerunds.has(key)) gerund = true;
  else if (key === 'write' && s.key(i + 1) === 'in') k = i + 2; // "Write in Bernie!"
  else if (!EN.votes.has(key)) return;
  let against = false;
  while (EN.voteAdverbs.has(s.key(k)) && k < i + 3) k++;
  // "vote this November for Trump": a time adverbial before the target.
  if (EN.timeLinks.has(s.key(k)) && EN.times.has(s.key(k + 1)) && (EN.voteFor.has(s.key(k + 2)) || EN.voteAgainst.has(s.key(k + 2)))) k += 2;
  if (EN.voteFor.has(s.key(k))) k++;
  else if (EN.voteAgainst.has(s.key(k))) {
    against = true;
    k++;
  }
  while (['the', 'straight', 'a', 'all', 'these', 'those', 'this', 'every', 'each', 'any'].includes(s.key(k)) && k < i + 5) k++;
  let mention = s.mentions[k];
  // "Vote them out": the party named nearest in the comment ("Kick the Tories out! Vote them out").
  let pronoun: 'out' | 'person' | undefined;
  const plainNoun = s.tokens[k]?.kind === 'word' && k > i + 1 && ['these', 'those', 'the', 'all'].includes(s.key(k - 1)) && s.key(k + 1) === 'out';
  if (mention === undefined && (s.key(k) === 'them' || s.key(k) === 'him' || s.key(k) === 'her' || plainNoun) && (s.key(k + 1) === 'out' || (s.key(k + 1) === 'all' && s.key(k + 2) === 'out'))) {
    // "Vote him out! Obama has to go.", "Vote these clowns out": the one named nearest, before or after.
    mention = nearestMention(s, k);
    pronoun = 'out';
  } else if (mention === undefined && (s.key(k) === 'him' || s.key(k) === 'her') && k > i + 1) {
    // "Vote for him": the candidate named last before it.
    const named = nearestMention(s, i, false);
    if (named?.entries.some((e) => e.kind === 'candidate')) [mention, pronoun] = [named, 'person'];
  }
  if (mention === undefined || (mention.nextToVoteOnly && k !== i + 1)) return;
  let last = pronoun === 'out' ? (s.key(k + 1) === 'out' ? k + 1 : k + 2) : pronoun === 'person' ? k : mention.last;
  if (s.key(last + 1) === 'out' || s.key(last + 1) === 'off') {
    against = true;
    last += 1;
  }
  if (pronoun === 'out') against = true;
  // "Vote for Hillary? Never!": a question the writer answers at once.
  if (s.isQuestion(i) && i === s.sentenceStart(i) && !gerund && EN.answersAgainst.has(s.key(s.sentenceEnd(i) + 1))) {
    calls.push({ first: i, last: answerLast(s, i), mention, lang: 'en', stance: against ? 'for' : 'against', form: 'question' });
    return;
  }
  if (s.isQuestion(i) || s.isReported(i)) return;
  let negated = false;
  let first = i;
  // "Re-elect Obama"
  const reelect = key === 'elect' && s.key(i - 1) === '-' && s.key(i - 2) === 're';
  if (reelect) first = i - 2;
  let accepted = false;
  const clause = s.clauseStart(i);
  if (gerund) {
    const verb = s.key(i - 1);
    if (EN.gerundsAgainst.has(verb)) [negated, accepted, first] = [true, true, i - 1];
    else if (EN.gerundsFor.has(verb)) [accepted, first] = [true, i - 1];
    else if (i === clause && EN.genericSubjects.has(s.key(last + 1)) === false && ['is', 'means', 'will'].includes(s.key(last + 1))) {
      calls.push({ first: i, last, mention, lang: 'en', stance: 'against', form: 'generic' });
      return;
    } else return;
  } else {
    let joined = false;
    let appeal = false;
    let modalAt = -1;
    for (let j = first - 1; j >= clause && !accepted; j--) {
      if (j < first - MAX_LEADS) return;
      const word = s.key(j);
      // "show up and vote Democrat": a verb phrase joined by "and" may stand before it.
      if (word === 'and') {
        joined = true;
        continue;
      }
      const before = s.key(j - 1);
      if (EN.negations.has(word)) {
        negated = true;
        first = before === 'do' && word === 'not' ? j - 1 : j;
      } else if (EN.modalsCall.has(word)) {
        accepted = true;
        modalAt = j;
      } else if (word === 'to' && EN.modalsBeforeTo.has(before)) {
        accepted = true;
        modalAt = j - 1;
        // "I want to vote for X" is one's own plan.
        if (before === 'want' && ['i', 'we'].includes(s.key(j - 2))) return;
      } else if (word === 'us' && before === 'let') {
        accepted = true;
      } else if (word === 'to' && [s.key(j - 2), s.key(j - 3), s.key(j - 4)].some((w) => EN.urges.has(w))) {
        // "I urge everyone to vote for X": the writer's appeal.
        accepted = true;
        appeal = true;
      } else if (EN.blockers.has(word)) {
        return;
      } else if (!EN.leads.has(word) && !joined) {
        return;
      }
    }
    if (joined && !accepted && !leadsOnly(s, clause, imperativeStart(s, first, new Set(['and'])) - 1, EN.leads) && !EN.imperativeOpeners.has(s.key(clause))) return;
    if (accepted && !appeal) {
      for (let j = Math.max(clause, i - MAX_LEADS); j < i; j++) if (['i', "i'm", 'im', 'he', 'she', 'they'].includes(s.key(j))) return;
    }
    // "Nobody should vote for Trump", "No one must vote for …": the subject negates the modal.
    const subject = s.key(modalAt - 1);
    if (modalAt > 0 && (EN.negatingSubjects.has(subject) || (subject === 'one' && s.key(modalAt - 2) === 'no'))) negated = !negated;
  }
  const form: CallForm = accepted && !gerund ? 'modal' : 'imperative';
  pushWithCoordinates(s, calls, { first, last, mention, lang: 'en', stance: flip(against ? 'against' : 'for', negated), form });
}

/**
 * "Anyone who votes for Hillary is …", "If you vote for Trump you …", "Any citizen voting for X",
 * "A vote for Jill Stein is a vote for Trump": generic conditionals, against unless the judgement praises.
 */
/** The mention nearest to token `k`, before it first, then (with `after`) after it in the same sentence. */
function nearestMention(s: Sentence, k: number, after = true): Mention | undefined {
  for (let j = k - 1; j >= 0 && j >= k - 40; j--) {
    const mention = s.endingAt[j] ?? s.handleAt[j];
    if (mention !== undefined && !mention.nextToVoteOnly) return mention;
  }
  if (!after) return undefined;
  // "Vote them out! The Democrats ruined …": the antecedent may follow in the next sentence.
  const end = Math.min(s.tokens.length, k + 40);
  for (let j = k + 1; j < end; j++) {
    const mention = s.mentions[j];
    if (mention !== undefined && !mention.nextToVoteOnly) return mention;
  }
  return undefined;
}

function genericEn(s: Sentence, i: number, calls: Call[]): void {
  const key = s.key(i);
  let k: number;
  if (key === 'if' && s.key(i + 1) === 'you') k = i + 2;
  else if (EN.genericSubjects.has(key)) {
    k = i + 1;
    if (EN.genericRelatives.has(s.key(k))) k++;
    else if (s.key(k) === 'voting') {
      // "Anybody voting Labour after this …"
    } else if (key === 'any' || key === 'those' || key === 'people' || key === 'everyone') {
      while (s.tokens[k]?.kind === 'word' && !EN.votes.has(s.key(k)) && !['votes', 'voting', 'voted'].includes(s.key(k)) && k < i + 4) {
        // "Everyone must vote Republican" is a modal call, read by voteEn.
        if (EN.modalsCall.has(s.key(k)) || EN.blockers.has(s.key(k)) || EN.speechVerbs.has(s.key(k))) return;
        k++;
      }
    } else if (key !== 'whoever') return;
  } else if (EN.ballotArticles.has(key) && EN.ballots.has(s.key(i + 1)) && ['for', 'against'].includes(s.key(i + 2))) {
    const mention = s.mentions[i + 3] ?? (s.key(i + 3) === 'the' ? s.mentions[i + 4] : undefined);
    if (mention === undefined || mention.nextToVoteOnly) return;
    if (!['is', 'means', 'equals'].includes(s.key(mention.last + 1)) || i !== s.clauseStart(i)) return;
    // Said of one person's choice ("that is a vote for Hillary") it is a claim: only a generic subject counts.
    const stance: Stance = s.key(i + 2) === 'against' ? 'for' : 'against';
    calls.push({ first: i, last: mention.last, mention, lang: 'en', stance, form: 'generic' });
    return;
  } else return;
  while (['still', 'ever', 'actually', 'really', 'even', 'would', 'will', 'can', 'could'].includes(s.key(k))) k++;
  const verb = s.key(k);
  if (!['vote', 'votes', 'voting', 'voted', 'elect', 'supports', 'support'].includes(verb)) return;
  let j = k + 1;
  let against = false;
  if (s.key(j) === 'for') j++;
  else if (s.key(j) === 'against') [against, j] = [true, j + 1];
  if (s.key(j) === 'the') j++;
  const mention = s.mentions[j];
  if (mention === undefined || (mention.nextToVoteOnly && j !== k + 1)) return;
  if (s.isQuestion(i)) return;
  const end = s.sentenceEnd(i);
  let praised = false;
  for (let p = mention.last + 1; p < end && p <= mention.last + 8; p++) if (EN.praise.has(s.key(p))) praised = true;
  for (let p = mention.last + 1; p < end && p <= mention.last + 8; p++) if (EN.negations.has(s.key(p))) praised = false;
  calls.push({ first: i, last: mention.last, mention, lang: 'en', stance: flip(praised ? 'for' : 'against', against), form: 'generic' });
}

/** Whether a candidate stands in an election in `year`; parties, and candidates without years, always. */
function standsIn(mention: Mention, year: string): boolean {
  return mention.entries.some((e) => e.electionYears === undefined || e.electionYears.includes(Number(year)));
}

/** "Trump 2016!", "TRUMP / PENCE 2016", "Vote DemoKKKrat 2016", "#Trump2016": slogans of a name and a year. */
function sloganYear(s: Sentence, i: number, calls: Call[]): void {
  const token = s.tokens[i]!;
  if (token.kind !== 'number' || !isElectionYear(token.key)) return;
  if (s.key(i - 1) === 'in') return;
  let mention = s.endingAt[i - 1];
  // A ticket: "TRUMP / PENCE 2016", "Harris/Walz 2024": the head of the ticket is the candidate.
  while (mention !== undefined && EN.tickets.has(s.key(mention.first - 1)) && s.endingAt[mention.first - 2] !== undefined) mention = s.endingAt[mention.first - 2];
  if (mention === undefined || mention.nextToVoteOnly || !standsIn(mention, token.key)) return;
  const entry = pick(mention, 'en');
  if (LANGUAGE_OF[entry.country] !== 'en' && entry.kind !== 'candidate') return;
  let first = mention.first;
  if (EN.votes.has(s.key(first - 1))) first -= 1;
  if (!leadsOnly(s, s.sentenceStart(first), first, EN.leads)) return;
  // The slogan ends its sentence or goes on with another year ("Trump 2016 & 2020"); "Hillary 2016 bumper stickers" is a mention.
  let last = i;
  while (EN.tickets.has(s.key(last + 1)) && isElectionYear(s.key(last + 2))) last += 2;
  const next = s.tokens[last + 1];
  if (next !== undefined && !endsClause(next) && next.raw !== '-' && next.kind !== 'hashtag' && !['baby', 'folks', 'people'].includes(next.key)) return;
  calls.push({ first, last, mention, lang: 'en', stance: mention.mocking ? 'against' : 'for', form: 'slogan' });
}

/** "Bernie for President!", "Hillary for president 2016": a candidate's slogan of its own sentence. */
function forOffice(s: Sentence, i: number, calls: Call[]): void {
  // "Hillary for prison 2016": the parody of the slogan is a call against (GUIDE, RULES-en 1).
  const mockOffice = EN.mockOffices.has(s.key(i + 1));
  if (s.key(i) !== 'for' || (!EN.offices.has(s.key(i + 1)) && !mockOffice)) return;
  const mention = s.endingAt[i - 1];
  if (mention === undefined || mention.nextToVoteOnly || !mention.entries.some((e) => e.kind === 'candidate')) return;
  if (!leadsOnly(s, s.sentenceStart(mention.first), mention.first, EN.leads)) return;
  let last = i + 1;
  if (isElectionYear(s.key(last + 1))) last += 1;
  if (!endsClause(s.tokens[last + 1]) && s.tokens[last + 1]?.kind !== 'hashtag') return;
  calls.push({ first: mention.first, last, mention, lang: 'en', stance: mention.mocking || mockOffice ? 'against' : 'for', form: 'slogan' });
}

/** "Don't waste your vote on Johnson": a call against the one named. */
function wastedVoteEn(s: Sentence, i: number, calls: Call[]): void {
  if (s.key(i) !== 'waste' || !['your', 'a', 'the', 'our'].includes(s.key(i + 1)) || !EN.ballots.has(s.key(i + 2)) || s.key(i + 3) !== 'on') return;
  const mention = s.mentions[i + 4] ?? (['the', 'a'].includes(s.key(i + 4)) ? s.mentions[i + 5] : undefined);
  if (mention === undefined || mention.nextToVoteOnly || s.isQuestion(i) || s.isReported(i)) return;
  const before = s.key(i - 1);
  const first = EN.negations.has(before) ? i - 1 : i;
  if (!leadsOnly(s, s.clauseStart(first), first, EN.leads)) return;
  calls.push({ first, last: mention.last, mention, lang: 'en', stance: 'against', form: 'imperative' });
}

// ---------------------------------------------------------------------------------------------
// Hashtags

const HASHTAG_PREFIX_FOR = ['waehlt', 'waehle', 'waehl', 'jetzt', 'einfach', 'nur', 'bitte', 'votefor', 'vote', 'voting', 'elect', 'reelect', 'go'];
const HASHTAG_PREFIX_AGAINST = ['niewieder', 'niemalswieder', 'niemehr', 'keinestimmefuer', 'keinestimmeder', 'nevervote', 'neveragain', 'never', 'nomore', 'voteout', 'votethemout', 'abwaehlen', 'wegmit'];
const HASHTAG_SUFFIX_FOR = ['waehlen', 'waehlt', 'wahl', 'voten'];
const HASHTAG_SUFFIX_AGAINST = ['abwaehlen', 'wegwaehlen', 'raus', 'out'];

/** "#AfDwählen", "#WählBSW", "#NieWiederCDU", "#VoteBlue", "#Trump2016"; "wählt #AfD" is read as an imperative. */
function hashtagCall(s: Sentence, i: number, calls: Call[]): void {
  const token = s.tokens[i]!;
  if (token.kind !== 'hashtag') return;
  const body = token.key;
  const year = /(?:19|20)\d\d$/u.exec(body);
  const stem = year === null ? body : body.slice(0, year.index);
  for (const [prefixes, prefixAgainst] of [[HASHTAG_PREFIX_AGAINST, true], [HASHTAG_PREFIX_FOR, false], [[''], false]] as const) {
    for (const prefix of prefixes) {
      if (!stem.startsWith(prefix)) continue;
      const rest = stem.slice(prefix.length);
      for (const [suffixes, suffixAgainst] of [[HASHTAG_SUFFIX_AGAINST, true], [HASHTAG_SUFFIX_FOR, false], [[''], false]] as const) {
        for (const suffix of suffixes) {
          if (!rest.endsWith(suffix) || rest.length === suffix.length) continue;
          const name = rest.slice(0, rest.length - suffix.length);
          if (prefix === '' && suffix === '' && year === null) continue;
          // "#KeineStimmeFürDieAfD", "#WähltDieGrünen": an article inside the tag.
          const aliases = s.politics.byJoined.get(name) ?? (prefix !== '' ? s.politics.byJoined.get(name.replace(/^(?:die|der|den|the)/u, '')) : undefined);
          if (aliases === undefined) continue;
          const mention = toMention(i, i, aliases);
          if (year !== null && prefix === '' && suffix === '' && mention.entries.every((e) => e.kind !== 'candidate')) continue;
          if (year !== null && !standsIn(mention, year[0])) continue;
          const lang: Lang = /waehl|wahl|nie|kein|jetzt|einfach|nur|bitte|wegmit|raus/u.test(prefix + suffix) ? 'de' : 'en';
          const against = prefixAgainst !== suffixAgainst || mention.mocking;
          calls.push({ first: i, last: i, mention, lang, stance: against ? 'against' : 'for', form: 'hashtag' });
          return;
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** "X wählen statt Y", "lieber X als Y": the alternative after a call is a call against it. */
function alternatives(s: Sentence, calls: Call[]): void {
  const extra: Call[] = [];
  for (const call of calls) {
    if (call.stance !== 'for' || call.lang !== 'de') continue;
    // "NPD wählen, statt die AfD": the comma does not end the alternative.
    const end = Math.min(s.sentenceEnd(call.last), call.last + 10);
    for (let k = call.last + 1; k < end && k <= call.last + 4; k++) {
      if (!DE.alternatives.has(s.key(k)) && !(DE.alternativeTypos.has(s.key(k)) && s.tokens[k]!.raw === s.key(k))) continue;
      if (s.key(k) === 'als' && !(s.key(call.first) === 'lieber' || s.key(call.first - 1) === 'lieber' || s.key(call.first - 2) === 'lieber')) continue;
      for (let j = k + 1; j < end && j <= k + 5; j++) {
        const other = s.mentions[j];
        if (other === undefined) continue;
        // The evidence starts at the vote verb when the call ends with it: "wählen, statt die AfD".
        const verbLast = call.last > call.mention.last && s.tokens[call.last]?.kind === 'word';
        if (!other.nextToVoteOnly) extra.push({ first: verbLast ? call.last : k, last: other.last, mention: other, lang: 'de', stance: 'against', form: 'alternative' });
        break;
      }
      break;
    }
    // "NPD wählen …, statt die AfD": before the call too ("statt die AfD lieber die NPD wählen").
  }
  calls.push(...extra);
}

export interface VoteCallFinding extends Finding {
  code: 'text.vote_call';
}

/** Expands a call on a coalition to its members and names the party and candidate of the call. */
function toFindings(s: Sentence, call: Call): Finding[] {
  const entry = pick(call.mention, call.lang);
  const start = s.tokens[call.first]!.start;
  const end = s.tokens[call.last]!.end;
  const stance: Stance = call.mention.mocking ? 'against' : call.stance;
  const targets = entry.kind === 'coalition' ? (entry.members ?? []).map((id) => s.politics.byId.get(id)).filter((e): e is PartyEntry => e !== undefined) : [entry];
  return targets.map((target) => {
    const party = target.kind === 'candidate' && target.party !== undefined ? s.politics.byId.get(target.party) : undefined;
    const details: Record<string, unknown> = { party: (party ?? target).name, stance, country: target.country, form: call.form };
    if (target.kind === 'candidate') details.candidate = target.name;
    if (entry.kind === 'coalition') details.coalition = entry.name;
    return { code: 'text.vote_call' as const, severity: VOTE_CALL_SEVERITY, start, end, details };
  });
}

/**
 * Finds calls to vote for or against a party or candidate, in German and English
 * (`text.vote_call`, severity 0.55, `details: { party, stance, country, form, candidate?, coalition? }`).
 *
 * The comment is read as tokens, and each vote word is checked against the constructions of a
 * small grammar: imperatives, slogan infinitives, modals, generic conditionals that judge the
 * voters, ballot nouns, "nie wieder" slogans, modal passives, name-and-year slogans and hashtags
 * (see data/eval/GUIDE.md for what counts as a call). Reports, predictions, one's own vote, open
 * questions and reported speech are not calls. One call per party per sentence. Linear in the
 * text: each construction looks at a bounded window around its vote word.
 */
export function detectVoteCalls(text: string, politics: CompiledPolitics): Finding[] {
  if (!mayHoldCall(text)) return [];
  const s = new Sentence(text, politics);
  const calls: Call[] = [];
  for (let i = 0; i < s.tokens.length; i++) {
    const token = s.tokens[i]!;
    if (token.kind === 'hashtag') {
      hashtagCall(s, i, calls);
      if (s.mentions[i] === undefined) continue;
    }
    if (token.kind === 'number') {
      sloganYear(s, i, calls);
      continue;
    }
    if (token.kind !== 'word') continue;
    imperativeDe(s, i, calls);
    infinitiveDe(s, i, calls);
    genericDe(s, i, calls);
    ballotDe(s, i, calls);
    neverAgain(s, i, calls, 'de');
    neverAgain(s, i, calls, 'en');
    passiveDe(s, i, calls);
    judgementDe(s, i, calls);
    electionNounDe(s, i, calls);
    voteEn(s, i, calls);
    genericEn(s, i, calls);
    forOffice(s, i, calls);
    wastedVoteEn(s, i, calls);
  }
  alternatives(s, calls);
  concluded(s, calls);
  return dedupe(s, calls).flatMap((call) => toFindings(s, call));
}

/** One call per party per sentence: the first found in text order, the longest at the same place. */
function dedupe(s: Sentence, calls: readonly Call[]): Call[] {
  const sorted = [...calls].sort((a, b) => a.first - b.first || b.last - a.last);
  const seen = new Set<string>();
  const kept: Call[] = [];
  for (const call of sorted) {
    const key = `${s.sentenceStart(call.first)}:${pick(call.mention, call.lang).id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(call);
  }
  return kept;
}

