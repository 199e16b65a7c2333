import type { Finding } from '../types.js';
import { PARTIES, type PartyEntry } from './parties.js';
import { countCaptureGroups, foldKey, foldUmlauts, literalToPattern } from './pattern-source.js';
import { RHETORIC_TERMS, type RhetoricTerm } from './rhetoric-terms.js';

/*
 * A vote call is legitimate political speech, but news sites often hold it for review during
 * election periods: moderate evidence, below what a policy would reject on alone.
 */
const VOTE_CALL_SEVERITY = 0.55;

type Stance = 'for' | 'against';

interface VoteCall {
  start: number;
  end: number;
  entry: PartyEntry;
  stance: Stance;
}

interface AliasEntry {
  entry: PartyEntry;
  /** Set for case-sensitive aliases: the spelling that must match exactly. */
  exact?: string;
}

const PARTY_BY_ID: ReadonlyMap<string, PartyEntry> = new Map(PARTIES.map((entry) => [entry.id, entry]));

function collectAliases(): { byKey: Map<string, AliasEntry[]>; byHashtagKey: Map<string, AliasEntry[]>; patterns: string[]; hashtagPatterns: string[] } {
  const byKey = new Map<string, AliasEntry[]>();
  const byHashtagKey = new Map<string, AliasEntry[]>();
  const patterns = new Set<string>();
  const hashtagPatterns = new Set<string>();
  const register = (map: Map<string, AliasEntry[]>, key: string, alias: AliasEntry): void => {
    const list = map.get(key) ?? [];
    list.push(alias);
    map.set(key, list);
  };
  for (const entry of PARTIES) {
    const spellings: [string, boolean][] = [
      ...entry.aliases.map((alias): [string, boolean] => [alias, false]),
      ...(entry.caseSensitiveAliases ?? []).map((alias): [string, boolean] => [alias, true]),
    ];
    for (const [alias, caseSensitive] of spellings) {
      const aliasEntry: AliasEntry = caseSensitive ? { entry, exact: alias } : { entry };
      register(byKey, foldKey(alias), aliasEntry);
      patterns.add(literalToPattern(alias));
      if (!caseSensitive && /^[\p{L}\d ]+$/u.test(alias)) {
        const joined = alias.replace(/ /g, '');
        register(byHashtagKey, foldKey(joined), aliasEntry);
        hashtagPatterns.add(literalToPattern(joined));
      }
    }
  }
  const longestFirst = (a: string, b: string): number => b.length - a.length || a.localeCompare(b);
  return { byKey, byHashtagKey, patterns: [...patterns].sort(longestFirst), hashtagPatterns: [...hashtagPatterns].sort(longestFirst) };
}

const ALIASES = collectAliases();

const PARTY = String.raw`(?<party>${ALIASES.patterns.join('|')})(?![\p{L}\p{N}])`;
const ARTICLE = String.raw`(?:(?:die|den|der|das|dem)\s{1,3})?`;
/** Up to three words between the verb and the party ("wählt bloß nicht die AfD"); checked in code. */
const GAP = String.raw`(?<gap>(?:[\p{L}\p{M}'’]{1,24}\s{1,3}){0,3}?)`;

/*
 * Every vote call contains one of these words, so one scan for them is the prefilter; the
 * patterns around each hit run anchored (sticky) at that position only, which keeps the whole
 * detector linear: each hit costs a bounded amount of work.
 */
