import { describe, expect, it } from '@jest/globals';
import type { Finding, ReasonCode } from '../types.js';
import { decideVerdict } from './decide-verdict.js';
import { DEFAULT_POLICY } from './policy.js';

function makeFinding(code: ReasonCode, severity: number, start = 0, details: Record<string, unknown> = {}): Finding {
  return { code, severity, start, end: start + 5, details };
}

describe('decideVerdict', () => {
  it.each<[string, Finding[], 'approve' | 'review' | 'reject']>([
    ['no findings', [], 'approve'],
    ['a platform link alone', [makeFinding('link.listed', 0.1, 0, { category: 'platform' })], 'approve'],
    ['a shortener alone', [makeFinding('link.shortener', 0.3)], 'approve'],
    ['one shouted sentence', [makeFinding('text.shouting', 0.7)], 'review'],
    ['a vote call', [makeFinding('text.vote_call', 0.55)], 'review'],
    ['partisan rhetoric', [makeFinding('text.partisan_rhetoric', 0.5)], 'review'],
    ['a link to a listed disinformation outlet', [makeFinding('link.listed', 0.9)], 'reject'],
    [
      'shouting, a vote call and rhetoric together (text alone is never rejected)',
      [makeFinding('text.shouting', 0.9), makeFinding('text.vote_call', 0.55), makeFinding('text.partisan_rhetoric', 0.5)],
      'review',
    ],
    [
      'text signals with only a platform link',
      [makeFinding('text.shouting', 0.9), makeFinding('text.vote_call', 0.55), makeFinding('link.listed', 0.1)],
      'review',
    ],
    [
      'a conspiracy-site link with shouting',
      [makeFinding('link.listed', 0.8), makeFinding('text.shouting', 0.7)],
      'reject',
    ],
  ])('%s → %s', (_name, findings, action) => {
    expect(decideVerdict(findings, DEFAULT_POLICY, 'de', 'lists@1').action).toBe(action);
  });

  it('combines independent evidence as a noisy-OR that never exceeds 1', () => {
    const one = decideVerdict([makeFinding('link.listed', 0.5)], DEFAULT_POLICY, 'de', 'l').score;
    const two = decideVerdict([makeFinding('link.listed', 0.5), makeFinding('link.listed', 0.5, 10)], DEFAULT_POLICY, 'de', 'l').score;
    expect(one).toBe(0.5);
    expect(two).toBe(0.75);
    const many = decideVerdict(Array.from({ length: 50 }, (_, i) => makeFinding('link.listed', 1, i)), DEFAULT_POLICY, 'de', 'l');
    expect(many.score).toBe(1);
  });

  it('sorts reasons by position, renders messages and carries the versions', () => {
    const verdict = decideVerdict(
      [makeFinding('text.vote_call', 0.55, 20, { party: 'AfD', stance: 'for' }), makeFinding('text.shouting', 0.7, 3, { ratio: 0.95, letters: 40 })],
      DEFAULT_POLICY,
      'en',
      'lists@1',
    );
    expect(verdict.reasons.map((r) => [r.code, r.start])).toEqual([
      ['text.shouting', 3],
      ['text.vote_call', 20],
    ]);
    expect(verdict.reasons[0]?.message).toBe('Shouting: 95 % of the letters are capitals.');
    expect(verdict.reasons[1]?.message).toBe('Call to vote for AfD.');
    expect(verdict).toMatchObject({ listsVersion: 'lists@1', policyVersion: DEFAULT_POLICY.version });
    expect(verdict.analyzerVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('honours another policy', () => {
    const strict = { ...DEFAULT_POLICY, version: 'strict', reviewAt: 0.05, rejectAt: 0.5, rejectRequiresOneOf: ['text.shouting' as const] };
    expect(decideVerdict([makeFinding('link.shortener', 0.3)], strict, 'de', 'l').action).toBe('review');
    expect(decideVerdict([makeFinding('text.shouting', 0.7)], strict, 'de', 'l').action).toBe('reject');
    expect(decideVerdict([makeFinding('link.listed', 0.7)], strict, 'de', 'l').action).toBe('review');
  });
});
