import { describe, expect, it } from '@jest/globals';
import { normalizeDomain, resolveWindow } from './domains-query.schema.js';

describe('normalizeDomain', () => {
  it.each([
    ['anti-spiegel.ru', 'anti-spiegel.ru'],
    ['Anti-Spiegel.RU', 'anti-spiegel.ru'],
    ['freedert.online.', 'freedert.online'],
    ['bbc.co.uk', 'bbc.co.uk'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
  ])('accepts %s as %s', (input, domain) => {
    expect(normalizeDomain(input)).toEqual({ domain });
  });

  it.each([
    ['www.anti-spiegel.ru', /belongs to anti-spiegel\.ru/],
    ['de.rt.com', /belongs to rt\.com/],
    ['co.uk', /public suffix/],
    ['localhost', /domain name/],
    ['127.0.0.1', /domain name/],
    ['not_a_domain.de', /domain name/],
    ['-bad.de', /domain name/],
    ['a..de', /domain name/],
    ['', /domain name/],
    [`${'a'.repeat(64)}.de`, /domain name/],
  ])('refuses %j', (input, message) => {
    const result = normalizeDomain(input);
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('resolveWindow', () => {
  const now = new Date('2026-11-24T12:00:00Z');

  it('defaults to the 24 hours before now, and the 24 hours before that', () => {
    expect(resolveWindow({}, now)).toEqual({ since: new Date('2026-11-23T12:00:00Z'), until: now, previousSince: new Date('2026-11-22T12:00:00Z') });
  });

  it('defaults since to 24 hours before a given until', () => {
    expect(resolveWindow({ until: '2026-11-20T00:00:00Z' }, now).since).toEqual(new Date('2026-11-19T00:00:00Z'));
  });

  it('makes the previous window as long as the window', () => {
    const w = resolveWindow({ since: '2026-11-17T12:00:00+01:00' }, now);
    expect(w.previousSince).toEqual(new Date('2026-11-10T10:00:00Z'));
  });

  it.each([
    [{ since: '2026-11-25T00:00:00Z' }, '/since'],
    [{ since: '2026-11-20T00:00:00Z', until: '2026-11-19T00:00:00Z' }, '/until'],
    [{ since: '2026-10-01T00:00:00Z' }, '/since'],
  ])('refuses %j with pointer %s', (query, pointer) => {
    expect(() => resolveWindow(query, now)).toThrow(expect.objectContaining({ status: 422, errors: [expect.objectContaining({ pointer })] }));
  });
});
