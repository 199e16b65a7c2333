import { findImpersonation, isOfficialHost, type ImpersonationMatch } from './domains/find-impersonation.js';
import { findLookalike } from './domains/find-lookalike.js';
import type { CompiledOutlets } from './domains/outlets.js';
import { matchLink } from './domains/match-domains.js';
import type { CompiledLists } from './domains/compile-lists.js';
import { extractLinks } from './links/extract-links.js';
import { detectPartisan } from './partisan/detect-partisan.js';
import type { CompiledPolitics } from './partisan/politics.js';
import { detectShouting } from './shouting/detect-shouting.js';
import { detectIncivility } from './incivility/detect-incivility.js';
import { detectThreats } from './incivility/detect-threats.js';
import type { IncivilityModel } from './incivility/model.js';
import { isWithinDomain } from './domains/compiled-lists.js';
import { linkFromUrl } from './links/link-from-url.js';
import type { ExtractedLink, Finding, Language, ListCategory, ListMatch, Span, Verdict } from './types.js';
import { decideVerdict } from './verdict/decide-verdict.js';
import { mergeRepeatedFindings } from './verdict/merge-findings.js';
import { DEFAULT_POLICY, type Policy } from './verdict/policy.js';

/** A site's own rules on top of the lists. */
export interface SiteRules {
  /** Recorded after the lists' versions in the verdict (`…;site@3`). */
  version: string;
  /** Lower-case ASCII domains whose links (and their subdomains') are never scored for this site. */
  allow: readonly string[];
  /** Category → severity replacing the matched entry's own. */
  severity: Readonly<Partial<Record<ListCategory, number>>>;
  /** The site's incivility settings; none: the model's own thresholds, every category on. */
  incivility?: IncivilitySettings;
}

export type IncivilityCode = 'text.insult' | 'text.abuse' | 'text.profanity' | 'text.threat';

/** A site's choices for the incivility reasons (a site setting, like its list settings). */
export interface IncivilitySettings {
  /** Code → the probability (0..1) from which the reason is given, replacing the model's own. */
  thresholds: Readonly<Partial<Record<IncivilityCode, number>>>;
  /** Codes never given for this site. */
  disabled: readonly IncivilityCode[];
}

export interface AnalysisContext {
  lists: CompiledLists;
  /** Parties and candidates for vote calls (data/politics/, src/politics/load-politics.ts); none: no vote calls. */
  politics?: CompiledPolitics;
  /** Legitimate outlets (data/outlets/, src/outlets/load-outlets.ts); none: no impersonation reasons. */
  outlets?: CompiledOutlets;
  /** The trained incivility model (data/models/, src/incivility/load-model.ts); none: no insult, abuse or profanity reasons. */
  incivility?: IncivilityModel;
  /** The comment's site's allowlist and severity overrides; none: the lists as they are. */
  site?: SiteRules;
  policy?: Policy;
  /** Language of the reason messages; the detectors themselves handle German and English text. */
  language?: Language;
  /**
   * Where shortened links really lead, found outside the engine (src/lists/shortener-resolver.ts):
   * a shortener link's `url` as extracted → the URL its redirects ended at. The target is scored
   * like any link at the shortened link's place (details `resolvedFrom`); the `link.shortener`
   * reason stays.
   */
  resolved?: ReadonlyMap<string, string>;
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
  /**
   * For a shortened link whose target was known (`AnalysisContext.resolved`): that URL as given
   * and its registrable domain, listed or not, so a later list change can find the comment by
   * where the link leads. Absent otherwise.
   */
  resolvedUrl?: string;
  resolvedDomain?: string | null;
}

function isAllowed(site: SiteRules | undefined, link: ExtractedLink): boolean {
  return site !== undefined && site.allow.some((domain) => isWithinDomain(link.host, domain));
}

type SeverityOf = (category: ListCategory, severity: number) => number;

const NO_EXTRA: Readonly<Record<string, unknown>> = Object.freeze({});

/** A link's finding and, when it hit an entry (not a lookalike), the entry: what its row records. */
interface ScoredLink {
  finding: Finding;
  listed: ListMatch | null;
}

