import type { IncivilityCode, IncivilitySettings } from '../index.js';
import type { Finding } from '../types.js';
import { explainIncivility, FINE_CATEGORIES, scoreIncivility, type FineCategory, type IncivilityModel } from './model.js';
import { detectNameCalling, NAME_CALLING_SEVERITY } from './name-calling.js';

const CODE_OF: Readonly<Record<FineCategory, IncivilityCode>> = { insult: 'text.insult', abuse: 'text.abuse', profanity: 'text.profanity' };

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Insults, abuse and profanity, by the trained model (data/models/incivility.json). A comment gets
 * at most one of the three: the category the model finds likeliest (letting the lexicon's
 * category decide instead lowered GermEval's fine macro-F1 from 0.485 to 0.456), once the calibrated
 * probability that the comment is offensive reaches that category's threshold (the model's own,
 * chosen in training for the best macro-F1 on held-out folds, or the site's). The severity is that
 * probability; the span is the strongest phrase the model read (explainIncivility), and `details`
 * names the words that weighed most, every phrase, each category's share and the model version.
 * Name-calling that the grammar finds (name-calling.ts: a degrading word aimed at someone) adds
 * an insult or abuse reason of severity 0.6 where the model gave none of that code.
 */
export function detectIncivility(text: string, model: IncivilityModel, settings?: IncivilitySettings): Finding[] {
  const found = modelFindings(text, model, settings);
  if (model.nameCalling === undefined) return found;
  // Name-calling the grammar finds (name-calling.ts) adds the codes the model did not give.
  for (const f of detectNameCalling(text, model.nameCalling)) {
    const code = f.code as IncivilityCode;
    if (settings?.disabled.includes(code) || (settings?.thresholds[code] ?? 0) > NAME_CALLING_SEVERITY) continue;
    if (!found.some((m) => m.code === code)) found.push(f);
  }
  return found;
}

function modelFindings(text: string, model: IncivilityModel, settings?: IncivilitySettings): Finding[] {
  let floor = 1;
  for (const c of FINE_CATEGORIES) {
    const code = CODE_OF[c];
    if (!settings?.disabled.includes(code)) floor = Math.min(floor, settings?.thresholds[code] ?? model.thresholds[c]);
  }
  const score = scoreIncivility(model, text, floor);
  if (score === null) return [];
  const phrases = explainIncivility(model);
  const top = phrases[0];
  if (top === undefined) return [];
  let category: FineCategory = 'insult';
  for (const c of FINE_CATEGORIES) if (score.shares[c] > score.shares[category]) category = c;
  const code = CODE_OF[category];
  if (settings?.disabled.includes(code)) return [];
  const threshold = settings?.thresholds[code] ?? model.thresholds[category];
  if (score.probability < threshold) return [];
  const terms = phrases.flatMap((p) => p.words.map((w) => text.slice(w.start, w.end)));
  return [
    {
      code,
      severity: score.probability,
      start: top.start,
      end: top.end,
      details: {
        probability: round(score.probability),
        terms: [...new Set(terms)].slice(0, 5),
        phrases: phrases.map((p) => ({ start: p.start, end: p.end })),
        shares: { insult: round(score.shares.insult), abuse: round(score.shares.abuse), profanity: round(score.shares.profanity) },
        threshold,
        modelVersion: model.version,
      },
    },
  ];
}
