export type Split = 'dev' | 'test';

/** FNV-1a, 32 bits, over the UTF-16 code units of `text` (ids are ASCII). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Four items in ten go to `test`, by their id alone: an item never changes split when others are
 * added, and no one chooses which items are held out.
 */
export function splitOf(id: string): Split {
  return fnv1a32(id) % 10 < 4 ? 'test' : 'dev';
}
