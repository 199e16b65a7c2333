export const EXCERPT_MAX = 280;
/** How far a cut may move to land on a space instead of inside a word. */
const WORD_SNAP = 20;
const ELLIPSIS = '…';

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * At most `max` UTF-16 units of `text` around the link at [start, end): a third of the spare room
 * before the link, the rest after it (a reader wants what the link is offered as evidence for),
 * cut at spaces where one is near, never inside a surrogate pair, with `…` where text was left
 * out. `more` says the text continues beyond `text` (the database sent only its head).
 */
export function excerptAround(text: string, start: number, end: number, more = false, max = EXCERPT_MAX): string {
  if (!more && text.length <= max) return text;
  const room = max - 2; // room for an ellipsis on each side
  const linkStart = Math.min(Math.max(0, start), text.length);
  const linkEnd = Math.min(Math.max(linkStart, end), text.length);
  let from: number;
  let to: number;
  if (linkEnd - linkStart >= room) {
    from = linkStart;
    to = linkStart + room;
  } else {
    from = linkStart - Math.min(linkStart, Math.floor((room - (linkEnd - linkStart)) / 3));
    to = Math.min(text.length, from + room);
    from = Math.max(0, to - room);
    // Move each cut inwards to the nearest space, as long as the link stays whole.
    if (from > 0) {
      const space = text.indexOf(' ', from);
      if (space !== -1 && space < Math.min(linkStart, from + WORD_SNAP)) from = space + 1;
    }
    if (to < text.length || more) {
      const space = text.lastIndexOf(' ', to - 1);
      if (space >= Math.max(linkEnd, to - WORD_SNAP)) to = space;
    }
  }
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from++;
  if (to < text.length && to > from && isLowSurrogate(text.charCodeAt(to))) to--;
  const before = from > 0 ? ELLIPSIS : '';
  const after = to < text.length || more ? ELLIPSIS : '';
  return before + text.slice(from, to) + after;
}
