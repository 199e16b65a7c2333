import type { Finding } from '../types.js';
import { detectRhetoric } from './detect-rhetoric.js';
import { detectVoteCalls } from './detect-vote-calls.js';

/**
 * Finds calls to vote for or against a party or candidate (`text.vote_call`, see
 * detect-vote-calls.ts) and partisan slogans and slurs (`text.partisan_rhetoric`, severity per
 * term, `details: { term }`), in German and English. Linear time.
 */
export function detectPartisan(text: string): Finding[] {
  const findings = detectVoteCalls(text);
  detectRhetoric(text, findings);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
