import { describe, expect, it } from '@jest/globals';
import { fitsDns, foldHostCompatibility, isIcannTld, normalizeHost } from './normalize-host.js';

function hostOf(written: string): string {
  return new URL(`http://${written}/`).hostname;
}

describe('normalizeHost', () => {
  it.each([
    {
      name: 'a plain host',
      written: 'anti-spiegel.ru',
      expected: { host: 'anti-spiegel.ru', hostUnicode: 'anti-spiegel.ru', domain: 'anti-spiegel.ru', suffix: 'ru', isIcann: true },
    },
    {
      name: 'a subdomain',
      written: 'm.anti-spiegel.ru',
      expected: { host: 'm.anti-spiegel.ru', domain: 'anti-spiegel.ru', suffix: 'ru' },
    },
    {
      name: 'a two-label suffix',
      written: 'news.bbc.co.uk',
      expected: { host: 'news.bbc.co.uk', domain: 'bbc.co.uk', suffix: 'co.uk' },
    },
    {
      name: 'a trailing dot',
      written: 'freedert.online.',
      expected: { host: 'freedert.online', domain: 'freedert.online', suffix: 'online' },
    },
    {
      name: 'capitals',
      written: 'WWW.Anti-Spiegel.RU',
      expected: { host: 'www.anti-spiegel.ru', domain: 'anti-spiegel.ru' },
    },
    {
      name: 'a Cyrillic "а" in a Latin name (kept Cyrillic in hostUnicode)',
      written: '\u0430nti-spiegel.ru',
      expected: { host: 'xn--nti-spiegel-xij.ru', hostUnicode: '\u0430nti-spiegel.ru', domain: 'xn--nti-spiegel-xij.ru', suffix: 'ru' },
    },
    {
      name: 'punycode as written (Unicode in hostUnicode)',
      written: 'xn--nti-spiegel-xij.ru',
      expected: { host: 'xn--nti-spiegel-xij.ru', hostUnicode: '\u0430nti-spiegel.ru' },
    },
    {
      name: 'an IDN TLD',
      written: 'пример.рф',
      expected: { host: 'xn--e1afmkfd.xn--p1ai', hostUnicode: 'пример.рф', domain: 'xn--e1afmkfd.xn--p1ai', suffix: 'xn--p1ai' },
    },
    {
      name: 'fullwidth letters',
      written: 'ｆｒｅｅｄｅｒｔ.online',
      expected: { host: 'freedert.online', hostUnicode: 'freedert.online', domain: 'freedert.online' },
    },
    {
      name: 'an IPv4 address',
      written: '192.168.0.1',
      expected: { host: '192.168.0.1', domain: null, suffix: null, isIcann: false },
    },
    {
      name: 'an IPv6 address',
      written: '[::1]',
      expected: { host: '[::1]', domain: null, suffix: null },
    },
    {
      name: 'a bare public suffix',
      written: 'co.uk',
      expected: { host: 'co.uk', domain: null, suffix: 'co.uk' },
    },
    {
      name: 'a name that is no TLD',
      written: 'localhost',
      expected: { host: 'localhost', domain: null, isIcann: false },
    },
  ])('normalises $name', ({ written, expected }) => {
    expect(normalizeHost(hostOf(written))).toMatchObject(expected);
  });
});

describe('fitsDns', () => {
  const label63 = 'a'.repeat(63);
  it.each([
    ['anti-spiegel.ru', true],
    [`${label63}.de`, true],
    [`${'a'.repeat(64)}.de`, false],
    [[label63, label63, label63, 'a'.repeat(58), 'de'].join('.'), true], // 253 characters
    [[label63, label63, label63, 'a'.repeat(59), 'de'].join('.'), false], // 254
    ['anti-spiegel.ru.'.repeat(16).slice(0, -1), false],
  ])('%s: %s', (host, fits) => {
    expect(fitsDns(host)).toBe(fits);
  });
});

describe('isIcannTld', () => {
  it.each([
    ['ru', true],
    ['RU', true],
    ['online', true],
    ['zip', true],
    ['рф', true],
    ['xn--p1ai', true],
    ['za', true],
    ['pdf', false],
    ['der', false],
    ['', false],
  ])('%s → %s', (label, expected) => {
    expect(isIcannTld(label)).toBe(expected);
  });
});

describe('foldHostCompatibility', () => {
  it.each([
    { name: 'fullwidth host letters', href: 'http://ｆｒｅｅｄｅｒｔ.online/ｘ', folded: 'http://freedert.online/ｘ' },
    { name: 'an ASCII href (unchanged)', href: 'https://x.de/ä', folded: 'https://x.de/ä' },
    { name: 'a host without scheme', href: 'ｘ.de', folded: 'x.de' },
  ])('folds $name', ({ href, folded }) => {
    expect(foldHostCompatibility(href)).toBe(folded);
  });
});
