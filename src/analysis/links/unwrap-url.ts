import { findHostTail, foldHostCompatibility, isIcannTld } from './normalize-host.js';

/** Nested wrappers beyond this are not peeled: real chains are one or two deep. */
export const MAX_UNWRAP_DEPTH = 5;

/** The URL a chain of wrappers points at, and the wrappers themselves. */
export interface UnwrappedUrl {
  url: URL;
  /** Wrapper URLs peeled off, outermost first; empty when `url` was not wrapped. */
  unwrappedFrom: string[];
}

type Unwrapper = (url: URL) => string | null;

const WAYBACK_PATH = /^\/web\/[0-9*]{1,14}(?:[a-z]{2}_)?\/+(.+)$/;
const ARCHIVE_TODAY_PATH = /^\/(?:(?:newest|oldest|timegate|timemap(?:\/[a-z]+)?|o\/[A-Za-z0-9]+|[0-9][0-9.-]{3,})\/)?(.+)$/;
const GOOGLE_HOST = /^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/;
const ENCODED_SCHEME = /^https?%(?:25){0,2}3a/i;
const SCHEME_SLASHES = /^(https?):\/*/i;

/** Web archives embed the original URL, query and fragment included, in the path. */
const unwrapWayback: Unwrapper = (url) => {
  const match = WAYBACK_PATH.exec(url.pathname);
  return match === null ? null : (match[1] as string) + url.search + url.hash;
};

/** archive.today and its mirrors: `/newest/<url>`, `/<timestamp>/<url>`, `/o/<id>/<url>`, `?url=`. */
const unwrapArchiveToday: Unwrapper = (url) => {
  const fromQuery = url.searchParams.get('url');
  if (fromQuery !== null) return fromQuery;
  const match = ARCHIVE_TODAY_PATH.exec(url.pathname);
  return match === null ? null : (match[1] as string) + url.search + url.hash;
};

function queryParam(path: string | null, ...names: string[]): Unwrapper {
  return (url) => {
    if (path !== null && url.pathname !== path) return null;
    for (const name of names) {
      const value = url.searchParams.get(name);
      if (value !== null && value !== '') return value;
    }
    return null;
  };
}

/** href.li takes the whole query string as the target: `href.li/?https://example.com`. */
const unwrapWholeQuery: Unwrapper = (url) => (url.search.length > 1 ? url.search.slice(1) : null);

const facebook = queryParam('/l.php', 'u');
const youtube = queryParam('/redirect', 'q');
const vk = queryParam('/away.php', 'to');
const google = queryParam('/url', 'q', 'url');
const safelinks = queryParam(null, 'url');

const UNWRAPPERS: ReadonlyMap<string, Unwrapper> = new Map<string, Unwrapper>([
  ['web.archive.org', unwrapWayback],
  ['wayback.archive.org', unwrapWayback],
  ['archive.org', unwrapWayback],
  ['www.archive.org', unwrapWayback],
  ...['archive.ph', 'archive.today', 'archive.is', 'archive.li', 'archive.vn', 'archive.fo', 'archive.md'].flatMap(
    (host): [string, Unwrapper][] => [
      [host, unwrapArchiveToday],
      [`www.${host}`, unwrapArchiveToday],
    ],
  ),
  ['l.facebook.com', facebook],
  ['lm.facebook.com', facebook],
  ['m.facebook.com', facebook],
  ['www.facebook.com', facebook],
  ['facebook.com', facebook],
  ['l.messenger.com', facebook],
  ['l.instagram.com', queryParam('/', 'u')],
  ['t.me', queryParam('/iv', 'url')],
  ['out.reddit.com', queryParam(null, 'url')],
  ['href.li', unwrapWholeQuery],
  ['youtube.com', youtube],
  ['www.youtube.com', youtube],
  ['m.youtube.com', youtube],
  ['vk.com', vk],
  ['m.vk.com', vk],
  ['duckduckgo.com', queryParam('/l/', 'uddg')],
]);

/**
 * Peels archive and redirect wrappers off `url` (web.archive.org, archive.today and mirrors,
 * google.*\/url, l.facebook.com, t.me/iv, out.reddit.com, href.li, youtube.com/redirect,
 * vk.com/away.php, Outlook safe links, DuckDuckGo), recursively up to MAX_UNWRAP_DEPTH, so the
 * original target is what gets scored. A wrapper whose embedded part is not a URL (an
 * archive.today short id) stays the link itself.
 */
export function unwrapUrl(url: URL): UnwrappedUrl {
  const unwrappedFrom: string[] = [];
  let current = url;
  for (let depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
    const unwrap = findUnwrapper(current.hostname);
    if (unwrap === undefined) break;
    const embedded = unwrap(current);
    const inner = embedded === null ? null : parseEmbeddedUrl(embedded);
    if (inner === null) break;
    unwrappedFrom.push(current.href);
    current = inner;
  }
  return { url: current, unwrappedFrom };
}

function findUnwrapper(hostname: string): Unwrapper | undefined {
  const known = UNWRAPPERS.get(hostname);
  if (known !== undefined) return known;
  if (GOOGLE_HOST.test(hostname)) return google;
  if (hostname.endsWith('.safelinks.protection.outlook.com')) return safelinks;
  return undefined;
}

/**
 * The embedded target as a URL, or null when it is not one. Percent-encoded targets
 * (`https%3A%2F%2F…`, also doubly encoded) are decoded; a collapsed `https:/host` is repaired;
 * a target without a scheme must start with a host whose last label is an ICANN TLD.
 */
export function parseEmbeddedUrl(embedded: string): URL | null {
  let value = embedded.trim();
  for (let i = 0; i < 3 && ENCODED_SCHEME.test(value); i++) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  const scheme = SCHEME_SLASHES.exec(value);
  if (scheme !== null) {
    value = `${(scheme[1] as string).toLowerCase()}://${value.slice(scheme[0].length)}`;
  } else if (!startsWithHost(value)) {
    return null;
  } else {
    value = `http://${value}`;
  }
  try {
    const url = new URL(foldHostCompatibility(value));
    return url.hostname === '' ? null : url;
  } catch {
    return null;
  }
}

function startsWithHost(value: string): boolean {
  const { lastDot, labelEnd } = findHostTail(value);
  return lastDot > 0 && isIcannTld(value.slice(lastDot + 1, labelEnd));
}
