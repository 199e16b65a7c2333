import type { Action, Finding, Language, Reason, Verdict } from '../types.js';
import { ANALYZER_VERSION } from '../version.js';
import type { Policy } from './policy.js';
import { renderMessage } from './render-message.js';

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Combines findings into the explainable verdict: noisy-OR score, thresholds from the policy. */
export function decideVerdict(
  findings: readonly Finding[],
  policy: Policy,
  language: Language,
  listsVersion: string,
): Verdict {
  let keep = 1;
  let rejectable = false;
  for (const finding of findings) {
    const weighted = Math.min(1, Math.max(0, finding.severity * policy.weights[finding.code]));
    keep *= 1 - weighted;
    if (weighted >= policy.reviewAt && policy.rejectRequiresOneOf.includes(finding.code)) rejectable = true;
  }
  const score = round(1 - keep);
  const action: Action =
    score >= policy.rejectAt && rejectable ? 'reject' : score >= policy.reviewAt ? 'review' : 'approve';
  const reasons: Reason[] = findings
    .map((f) => ({
      code: f.code,
      severity: round(f.severity),
      start: f.start,
      end: f.end,
      message: renderMessage(f, language),
      details: f.details,
    }))
    .sort((a, b) => a.start - b.start || b.severity - a.severity);
  return {
    action,
    score,
    reasons,
    analyzerVersion: ANALYZER_VERSION,
    listsVersion,
    policyVersion: policy.version,
  };
}
