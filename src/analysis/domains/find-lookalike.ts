import type { ExtractedLink, LookalikeMatch } from '../types.js';
import { isWithinDomain, outranks, type CompiledLists, type LookalikeTarget } from './compiled-lists.js';
import { foldConfusables, hasNonAscii } from './fold-confusables.js';
import { findOneEdit, hashDeletions, MAX_DOMAIN_LENGTH } from './typo-index.js';

const PUNYCODE_LABEL = /xn--/i;

/**
 * A substitution of characters that do not look alike (`cbsnews` → `cnsnews`) only counts
 * against a first label this long: short names one letter apart are mostly distinct real outlets,
 * whereas a name this long rarely has a real neighbour at one substitution.
 */
export const MIN_FREE_SUBSTITUTION_LABEL_LENGTH = 10;

// Scratch for the query's deletion hashes: matching is synchronous, so one buffer serves every call.
const queryHashes = new Int32Array(MAX_DOMAIN_LENGTH + 1);

/**
 * A listed domain that `link` imitates, or null. Call it only for links `matchLink` did not
 * match. Only domain entries (no path, no family) outside the `platform`, `shortener` and
 * `satire` categories are imitated (see `compileLists`).
 *
 * - homoglyph / punycode: the Unicode host contains non-ASCII characters and its confusable
 *   skeleton (see `foldConfusables`) is a listed domain or one of its subdomains. `punycode`
 *   when the comment wrote the `xn--` form, `homoglyph` when it wrote the look-alike letters.
 * - typo: the registrable domain is one edit (insertion, deletion, adjacent transposition, or
 *   substitution of characters that look alike such as `1`/`l`) from a listed registrable
 *   domain whose first label has at least `MIN_TYPO_LABEL_LENGTH` (6) characters, and is not
 *   itself the registrable domain of any entry. Any other substitution needs a first label of
 *   `MIN_FREE_SUBSTITUTION_LABEL_LENGTH` (10). Short names are left out because their one-edit
 *   neighbours are mostly real, unrelated sites (`rt.de`, `cbsnews.com` next to `cnsnews.com`).
 *
 * Cost for an ASCII host: n + 1 hash lookups for a registrable domain of n characters, no
 * strings built; the skeleton is only computed for hosts with non-ASCII characters.
 */
export function findLookalike(lists: CompiledLists, link: ExtractedLink): LookalikeMatch | null {
  if (hasNonAscii(link.hostUnicode)) {
    const target = findHomoglyphTarget(lists, link);
    if (target !== null) {
      const technique = PUNYCODE_LABEL.test(link.raw) ? 'punycode' : 'homoglyph';
      return { imitates: target.entry.match.matched, technique, match: target.entry.match };
    }
  }
  const target = findTypoTarget(lists, link);
  if (target === null) return null;
  return { imitates: target.entry.match.matched, technique: 'typo', match: target.entry.match };
}

function findHomoglyphTarget(lists: CompiledLists, link: ExtractedLink): LookalikeTarget | null {
  if (lists.skeletons.size === 0) return null;
  const skeleton = foldConfusables(link.hostUnicode);
  let best: LookalikeTarget | null = null;
  let start = 0;
  for (;;) {
    const target = lists.skeletons.get(start === 0 ? skeleton : skeleton.slice(start));
    // The real domain (or a subdomain of it) folds to its own skeleton: that is a match, not a lookalike.
    if (target !== undefined && !isWithinDomain(link.host, target.domain)) {
      if (best === null || outranks(target.entry, best.entry)) best = target;
    }
    const dot = skeleton.indexOf('.', start);
    if (dot === -1) break;
    start = dot + 1;
  }
  return best;
}

function findTypoTarget(lists: CompiledLists, link: ExtractedLink): LookalikeTarget | null {
  const domain = link.domain;
  if (domain === null || lists.typoTargets.length === 0 || lists.listedDomains.has(domain)) return null;
  const { shift, offsets, hashes, positions } = lists.typoIndex;
  const count = hashDeletions(domain, queryHashes);
  let best: LookalikeTarget | null = null;
  for (let i = 0; i < count; i++) {
    const hash = queryHashes[i] ?? 0;
    const bucket = hash >>> shift;
    const end = offsets[bucket + 1] ?? 0;
    for (let j = offsets[bucket] ?? 0; j < end; j++) {
      if (hashes[j] === hash) best = pickTypo(lists, domain, positions[j] ?? -1, best);
    }
  }
  return best;
}

function pickTypo(
  lists: CompiledLists,
  domain: string,
  position: number,
  best: LookalikeTarget | null,
): LookalikeTarget | null {
  const target = lists.typoTargets[position];
  if (target === undefined || target === best) return best;
  const edit = findOneEdit(domain, target.domain);
  if (edit === null) return best;
  if (edit === 'substitution' && target.domain.indexOf('.') < MIN_FREE_SUBSTITUTION_LABEL_LENGTH) return best;
  return best === null || outranks(target.entry, best.entry) ? target : best;
}
