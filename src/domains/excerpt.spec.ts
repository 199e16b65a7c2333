import { describe, expect, it } from '@jest/globals';
import { EXCERPT_MAX, excerptAround } from './excerpt.js';

const LINK = 'https://neue-wahrheit.info/bericht/1';
const words = (n: number) => Array.from({ length: n }, (_, i) => `wort${i}`).join(' ');

function around(before: string, after: string, more = false): { text: string; excerpt: string } {
  const text = `${before}${LINK}${after}`;
  return { text, excerpt: excerptAround(text, before.length, before.length + LINK.length, more) };
}

describe('excerptAround', () => {
  it('returns a short text whole', () => {
    expect(around('Siehe ', ' dazu').excerpt).toBe(`Siehe ${LINK} dazu`);
  });

  it.each([
    ['in the middle', `${words(60)} `, ` ${words(60)}`, true, true],
    ['at the start', '', ` ${words(80)}`, false, true],
    ['at the end', `${words(80)} `, '', true, false],
  ])('keeps a link %s whole, within the limit, with ellipses where text was cut', (_name, before, after, cutBefore, cutAfter) => {
    const { text, excerpt } = around(before, after);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(excerpt).toContain(LINK);
    expect(excerpt.startsWith('…')).toBe(cutBefore);
    expect(excerpt.endsWith('…')).toBe(cutAfter);
    expect(text).toContain(excerpt.replace(/^…|…$/g, ''));
  });

  it('cuts at spaces, not inside words', () => {
    const { excerpt } = around(`${words(60)} `, ` ${words(60)}`);
    expect(excerpt).toMatch(/^…wort\d+ /);
    expect(excerpt).toMatch(/ wort\d+…$/);
  });

  it('gives more room after the link than before it', () => {
    const { excerpt } = around(`${words(60)} `, ` ${words(60)}`);
    const at = excerpt.indexOf(LINK);
    expect(excerpt.length - at - LINK.length).toBeGreaterThan(at);
  });

  it('starts a link longer than the limit at the link', () => {
    const long = `https://neue-wahrheit.info/${'a'.repeat(400)}`;
    const text = `Vorher ${long} nachher`;
    const excerpt = excerptAround(text, 7, 7 + long.length);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(excerpt.startsWith('…https://neue-wahrheit.info/aaa')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const before = '😀'.repeat(200);
    const { excerpt } = around(before, '😀'.repeat(200));
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(excerpt).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('marks a text that continues beyond what it was given, ending at a word boundary', () => {
    const { excerpt } = around('Siehe ', ` dazu ${words(60)}`, true);
    expect(excerpt.startsWith(`Siehe ${LINK} dazu wort0 `)).toBe(true);
    expect(excerpt).toMatch(/ wort\d+…$/);
  });
});