const TRIGGER = new RegExp(
  foldUmlauts(
    String.raw`(?<![\p{L}\p{M}\p{N}])(?:(?<waehl>wähl(?:en|et|t|e)?)|(?<stimm>(?:zweit|erst)?stimm(?:e|t))|(?<kreuz>kreuz(?:chen)?)|(?<vote>vote))(?![\p{L}\p{M}\p{N}])|(?<hash>#)(?=[\p{L}\p{N}])`,
  ),
  'giu',
);
/** The same words as plain literals: far cheaper to search for, so most comments stop here. */
const TRIGGER_HINT = /w(?:ä|ae|a\u0308)hl|stimm|kreuz|vote|#/i;
/** "wählt die Grünen", "wähle nie wieder SPD": after an imperative. */
const AFTER_IMPERATIVE = new RegExp(String.raw`\s{1,3}${GAP}${ARTICLE}${PARTY}`, 'dyiu');
/** "Wählen Sie AfD": the polite imperative. */
const AFTER_POLITE_IMPERATIVE = new RegExp(String.raw`\s{1,3}sie\s{1,3}${GAP}${ARTICLE}${PARTY}`, 'dyiu');
/** "… AfD wählen": the party right before an infinitive, read backwards from the verb. */
const BEFORE_INFINITIVE = new RegExp(
  String.raw`(?<=(?<![\p{L}\p{N}])(?<article>(?:die|den|der|das)\s{1,3})?(?<party>${ALIASES.patterns.join('|')})\s{1,3})`,
  'dyiu',
);
const AFTER_BALLOT_VOTE = new RegExp(foldUmlauts(String.raw`\s{1,3}(?<dir>für|gegen)\s{1,3}`) + ARTICLE + PARTY, 'dyiu');
const AFTER_BALLOT_CROSS = new RegExp(foldUmlauts(String.raw`\s{1,3}(?:bei|für|an)\s{1,3}`) + ARTICLE + PARTY, 'dyiu');
const AFTER_VOTE = new RegExp(
  String.raw`\s{1,3}(?:(?:straight|early|only|just|again|proudly)\s{1,3})?(?:(?<dir>for|against|out)\s{1,3})?(?:the\s{1,3})?${PARTY}(?<out>\s{1,3}out(?![\p{L}\p{N}]))?`,
  'dyiu',
);
const HASHTAG = new RegExp(
  foldUmlauts(String.raw`#(?<pre>einfach|jetzt|nur|bitte|wählt|wähle|votefor|vote|niemalswieder|niewieder|neveragain|nevervote|never|nomore|keine|kein)?`) +
    String.raw`(?<party>${ALIASES.hashtagPatterns.join('|')})` +
    foldUmlauts(String.raw`(?<post>wählen|wählt)?\d{0,4}(?![\p{L}\p{N}_])`),
  'yiu',
);

/** Words, folded with foldKey, that the context rules below recognise. */
const NEGATIONS_DE = new Set(['nicht', 'nie', 'niemals', 'kein', 'keine', 'keinen', 'keiner', 'keinesfalls', 'nimmer']);
const FILLERS_DE = new Set([
  'also', 'bitte', 'einfach', 'jetzt', 'endlich', 'nur', 'noch', 'unbedingt', 'deshalb', 'darum', 'daher', 'drum',
  'deswegen', 'am', 'im', 'sonntag', 'und', 'doch', 'lieber', 'ja', 'bloss', 'blos', 'wieder', 'mehr', 'auf', 'fall',
  'gar', 'auch', 'alle', 'diesmal', 'gleich', 'sofort', 'leute', 'wirklich', 'ruhig', 'mal', 'bei', 'beim', 'der',
  'naechsten', 'naechste', 'wahl', 'dann', 'so', 'nun', 'eben', 'halt', 'schon', 'erst', 'recht', 'gerade', 'september',
  'oktober', 'februar', 'maerz', 'mai', 'juni', 'herbst', 'fruehjahr',
]);
/** Words that may open an imperative clause: "Also Leute, wählt …", "Bitte wählt …". */
const LEADS_DE = new Set([
  'also', 'bitte', 'leute', 'deshalb', 'darum', 'daher', 'drum', 'deswegen', 'einfach', 'jetzt', 'und', 'nur', 'doch',
  'endlich', 'liebe', 'lieben', 'freunde', 'buerger', 'mitbuerger', 'landsleute', 'am', 'sonntag', 'ja', 'nun', 'so',
  'dann', 'folglich', 'alle', 'ruhig', 'lieber',
]);
/** Determiners before "Stimme"/"Kreuz" that make it an appeal ("Deine Stimme für …", "Kein Kreuz bei …"). */
const BALLOT_DETERMINERS = new Set(['deine', 'eure', 'ihre', 'eine', 'beide', 'dein', 'euer', 'ihr', 'das', 'ein', 'kein', 'keine', 'keinen']);
const MODALS_DE = new Set(['muessen', 'muss', 'muesst', 'musst', 'sollten', 'sollte', 'solltet', 'solltest', 'sollen', 'soll', 'sollt']);
/** "dürfen" calls only when negated: "Wir dürfen nie wieder SPD wählen", not "Man darf AfD wählen". */
const PERMISSIONS_DE = new Set(['duerfen', 'darf', 'duerft', 'darfst']);
const SUBJECTS_DE = new Set(['wir', 'ihr', 'man', 'sie', 'du', 'alle', 'jeder', 'jede', 'leute', 'deutschland']);
const NEGATING_SUBJECTS_DE = new Set(['niemand', 'keiner', 'keine']);
const NEGATIONS_EN = new Set(['not', 'never', "don't", 'dont', "do'nt"]);
const FILLERS_EN = new Set([
  'please', 'so', 'just', 'all', 'everyone', 'everybody', 'folks', 'guys', 'people', 'and', 'now', 'go', 'out', 'get',
  'again', 'always', 'america', 'americans', 'friends', 'patriots', 'then', 'therefore', 'only', 'definitely',
  'absolutely', 'simply', 'today', 'ever', 'do', 'this', 'time', 'november', 'in',
]);
const MODALS_EN = new Set(['must', 'should', 'shall', 'gotta', "let's", 'lets']);
const MODALS_BEFORE_TO_EN = new Set(['need', 'needs', 'have', 'has', 'got', 'ought']);

