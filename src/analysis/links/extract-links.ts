import { tokenize } from 'linkifyjs';
import { isSpaceChar } from '../text/char-classes.js';
import type { ExtractedLink } from '../types.js';
import { deobfuscate, hasEditWithin, hasRewrittenDot, toOriginalEnd, toOriginalStart, type CleanWindow } from './deobfuscate.js';
import { findLinkCandidate, findWindowEnd, findWindowStart, LOOK_BEHIND, MAX_WINDOW } from './link-window.js';
import { findHostTail, fitsDns, foldHostCompatibility, normalizeHost } from './normalize-host.js';
import { unwrapUrl } from './unwrap-url.js';
import { toExtractedLink } from './link-from-url.js';
import { findLetterSpacedLinks } from './letter-spaced.js';
import { ABBREVIATIONS, WORD_TLDS } from './prose-words.js';

/*
 * Real TLDs that are far more often file extensions when written bare ("archiv.zip", "readme.md",
 * "daten.mov", "Main.java"), plus extensions that are no TLD today so a future delegation
 * changes nothing. `.app`, `.pl`, `.ai`, `.rs` and `.cc` stay links: real sites use them bare
 * (bsky.app, onet.pl, x.ai, b92.rs). So does `.pm`: the Doppelgänger clones of real outlets were
 * shared bare on it (washingtonpost.pm, welt.pm), far more often than a Perl module in a comment.
 */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'zip', 'mov', 'md', 'sh', 'py', 'ps', 'so', 'java', 'mobi',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'rtf', 'txt', 'csv', 'jpg', 'jpeg',
  'png', 'gif', 'webp', 'heic', 'svg', 'mp3', 'mp4', 'm4a', 'wav', 'avi', 'mkv', 'exe', 'msi',
  'dmg', 'apk', 'iso', 'rar', 'tar', 'gz', '7z', 'js', 'ts', 'html', 'htm', 'php', 'json', 'xml',
]);

