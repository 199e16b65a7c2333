import type { ExtractedLink, Span } from '../types.js';
import { fitsDns, foldHostCompatibility, normalizeHost, type NormalizedHost } from './normalize-host.js';
import { unwrapUrl } from './unwrap-url.js';

/**
 * The link an absolute http(s) URL denotes, normalised the way extractLinks normalises what it
 * finds (wrappers peeled, host in punycode and Unicode with its registrable domain), standing at
 * `evidence` in the text: the resolved target of a shortened link keeps the shortened link's
 * place. Null for anything that is not an absolute http(s) URL with a host that fits the DNS.
 */
export function linkFromUrl(href: string, evidence: Span & { raw: string; obfuscated: boolean }): ExtractedLink | null {
  let parsed: URL;
  try {
    parsed = new URL(foldHostCompatibility(href));
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') return null;
  const { url, unwrappedFrom } = unwrapUrl(parsed);
  const host = normalizeHost(url.hostname);
  return fitsDns(host.host) ? toExtractedLink(evidence, url, host, unwrappedFrom) : null;
}

/** The link record for `url` (host given normalised) standing at `evidence` in the text. */
export function toExtractedLink(evidence: Span & { raw: string; obfuscated: boolean }, url: URL, host: NormalizedHost, unwrappedFrom: string[]): ExtractedLink {
  if (url.hostname !== host.host) url.hostname = host.host;
  return {
    start: evidence.start,
    end: evidence.end,
    raw: evidence.raw,
    url: url.href,
    host: host.host,
    hostUnicode: host.hostUnicode,
    domain: host.domain,
    suffix: host.suffix,
    path: url.pathname === '' ? '/' : url.pathname,
    obfuscated: evidence.obfuscated,
    unwrappedFrom,
  };
}
