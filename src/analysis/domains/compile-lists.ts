import { domainToASCII, domainToUnicode } from 'node:url';
import { getDomain } from 'tldts';
import type { DomainList, ListEntry } from '../types.js';
import {
  outranks,
  type CompiledEntry,
  type CompiledLists,
  type LookalikeTarget,
} from './compiled-lists.js';
import { foldConfusables } from './fold-confusables.js';
import { buildTypoIndex } from './typo-index.js';

export type { CompiledLists } from './compiled-lists.js';

/**
 * A typo target's first label must be at least this long: a one-letter change to a short name
 * (`rt.com` → `rt.de`, `rtl.de`) usually lands on an unrelated real site, not an imitation.
 */
export const MIN_TYPO_LABEL_LENGTH = 6;

/**
 * Categories whose neighbours are not reported as imitations. Platforms and shorteners are not
 * what a spoof smuggles in; satire sites imitate real outlets by design, so their one-edit
 * neighbours are those outlets (`politicot.com` → `politico.com`).
 */
const NOT_IMITATED = new Set<ListEntry['category']>(['platform', 'shortener', 'satire']);

// Specificity bands: any path entry beats any domain entry, which beats any family.
const FAMILY_SPECIFICITY = 1_000_000;
const DOMAIN_SPECIFICITY = 2_000_000;
const PATH_SPECIFICITY = 3_000_000;

interface BucketBuilder {
  domain: CompiledEntry | null;
  paths: Map<string, CompiledEntry> | null;
  maxPathLength: number;
}

interface Builder {
  hosts: Map<string, BucketBuilder>;
  families: Map<string, CompiledEntry>;
  skeletons: Map<string, LookalikeTarget>;
  typoTargets: Map<string, LookalikeTarget>;
  listedDomains: Set<string>;
}

/**
 * Compiles validated lists into lookup structures: a Map per exact host name (matching walks a
 * link's labels, one lookup each), path prefixes under their host, family labels, confusable
 * skeletons and a symmetric-deletion typo index, so nothing per link scans the entries.
 * Entry domains are normalised to lower-case ASCII (punycode) without a `www.` prefix; paths to
 * lower case without a trailing slash. Validation is the loader's job (zod), not this one's.
 */
export function compileLists(lists: readonly DomainList[]): CompiledLists {
  const sorted = [...lists].sort(compareLists);
  const builder: Builder = {
    hosts: new Map(),
    families: new Map(),
    skeletons: new Map(),
    typoTargets: new Map(),
    listedDomains: new Set(),
  };
  let order = 0;
  for (const list of sorted) {
    for (const entry of list.entries) addEntry(builder, list, entry, order++);
  }
  const typoTargets = [...builder.typoTargets.values()].sort((a, b) => compareStrings(a.domain, b.domain));
  return {
    version: sorted.length === 0 ? 'none' : sorted.map((list) => `${list.id}@${list.version}`).join(','),
    hosts: builder.hosts,
    families: builder.families,
    skeletons: builder.skeletons,
    typoTargets,
    typoIndex: buildTypoIndex(typoTargets.map((target) => target.domain)),
    listedDomains: builder.listedDomains,
  };
}

function addEntry(builder: Builder, list: DomainList, entry: ListEntry, order: number): void {
  if (entry.family !== undefined) {
    const label = normaliseFamily(entry.family);
    const compiled = compileEntry(list, entry, `${domainToUnicode(label) || label}.*`, FAMILY_SPECIFICITY, order);
    keepBest(builder.families, label, compiled);
    return;
  }
  if (entry.domain === undefined) return;
  const domain = normaliseDomain(entry.domain);
  const display = domainToUnicode(domain) || domain;
  const path = entry.path === undefined ? '' : normalisePath(entry.path);
  builder.listedDomains.add(getDomain(domain) ?? domain);
  const bucket = bucketFor(builder.hosts, domain);

  if (path !== '') {
    const shownPath = trimTrailingSlashes(entry.path ?? '');
    const specificity = PATH_SPECIFICITY + Math.min(path.length, 999) * 1000 + Math.min(domain.length, 999);
    const compiled = compileEntry(list, entry, `${display}${shownPath}`, specificity, order);
    const paths = bucket.paths ?? new Map<string, CompiledEntry>();
    bucket.paths = paths;
    keepBest(paths, path, compiled);
    bucket.maxPathLength = Math.max(bucket.maxPathLength, path.length);
    return;
  }

  const compiled = compileEntry(list, entry, display, DOMAIN_SPECIFICITY + domain.length, order);
  if (bucket.domain === null || outranks(compiled, bucket.domain)) bucket.domain = compiled;
  if (!NOT_IMITATED.has(entry.category)) addLookalikeTarget(builder, domain, display, compiled);
}

