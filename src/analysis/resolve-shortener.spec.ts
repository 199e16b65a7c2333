import { describe, expect, it } from '@jest/globals';
import { makeList } from './domains/domains.fixtures.js';
import { analyzeCommentWithLinks, compileLists } from './index.js';

const lists = compileLists([
  makeList('loupe-de', '7', [
    { domain: 'anti-spiegel.ru', category: 'disinformation', severity: 0.95, entity: 'Anti-Spiegel' },
    { domain: 'rumble.com', category: 'platform', severity: 0.2 },
  ]),
  makeList('shorteners', '3', [
    { domain: 'bit.ly', category: 'shortener', severity: 0.3, entity: 'Bitly' },
    { domain: 't.co', category: 'shortener', severity: 0.3 },
  ]),
]);

const TEXT = 'Die ganze Wahrheit: https://bit.ly/3xYz – lest selbst!';
const SHORT = 'https://bit.ly/3xYz';
const EVIDENCE = { start: TEXT.indexOf(SHORT), end: TEXT.indexOf(SHORT) + SHORT.length };

function resolved(to: string, from = SHORT): ReadonlyMap<string, string> {
  return new Map([[from, to]]);
}

describe('a shortened link resolved to its target', () => {
  it('scores a listed target at the shortened link, keeps the shortener reason and rejects', () => {
    const { verdict, links } = analyzeCommentWithLinks(TEXT, { lists, resolved: resolved('https://anti-spiegel.ru/2025/x') });
    expect(verdict.action).toBe('reject');
    expect(verdict.reasons.map((r) => r.code)).toEqual(['link.listed', 'link.shortener']);
    const [listed, shortener] = verdict.reasons;
    expect(listed).toMatchObject({ ...EVIDENCE, severity: 0.95 });
    expect(listed?.details).toEqual({
      url: 'https://anti-spiegel.ru/2025/x',
      domain: 'anti-spiegel.ru',
      matched: 'anti-spiegel.ru',
      category: 'disinformation',
      listId: 'loupe-de',
      listVersion: '7',
      entity: 'Anti-Spiegel',
      obfuscated: false,
      unwrappedFrom: [],
      resolvedFrom: SHORT,
    });
    expect(shortener).toMatchObject({ ...EVIDENCE, details: { url: SHORT, domain: 'bit.ly', category: 'shortener' } });
    expect(links).toEqual([
      expect.objectContaining({ url: SHORT, host: 'bit.ly', ...EVIDENCE, matched: 'anti-spiegel.ru', listId: 'loupe-de', category: 'disinformation', entity: 'Anti-Spiegel' }),
    ]);
    expect(links[0]).toMatchObject({ resolvedUrl: 'https://anti-spiegel.ru/2025/x', resolvedDomain: 'anti-spiegel.ru' });
  });

  it('stays as today when the link was not resolved', () => {
    const plain = analyzeCommentWithLinks(TEXT, { lists });
    expect(analyzeCommentWithLinks(TEXT, { lists, resolved: resolved('https://anti-spiegel.ru/x', 'https://bit.ly/other') })).toEqual(plain);
    expect(analyzeCommentWithLinks(TEXT, { lists, resolved: new Map() })).toEqual(plain);
    expect(plain.verdict.action).toBe('approve');
    expect(plain.verdict.reasons.map((r) => r.code)).toEqual(['link.shortener']);
    expect(plain.links[0]).toMatchObject({ matched: 'bit.ly', category: 'shortener' });
  });

  it.each([
    ['an unlisted domain', 'https://www.tagesschau.de/inland/x', 'tagesschau.de'],
    ['another shortener', 'https://t.co/abc', 't.co'],
  ])('adds no reason when the target is %s, but the link row records the target for later list changes', (_name, target, domain) => {
    const plain = analyzeCommentWithLinks(TEXT, { lists });
    const { verdict, links } = analyzeCommentWithLinks(TEXT, { lists, resolved: resolved(target) });
    expect(verdict).toEqual(plain.verdict);
    expect(links).toEqual([{ ...plain.links[0], resolvedUrl: target, resolvedDomain: domain }]);
  });

  it.each([
    ['something that is not an http(s) URL', 'ftp://anti-spiegel.ru/x'],
    ['something that is not a URL', 'nonsense'],
  ])('adds nothing when the target is %s', (_name, target) => {
    expect(analyzeCommentWithLinks(TEXT, { lists, resolved: resolved(target) })).toEqual(analyzeCommentWithLinks(TEXT, { lists }));
  });

  it('records the target only for shortened links (a resolved entry for another link is ignored)', () => {
    const text = 'Direkt https://anti-spiegel.ru/x';
    const { links } = analyzeCommentWithLinks(text, { lists, resolved: resolved('https://rumble.com/v', 'https://anti-spiegel.ru/x') });
    expect(links[0]).not.toHaveProperty('resolvedUrl');
  });

  it('scores a look-alike target as a look-alike, the row keeping the shortener entry', () => {
    const { verdict, links } = analyzeCommentWithLinks(TEXT, { lists, resolved: resolved('https://xn--nti-spiegel-xij.ru/a') });
    const lookalike = verdict.reasons.find((r) => r.code === 'link.lookalike');
    expect(lookalike).toMatchObject({ ...EVIDENCE, details: { imitates: 'anti-spiegel.ru', technique: 'homoglyph', resolvedFrom: SHORT } });
    expect(verdict.action).toBe('reject');
    expect(links[0]).toMatchObject({ matched: 'bit.ly', category: 'shortener' });
  });

  it('peels a wrapper around the target and records it after the wrappers of the shortened link', () => {
    const { verdict } = analyzeCommentWithLinks(TEXT, {
      lists,
      resolved: resolved('https://web.archive.org/web/20250101000000/https://anti-spiegel.ru/x'),
    });
    expect(verdict.reasons[0]?.details).toMatchObject({
      url: 'https://anti-spiegel.ru/x',
      unwrappedFrom: ['https://web.archive.org/web/20250101000000/https://anti-spiegel.ru/x'],
      resolvedFrom: SHORT,
    });
  });

  it("applies the site's severity overrides to the target", () => {
    const site = { version: 'site@1', allow: [], severity: { disinformation: 0.5 } };
    const { verdict } = analyzeCommentWithLinks(TEXT, { lists, site, resolved: resolved('https://anti-spiegel.ru/x') });
    expect(verdict.reasons[0]).toMatchObject({ code: 'link.listed', severity: 0.5 });
    expect(verdict.action).toBe('review');
  });

  it("does not score a target within the site's allowlist, nor a shortened link allowed itself", () => {
    const target = resolved('https://m.anti-spiegel.ru/x');
    const allowTarget = { version: 'site@1', allow: ['anti-spiegel.ru'], severity: {} };
    const { verdict, links } = analyzeCommentWithLinks(TEXT, { lists, site: allowTarget, resolved: target });
    expect(verdict.reasons.map((r) => r.code)).toEqual(['link.shortener']);
    expect(links[0]).toMatchObject({ matched: 'bit.ly', category: 'shortener' });

    const allowShortener = { version: 'site@1', allow: ['bit.ly'], severity: {} };
    const allowed = analyzeCommentWithLinks(TEXT, { lists, site: allowShortener, resolved: target });
    expect(allowed.verdict.reasons).toEqual([]);
    expect(allowed.links[0]).toMatchObject({ matched: null, category: null });
  });

  it('resolves each shortened link of a comment on its own, by its extracted URL', () => {
    const text = 'Erstens bit.ly/a, zweitens hxxps://t[.]co/b und drittens https://bit.ly/c';
    const map = new Map([
      ['http://bit.ly/a', 'https://anti-spiegel.ru/1'],
      ['https://t.co/b', 'https://rumble.com/v1'],
    ]);
    const { verdict, links } = analyzeCommentWithLinks(text, { lists, resolved: map });
    const listed = verdict.reasons.filter((r) => r.code === 'link.listed');
    expect(listed.map((r) => [text.slice(r.start, r.end), r.details.domain, r.details.resolvedFrom, r.details.obfuscated])).toEqual([
      ['bit.ly/a', 'anti-spiegel.ru', 'http://bit.ly/a', false],
      ['hxxps://t[.]co/b', 'rumble.com', 'https://t.co/b', true],
    ]);
    expect(links.map((l) => l.category)).toEqual(['disinformation', 'platform', 'shortener']);
  });
});
