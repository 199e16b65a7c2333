import { findLookalike } from './domains/find-lookalike.js';
import { matchLink } from './domains/match-domains.js';
import type { CompiledLists } from './domains/compile-lists.js';
import { extractLinks } from './links/extract-links.js';
import { detectPartisan } from './partisan/detect-partisan.js';
import { detectShouting } from './shouting/detect-shouting.js';
import type { ExtractedLink, Finding, Language, Verdict } from './types.js';
import { decideVerdict } from './verdict/decide-verdict.js';
import { DEFAULT_POLICY, type Policy } from './verdict/policy.js';

export interface AnalysisContext {
  lists: CompiledLists;
  policy?: Policy;
  /** Language of the reason messages; the detectors themselves handle German and English text. */
  language?: Language;
}

export interface Analysis {
  verdict: Verdict;
  links: AnalyzedLink[];
}

/** A link with what the lists said about it, for storage as a row. */
export interface AnalyzedLink extends ExtractedLink {
  matched: string | null;
  listId: string | null;
  category: string | null;
  entity: string | null;
}

function linkFindings(links: readonly ExtractedLink[], lists: CompiledLists, out: Finding[]): AnalyzedLink[] {
  return links.map((link) => {
    const match = matchLink(lists, link);
    const base = { url: link.url, domain: link.domain ?? link.host };
    const wrapping = { obfuscated: link.obfuscated, unwrappedFrom: link.unwrappedFrom };
    if (match) {
      const { entry } = match;
      out.push({
        code: entry.category === 'shortener' ? 'link.shortener' : 'link.listed',
        severity: entry.severity,
        start: link.start,
        end: link.end,
        details: {
          ...base,
          matched: match.matched,
          category: entry.category,
          listId: match.listId,
          listVersion: match.listVersion,
          ...(entry.entity ? { entity: entry.entity } : {}),
          ...wrapping,
        },
      });
      return { ...link, matched: match.matched, listId: match.listId, category: entry.category, entity: entry.entity ?? null };
    }
    const lookalike = findLookalike(lists, link);
    if (lookalike) {
      const { entry } = lookalike.match;
      out.push({
        code: 'link.lookalike',
        // Disguising a listed domain with look-alike characters is deliberate evasion and counts a
        // little more than the original; a one-letter typo may be an innocent neighbour, so less.
        severity:
          lookalike.technique === 'typo' ? entry.severity * 0.8 : Math.min(0.95, entry.severity + 0.1),
        start: link.start,
        end: link.end,
        details: {
          ...base,
          host: link.hostUnicode,
          imitates: lookalike.imitates,
          technique: lookalike.technique,
          category: entry.category,
          listId: lookalike.match.listId,
          listVersion: lookalike.match.listVersion,
          ...(entry.entity ? { entity: entry.entity } : {}),
          ...wrapping,
        },
      });
    }
    return { ...link, matched: null, listId: null, category: null, entity: null };
  });
}

/**
 * The one entry point of the engine: pure and deterministic. The same text, lists and policy
 * always give the same verdict; nothing here does I/O or reads the clock.
 */
export function analyzeCommentWithLinks(text: string, context: AnalysisContext): Analysis {
  const findings: Finding[] = [];
  const extracted = extractLinks(text);
  const links = linkFindings(extracted, context.lists, findings);
  for (const f of detectShouting(text, extracted)) findings.push(f);
  for (const f of detectPartisan(text)) findings.push(f);
  const verdict = decideVerdict(findings, context.policy ?? DEFAULT_POLICY, context.language ?? 'de', context.lists.version);
  return { verdict, links };
}

/** analyzeComment(text, context) → the verdict of DESIGN.md. */
export function analyzeComment(text: string, context: AnalysisContext): Verdict {
  return analyzeCommentWithLinks(text, context).verdict;
}

export { compileLists } from './domains/compile-lists.js';
export { extractLinks } from './links/extract-links.js';
export type { CompiledLists } from './domains/compile-lists.js';
export { DEFAULT_POLICY } from './verdict/policy.js';
export type { Policy } from './verdict/policy.js';
export { ANALYZER_VERSION } from './version.js';
export type * from './types.js';
