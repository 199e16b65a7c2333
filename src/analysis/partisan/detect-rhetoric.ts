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
const RHETORIC_HINTS = new RegExp([...new Set(RHETORIC_TERMS.map((term) => term.hint))].join('|'), 'i');

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
