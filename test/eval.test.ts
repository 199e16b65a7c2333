import { describe, expect, it } from '@jest/globals';
import type { EvalCode } from '../src/eval/eval-item.schema.js';
import { buildEvalContext } from '../src/eval/eval-context.js';
import { germEvalTestFile, runGermEvalAnchor } from '../src/eval/germeval-anchor.js';
import { loadEvalSets } from '../src/eval/load-eval-sets.js';
import { runEval } from '../src/eval/run-eval.js';
import { figuresFor, type SetScore } from '../src/eval/score-eval.js';
import type { Split } from '../src/eval/split.js';

// ─── text.vote_call floors ──────────────────────────────────────────────────────────────────────
// What the grammar detector reaches (`npm run eval`), minus a small margin: a guard against
// losing ground, not a target. Raise them when the detector improves; never lower them to let a
// change pass. Columns: language, split, origin, min recall, min precision, max share of
// negative items flagged, min stance accuracy. The figures reached are in the comments
// (before the grammar, at 41b8c5c: recall 0.339 / 0.323 / 0.229 / 0.219 / 0.292 / 0.194).
const VOTE_CALL_FLOORS: readonly Floor[] = [
  ['de', 'dev', 'all', 0.92, 0.97, 0.01, 0.97], //    0.948  1.000  0.000  1.000
  ['de', 'test', 'all', 0.75, 0.92, 0.02, 0.93], //   0.774  0.941  0.013  0.958
  ['en', 'dev', 'all', 0.97, 0.97, 0.01, 0.97], //    1.000  1.000  0.000  1.000
  ['en', 'test', 'all', 0.76, 0.97, 0.01, 0.93], //   0.781  1.000  0.000  0.960
  ['all', 'dev', 'real', 0.89, 0.97, 0.01, 0.97], //  0.917  1.000  0.000  1.000
  ['all', 'test', 'real', 0.62, 0.93, 0.01, 0.97], // 0.645  0.952  0.003  1.000
];
// ────────────────────────────────────────────────────────────────────────────────────────────────

type Floor = readonly [lang: 'de' | 'en' | 'all', split: Split | 'all', origin: 'real' | 'constructed' | 'all', minRecall: number, minPrecision: number, maxNegativesFlagged: number, minStance: number | null];

// Shouting: the floors, recall 0.95 on real shouted comments and at most 0.5 % of calm
// ones flagged; links: real comments, where links are rare and prose dots everywhere, stay free of
// false links, and the constructed ones hide links by every technique.
// Incivility: the test split only measures the model (its dev split, but for the GermEval tweets,
// is trained on; see data/training/incivility/SOURCES.md), so the floors are on test, plus German
// dev real items (GermEval 2018 test tweets, never trained on). English is weak (fewer than one
// insult in five found); its floors guard what there is. Figures reached (R, P, negatives
// flagged) with the model and the name-calling grammar in the comments.
const INCIVILITY_FLOORS: Readonly<Record<string, readonly Floor[]>> = {
  'text.insult': [
    ['de', 'test', 'all', 0.43, 0.4, 0.11, null], //  0.481  0.448  0.084
    ['de', 'dev', 'real', 0.42, 0.4, 0.08, null], //  0.475  0.452  0.052
    ['en', 'test', 'all', 0.15, 0.35, 0.06, null], // 0.178  0.421  0.034
  ],
  'text.abuse': [
    ['de', 'test', 'all', 0.45, 0.32, 0.18, null], // 0.500  0.362  0.144
    ['de', 'dev', 'real', 0.31, 0.22, 0.16, null], // 0.359  0.267  0.128
    ['en', 'test', 'all', 0.06, 0.35, 0.04, null], // 0.083  0.500  0.020
  ],
  'text.profanity': [
    ['de', 'test', 'all', 0.33, 0.55, 0.015, null], // 0.417  0.625  0.008
    ['de', 'dev', 'real', 0.19, 0.7, 0.01, null], //   0.238  0.833  0.000
  ],
};

