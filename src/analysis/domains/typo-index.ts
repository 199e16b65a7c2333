/**
 * Symmetric-deletion index for edit distance 1 (Wolf Garbe's SymSpell idea): two strings are at
 * most one substitution, insertion, deletion or adjacent transposition apart only if the string
 * or one of its 1-deletion variants equals the other or one of its variants. Store the variants'
 * hashes of every target once; per query, hash the query's own n + 1 variants (O(n) with prefix
 * hashes, no string is built) and verify the few candidates exactly.
 */

/**
 * Variant hashes grouped by their top bits in flat typed arrays (a counting sort): a quarter of
 * the memory of a Map of ~45 000 numbers for a 3 000-entry list, and still O(1) per lookup.
 */
export interface TypoIndex {
  /** `hash >>> shift` is a hash's bucket. */
  readonly shift: number;
  /** Bucket b holds `hashes[offsets[b]] .. hashes[offsets[b + 1] - 1]`. */
  readonly offsets: Int32Array;
  readonly hashes: Int32Array;
  /** Position of the target each hash came from, parallel to `hashes`. */
  readonly positions: Int32Array;
}

/** Longest DNS name; longer input is not a domain and is not looked up. */
export const MAX_DOMAIN_LENGTH = 253;

const BASE = 0x01000193;
const HASH_BITS = 30;
const HASH_MASK = (1 << HASH_BITS) - 1;
const LENGTH_MIX = 0x9e3779b1 | 0;

const powers = new Int32Array(MAX_DOMAIN_LENGTH + 1);
powers[0] = 1;
for (let i = 1; i <= MAX_DOMAIN_LENGTH; i++) powers[i] = Math.imul(powers[i - 1] ?? 0, BASE);

// Scratch for prefix hashes: matching is synchronous, so one buffer serves every call.
const prefixes = new Int32Array(MAX_DOMAIN_LENGTH + 1);

/**
 * Writes the hash of `text` and of each of its 1-deletion variants into `out` (`out[0]` is the
 * text itself, `out[i + 1]` the text without character i) and returns how many were written:
 * `text.length + 1`, or 0 when `text` is longer than a domain can be.
 */
export function hashDeletions(text: string, out: Int32Array): number {
  const n = text.length;
  if (n > MAX_DOMAIN_LENGTH || out.length < n + 1) return 0;
  let hash = 0;
  prefixes[0] = 0;
  for (let i = 0; i < n; i++) {
    hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
    prefixes[i + 1] = hash;
  }
  out[0] = mix(hash, n);
  // Without character i: H = H(text) + (prefix[i] - prefix[i + 1]) * BASE^(n - 1 - i).
  for (let i = 0; i < n; i++) {
    const delta = ((prefixes[i] ?? 0) - (prefixes[i + 1] ?? 0)) | 0;
    out[i + 1] = mix((hash + Math.imul(delta, powers[n - 1 - i] ?? 0)) | 0, n - 1);
  }
  return n + 1;
}

/** Indexes `targets` (position i in the index is `targets[i]`) by their deletion variants. */
export function buildTypoIndex(targets: readonly string[]): TypoIndex {
  const variants = new Int32Array(MAX_DOMAIN_LENGTH + 1);
  let hashes: Int32Array = new Int32Array(1024);
  let positions: Int32Array = new Int32Array(1024);
  let count = 0;
  targets.forEach((target, position) => {
    const written = hashDeletions(target, variants);
    for (let i = 0; i < written; i++) {
      const hash = variants[i] ?? 0;
      // Deleting either letter of a double letter gives the same variant: store it once.
      if (i > 1 && hash === variants[i - 1]) continue;
      if (count === hashes.length) {
        hashes = grow(hashes);
        positions = grow(positions);
      }
      hashes[count] = hash;
      positions[count++] = position;
    }
  });
  // About two hashes per bucket keeps the offsets small and the scan per lookup short.
  const bucketBits = Math.min(HASH_BITS, Math.max(1, Math.ceil(Math.log2(Math.max(count, 2) / 2))));
  const shift = HASH_BITS - bucketBits;
  const offsets = new Int32Array((1 << bucketBits) + 1);
  for (let i = 0; i < count; i++) {
    const bucket = ((hashes[i] ?? 0) >>> shift) + 1;
    offsets[bucket] = (offsets[bucket] ?? 0) + 1;
  }
  for (let b = 1; b < offsets.length; b++) offsets[b] = (offsets[b] ?? 0) + (offsets[b - 1] ?? 0);
  const next = offsets.slice(0, -1);
  const sortedHashes = new Int32Array(count);
  const sortedPositions = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const hash = hashes[i] ?? 0;
    const bucket = hash >>> shift;
    const slot = next[bucket] ?? 0;
    next[bucket] = slot + 1;
    sortedHashes[slot] = hash;
    sortedPositions[slot] = positions[i] ?? 0;
  }
  return { shift, offsets, hashes: sortedHashes, positions: sortedPositions };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function mix(hash: number, length: number): number {
  return (hash ^ Math.imul(length, LENGTH_MIX)) & HASH_MASK;
}

/**
 * How two strings exactly one edit apart differ (optimal string alignment distance 1); null when
 * they are equal or further apart. `lookalike` is a substitution of characters that pass for each
 * other (`1`/`l`, `0`/`o`, …), the kind an imitation uses; `substitution` is any other one.
 */
export type OneEdit = 'lookalike' | 'substitution' | 'insertion' | 'deletion' | 'transposition';

// Unordered pairs of ASCII characters that read alike in a URL bar.
const LOOKALIKE_PAIRS = new Set(
  ['0o', '1l', '1i', 'il', 'ij', '3e', '4a', '5s', '8b', '9g', 'gq', 'mn', 'uv'].map((pair) =>
    pairKey(pair.charCodeAt(0), pair.charCodeAt(1)),
  ),
);

/** The edit that turns `target` into `text` (`insertion`: `text` has the extra character). */
export function findOneEdit(text: string, target: string): OneEdit | null {
  const lt = text.length;
  const lg = target.length;
  if (lt === lg) {
    let i = 0;
    while (i < lt && text.charCodeAt(i) === target.charCodeAt(i)) i++;
    if (i === lt) return null;
    const x = text.charCodeAt(i);
    const y = target.charCodeAt(i);
    if (sameFrom(text, i + 1, target, i + 1)) return LOOKALIKE_PAIRS.has(pairKey(x, y)) ? 'lookalike' : 'substitution';
    const swapped = i + 1 < lt && x === target.charCodeAt(i + 1) && text.charCodeAt(i + 1) === y;
    return swapped && sameFrom(text, i + 2, target, i + 2) ? 'transposition' : null;
  }
  if (lt === lg + 1) return oneInsertionApart(text, target) ? 'insertion' : null;
  if (lg === lt + 1) return oneInsertionApart(target, text) ? 'deletion' : null;
  return null;
}

function pairKey(x: number, y: number): number {
  return x < y ? (x << 16) | y : (y << 16) | x;
}

/** `longer` is `shorter` with one character inserted. */
function oneInsertionApart(longer: string, shorter: string): boolean {
  let i = 0;
  while (i < shorter.length && longer.charCodeAt(i) === shorter.charCodeAt(i)) i++;
  return sameFrom(longer, i + 1, shorter, i);
}

function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) {
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  }
  return true;
}
