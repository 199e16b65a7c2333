import { describe, expect, it } from '@jest/globals';
import type { Finding, Language } from '../types.js';
import { renderMessage } from './render-message.js';

function makeFinding(code: Finding['code'], details: Record<string, unknown>): Finding {
  return { code, severity: 0.5, start: 0, end: 1, details };
}

describe('renderMessage', () => {
  it.each<[Language, Finding, string]>([
    ['de', makeFinding('link.listed', { domain: 'freedert.online', entity: 'RT DE', category: 'state_media', matched: 'freedert.online', listId: 'loupe-de' }),
      'Link auf freedert.online: RT DE, als Staatsmedium gelistet (Eintrag freedert.online, Liste loupe-de).'],
    ['en', makeFinding('link.listed', { domain: 'rumble.com', category: 'platform', matched: 'rumble.com', listId: 'platforms' }),
      'Link to rumble.com: listed as video/message platform (entry rumble.com, list platforms).'],
    ['de', makeFinding('link.lookalike', { host: 'аnti-spiegel.ru', imitates: 'anti-spiegel.ru', technique: 'homoglyph' }),
      'Link auf аnti-spiegel.ru imitiert die gelistete Domain anti-spiegel.ru (ähnlich aussehende Zeichen).'],
    ['en', makeFinding('link.shortener', { domain: 'bit.ly' }), 'Shortened link via bit.ly: the real target is unknown.'],
    ['de', makeFinding('text.shouting', { ratio: 0.91 }), 'Schreien in Großbuchstaben: 91 % der Buchstaben sind groß geschrieben.'],
    ['de', makeFinding('text.vote_call', { party: 'SPD', stance: 'against' }), 'Wahlaufruf gegen SPD.'],
    ['de', makeFinding('text.vote_call', { party: 'AfD', candidate: 'Björn Höcke', stance: 'for' }), 'Wahlaufruf für Björn Höcke (AfD).'],
    ['en', makeFinding('text.vote_call', { party: 'FDP', coalition: 'Ampel', stance: 'against' }), 'Call to vote against FDP (as part of the Ampel).'],
    ['en', makeFinding('text.partisan_rhetoric', { term: 'Lügenpresse' }), 'Partisan slogan or slur "Lügenpresse".'],
  ])('%s: %s', (language, finding, message) => {
    expect(renderMessage(finding, language)).toBe(message);
  });
});
