import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';

// The input is already a hostname: skipping tldts' URL parsing and validation saves most of its cost.
const HOSTNAME_ONLY = { extractHostname: false, mixedInputs: false, validateHostname: false } as const;

/** A URL host in the forms the rest of the engine compares. */
export interface NormalizedHost {
  /** Lower-case ASCII (punycode), no trailing dot, no port. */
  host: string;
  /** The same host in Unicode, for lookalike detection and display. */
  hostUnicode: string;
  /** Registrable domain on the ICANN public-suffix list; null for IPs and bare suffixes. */
  domain: string | null;
  /** Public suffix; null for IPs. */
  suffix: string | null;
  /** True when the suffix is on the ICANN part of the list (`de`, `co.uk`), not a guessed label. */
  isIcann: boolean;
}

/**
 * Normalises a WHATWG `URL.hostname` (already lower-case ASCII: the URL parser applies UTS #46
 * mapping, which folds fullwidth letters, and punycode): drops trailing dots, adds the Unicode
 * form and the registrable domain. `xn--` input gives a Unicode `hostUnicode`; a Cyrillic host
 * keeps its Cyrillic letters there, which is what lookalike detection needs.
 */
export function normalizeHost(hostname: string): NormalizedHost {
  let end = hostname.length;
  while (end > 0 && hostname.charCodeAt(end - 1) === 0x2e) end--;
  const host = end === hostname.length ? hostname : hostname.slice(0, end);
  const info = parse(host, HOSTNAME_ONLY);
  const isIp = info.isIp === true || host.startsWith('[');
  const hostUnicode = host.includes('xn--') ? domainToUnicode(host) || host : host;
  return {
    host,
    hostUnicode,
    domain: isIp ? null : info.domain,
    suffix: isIp ? null : info.publicSuffix,
    isIcann: !isIp && info.isIcann === true,
  };
}

/**
 * True when `host` (normalised ASCII) fits the DNS: at most 253 characters, no label over 63
 * (RFC 1035). The URL parser takes longer hosts; no site can have one, and a chain of 1 000
 * `anti-spiegel.ru.` is a pasted token rather than a link (it also does not fit the stored
 * `host` column, and its verdict could not be written).
 */
export function fitsDns(host: string): boolean {
  if (host.length > 253) return false;
  let labelStart = 0;
  for (let i = 0; i <= host.length; i++) {
    if (i === host.length || host.charCodeAt(i) === 0x2e) {
      if (i - labelStart > 63) return false;
      labelStart = i + 1;
    }
  }
  return true;
}

/** True when `label` (any case, Unicode or punycode) is a top-level domain on the ICANN list. */
export function isIcannTld(label: string): boolean {
  if (label === '') return false;
  const lower = label.toLowerCase();
  const info = parse(lower, HOSTNAME_ONLY);
  if (info.isIcann === true && info.publicSuffix === info.hostname) return true;
  // A few country codes are on the list only below their top level (`co.za`, `ac.za`, no `za`).
  return SECOND_LEVELS.some((sld) => {
    const below = parse(`${sld}.${lower}`, HOSTNAME_ONLY);
    return below.isIcann === true && below.publicSuffix === below.hostname;
  });
}

/** Common second-level suffixes of country codes listed only below their top level. */
const SECOND_LEVELS = ['co', 'com', 'ac', 'org', 'gov', 'net'];

// Anything outside printable ASCII may have a compatibility form.
const NON_ASCII = /[^ -~]/;

/**
 * Applies NFKC to the host part of `href` when it has non-ASCII characters, so fullwidth and
 * other compatibility forms (`ｆｒｅｅｄｅｒｔ.online`) reach the URL parser as plain letters.
 * The path is left alone: NFKC could change what the server would receive.
 */
export function foldHostCompatibility(href: string): string {
  const schemeEnd = href.indexOf('://');
  const hostStart = schemeEnd === -1 ? 0 : schemeEnd + 3;
  let hostEnd = hostStart;
  while (hostEnd < href.length) {
    const unit = href.charCodeAt(hostEnd);
    if (unit === 0x2f || unit === 0x3f || unit === 0x23) break;
    hostEnd++;
  }
  const hostPart = href.slice(hostStart, hostEnd);
  if (!NON_ASCII.test(hostPart)) return href;
  return href.slice(0, hostStart) + hostPart.normalize('NFKC') + href.slice(hostEnd);
}

/** Where the host of a scheme-less `host/path` string ends, and its last label (trailing dots skipped). */
export interface HostTail {
  hostEnd: number;
  /** Index of the dot before the last label, -1 when the host has no dot. */
  lastDot: number;
  labelEnd: number;
}

export function findHostTail(value: string): HostTail {
  let hostEnd = 0;
  while (hostEnd < value.length) {
    const unit = value.charCodeAt(hostEnd);
    // `/`, `?`, `#` and `:` end the host part.
    if (unit === 0x2f || unit === 0x3f || unit === 0x23 || unit === 0x3a) break;
    hostEnd++;
  }
  let labelEnd = hostEnd;
  while (labelEnd > 0 && value.charCodeAt(labelEnd - 1) === 0x2e) labelEnd--;
  return { hostEnd, lastDot: value.lastIndexOf('.', labelEnd - 1), labelEnd };
}
