import { describe, expect, it } from '@jest/globals';
import { loadIncivilityModel } from '../../incivility/load-model.js';
import { compileLists } from '../domains/compile-lists.js';
import { analyzeComment } from '../index.js';
import { detectIncivility } from './detect-incivility.js';

const model = loadIncivilityModel();
const lists = compileLists([]);

function reason(text: string): { code: string; evidence: string; probability: number } | null {
  const [f] = detectIncivility(text, model);
  return f === undefined ? null : { code: f.code, evidence: text.slice(f.start, f.end), probability: f.severity };
}

describe('detectIncivility (the shipped model)', () => {
  it('finds the insults of the issue, with the span on the insulting words', () => {
    const vollidiot = reason('erbärmlicher Vollidiot');
    expect(vollidiot).toMatchObject({ code: 'text.insult' });
    expect(vollidiot?.evidence).toContain('Vollidiot');
    const hurensohn = reason('Wer die Grünen wählt ist entweder dumm oder ein Hurensohn');
    expect(hurensohn?.code).toMatch(/^text\.(insult|abuse)$/);
    expect(hurensohn?.evidence).toContain('Hurensohn');
  });

  it('tells profanity from insults', () => {
    expect(reason('Das ist doch Scheiße, was die da machen')).toMatchObject({ code: 'text.profanity', evidence: 'Scheiße' });
  });

  it('leaves calm comments alone, in German and English', () => {
    for (const text of [
      'Danke für den guten Artikel, sehr informativ.',
      'Ich finde die Politik der Regierung in diesem Punkt falsch, die Zahlen sprechen dagegen.',
      'Die Bahn war heute wieder pünktlich, das freut mich.',
      'Thank you for the thoughtful article.',
      'I disagree with the senator on taxes, but the piece is fair.',
    ]) {
      expect(reason(text)).toBeNull();
    }
  });

  it('carries probability, top terms, phrases and the model version', () => {
    const [f] = detectIncivility('Du bist ein dummer Idiot und ein Lügner', model);
    expect(f?.details).toMatchObject({ modelVersion: model.version, terms: expect.arrayContaining(['Idiot']) });
    expect(f!.details.probability).toBeCloseTo(f!.severity, 3);
    expect(f!.severity).toBeGreaterThanOrEqual(model.thresholds.insult);
    for (const p of f!.details.phrases as { start: number; end: number }[]) expect(p.end).toBeGreaterThan(p.start);
  });

  it('follows a site: a category switched off or a higher threshold gives no reason', () => {
    const text = 'erbärmlicher Vollidiot';
    expect(detectIncivility(text, model, { thresholds: {}, disabled: ['text.insult'] })).toEqual([]);
    expect(detectIncivility(text, model, { thresholds: { 'text.insult': 0.999 }, disabled: [] })).toEqual([]);
    expect(detectIncivility('Das Wetter ist schön heute', model, { thresholds: { 'text.insult': 0, 'text.abuse': 0, 'text.profanity': 0 }, disabled: [] })).toHaveLength(1);
  });

  it('sends an insult to review, never to reject, and records the model in the verdict', () => {
    const verdict = analyzeComment('erbärmlicher Vollidiot', { lists, incivility: model, language: 'en' });
    expect(verdict.action).toBe('review');
    expect(verdict.listsVersion).toContain(`;incivility@${model.version}`);
    expect(verdict.reasons[0]?.message).toMatch(/^Insult \(\d+ %\): "/);
    expect(analyzeComment('erbärmlicher Vollidiot', { lists, incivility: model }).reasons[0]?.message).toMatch(/^Beleidigung \(\d+ %\): „/);
  });
});
