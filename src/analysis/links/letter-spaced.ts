import type { ExtractedLink } from '../types.js';
import { toExtractedLink } from './link-from-url.js';
import { normalizeHost } from './normalize-host.js';

/*
 * A host written letter by letter, one space between the characters and around its dots:
 * "f r e e d e r t . o n l i n e". Only ASCII label characters, next to no other letter;
 * bounded repetitions starting at a token boundary keep it linear.
 */
const LETTER_SPACED = /(?<![\p{L}\p{N}\p{M}.-])(?:[A-Za-z0-9-] ){2,63}\.(?: [A-Za-z0-9-]){2,63}(?: \.(?: [A-Za-z0-9-]){2,63}){0,3}(?![\p{L}\p{N}\p{M}])/gu;
const SPACES = / /g;
const LOWER = /[a-z]/;
const UPPER = /[A-Z]/;

/**
 * Hosts spelled out letter by letter with single spaces (`f r e e d e r t . o n l i n e`), as
 * links whose span is the whole run. Prose spaces letters only to shout a word ("S C H A N D E");
 * a run counts only when it has a dot, is in one case, its label before the TLD has three or more
 * characters and the TLD is on the ICANN list. Runs only when the text has a " . " at all.
 */
export function findLetterSpacedLinks(text: string): ExtractedLink[] {
  if (text.indexOf(' . ') === -1) return [];
  const links: ExtractedLink[] = [];
  LETTER_SPACED.lastIndex = 0;
  for (let match = LETTER_SPACED.exec(text); match !== null; match = LETTER_SPACED.exec(text)) {
    const host = match[0].replace(SPACES, '');
    if (LOWER.test(host) && UPPER.test(host)) continue;
    const labels = host.split('.');
    if ((labels.at(-2) as string).length < 3) continue;
    let url: URL;
    try {
      url = new URL(`http://${host.toLowerCase()}/`);
    } catch {
      continue;
    }
    const normalized = normalizeHost(url.hostname);
    if (!normalized.isIcann || normalized.domain === null) continue;
    const start = match.index;
    const end = start + match[0].length;
    links.push(toExtractedLink({ start, end, raw: match[0], obfuscated: true }, url, normalized, []));
  }
  return links;
}