/**
 * Scores one link against the lists. `evidence` is where the finding points in the text (the
 * link itself, or the shortened link a resolved target came from); `extra` joins its details.
 */
function scoreLink(link: ExtractedLink, evidence: Span, context: AnalysisContext, severityOf: SeverityOf, extra: Readonly<Record<string, unknown>>): ScoredLink | null {
  const { lists } = context;
  const match = matchLink(lists, link);
  const base = { url: link.url, domain: link.domain ?? link.host };
  const wrapping = { obfuscated: link.obfuscated, unwrappedFrom: link.unwrappedFrom, ...extra };
  if (match) {
    const { entry } = match;
    return {
      finding: {
        code: entry.category === 'shortener' ? 'link.shortener' : 'link.listed',
        severity: severityOf(entry.category, entry.severity),
        start: evidence.start,
        end: evidence.end,
        details: {
          ...base,
          matched: match.matched,
          category: entry.category,
          listId: match.listId,
          listVersion: match.listVersion,
          ...(entry.entity ? { entity: entry.entity } : {}),
          ...wrapping,
        },
      },
      listed: match,
    };
  }
  const impersonation = context.outlets ? findImpersonation(context.outlets, link) : null;
  if (impersonation !== null) return { finding: impersonationFinding(link, evidence, impersonation, { ...base, ...wrapping }), listed: null };
  // A real outlet's own site is one edit from its listed clones (sueddeutsche.de, sueddeutsche.me), never their look-alike.
  if (context.outlets && isOfficialHost(context.outlets, link.host)) return null;
  const lookalike = findLookalike(lists, link);
  if (!lookalike) return null;
  const { entry } = lookalike.match;
  const severity = severityOf(entry.category, entry.severity);
  return {
    finding: {
      code: 'link.lookalike',
      // Disguising a listed domain with look-alike characters is deliberate evasion and counts a
      // little more than the original; a one-letter typo may be an innocent neighbour, so less.
      severity: lookalike.technique === 'typo' ? severity * 0.8 : Math.min(0.95, severity + 0.1),
      start: evidence.start,
      end: evidence.end,
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
    },
    listed: null,
  };
}

/**
 * A clone of a real outlet is what the documented campaigns (Doppelgänger) used to pass fake
 * articles off as journalism: strong evidence rejects like a sanctioned outlet's link; weak
 * evidence (a common top-level domain, an affix, a typo) asks a moderator.
 */
export const IMPERSONATION_SEVERITY = { strong: 0.95, weak: 0.7 } as const;

function impersonationFinding(link: ExtractedLink, evidence: Span, match: ImpersonationMatch, details: Readonly<Record<string, unknown>>): Finding {
  return {
    code: 'link.impersonation',
    severity: match.strong ? IMPERSONATION_SEVERITY.strong : IMPERSONATION_SEVERITY.weak,
    start: evidence.start,
    end: evidence.end,
    details: {
      ...details,
      host: link.hostUnicode,
      outlet: match.outlet.name,
      imitates: match.official,
      technique: match.technique,
      brand: match.brand,
      evidence: match.strong ? 'strong' : 'weak',
    },
  };
}

/**
 * `target`, where the shortened `link` resolved to, scored as a link of its own at the shortened
 * link's place; null when it is allowed for the site or hits nothing but a shortener.
 */
function scoreResolved(link: ExtractedLink, target: ExtractedLink, context: AnalysisContext, severityOf: SeverityOf): ScoredLink | null {
  if (isAllowed(context.site, target)) return null;
  const scored = scoreLink(target, link, context, severityOf, {
    unwrappedFrom: [...link.unwrappedFrom, ...target.unwrappedFrom],
    resolvedFrom: link.url,
  });
  return scored === null || scored.finding.code === 'link.shortener' ? null : scored;
}

