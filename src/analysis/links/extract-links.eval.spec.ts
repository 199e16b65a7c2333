import { describe, expect, it } from '@jest/globals';
import { loadEvalSets } from '../../eval/load-eval-sets.js';
import { figuresFor, scoreSet } from '../../eval/score-eval.js';
import { extractLinks } from './extract-links.js';

// Floors on data/eval/links (labelled by RULES.md): real comments, where links are rare and prose
// dots everywhere, must stay free of false links; the constructed comments hide links by every
// technique. The test split is reported here, never tuned on.
const [set] = loadEvalSets(undefined, 'links');
if (set === undefined) throw new Error('the links evaluation set is missing');
const score = scoreSet(set, (item) => extractLinks(item.text).map(({ start, end, domain }) => ({ code: 'link', start, end, domain })));

describe('extractLinks on the labelled links set', () => {
  it.each([
    ['dev', 'real', 0.95, 0.95, 0.005],
    ['test', 'real', 0.95, 0.95, 0.005],
    ['all', 'constructed', 0.95, 0.95, 0.1],
  ] as const)('holds its floors on %s %s comments', (split, origin, minRecall, minPrecision, maxCalmFlagged) => {
    const figures = figuresFor(score, 'link', 'all', { split, origin });
    expect(figures.recall).toBeGreaterThanOrEqual(minRecall);
    expect(figures.precision).toBeGreaterThanOrEqual(minPrecision);
    expect(figures.negativeFlagRate).toBeLessThanOrEqual(maxCalmFlagged);
  });
});