const HTTP_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'ftp:']);
const SCHEME = /^[a-z][a-z0-9+.-]{0,15}:\/\//i;
/** `mailto:`, `tel:`, `javascript:`: a scheme without `//` (a port after a host has a digit). */
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]{0,15}:(?![0-9])/i;
const WWW = /^www\./i;
/** An e-mail address or handle ends right before the host: `name@`, `name [at] `, `name (at) `. */
const AT_BEFORE = /(?:@|[[({] ?at ?[\])}] {0,3})$/i;
const LOWER_CASE = /\p{Ll}/u;
const UPPER_CASE = /\p{Lu}/u;
/** What a host label has and a word does not: a hyphen, a digit, or a capital after a small letter. */
const HOST_SHAPED = /[-0-9]|\p{Ll}\p{Lu}/u;
const LETTER = /\p{L}/u;
/** What may stand right before `//` when it belongs to a scheme or a path, not to an href. */
const URL_CHAR = /[\p{L}\p{N}:/]/u;
/** What linkifyjs could read as a link in a window with nothing to undo: the prefilter's plain forms. */
const PLAIN_LINK = /:\/\/|[\p{L}\p{N}\p{M}]\.\p{L}/u;
/** HTML and markdown delimiters that are never part of a URL as written: `">`, `<a`, `"`. */
const DELIMITERS = /["<>]/g;

/**
 * Closing punctuation linkifyjs leaves on a URL that ends a quote or a sentence ("…“", "…»",
 * "…"). A URL may end in these in theory; in comments it practically never does.
 */
const TRAILING: ReadonlySet<number> = new Set(
  ['“', '”', '„', '‘', '’', '‚', '»', '«', '›', '‹', '"', "'", '.', ',', ';', ':', '!', '?', '…'].map((c) => c.charCodeAt(0)),
);

/**
 * Every link written in `text`, in text order: full URLs, `www.` hosts and bare domains
 * (linkifyjs), including obfuscated forms (`hxxps://`, `anti-spiegel[.]ru`, `freedert (.) online`,
 * `rtde . xyz/…`, `anti-spiegel。ru`, `auf1·tv`, `kla punkt tv`, `anti-spiegel. ru`, a line break at
 * a dot, `&#46;`, `%2E`; see deobfuscate()), hosts spelled letter by letter
 * (`f r e e d e r t . o n l i n e`), hosts split by invisible characters, and the URLs of
 * markdown and HTML links (quotes and angle brackets end a URL). `start`/`end` are UTF-16 offsets
 * into `text` covering the link as written. Wrappers (web.archive.org, archive.today,
 * google.com/url, l.facebook.com, …) are peeled and the target is returned, its host as
 * lower-case punycode and in Unicode, with its registrable domain.
 *
 * Not links: e-mail addresses (also `name [at] host [dot] de` and a host right after `@`),
 * schemes other than http(s) and ftp, bare file names (`archiv.zip`, `readme.md`; with a scheme,
 * `www.` or a path they are links), and bare hosts that are prose: a TLD that is not an ICANN
 * TLD, a capital in the TLD of a host not all in capitals ("Zeit.Es" is a missing space, not
 * Spain; "Co.KG") unless the host is shaped like one and its dot was hidden or the rest has a
 * hyphen, digit or inner capital ("Anti-Spiegel.Ru", "FreeDert.Online"), or an abbreviation
 * before a TLD-like word ("Dr.med", "usw.am").
 *
 * Cost: one precompiled regex pass finds candidate positions; a comment without one returns at
 * once. linkifyjs only reads the token around each candidate (at most MAX_WINDOW characters), so
 * the work stays linear in the length of the text.
 */
export function extractLinks(text: string): ExtractedLink[] {
  const spelled = findLetterSpacedLinks(text);
  const links = findWrittenLinks(text);
  return spelled.length === 0 ? links : mergeLinks(links, spelled);
}

/** Both lists in text order, without a link that overlaps one before it. */
function mergeLinks(a: ExtractedLink[], b: ExtractedLink[]): ExtractedLink[] {
  const all = [...a, ...b].sort((x, y) => x.start - y.start);
  const out: ExtractedLink[] = [];
  for (const link of all) if (out.length === 0 || link.start >= (out.at(-1) as ExtractedLink).end) out.push(link);
  return out;
}

function findWrittenLinks(text: string): ExtractedLink[] {
  let candidate = findLinkCandidate(text, 0);
  if (candidate === -1) return [];
  const links: ExtractedLink[] = [];
  // The next window starts no earlier than this: after what was read, or after the last link.
  let floor = 0;
  while (candidate !== -1) {
    const start = findWindowStart(text, candidate, Math.max(floor, candidate - LOOK_BEHIND));
    const limit = Math.min(text.length, start + MAX_WINDOW);
    const end = findWindowEnd(text, candidate, limit);
    const cut = end === limit && limit < text.length && !isSpaceChar(text.charCodeAt(limit));
    const resume = readWindow(text, start, end, cut, links);
    if (resume !== end) floor = resume;
    // A window cut inside a long token may have cut a host short: the next one may look back.
    else if (cut) floor = Math.max(start + 1, links.at(-1)?.end ?? 0);
    else floor = end;
    candidate = findLinkCandidate(text, resume);
  }
  return links;
}

/** Adds the links of one window to `out`; returns where reading continues. */
function readWindow(text: string, start: number, end: number, cut: boolean, out: ExtractedLink[]): number {
  const clean = deobfuscate(text, start, end);
  // Most windows are prose the prefilter let through ("Ende. Der", "Leser·innen"): when nothing
  // was undone and no plain link form is left, linkifyjs has nothing to find.
  if (clean.starts === null && !PLAIN_LINK.test(clean.text)) return end;
  // Quotes and angle brackets end a URL (`href="…">text</a>`); a space keeps the offsets. The
  // URL tokens of linkifyjs, as its find() returns them without options, minus the formatted
  // href and value that find() builds for each and that are not needed here.
  for (const token of tokenize(clean.text.replace(DELIMITERS, ' '))) {
    if (!token.isLink || token.t !== 'url') continue;
    const tokenStart = token.startIndex();
    const tokenEnd = token.endIndex();
    if (cut && tokenEnd === clean.text.length) {
      // The window cut this URL short: read it again from its start, unless it fills the window.
      const restart = toOriginalStart(clean, tokenStart);
      if (restart > start) return restart;
    }
    const link = buildLink(text, clean, tokenStart, tokenEnd);
    if (link !== null) out.push(link);
  }
  return end;
}

function buildLink(text: string, clean: CleanWindow, cleanStart: number, cleanEnd: number): ExtractedLink | null {
  const trimmedEnd = trimTrailingPunctuation(clean.text, cleanStart, cleanEnd);
  if (trimmedEnd <= cleanStart) return null;
  let start = toOriginalStart(clean, cleanStart);
  if (AT_BEFORE.test(text.slice(Math.max(0, start - 8), start))) return null;
  const written = parseWrittenUrl(clean.text.slice(cleanStart, trimmedEnd), hasRewrittenDot(clean, text, cleanStart, trimmedEnd));
  if (written === null) return null;
  const { url, unwrappedFrom } = unwrapUrl(written.url);
  const host = normalizeHost(url.hostname);
  if (!fitsDns(host.host)) return null;
  if (written.bare) {
    const outer = unwrappedFrom.length === 0 ? host : normalizeHost(written.url.hostname);
    if (!outer.isIcann || outer.domain === null) return null;
  }
  const end = toOriginalEnd(clean, trimmedEnd);
  // A protocol-relative `href="//host/…"` keeps its slashes in the evidence.
  if (written.bare && start >= 2 && text.startsWith('//', start - 2) && (start === 2 || !URL_CHAR.test(text[start - 3] as string))) start -= 2;
  const obfuscated = hasEditWithin(clean, start, end);
  return toExtractedLink({ start, end, raw: text.slice(start, end), obfuscated }, url, host, unwrappedFrom);
}

/** End of `s.slice(start, end)` without closing quotes, sentence punctuation and unbalanced brackets. */
function trimTrailingPunctuation(s: string, start: number, end: number): number {
  let parens = 0;
  let squares = 0;
  let braces = 0;
  for (let i = start; i < end; i++) {
    const unit = s.charCodeAt(i);
    if (unit === 0x28) parens++;
    else if (unit === 0x29) parens--;
    else if (unit === 0x5b) squares++;
    else if (unit === 0x5d) squares--;
    else if (unit === 0x7b) braces++;
    else if (unit === 0x7d) braces--;
  }
  let e = end;
  while (e > start) {
    const unit = s.charCodeAt(e - 1);
    if (unit === 0x29 && parens < 0) parens++;
    else if (unit === 0x5d && squares < 0) squares++;
    else if (unit === 0x7d && braces < 0) braces++;
    else if (!TRAILING.has(unit)) break;
    e--;
  }
  return e;
}

interface WrittenUrl {
  url: URL;
  /** Written without a scheme and without `www.`: the form that needs a real TLD. */
  bare: boolean;
}

/** The URL a link token denotes, or null for other schemes, file names and sentence joins. */
function parseWrittenUrl(value: string, hidden: boolean): WrittenUrl | null {
  const hasScheme = SCHEME.test(value);
  if (!hasScheme && OTHER_SCHEME.test(value)) return null;
  const bare = !hasScheme && !WWW.test(value);
  if (bare && !isPlausibleBareHost(value, hidden)) return null;
  let url: URL;
  try {
    url = new URL(foldHostCompatibility(hasScheme ? value : `http://${value}`));
  } catch {
    return null;
  }
  if (!HTTP_PROTOCOLS.has(url.protocol) || url.hostname === '') return null;
  return { url, bare };
}

/** `hidden`: a dot of it was hidden (`[.]`, ` punkt `, `。`); prose hides nothing, so case proves nothing. */
function isPlausibleBareHost(value: string, hidden: boolean): boolean {
  const { hostEnd, lastDot, labelEnd } = findHostTail(value);
  const tld = value.slice(lastDot + 1, labelEnd);
  const lower = tld.toLowerCase();
  // "Zeit.Es", "Co.KG", "alle.In": a capital in the TLD of a host that is not all capitals is
  // prose, unless the rest is shaped like a host ("Anti-Spiegel.Ru", "FreeDert.Online") and the
  // TLD is no word and not in capitals ("KG").
  if (!hidden && UPPER_CASE.test(tld) && LOWER_CASE.test(value.slice(0, hostEnd))) {
    const rest = value.slice(0, lastDot);
    const hostShaped = HOST_SHAPED.test(rest) && LETTER.test(rest) && LOWER_CASE.test(tld);
    if (!hostShaped || WORD_TLDS.has(lower)) return false;
  }
  if (hostEnd === labelEnd && labelEnd === value.length && FILE_EXTENSIONS.has(lower)) return false;
  const firstDot = value.indexOf('.');
  return !(firstDot === lastDot && ABBREVIATIONS.has(value.slice(0, firstDot).toLowerCase()));
}