function linkFindings(links: readonly ExtractedLink[], context: AnalysisContext, out: Finding[]): AnalyzedLink[] {
  const { site } = context;
  const severityOf: SeverityOf = (category, severity) => site?.severity[category] ?? severity;
  return links.map((link) => {
    const scored = isAllowed(site, link) ? null : scoreLink(link, link, context, severityOf, NO_EXTRA);
    if (scored === null) return { ...link, matched: null, listId: null, category: null, entity: null };
    out.push(scored.finding);
    let listed = scored.listed;
    let resolvedTo: Pick<AnalyzedLink, 'resolvedUrl' | 'resolvedDomain'> | undefined;
    const finalUrl = listed?.entry.category === 'shortener' ? context.resolved?.get(link.url) : undefined;
    const targetLink = finalUrl === undefined ? null : linkFromUrl(finalUrl, link);
    if (targetLink !== null) {
      resolvedTo = { resolvedUrl: finalUrl, resolvedDomain: targetLink.domain };
      const target = scoreResolved(link, targetLink, context, severityOf);
      if (target !== null) {
        out.push(target.finding);
        // The row records what the link really leads to, so the queue and domain insight see it.
        if (target.listed !== null) listed = target.listed;
      }
    }
    if (listed === null) return { ...link, ...resolvedTo, matched: null, listId: null, category: null, entity: null };
    return { ...link, ...resolvedTo, matched: listed.matched, listId: listed.listId, category: listed.entry.category, entity: listed.entry.entity ?? null };
  });
}

/** A site may switch threats off or ask for more certainty than the rules' own (their severity). */
function threatAllowed(finding: Finding, settings: IncivilitySettings | undefined): boolean {
  if (settings === undefined) return true;
  return !settings.disabled.includes('text.threat') && finding.severity >= (settings.thresholds['text.threat'] ?? 0);
}

/**
 * The verdict's `listsVersion`: every piece of data the verdict depended on, so a stored verdict
 * says what made it: the lists (`id@revision,…`), the parties and candidates (`;politics:de@…,at@…`) and
 * the incivility model (`;incivility@…`) and its name-calling lexicons (`;name-calling:en@…,de@…`) when they were used, and last the site's rules (`;site@n`).
 */
function dataVersions(context: AnalysisContext): string {
  let version = context.lists.version;
  if (context.politics) version += `;politics:${context.politics.version}`;
  if (context.outlets) version += `;outlets@${context.outlets.version}`;
  if (context.incivility) version += `;incivility@${context.incivility.version}`;
  if (context.incivility?.nameCalling) version += `;name-calling:${context.incivility.nameCalling.version}`;
  if (context.site) version += `;${context.site.version}`;
  return version;
}

/**
 * The one entry point of the engine: pure and deterministic. The same text, lists and policy
 * always give the same verdict; nothing here does I/O or reads the clock.
 */
export function analyzeCommentWithLinks(text: string, context: AnalysisContext): Analysis {
  const findings: Finding[] = [];
  const extracted = extractLinks(text);
  const links = linkFindings(extracted, context, findings);
  for (const f of detectShouting(text, extracted)) findings.push(f);
  for (const f of detectPartisan(text, context.politics)) findings.push(f);
  if (context.incivility) for (const f of detectIncivility(text, context.incivility, context.site?.incivility)) findings.push(f);
  for (const f of detectThreats(text)) if (threatAllowed(f, context.site?.incivility)) findings.push(f);
  const verdict = decideVerdict(mergeRepeatedFindings(findings), context.policy ?? DEFAULT_POLICY, context.language ?? 'de', dataVersions(context));
  return { verdict, links };
}

/** analyzeComment(text, context) → the verdict of DESIGN.md. */
export function analyzeComment(text: string, context: AnalysisContext): Verdict {
  return analyzeCommentWithLinks(text, context).verdict;
}

export { compilePolitics } from './partisan/politics.js';
export type { IncivilityModel } from './incivility/model.js';
export type { CompiledPolitics, PartyEntry } from './partisan/politics.js';
export { compileLists } from './domains/compile-lists.js';
export { compileOutlets } from './domains/outlets.js';
export type { CompiledOutlets, Outlet } from './domains/outlets.js';
export { extractLinks } from './links/extract-links.js';
export type { CompiledLists } from './domains/compile-lists.js';
export { DEFAULT_POLICY } from './verdict/policy.js';
export type { Policy } from './verdict/policy.js';
export { ANALYZER_VERSION } from './version.js';
export type * from './types.js';
