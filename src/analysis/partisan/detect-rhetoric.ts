import type { Finding } from '../types.js';
import { countCaptureGroups, foldUmlauts } from './pattern-source.js';
import { RHETORIC_TERMS, type RhetoricTerm } from './rhetoric-terms.js';

function compileRhetoric(terms: readonly RhetoricTerm[]): RegExp {
  const alternatives = terms.map((term) => {
    const source = foldUmlauts(term.pattern);
    if (countCaptureGroups(source) !== 0) throw new Error(`rhetoric term "${term.term}": use non-capturing groups only`);
    if (!/^[a-z]+$/.test(term.hint)) throw new Error(`rhetoric term "${term.term}": the hint must be lower-case ASCII letters`);
    return `(${source})${term.compound === true ? '' : String.raw`(?![\p{L}\p{N}])`}`;
  });
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})`, 'giu');
}

const RHETORIC = compileRhetoric(RHETORIC_TERMS);
/** The letters from the rarest in comments to the most common (German and English, bench/corpus). */
const LETTERS_BY_RARITY = 'qxjyvzpkfwbgmcuoldhsatrine';

/**
 * A case-insensitive regex that matches where any of `hints` occurs, as `hint|hint|…` does, but
 * each hint is matched at its rarest letter, with the letters before it in a lookbehind and those
 * after it in a lookahead ("funk": `k(?<=fun.)`). Every alternative then starts with one of a few
 * rare letters, so V8 passes over most of the text at once; the plain alternation starts with
 * most of the alphabet and costs about half again as much.
 */
function compileHints(hints: readonly string[]): RegExp {
  const byAnchor = new Map<string, string[]>();
  for (const hint of hints) {
    let at = 0;
    for (let i = 1; i < hint.length; i++) {
      if (LETTERS_BY_RARITY.indexOf(hint[i] as string) < LETTERS_BY_RARITY.indexOf(hint[at] as string)) at = i;
    }
    const anchor = hint[at] as string;
    const before = at > 0 ? `(?<=${hint.slice(0, at)}.)` : '';
    const after = at + 1 < hint.length ? `(?=${hint.slice(at + 1)})` : '';
    byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), before + after]);
  }
  return new RegExp([...byAnchor].map(([anchor, rests]) => `${anchor}(?:${rests.join('|')})`).join('|'), 'i');
}

const RHETORIC_HINTS = compileHints([...new Set(RHETORIC_TERMS.map((term) => term.hint))]);

/** Partisan slogans and slurs (`text.partisan_rhetoric`, severity per term, `details: { term }`), appended to `findings`. */
export function detectRhetoric(text: string, findings: Finding[]): void {
  if (!RHETORIC_HINTS.test(text)) return;
  RHETORIC.lastIndex = 0;
  for (let match = RHETORIC.exec(text); match !== null; match = RHETORIC.exec(text)) {
    const index = match.findIndex((group, k) => k > 0 && group !== undefined);
    const term = RHETORIC_TERMS[index - 1];
    if (term !== undefined) {
      findings.push({
        code: 'text.partisan_rhetoric',
        severity: term.severity,
        start: match.index,
        end: match.index + match[0].length,
        details: { term: term.term },
      });
    }
  }
}