const FLOORS: Readonly<Record<string, { code: EvalCode; floors: readonly Floor[] }[]>> = {
  'vote-calls': [{ code: 'text.vote_call', floors: VOTE_CALL_FLOORS }],
  incivility: Object.entries(INCIVILITY_FLOORS).map(([code, floors]) => ({ code: code as EvalCode, floors })),
  // Links to documented disinformation sites and clones of real outlets, some held out of the
  // lists (the impersonation detector must find them), and clean links to real outlets.
  'link-verdicts': [
    {
      code: 'link.flagged',
      floors: [
        ['de', 'dev', 'all', 0.95, 0.98, 0.0, null], //  0.986  1.000  0.000
        ['de', 'test', 'all', 0.94, 0.98, 0.0, null], // 0.979  1.000  0.000
        ['en', 'dev', 'all', 0.94, 0.98, 0.0, null], //  0.978  1.000  0.000
        ['en', 'test', 'all', 0.89, 0.98, 0.0, null], // 0.928  1.000  0.000
      ],
    },
  ],
  // Threats (rules, nothing trained): German real tweets are the hard part (test: R 0.30, P 0.50).
  threats: [
    {
      code: 'text.threat',
      floors: [
        ['de', 'dev', 'all', 0.8, 0.85, 0.03, null], //  0.885  0.958  0.010
        ['de', 'test', 'all', 0.5, 0.65, 0.08, null], // 0.600  0.800  0.048
        ['en', 'dev', 'all', 0.8, 0.85, 0.03, null], //  0.900  1.000  0.000
        ['en', 'test', 'all', 0.7, 0.85, 0.03, null], // 0.833  1.000  0.000
      ],
    },
  ],
  shouting: [
    {
      code: 'text.shouting',
      floors: [
        ['all', 'dev', 'real', 0.95, 0.95, 0.005, null],
        ['all', 'test', 'real', 0.95, 0.95, 0.005, null],
        ['all', 'all', 'constructed', 0.95, 0.95, 0.1, null],
      ],
    },
  ],
  links: [
    {
      code: 'link',
      floors: [
        ['all', 'dev', 'real', 0.95, 0.95, 0.005, null],
        ['all', 'test', 'real', 0.95, 0.95, 0.005, null],
        ['all', 'all', 'constructed', 0.95, 0.95, 0.1, null],
      ],
    },
  ],
};

// The whole engine as `loupe eval` runs it (bundled lists, default policy), over every labelled set
// in data/eval/. The test split is reported against these floors, never tuned on.
const sets = loadEvalSets();
const scores = new Map<string, SetScore>(runEval(sets, buildEvalContext()).map((score) => [score.set, score]));

const cases = Object.entries(FLOORS).flatMap(([set, entries]) => entries.flatMap(({ code, floors }) => floors.map((floor) => [set, code, ...floor] as const)));

describe('the engine on the labelled evaluation sets', () => {
  it('has floors for every set in data/eval/sets.json', () => {
    expect(sets.map((set) => set.name).sort()).toEqual(Object.keys(FLOORS).sort());
  });

  it.each(cases)('%s (%s) holds its floors on %s %s %s items', (set, code, lang, split, origin, minRecall, minPrecision, maxNegativesFlagged, minStance) => {
    const score = scores.get(set);
    if (score === undefined) throw new Error(`no score for set "${set}"`);
    const figures = figuresFor(score, code, lang, { split, origin });
    expect(figures.tp + figures.fn).toBeGreaterThan(0);
    expect(figures.recall).toBeGreaterThanOrEqual(minRecall);
    expect(figures.precision).toBeGreaterThanOrEqual(minPrecision);
    expect(figures.negativeFlagRate).toBeLessThanOrEqual(maxNegativesFlagged);
    if (minStance !== null) expect(figures.stanceAccuracy).toBeGreaterThanOrEqual(minStance);
  });
});

// GermEval 2018 test (the published anchor, never trained on): the whole engine's coarse and fine
// macro-F1, as `npm run eval` prints them. Reached: 0.744 and 0.481 (the goal is 0.75 coarse).
describe('the engine on the GermEval 2018 test set', () => {
  it('holds its coarse and fine macro-F1 floors', () => {
    const file = germEvalTestFile();
    if (file === null) throw new Error('data/eval/anchors/germeval2018.test.txt is missing');
    const figures = runGermEvalAnchor(buildEvalContext(), file);
    expect(figures.items).toBe(3532);
    expect(figures.coarseMacroF1).toBeGreaterThanOrEqual(0.73);
    expect(figures.fineMacroF1).toBeGreaterThanOrEqual(0.47);
  });
});
