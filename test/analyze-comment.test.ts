import { describe, expect, it } from '@jest/globals';
import { analyzeComment, analyzeCommentWithLinks, compileLists, type Action } from '../src/analysis/index.js';
import { loadListsFromDir } from '../src/lists/load-lists.js';
import { loadCompiledPolitics } from '../src/politics/load-politics.js';

// The whole engine with the bundled lists and the default policy, as `loupe moderate` runs it.
const lists = compileLists(loadListsFromDir());
const politics = loadCompiledPolitics();

describe('analyzeComment with the bundled lists', () => {
  it.each<[string, string, Action, string | null, string | null]>([
    ['an obfuscated anti-spiegel link', 'Lest mal anti-spiegel[.]ru/2025/artikel, da steht die Wahrheit', 'reject', 'link.listed', 'anti-spiegel[.]ru/2025/artikel'],
    ['a hxxps link', 'Quelle: hxxps://anti-spiegel.ru/x', 'reject', 'link.listed', 'hxxps://anti-spiegel.ru/x'],
    ['an archived RT DE mirror', 'Siehe https://web.archive.org/web/20250101000000/https://freedert.online/meinung/1 …', 'reject', 'link.listed',
      'https://web.archive.org/web/20250101000000/https://freedert.online/meinung/1'],
    ['an rtde.* mirror on another TLD', 'Mehr auf rtde.xyz/russland', 'reject', 'link.listed', 'rtde.xyz/russland'],
    ['a listed Telegram channel', 'Abonniert t.me/neuesausrussland!', 'reject', 'link.listed', 't.me/neuesausrussland'],
    ['a Cyrillic look-alike', 'Neu: https://\u0430nti-spiegel.ru/a', 'reject', 'link.lookalike', 'https://\u0430nti-spiegel.ru/a'],
    ['a one-letter typo of a listed domain', 'Neu: https://anti-spiege1.ru/a', 'review', 'link.lookalike', 'https://anti-spiege1.ru/a'],
    ['a shortener alone', 'Schaut: https://bit.ly/3xYz', 'approve', 'link.shortener', 'https://bit.ly/3xYz'],
    ['a platform link alone', 'Video: https://rumble.com/v6jwcf7-x.html', 'approve', 'link.listed', 'https://rumble.com/v6jwcf7-x.html'],
    ['a lookalike of a word, not a listed domain', 'Ich lese spiegel.de und notanti-spiegel.ru', 'approve', null, null],
    ['a file name', 'Anhang: bericht.pdf und archiv.zip', 'approve', null, null],
    ['an English vote call', 'Everyone must vote Republican in November', 'review', 'text.vote_call', 'vote Republican'],
    ['a prediction', 'Die AfD wird in Sachsen gewinnen, sagen die Umfragen.', 'approve', null, null],
  ])('%s', (_name, text, action, code, evidence) => {
    const verdict = analyzeComment(text, { lists, politics });
    expect(verdict.action).toBe(action);
    if (code === null) {
      expect(verdict.reasons).toEqual([]);
      return;
    }
    const reason = verdict.reasons.find((r) => r.code === code);
    expect(reason).toBeDefined();
    expect(text.slice(reason!.start, reason!.end)).toBe(evidence);
  });

  it('scores the original of a wrapped link and records the wrapper', () => {
    const { verdict, links } = analyzeCommentWithLinks('https://www.google.com/url?q=https%3A%2F%2Fde.rt.com%2Fa&sa=D', { lists, politics });
    expect(links[0]).toMatchObject({ host: 'de.rt.com', matched: 'de.rt.com', entity: 'RT DE', category: 'state_media' });
    expect(verdict.reasons[0]?.details).toMatchObject({ entity: 'RT DE', unwrappedFrom: [expect.stringContaining('google.com/url')] });
  });

  it('writes messages in the requested language', () => {
    const text = 'https://freedert.online/x';
    expect(analyzeComment(text, { lists, politics, language: 'en' }).reasons[0]?.message).toMatch(/^Link to freedert\.online: RT DE, listed as state media outlet/);
    expect(analyzeComment(text, { lists, politics }).reasons[0]?.message).toMatch(/^Link auf freedert\.online: RT DE, als Staatsmedium gelistet/);
  });
});
