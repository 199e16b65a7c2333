import type { ExtractedLink, ListMatch } from '../types.js';
import { outranks, type CompiledEntry, type CompiledLists, type HostBucket } from './compiled-lists.js';

/**
 * The list entry a link hits, or null. A domain entry matches its host and every subdomain at a
 * label boundary (`anti-spiegel.ru` covers `m.anti-spiegel.ru`, not `notanti-spiegel.ru`); a path
 * entry also needs the URL path to start with its path at a segment boundary, ignoring case; a
 * family `rtde.*` matches any registrable domain whose first label is `rtde`, and its subdomains.
 * When several entries match, the highest severity wins; ties go to the more specific entry
 * (path > longer domain > family), then to the list whose id sorts first.
 *
 * Cost: one Map lookup per label from the full host up to the registrable domain, one per path
 * segment where paths are listed under that host, and one for the family. A hit returns a shared
 * frozen object.
 */
export function matchLink(lists: CompiledLists, link: ExtractedLink): ListMatch | null {
  const host = link.host;
  // Entries are never bare public suffixes, so the walk stops at the registrable domain.
  const shortest = link.domain === null ? host.length : link.domain.length;
  let best: CompiledEntry | null = null;
  let start = 0;
  for (;;) {
    const name = start === 0 ? host : host.slice(start);
    const bucket = lists.hosts.get(name);
    if (bucket !== undefined) {
      if (bucket.domain !== null && (best === null || outranks(bucket.domain, best))) best = bucket.domain;
      const byPath = matchPath(bucket, link.path);
      if (byPath !== null && (best === null || outranks(byPath, best))) best = byPath;
    }
    if (name.length <= shortest) break;
    const dot = host.indexOf('.', start);
    if (dot === -1) break;
    start = dot + 1;
  }
  const family = matchFamily(lists, link);
  if (family !== null && (best === null || outranks(family, best))) best = family;
  return best === null ? null : best.match;
}

/** The best path entry of `bucket` that is a segment-boundary prefix of `path`. */
function matchPath(bucket: HostBucket, path: string): CompiledEntry | null {
  const paths = bucket.paths;
  if (paths === null) return null;
  const lower = path.toLowerCase();
  const limit = Math.min(lower.length, bucket.maxPathLength);
  let best: CompiledEntry | null = null;
  for (let end = 1; end <= limit; end++) {
    if (end !== lower.length && lower.charCodeAt(end) !== 47) continue;
    const entry = paths.get(lower.slice(0, end));
    if (entry !== undefined && (best === null || outranks(entry, best))) best = entry;
  }
  return best;
}

function matchFamily(lists: CompiledLists, link: ExtractedLink): CompiledEntry | null {
  const { domain, suffix } = link;
  if (lists.families.size === 0 || domain === null || suffix === null) return null;
  const labelEnd = domain.length - suffix.length - 1;
  if (labelEnd <= 0 || domain.charCodeAt(labelEnd) !== 46) return null;
  return lists.families.get(domain.slice(0, labelEnd)) ?? null;
}
