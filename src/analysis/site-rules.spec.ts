import { describe, expect, it } from '@jest/globals';
import { analyzeCommentWithLinks, compileLists, type DomainList } from './index.js';

const list: DomainList = {
  id: 'test',
  name: 'Test',
  version: '1',
  license: 'CC0',
  entries: [
    { domain: 'anti-spiegel.ru', category: 'disinformation', severity: 0.95 },
    { domain: 'partner-news.de', category: 'hyperpartisan', severity: 0.6 },
    { family: 'rtde.*', category: 'state_media', severity: 0.95, entity: 'RT DE' },
  ],
};
const lists = compileLists([list]);

describe('site rules', () => {
  it('never scores a link within an allowlisted domain, subdomains included, and records the rules version', () => {
    const text = 'Quelle: https://blog.partner-news.de/artikel und https://anti-spiegel.ru/x';
    const plain = analyzeCommentWithLinks(text, { lists });
    expect(plain.verdict.reasons.map((r) => r.details?.matched)).toEqual(expect.arrayContaining(['partner-news.de', 'anti-spiegel.ru']));

    const site = { version: 'site@2', allow: ['partner-news.de'], severity: {} };
    const { verdict, links } = analyzeCommentWithLinks(text, { lists, site });
    expect(verdict.reasons.map((r) => r.details?.matched).filter(Boolean)).toEqual(['anti-spiegel.ru']);
    expect(links.map((l) => [l.host, l.matched])).toEqual([['blog.partner-news.de', null], ['anti-spiegel.ru', 'anti-spiegel.ru']]);
    expect(verdict.listsVersion).toBe(`${lists.version};site@2`);
  });

  it('does not allow a domain that only ends with the allowed name', () => {
    const site = { version: 'site@1', allow: ['spiegel.ru'], severity: {} };
    const { verdict } = analyzeCommentWithLinks('https://anti-spiegel.ru/x', { lists, site });
    expect(verdict.action).toBe('reject');
  });

  it("replaces the severity of a category for the site's listed links, other categories untouched", () => {
    const site = { version: 'site@3', allow: [], severity: { state_media: 0.4 } };
    const listed = analyzeCommentWithLinks('siehe rtde.site/abc', { lists, site }).verdict;
    expect(listed.reasons[0]).toMatchObject({ code: 'link.listed', severity: 0.4 });
    expect(listed.action).toBe('review');
    const untouched = analyzeCommentWithLinks('siehe anti-spiegel.ru', { lists, site }).verdict;
    expect(untouched.reasons[0]).toMatchObject({ code: 'link.listed', severity: 0.95 });
  });
});
