import { describe, expect, it } from '@jest/globals';
import { loadIncivilityModel } from '../../incivility/load-model.js';
import { loadCompiledNameCalling } from '../../incivility/load-name-calling.js';
import { renderMessage } from '../verdict/render-message.js';
import { detectIncivility } from './detect-incivility.js';
import { compileNameCalling, detectNameCalling } from './name-calling.js';

const lexicon = loadCompiledNameCalling();

/** Each finding as code, form and the text its span covers. */
function found(text: string): { code: string; form: unknown; evidence: string }[] {
  return detectNameCalling(text, lexicon).map((f) => ({ code: f.code, form: f.details.form, evidence: text.slice(f.start, f.end) }));
}

describe('detectNameCalling (the bundled name-calling lexicons)', () => {
  it.each([
    ['Go home, you filthy clown.', 'addressee', 'you filthy clown'],
    ["You're just a weasel and everyone knows it", 'predicate', "You're just a weasel"],
    ['The senator is a political hack, plain and simple.', 'predicate', 'senator is a political hack'],
    ["Honestly, he's such a pig", 'predicate', "he's such a pig"],
    ['What a snake!', 'exclamation', 'What a snake'],
    ['Can anyone stop this lunatic before the vote?', 'demonstrative', 'this lunatic'],
    ['Read the bill first, freeloader.', 'vocative', 'freeloader'],
    ['Hey loser, nobody asked', 'vocative', 'Hey loser'],
    ['you people are parasites', 'predicate', 'you people are parasites'],
    ['du elender Heuchler', 'addressee', 'du elender Heuchler'],
    ['Der Minister ist ein Oberlügner, das weiß jeder.', 'predicate', 'ist ein Oberlügner'],
    ['Ihr seid doch alle Schmarotzer!', 'predicate', 'seid doch alle Schmarotzer'],
    ['So eine Witzfigur.', 'exclamation', 'So eine Witzfigur'],
    ['Was für ein Trottel', 'exclamation', 'Was für ein Trottel'],
    ['Wann tritt dieser Versager endlich zurück?', 'demonstrative', 'dieser Versager'],
    ['Muss ich mir jetzt wirklich einen Jammerlappen anhören?', 'named', 'einen Jammerlappen'],
    ['Das wissen Sie doch, Sie Schwätzer', 'addressee', 'Sie Schwätzer'],
    ['du bist so dämlich', 'predicate', 'bist so dämlich'],
  ])('finds the insult in %j (%s)', (text, form, evidence) => {
    expect(found(text)).toEqual([{ code: 'text.insult', form, evidence }]);
  });

  it('reads a third-person collective as abuse, not as an insult of a person', () => {
    expect(found('Those politicians are clowns, all of them')).toEqual([{ code: 'text.abuse', form: 'predicate', evidence: 'politicians are clowns' }]);
    expect(found('Die sind alle Heuchler.')).toEqual([{ code: 'text.abuse', form: 'predicate', evidence: 'sind alle Heuchler' }]);
  });

  it('reads words written evasively, with invisible characters, and in plural and compound forms', () => {
    expect(found('you absolute d!ckhead')[0]?.evidence).toBe('you absolute d!ckhead');
    expect(found('shut up, you sn*ke')[0]?.evidence).toBe('you sn*ke');
    expect(found('You are a l0ser')[0]?.evidence).toBe('You are a l0ser');
    expect(found('He is a cow\u200Bard')[0]?.evidence).toBe('He is a cow\u200Bard');
    expect(found('ihr Drecksschweine')[0]?.evidence).toBe('ihr Drecksschweine');
  });

  it('leaves negations, the first person, comparisons and things alone', () => {
    for (const text of [
      'He is no fool, whatever you think.',
      'Du bist kein Idiot, nur müde.',
      "I'm such an idiot, I forgot the date.",
      'Ich bin ein Depp, ich habe es vergessen.',
      'Geschminkt wie ein Clown stand er auf der Bühne.',
      'The plan is a stupid idea.',
      'Das ist ein dummer Fehler.',
      'Blöde Frage.',
      'The pig farm lost money this year.',
      'Die Antifaschisten demonstrierten friedlich.',
      'Der Artikel erklärt die Rente.',
      'The snake in the zoo sleeps all day.',
    ]) expect({ text, found: found(text) }).toEqual({ text, found: [] });
  });

  it('says which lexicon it used, and finds nothing with an empty one', () => {
    const [f] = detectNameCalling('you clown', lexicon);
    expect(f?.details).toMatchObject({ terms: ['clown'], lexicon: `name-calling:${lexicon.version}` });
    expect(f?.severity).toBe(0.6);
    expect(renderMessage(f!, 'en')).toBe('Insult (name-calling): "clown".');
    expect(renderMessage(detectNameCalling('du Trottel', lexicon)[0]!, 'de')).toBe('Beleidigung (Beschimpfung): „Trottel“.');
    const empty = compileNameCalling([]);
    expect(detectNameCalling('you clown, du Idiot', empty)).toEqual([]);
  });
});

describe('detectIncivility with name-calling', () => {
  const model = loadIncivilityModel();

  it('adds the grammar’s insult where the model gives none, and respects the site’s settings', () => {
    const text = 'Read the bill first, freeloader.';
    const codes = detectIncivility(text, model).map((f) => f.code);
    expect(codes).toContain('text.insult');
    const off = detectIncivility(text, model, { thresholds: {}, disabled: ['text.insult'] }).map((f) => f.code);
    expect(off).not.toContain('text.insult');
    const strict = detectIncivility(text, model, { thresholds: { 'text.insult': 0.9 }, disabled: [] }).filter((f) => f.details.form !== undefined);
    expect(strict).toEqual([]);
  });

  it('gives one reason per code: the model’s when it found that code itself', () => {
    const findings = detectIncivility('du Vollidiot, du elender Heuchler', model);
    expect(findings.filter((f) => f.code === 'text.insult')).toHaveLength(1);
  });
});
