import type { Finding } from '../types.js';
import { detectRhetoric } from './detect-rhetoric.js';
import { detectVoteCalls } from './detect-vote-calls.js';
import type { CompiledPolitics } from './politics.js';

/**
 * Finds calls to vote for or against a party or candidate (`text.vote_call`, see
 * detect-vote-calls.ts) and partisan slogans and slurs (`text.partisan_rhetoric`, severity per
 * term, `details: { term }`), in German and English. Linear time. Vote calls need the parties
 * and candidates (`politics`, from data/politics/); without them only the rhetoric is read.
 */
export function detectPartisan(text: string, politics?: CompiledPolitics): Finding[] {
  const findings = politics === undefined ? [] : detectVoteCalls(text, politics);
  detectRhetoric(text, findings);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
