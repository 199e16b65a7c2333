import type { ListMatch } from '../types.js';
import type { TypoIndex } from './typo-index.js';

/**
 * Lists prepared for matching. Built once per list version by `compileLists()` and shared by
 * every comment, so the per-link work is a handful of Map lookups.
 *
 * Only `version` is meant for callers; the other fields belong to `src/analysis/domains` and
 * may change shape without notice.
 */
export interface CompiledLists {
  /** `id@version` of every list, sorted by id and joined with `,`; `none` when there are none. */
  readonly version: string;
  /** Host or domain (lower-case ASCII, no `www.`) → entries listed under exactly that name. */
  readonly hosts: ReadonlyMap<string, HostBucket>;
  /** First label of a registrable domain (`rtde`) → the best family entry for it. */
  readonly families: ReadonlyMap<string, CompiledEntry>;
  /** Confusable-folded skeleton of a listed domain → that domain (homoglyph lookalikes). */
  readonly skeletons: ReadonlyMap<string, LookalikeTarget>;
  /** Listed registrable domains a typo may imitate; indexed by `typoIndex`. */
  readonly typoTargets: readonly LookalikeTarget[];
  /** Hashes of each typo target and its 1-deletion variants → position in `typoTargets`. */
  readonly typoIndex: TypoIndex;
  /** Registrable domain of every domain and path entry: such a domain is never a typo. */
  readonly listedDomains: ReadonlySet<string>;
}

/** One list entry, prepared for matching. */
export interface CompiledEntry {
  /** Returned as is (frozen and shared), so a hit allocates nothing. */
  readonly match: Readonly<ListMatch>;
  readonly severity: number;
  /** Breaks severity ties: path > longer domain > family. */
  readonly specificity: number;
  /** Position after sorting lists by id: the last tie-break, so results never depend on input order. */
  readonly order: number;
}

/** Everything listed under one exact host name. */
export interface HostBucket {
  /** The best domain-form entry for this name, or null when only paths are listed under it. */
  readonly domain: CompiledEntry | null;
  /** Lower-case path without trailing slash → the best path entry for it. */
  readonly paths: ReadonlyMap<string, CompiledEntry> | null;
  /** Longest key in `paths`: no longer prefix of a link's path needs looking up. */
  readonly maxPathLength: number;
}

/** A listed domain that lookalikes are measured against. */
export interface LookalikeTarget {
  /** Lower-case ASCII (punycode) domain of the entry. */
  readonly domain: string;
  readonly entry: CompiledEntry;
}

/** Whether `a` beats `b`: higher severity, then more specific, then earlier list. */
export function outranks(a: CompiledEntry, b: CompiledEntry): boolean {
  if (a.severity !== b.severity) return a.severity > b.severity;
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  return a.order < b.order;
}

/** Whether `host` is `domain` or one of its subdomains (label boundary), without allocating. */
export function isWithinDomain(host: string, domain: string): boolean {
  if (host.length === domain.length) return host === domain;
  return (
    host.length > domain.length &&
    host.charCodeAt(host.length - domain.length - 1) === 46 &&
    host.endsWith(domain)
  );
}
