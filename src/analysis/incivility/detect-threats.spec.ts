import { describe, expect, it } from '@jest/globals';
import { detectThreats, THREAT_RULES_VERSION } from './detect-threats.js';

describe('detectThreats', () => {
  it.each([
    ['Der gehört an die Wand gestellt!', 'gehört an die Wand gestellt', 'call'],
    ['Den sollte man erschießen.', 'sollte man erschießen', 'call'],
    ['Merkel gehört aufgehängt', 'gehört aufgehängt', 'call'],
    ['Ich hoffe das Merkel dort gesteinigt wird!!!', 'hoffe das Merkel dort gesteinigt', 'wish'],
    ['someone should shoot him', 'should shoot', 'call'],
    ['Jeder Antideutsche soll sich doch bitte einen strick nehmen', 'soll sich doch bitte einen strick', 'call'],
    ['Du Verräter, ich werde dich umbringen', 'werde dich umbringen', 'announcement'],
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
