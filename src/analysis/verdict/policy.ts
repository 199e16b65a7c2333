import type { ReasonCode } from '../types.js';

/**
 * How findings become an action. One object so a site can later override it.
 * - `weights` scale each finding's severity by how much its code should count on its own.
 * - The score is a noisy-OR of the weighted severities: independent pieces of evidence add up,
 *   but the score never exceeds 1 and one weak finding cannot push a comment over a threshold.
 * - `rejectAt` is high on purpose: an automatic rejection should need strong evidence (a link to
 *   sanctioned state media, or several independent strong signals); everything in between goes
 *   to a human.
 * - Incivility findings (insult, abuse, profanity, threat) are only made at or above their
 *   threshold (a calibrated probability, site-adjustable) and weigh fully, so each one sends the
 *   comment to review.
 * - `rejectRequiresOneOf`: text signals alone (capitals, vote calls, partisan words, incivility) are political
 *   speech and never rejected by a machine however many add up; a comment is rejected only when
 *   one reason of these codes would on its own send it to review.
 */
export interface Policy {
  version: string;
  weights: Readonly<Record<ReasonCode, number>>;
  reviewAt: number;
  rejectAt: number;
  rejectRequiresOneOf: readonly ReasonCode[];
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  version: 'default-2026.12.03.2',
  weights: Object.freeze({
    'link.listed': 1,
    'link.lookalike': 1,
    'link.impersonation': 1,
    'link.shortener': 1,
    'text.shouting': 0.8,
    'text.vote_call': 0.9,
    'text.partisan_rhetoric': 0.8,
    'text.insult': 1,
    'text.abuse': 1,
    'text.profanity': 1,
    'text.threat': 1,
  }),
  reviewAt: 0.35,
  rejectAt: 0.9,
  rejectRequiresOneOf: Object.freeze(['link.listed', 'link.lookalike', 'link.impersonation'] as const),
});
