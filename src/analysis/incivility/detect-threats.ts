import type { Finding } from '../types.js';
import { endsClause, tokenize, type Token } from '../partisan/tokenize.js';
import {
  BRING_KEYS,
  CANCELLERS,
  FIRST_PERSON,
  FRAMES,
  IDIOM_BREAKERS,
  TARGETS,
  VIOLENCE_EXCEPTIONS,
  VIOLENCE_IDIOMS,
  VIOLENCE_STEMS,
  type ThreatForm,
} from './threat-lexicon.js';

export const THREAT_RULES_VERSION = 'threat-rules@1.0.0';

/**
 * Rare stems of the violence vocabulary: most comments hold none, so the tokenizer runs only on
 * the few that do (one case-insensitive regex over the raw text, umlauts in either spelling).
 */
const PREFILTER =
  /umbr|umgebr|bring[a-z]* [^.!?]{0,40}\bum\b|erschie[sß]|erschoss|aufh[äa]e?ng|aufgeh[äa]e?ng|erh[äa]e?ng|kn[üu]e?pf|die wand|k[öo]e?pfen|gek[öo]e?pft|kopf ab|r[üu]e?be ab|vergas|t[öo]e?te[nt]|verreck|abknall|abgeknall|abstech|abgestoch|lynch|hinricht|hingericht|steinig|schlacht|erschlag|totschlag|totgeschlag|zusammenschlag|zusammengeschlag|murks|kaltmach|kaltgemacht|umniet|umgeniet|absauf|ers[äa]e?uf|ersoff|pr[üu]e?gel|verbrenn|verbrannt|fackel|erw[üu]e?rg|ausrott|ausgerott|ermord|maul|fresse|schnauze|kugel|strick|gassed|ins gas|gaskammer|kill|shoot|\bshot|\bhang|execut|murder|behead|slaughter|extermin|stabbed|burn|beaten|beat the|strung|string (?:them|him|her) up|firing squad|bullet/i;

const STEMS = [...VIOLENCE_STEMS].sort((a, b) => b.length - a.length);

function isViolenceKey(key: string): boolean {
  if (VIOLENCE_EXCEPTIONS.has(key)) return false;
  for (const stem of STEMS) if (key.startsWith(stem)) return true;
  return false;
}

interface Hit {
  first: number;
  last: number;
}

/** The violence expression starting at token `i` of the clause, if any. */
function violenceAt(clause: readonly Token[], i: number): Hit | null {
  for (const idiom of VIOLENCE_IDIOMS) {
    if (i + idiom.length > clause.length) continue;
    let ok = true;
    for (let k = 0; k < idiom.length && ok; k++) ok = clause[i + k]!.key === idiom[k];
    if (!ok) continue;
    const last = i + idiom.length - 1;
    // "an die Wand fahren" is politics; the violence idiom needs "stellen".
    if (idiom[2] === 'wand') {
      const after = clause.slice(last + 1).map((t) => t.key);
      if (after.some((k) => IDIOM_BREAKERS.has(k)) || !/^(?:gestellt|stellen|stellt|stell)$/.test(clause[last]!.key) && !after.some((k) => k.startsWith('stell') || k === 'gestellt')) return null;
      const stell = clause.findIndex((t, n) => n > last && (t.key.startsWith('stell') || t.key === 'gestellt'));
      return { first: i, last: stell > last ? stell : last };
    }
    return { first: i, last };
  }
  const key = clause[i]!.key;
  if (BRING_KEYS.has(key)) {
    for (let k = i + 1; k < clause.length; k++) if (clause[k]!.key === 'um') return { first: i, last: k };
    return null;
  }
  return isViolenceKey(key) ? { first: i, last: i } : null;
}

function splitClauses(tokens: readonly Token[]): Token[][] {
  const clauses: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (endsClause(token)) {
      if (current.length > 0) clauses.push(current);
      current = [];
    } else if (token.kind === 'word' || token.kind === 'hashtag' || token.kind === 'handle') current.push(token);
  }
  if (current.length > 0) clauses.push(current);
  return clauses;
}

function frameOf(clause: readonly Token[], at: number): { form: ThreatForm; severity: number } | null {
  const frame = FRAMES.get(clause[at]!.key);
  if (frame === undefined) return null;
  if (frame.form !== 'announcement') return frame;
  // "ich werde", "I will": the writer announces it; "er wird" or "it will" is a prediction.
  const before = clause[at - 1]?.key;
  return before !== undefined && FIRST_PERSON.has(before) ? frame : null;
}

function targetNear(clause: readonly Token[], from: number, to: number): Token[] {
  const out: Token[] = [];
  for (let k = Math.max(0, from - 3); k <= Math.min(clause.length - 1, to + 2); k++) {
    const token = clause[k]!;
    if (token.kind === 'handle' || TARGETS.has(token.key)) out.push(token);
  }
  return out;
}

/**
 * `text.threat`: violence wished, called for or announced against a person or group, as a rule
 * layer (there is too little labelled data for a model). A clause (up to a comma or sentence end)
 * must hold a violence expression (verb stem, `bring … um`, idiom such as "an die Wand stellen")
 * and, within five words of it, a frame: a modal or "gehört" (call, 0.7–0.9), a wish (0.85–0.9),
 * "verdient"/"deserve" (0.85) or a first-person future (announcement, 0.85–0.9). Clauses with a
 * negation, "wer"/"wenn"/"who"/"if" or a condemnation are left alone: they report, condemn or
 * suppose, and a moderator gains nothing from a flag on "niemand sollte erschossen werden".
 * "Kopf ab" and "an die Wand (stellen)" count alone as calls (0.75): they are never news.
 * Reported violence ("wurde erschossen"), history and metaphors of politics carry no frame.
 */
export function detectThreats(text: string): Finding[] {
  if (!PREFILTER.test(text)) return [];
  const findings: Finding[] = [];
  for (const clause of splitClauses(tokenize(text))) {
    if (clause.some((t) => CANCELLERS.has(t.key))) continue;
    for (let i = 0; i < clause.length; i++) {
      const hit = violenceAt(clause, i);
      if (hit === null) continue;
      let best: { form: ThreatForm; severity: number; at: number } | null = null;
      for (let k = Math.max(0, hit.first - 5); k <= Math.min(clause.length - 1, hit.last + 3); k++) {
        if (k >= hit.first && k <= hit.last) continue;
        const frame = frameOf(clause, k);
        if (frame !== null && (best === null || frame.severity > best.severity)) best = { ...frame, at: k };
      }
      const idiom = clause[hit.first]!.key === 'kopf' || clause[hit.first]!.key === 'ruebe' || clause[hit.first + 2]?.key === 'wand';
      if (best === null && !idiom) continue;
      const form: ThreatForm = best?.form ?? 'call';
      const severity = best?.severity ?? 0.75;
      const first = best === null ? hit.first : Math.min(best.at, hit.first);
      const last = best === null ? hit.last : Math.max(best.at, hit.last);
      const targets = targetNear(clause, first, last);
      const terms = clause.slice(hit.first, hit.last + 1).map((t) => t.raw);
      if (best !== null) terms.unshift(clause[best.at]!.raw);
      const details: Record<string, unknown> = { terms, form, probability: severity, modelVersion: THREAT_RULES_VERSION };
      if (targets.length > 0) details.target = targets.map((t) => t.raw).join(' ');
      findings.push({ code: 'text.threat', severity, start: clause[first]!.start, end: clause[last]!.end, details });
      i = hit.last;
      break;
    }
  }
  return findings;
}
