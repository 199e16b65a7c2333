import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import type { DomainList, ExtractedLink, ListEntry } from '../types.js';

/** An ExtractedLink as the links stage would produce it for `raw` (scheme optional). */
export function makeLink(raw: string): ExtractedLink {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  const host = url.hostname.replace(/\.$/, '');
  const parsed = parse(host);
  return {
    start: 0,
    end: raw.length,
    raw,
    url: url.href,
    host,
    hostUnicode: domainToUnicode(host) || host,
    domain: parsed.domain,
    suffix: parsed.publicSuffix,
    path: url.pathname,
    obfuscated: false,
    unwrappedFrom: [],
  };
}

/** A small inline list with placeholder metadata. */
export function makeList(id: string, version: string, entries: ListEntry[]): DomainList {
  return { id, name: `Test list ${id}`, version, license: 'CC0-1.0', entries };
}

/** The lists most specs match against: curated outlets, platforms with channels, shorteners. */
export function makeLists(): DomainList[] {
  return [
    makeList('loupe-de', '2026.11.24', [
      { domain: 'anti-spiegel.ru', category: 'disinformation', severity: 0.8, entity: 'Anti-Spiegel' },
      { domain: 'de.rt.com', category: 'state_media', severity: 0.9, entity: 'RT DE' },
      { domain: 'freedert.online', category: 'state_media', severity: 0.9, entity: 'RT DE' },
      { family: 'rtde.*', category: 'state_media', severity: 0.9, entity: 'RT DE' },
      { domain: 'rumble.com', path: '/c/SomeChannel', category: 'conspiracy', severity: 0.6 },
      { domain: 't.me', path: '/neuesausrussland', category: 'disinformation', severity: 0.7 },
      { domain: 'youtube.com', path: '/@channel', category: 'conspiracy', severity: 0.6 },
      { domain: 'report24.news', category: 'conspiracy', severity: 0.7 },
    ]),
    makeList('cred-1', '2026.08.04', [
      { domain: 'cnsnews.com', category: 'unreliable', severity: 0.61 },
      { domain: 'politicot.com', category: 'satire', severity: 0.15 },
    ]),
    makeList('platforms', '2026.11.24', [
      { domain: 't.me', category: 'platform', severity: 0.1, entity: 'Telegram' },
      { domain: 'rumble.com', category: 'platform', severity: 0.1, entity: 'Rumble' },
      { domain: 'youtube.com', category: 'platform', severity: 0.05, entity: 'YouTube' },
      { domain: 'odysee.com', category: 'platform', severity: 0.1, entity: 'Odysee' },
    ]),
    makeList('shorteners', '2026.11.24', [
      { domain: 'bit.ly', category: 'shortener', severity: 0.3, entity: 'Bitly' },
      { domain: 'tinyurl.com', category: 'shortener', severity: 0.3, entity: 'TinyURL' },
    ]),
  ];
}