/** Cheap membership tests on a single character, used only around trigger words. */
const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}'’]$/u;
const MAX_WORD_LENGTH = 40;

interface ContextWord {
  word: string;
  start: number;
}

function isBlank(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0xa0 || unit === 0x202f || (unit >= 0x2000 && unit <= 0x200a);
}

function isWordCharacter(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit < 0x80) {
    return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x30 && unit <= 0x39) || unit === 0x27;
  }
  return WORD_CHARACTER.test(text.charAt(index));
}

function isAsciiDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

/**
 * Reads up to `max` words before `position` within the same clause: punctuation, line breaks and
 * anything else that is not a word end a clause, except the full stop of a one- or two-digit
 * ordinal ("am 23. Februar"); a year ("2024.") still ends a sentence. `clauseStart` tells whether
 * the clause start was reached, rather than the word limit.
 */
function readWordsBack(text: string, position: number, max: number): { words: ContextWord[]; clauseStart: boolean } {
  const words: ContextWord[] = [];
  let i = position;
  while (words.length < max) {
    while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
    if (i === 0) return { words, clauseStart: true };
    const end = i;
    if (text.charCodeAt(i - 1) === 0x2e) {
      i--;
      while (i > 0 && end - 1 - i < 2 && isAsciiDigit(text.charCodeAt(i - 1))) i--;
      const digits = end - 1 - i;
      if (digits === 0 || (i > 0 && isWordCharacter(text, i - 1))) return { words, clauseStart: true };
    } else {
      while (i > 0 && end - i < MAX_WORD_LENGTH && isWordCharacter(text, i - 1)) i--;
      if (i === end) return { words, clauseStart: true };
      if (end - i >= MAX_WORD_LENGTH) return { words, clauseStart: false };
    }
    words.push({ word: foldKey(text.slice(i, end)), start: i });
  }
  return { words, clauseStart: false };
}

