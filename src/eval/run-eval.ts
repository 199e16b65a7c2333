import { analyzeCommentWithLinks, DEFAULT_POLICY, type AnalysisContext } from '../analysis/index.js';
import type { EvalItem, EvalSet } from './load-eval-sets.js';
import { scoreSet, type FoundInstance, type SetScore } from './score-eval.js';

/** Link reasons that judge the linked site itself (a shortener says nothing about where it leads). */
const FLAGGING_CODES: ReadonlySet<string> = new Set(['link.listed', 'link.lookalike', 'link.impersonation']);

/** What the engine reported on one item, in the terms of the labels. */
export function engineInstances(item: EvalItem, context: AnalysisContext): FoundInstance[] {
  const { verdict, links } = analyzeCommentWithLinks(item.text, { ...context, language: item.lang });
  const found: FoundInstance[] = verdict.reasons.map((reason) => {
    const details = reason.details;
    const text = (key: string): string | undefined => (typeof details[key] === 'string' ? (details[key] as string) : undefined);
    const instance: FoundInstance = { code: reason.code, start: reason.start, end: reason.end };
    const stance = text('stance');
    const party = text('party');
    const candidate = text('candidate');
    if (stance !== undefined) instance.stance = stance;
    if (party !== undefined) instance.party = party;
    if (candidate !== undefined) instance.candidate = candidate;
    return instance;
  });
  for (const link of links) found.push({ code: 'link', start: link.start, end: link.end, domain: link.domain ?? link.host });
  const reviewAt = (context.policy ?? DEFAULT_POLICY).reviewAt;
  for (const reason of verdict.reasons) {
    if (!FLAGGING_CODES.has(reason.code) || reason.severity < reviewAt) continue;
    const domain = typeof reason.details.domain === 'string' ? reason.details.domain : null;
    found.push({ code: 'link.flagged', start: reason.start, end: reason.end, domain });
  }
  return found;
}

/** Runs the engine over every item of every set and scores it. */
export function runEval(sets: readonly EvalSet[], context: AnalysisContext): SetScore[] {
  return sets.map((set) => scoreSet(set, (item) => engineInstances(item, context)));
}
