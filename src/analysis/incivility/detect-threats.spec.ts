import { describe, expect, it } from '@jest/globals';
import { detectThreats, THREAT_RULES_VERSION } from './detect-threats.js';

describe('detectThreats', () => {
  it('gives one reason however many sentences threaten, with their count and spans', () => {
    const text = 'Hängt sie auf! '.repeat(500);
    const findings = detectThreats(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.details).toMatchObject({ count: 500, form: 'call' });
    expect(findings[0]?.details.spans).toHaveLength(20);
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe('Hängt sie auf');
  });

  it('reads nothing into a question, a quotation or a report', () => {
    expect(detectThreats('Soll es dort Mord und Totschlag geben??')).toEqual([]);
    expect(detectThreats('Nahles bereichert den Wortschatz: „in die Fresse“.')).toEqual([]);
    expect(detectThreats('Sie sagte, er habe gedroht, sie umzubringen.')).toEqual([]);
    expect(detectThreats('Die sollten sich schämen.')).toEqual([]);
  });

  it.each([
    ['Der gehört an die Wand gestellt!', 'gehört an die Wand gestellt', 'deserve'],
    ['Den sollte man erschießen.', 'sollte man erschießen', 'call'],
    ['Merkel gehört aufgehängt', 'gehört aufgehängt', 'deserve'],
    ['Hängt sie alle auf, diese Verräter!', 'Hängt sie alle auf', 'call'],
    ['Wenn ich den erwische, bring ich ihn um.', 'bring ich ihn um', 'announcement'],
    ['Ihr seid alle tot, wenn wir an der Macht sind.', 'Ihr seid alle tot', 'announcement'],
    ['Ich hoffe das Merkel dort gesteinigt wird!!!', 'hoffe das Merkel dort gesteinigt', 'wish'],
    ['someone should shoot him', 'should shoot', 'call'],
    ['Jeder Antideutsche soll sich doch bitte einen strick nehmen', 'soll sich doch bitte einen strick', 'call'],
    ['Du Verräter, ich werde dich umbringen', 'ich werde dich umbringen', 'announcement'],
    ['They deserve to hang.', 'deserve to hang', 'deserve'],
  ])('finds the threat in %j', (text, evidence, form) => {
    const [finding, ...rest] = detectThreats(text);
    expect(rest).toHaveLength(0);
    expect(finding?.code).toBe('text.threat');
    expect(text.slice(finding!.start, finding!.end)).toBe(evidence);
    expect(finding?.details).toMatchObject({ form, modelVersion: THREAT_RULES_VERSION, probability: finding?.severity });
  });

  it.each([
    ['Der Mann wurde gestern in Köln erschossen.'],
    ['Niemand sollte erschossen werden.'],
    ['Wer Flüchtlinge angreift, gehört bestraft.'],
    ['Merkel fährt das Land an die Wand.'],
    ['Die AfD will die Partei an die Wand fahren.'],
    ['1944 wurden Millionen Juden vergast.'],
    ['Der BVB kriegt aufs Maul 1:3'],
    ['Das Wetter ist heute schön und die Bahn pünktlich.'],
    ['He was shot dead by police on Tuesday.'],
    ['Nobody should be killed for their faith.'],
  ])('leaves %j alone', (text) => {
    expect(detectThreats(text)).toEqual([]);
  });
});