function addLookalikeTarget(builder: Builder, domain: string, display: string, entry: CompiledEntry): void {
  const target: LookalikeTarget = { domain, entry };
  keepBestTarget(builder.skeletons, foldConfusables(display), target);
  // Edit distance on punycode says nothing about how a name looks, so IDN targets get no typos.
  if (domain.includes('xn--') || getDomain(domain) !== domain) return;
  const firstLabelLength = domain.indexOf('.');
  if (firstLabelLength >= MIN_TYPO_LABEL_LENGTH) keepBestTarget(builder.typoTargets, domain, target);
}

function compileEntry(
  list: DomainList,
  entry: ListEntry,
  matched: string,
  specificity: number,
  order: number,
): CompiledEntry {
  return {
    match: Object.freeze({ listId: list.id, listVersion: list.version, matched, entry }),
    severity: entry.severity,
    specificity,
    order,
  };
}

function bucketFor(hosts: Map<string, BucketBuilder>, domain: string): BucketBuilder {
  let bucket = hosts.get(domain);
  if (bucket === undefined) {
    bucket = { domain: null, paths: null, maxPathLength: 0 };
    hosts.set(domain, bucket);
  }
  return bucket;
}

function keepBest(map: Map<string, CompiledEntry>, key: string, entry: CompiledEntry): void {
  const current = map.get(key);
  if (current === undefined || outranks(entry, current)) map.set(key, entry);
}

function keepBestTarget(map: Map<string, LookalikeTarget>, key: string, target: LookalikeTarget): void {
  const current = map.get(key);
  if (current === undefined || outranks(target.entry, current.entry)) map.set(key, target);
}

/** Lower-case ASCII (punycode), no trailing dot, no `www.` (unless that would leave a bare suffix). */
export function normaliseDomain(domain: string): string {
  let name = domain.trim().toLowerCase();
  name = domainToASCII(name) || name;
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.startsWith('www.') && name.indexOf('.', 4) !== -1) name = name.slice(4);
  return name;
}

/** `rtde.*` → `rtde`, the label a registrable domain must start with. */
function normaliseFamily(family: string): string {
  let label = family.trim().toLowerCase();
  if (label.endsWith('.*')) label = label.slice(0, -2);
  return domainToASCII(label) || label;
}

/**
 * The form link paths are compared in: percent-encoded like a WHATWG URL path (so non-ASCII
 * entries meet encoded links), lower case, no trailing slash. `''` means "the whole host".
 */
function normalisePath(path: string): string {
  // Lower-cased before encoding to fold non-ASCII letters (`Ü`), and after it for the hex digits.
  let encoded = path.trim().toLowerCase();
  try {
    encoded = new URL(encoded.startsWith('/') ? encoded : `/${encoded}`, 'http://path.invalid').pathname;
  } catch {
    // Unparseable paths stay as written: they simply never match.
  }
  return trimTrailingSlashes(encoded.toLowerCase());
}

function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}

function compareLists(a: DomainList, b: DomainList): number {
  return compareStrings(a.id, b.id) || compareStrings(a.version, b.version);
}

// Code-unit order, not localeCompare: the combined version must not depend on the machine's locale.
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