function skipBlanks(text: string, position: number): number {
  let i = position;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function isQuestionAfter(text: string, position: number): boolean {
  const next = text.charCodeAt(skipBlanks(text, position));
  return next === 0x3f || next === 0xff1f;
}

function resolveParty(written: string, byKey: ReadonlyMap<string, AliasEntry[]>): PartyEntry | null {
  const candidates = byKey.get(foldKey(written));
  if (candidates === undefined) return null;
  const asWritten = written.replace(/\s+/gu, ' ');
  for (const alias of candidates) {
    if (alias.exact === undefined || alias.exact === asWritten) return alias.entry;
  }
  return null;
}

function groupSpan(match: RegExpExecArray, name: string): [number, number] | undefined {
  return match.indices?.groups?.[name];
}

function wordsOf(gap: string | undefined): string[] {
  return gap === undefined ? [] : gap.split(/\s+/u).filter((word) => word !== '').map(foldKey);
}

/** Whether a German word list (in text order) negates: "nicht nur" ("not only") does not. */
function isNegatedDe(words: readonly string[]): boolean {
  return words.some((word, k) => NEGATIONS_DE.has(word) && !(word === 'nicht' && words[k + 1] === 'nur'));
}

/**
 * "Wählt die Grünen", "Wähle nie wieder SPD", "Wählen Sie AfD" and, with `subject`, "Wir wählen
 * AfD!": an imperative or a hortative opening its clause, the party within three filler words.
 */
function matchImperative(text: string, verbStart: number, verbEnd: number, after: RegExp, subject?: string): VoteCall | null {
  const context = readWordsBack(text, verbStart, 4);
  const leads = subject === undefined ? context.words : context.words.slice(1);
  if (subject !== undefined && context.words[0]?.word !== subject) return null;
  if (!context.clauseStart || !leads.every(({ word }) => LEADS_DE.has(word))) return null;
  after.lastIndex = verbEnd;
  const match = after.exec(text);
  const partySpan = match === null ? undefined : groupSpan(match, 'party');
  if (match === null || partySpan === undefined) return null;
  const gap = wordsOf(match.groups?.gap);
  if (!gap.every((word) => FILLERS_DE.has(word) || NEGATIONS_DE.has(word))) return null;
  const entry = resolveParty(text.slice(partySpan[0], partySpan[1]), ALIASES.byKey);
  if (entry === null || isQuestionAfter(text, partySpan[1])) return null;
  const start = subject === undefined ? verbStart : (context.words[0]?.start ?? verbStart);
  return { start, end: partySpan[1], entry, stance: isNegatedDe(gap) ? 'against' : 'for' };
}

/**
 * "WIR MÜSSEN AfD WÄHLEN", "Ihr solltet keinesfalls AfD wählen": a modal before the party; or a
 * slogan that is a clause of its own: "AfD wählen!", "Nie wieder SPD wählen.", "Bitte nicht die AfD
 * wählen". Predictions and reports ("30 % würden AfD wählen", "Die Leute werden AfD wählen") have
 * neither and are not calls; nor are questions ("Warum sollte man AfD wählen?").
 */
function matchInfinitive(text: string, verbStart: number, verbEnd: number): VoteCall | null {
  BEFORE_INFINITIVE.lastIndex = verbStart;
  const match = BEFORE_INFINITIVE.exec(text);
  const partySpan = match === null ? undefined : groupSpan(match, 'party');
  if (match === null || partySpan === undefined) return null;
  const entry = resolveParty(text.slice(partySpan[0], partySpan[1]), ALIASES.byKey);
  if (entry === null || isQuestionAfter(text, verbEnd)) return null;
  const phraseStart = groupSpan(match, 'article')?.[0] ?? partySpan[0];

  const { words, clauseStart } = readWordsBack(text, phraseStart, 8);
  let negated = false;
  let start = phraseStart;
  for (let k = 0; k < words.length; k++) {
    const current = words[k];
    if (current === undefined) break;
    const { word } = current;
    const before = words[k + 1];
    const isModal = MODALS_DE.has(word) || PERMISSIONS_DE.has(word);
    const isLetUs = word === 'uns' && before !== undefined && ['lasst', 'lass', 'lasset'].includes(before.word);
    if (isModal || isLetUs) {
      let callStart = isLetUs && before !== undefined ? before.start : current.start;
      const subject = isLetUs ? undefined : before;
      if (subject !== undefined && (SUBJECTS_DE.has(subject.word) || NEGATING_SUBJECTS_DE.has(subject.word))) {
        callStart = subject.start;
        if (NEGATING_SUBJECTS_DE.has(subject.word)) negated = !negated;
      }
      if (PERMISSIONS_DE.has(word) && !negated) return null;
      return { start: callStart, end: verbEnd, entry, stance: negated ? 'against' : 'for' };
    }
    if (NEGATIONS_DE.has(word)) {
      if (!(word === 'nicht' && words[k - 1]?.word === 'nur')) negated = true;
      start = current.start;
    } else if (!FILLERS_DE.has(word) && !/^\d/u.test(word)) {
      return null;
    }
  }
  if (!clauseStart || !endsClause(text, verbEnd)) return null;
  return { start, end: verbEnd, entry, stance: negated ? 'against' : 'for' };
}

/** The slogan is over: punctuation, a line break or the end of the text follows ("AfD wählen!"). */
function endsClause(text: string, position: number): boolean {
  const next = skipBlanks(text, position);
  return next >= text.length || !isWordCharacter(text, next);
}

/** "Deine Stimme für die Grünen", "Kein Kreuz bei der AfD", "Stimmt gegen die SPD". */
function matchBallot(text: string, triggerStart: number, triggerEnd: number, after: RegExp): VoteCall | null {
  after.lastIndex = triggerEnd;
  const match = after.exec(text);
  const partySpan = match === null ? undefined : groupSpan(match, 'party');
  if (match === null || partySpan === undefined) return null;
  const entry = resolveParty(text.slice(partySpan[0], partySpan[1]), ALIASES.byKey);
  if (entry === null || isQuestionAfter(text, partySpan[1])) return null;
  const { words, clauseStart } = readWordsBack(text, triggerStart, 3);
  if (!clauseStart) return null;
  let start = triggerStart;
  let negated = false;
  for (const { word, start: wordStart } of words) {
    if (BALLOT_DETERMINERS.has(word)) {
      if (start === triggerStart) start = wordStart;
      if (word.startsWith('kein')) negated = true;
    } else if (!LEADS_DE.has(word)) {
      return null;
    }
  }
  const against = match.groups?.dir !== undefined && foldKey(match.groups.dir) === 'gegen';
  return { start, end: partySpan[1], entry, stance: negated !== against ? 'against' : 'for' };
}

/**
 * "Vote Republican", "vote for Biden", "We must vote Trump", "never vote Democrat", "Don't vote
 * for Biden": an imperative opening its clause or a vote after must/should/need to/let's. "He
 * voted for Trump", "voters" and "I will vote for …" are reports or declarations, not calls.
 */
function matchVote(text: string, voteStart: number, voteEnd: number): VoteCall | null {
  AFTER_VOTE.lastIndex = voteEnd;
  const match = AFTER_VOTE.exec(text);
  const partySpan = match === null ? undefined : groupSpan(match, 'party');
  if (match === null || partySpan === undefined) return null;
  const end = match.groups?.out !== undefined ? match.index + match[0].length : partySpan[1];
  const entry = resolveParty(text.slice(partySpan[0], partySpan[1]), ALIASES.byKey);
  if (entry === null || isQuestionAfter(text, end)) return null;
  const direction = match.groups?.dir?.toLowerCase();
  const against = direction === 'against' || direction === 'out' || match.groups?.out !== undefined;

  const { words, clauseStart } = readWordsBack(text, voteStart, 5);
  let negated = false;
  let start = voteStart;
  let accepted = false;
  for (let k = 0; k < words.length && !accepted; k++) {
    const current = words[k];
    if (current === undefined) break;
    const before = words[k + 1];
    if (NEGATIONS_EN.has(current.word)) {
      negated = true;
      start = before?.word === 'do' && current.word === 'not' ? before.start : current.start;
    } else if (MODALS_EN.has(current.word)) {
      accepted = true;
      start = current.start;
    } else if (current.word === 'to' && before !== undefined && MODALS_BEFORE_TO_EN.has(before.word)) {
      accepted = true;
      start = before.start;
    } else if (current.word === 'us' && before?.word === 'let') {
      accepted = true;
      start = before.start;
    } else if (!FILLERS_EN.has(current.word)) {
      return null;
    }
  }
  if (!accepted && !clauseStart) return null;
  return { start, end, entry, stance: negated !== against ? 'against' : 'for' };
}

const HASHTAG_AGAINST = new Set(['niemalswieder', 'niewieder', 'neveragain', 'nevervote', 'never', 'nomore', 'keine', 'kein']);
const HASHTAG_FOR = new Set(['waehlt', 'waehle', 'votefor', 'vote']);

/** "#AfDwählen", "#einfachAFDwählen", "#VoteTrump", "#NieWiederCDU", "#NeverTrump". */
function matchHashtag(text: string, hashStart: number): VoteCall | null {
  HASHTAG.lastIndex = hashStart;
  const match = HASHTAG.exec(text);
  if (match === null) return null;
  const pre = match.groups?.pre === undefined ? undefined : foldKey(match.groups.pre);
  const hasVerb = match.groups?.post !== undefined;
  const against = pre !== undefined && HASHTAG_AGAINST.has(pre);
  if (!against && !hasVerb && !(pre !== undefined && HASHTAG_FOR.has(pre))) return null;
  const entry = resolveParty(match.groups?.party ?? '', ALIASES.byHashtagKey);
  if (entry === null) return null;
  return { start: hashStart, end: hashStart + match[0].length, entry, stance: against ? 'against' : 'for' };
}

function findVoteCall(text: string, match: RegExpExecArray): VoteCall | null {
  const start = match.index;
  const end = start + match[0].length;
  const groups = match.groups ?? {};
  if (groups.hash !== undefined) return matchHashtag(text, start);
  if (groups.vote !== undefined) return matchVote(text, start, end);
  if (groups.kreuz !== undefined) return matchBallot(text, start, end, AFTER_BALLOT_CROSS);
  if (groups.stimm !== undefined) return matchBallot(text, start, end, AFTER_BALLOT_VOTE);
  if (groups.waehl !== undefined) {
    if (foldKey(groups.waehl).endsWith('en')) {
      return (
        matchInfinitive(text, start, end) ??
        matchImperative(text, start, end, AFTER_POLITE_IMPERATIVE) ??
        matchImperative(text, start, end, AFTER_IMPERATIVE, 'wir')
      );
    }
    return matchImperative(text, start, end, AFTER_IMPERATIVE);
  }
  return null;
}

function toVoteFinding(call: VoteCall): Finding {
  const { entry } = call;
  const party = entry.kind === 'candidate' && entry.party !== undefined ? PARTY_BY_ID.get(entry.party) : undefined;
  const details: Record<string, unknown> = { party: (party ?? entry).name, stance: call.stance, country: entry.country };
  if (entry.kind === 'candidate') details.candidate = entry.name;
  return { code: 'text.vote_call', severity: VOTE_CALL_SEVERITY, start: call.start, end: call.end, details };
}

function compileRhetoric(terms: readonly RhetoricTerm[]): RegExp {
  const alternatives = terms.map((term) => {
    const source = foldUmlauts(term.pattern);
    if (countCaptureGroups(source) !== 0) throw new Error(`rhetoric term "${term.term}": use non-capturing groups only`);
    if (!/^[a-z]+$/.test(term.hint)) throw new Error(`rhetoric term "${term.term}": the hint must be lower-case ASCII letters`);
    return `(${source})${term.compound === true ? '' : String.raw`(?![\p{L}\p{N}])`}`;
  });
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})`, 'giu');
}

const RHETORIC = compileRhetoric(RHETORIC_TERMS);
const RHETORIC_HINTS = new RegExp([...new Set(RHETORIC_TERMS.map((term) => term.hint))].join('|'), 'i');

function detectRhetoric(text: string, findings: Finding[]): void {
  if (!RHETORIC_HINTS.test(text)) return;
  RHETORIC.lastIndex = 0;
  for (let match = RHETORIC.exec(text); match !== null; match = RHETORIC.exec(text)) {
    const index = match.findIndex((group, k) => k > 0 && group !== undefined);
    const term = RHETORIC_TERMS[index - 1];
    if (term !== undefined) {
      findings.push({
        code: 'text.partisan_rhetoric',
        severity: term.severity,
        start: match.index,
        end: match.index + match[0].length,
        details: { term: term.term },
      });
    }
  }
}

/**
 * Finds calls to vote for or against a party or candidate (`text.vote_call`, severity 0.55,
 * `details: { party, stance, country, candidate? }`) and partisan slogans and slurs
 * (`text.partisan_rhetoric`, severity per term, `details: { term }`), in German and English.
 *
 * A call is an imperative that opens its clause ("Wählt die Grünen", "Vote Republican"), a vote
 * verb after a modal ("WIR MÜSSEN AfD WÄHLEN", "you should never vote Democrat"), a slogan that is a
 * clause of its own ("Nie wieder SPD wählen!"), a ballot appeal ("Kreuz bei der AfD") or a
 * hashtag ("#AfDwählen", "#NieWiederCDU"). Mentions, reports, predictions, questions and one's own
 * past or planned vote ("Ich habe SPD gewählt", "Ich wähle AfD", "30 % würden AfD wählen", "He
 * voted for Trump") are not calls: the code is for appeals to readers, not for talk about elections.
 * Every party is matched by the same patterns. Linear time: one scan for trigger words and one for
 * the rhetoric terms, each hit examined in a bounded window.
 */
export function detectPartisan(text: string): Finding[] {
  const findings: Finding[] = [];
  let lastCallEnd = -1;
  TRIGGER.lastIndex = 0;
  for (let match = TRIGGER_HINT.test(text) ? TRIGGER.exec(text) : null; match !== null; match = TRIGGER.exec(text)) {
    const call = findVoteCall(text, match);
    if (call !== null && call.start >= lastCallEnd && call.start < call.end) {
      findings.push(toVoteFinding(call));
      lastCallEnd = call.end;
    }
  }
  detectRhetoric(text, findings);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
