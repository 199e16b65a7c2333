import type { ExtractedLink } from '../types.js';
import { foldConfusables } from './fold-confusables.js';
import { findOneEdit } from './typo-index.js';
import type { Brand, CompiledOutlets, Outlet } from './outlets.js';

export type ImpersonationTechnique = 'subdomain' | 'homoglyph' | 'tld' | 'affix' | 'typo';

export interface ImpersonationMatch {
  outlet: Outlet;
  /** The outlet's official domain the link imitates (its first one). */
  official: string;
  technique: ImpersonationTechnique;
  /** The brand label found in the link's host (folded). */
  brand: string;
  /**
   * Strong evidence (rejects with the default policy): the outlet's domain inside a foreign host,
   * look-alike characters, or its brand on a top-level domain real outlets do not use. Weak
   * (review): the brand on a common top-level domain, with an affix, or one letter off.
   */
  strong: boolean;
}

/**
 * Public suffixes where ordinary businesses and outlets live. A brand on one of these may be the
 * outlet's own defensive registration or an unrelated site, so it is weak evidence; on any other
 * suffix (`.ltd`, `.pm`, `.ws`, `.online`, `.me`, `.co`, `.ru`, …), which is where the documented
 * clone campaigns registered, it is strong.
 */
const COMMON_SUFFIXES = new Set([
  'com', 'net', 'org', 'info', 'biz', 'eu', 'tv', 'io', 'gov', 'edu', 'mil', 'int', 'gov.uk', 'ac.uk',
  'de', 'at', 'ch', 'li', 'lu', 'be', 'nl', 'fr', 'it', 'es', 'pt', 'pl', 'cz', 'sk', 'hu', 'si', 'hr', 'dk', 'se', 'no', 'fi', 'is', 'ie', 'gr', 'ro', 'bg', 'ee', 'lv', 'lt',
  'uk', 'co.uk', 'org.uk', 'us', 'ca', 'au', 'com.au', 'nz', 'co.nz', 'ua', 'com.ua', 'il', 'co.il', 'jp', 'co.jp', 'br', 'com.br',
]);

/**
 * Country domains that clone and spam campaigns favour because they are cheap or lax (`.pm`, `.ws`,
 * `.cx`, `.me`, `.co`, `.in`, …). An ordinary-word brand on any other country's domain is most
 * likely that country's own outlet (`guardian.ng`, `kurier.de`), not a clone.
 */
const ABUSED_COUNTRY_DOMAINS = new Set(['pm', 'ws', 'cx', 'me', 'co', 'cc', 'pw', 'su', 'ru', 'to', 'in', 'tk', 'ml', 'ga', 'cf', 'gq', 'ly', 'la', 'fm', 'am', 'nu', 'vu', 'by', 'kz']);

/** Whether an ordinary-word brand on `suffix` is a clone: a generic new suffix or an abused country domain. */
function unusualForWord(suffix: string): boolean {
  const last = suffix.slice(suffix.lastIndexOf('.') + 1);
  return last.length > 2 || ABUSED_COUNTRY_DOMAINS.has(last);
}

/** Words that clones put next to an ordinary-word brand (`welt-nachrichten`, `bild24`, `spiegel-online`). */
const NEWS_AFFIXES = new Set([
  'news', 'nachrichten', 'online', 'aktuell', 'live', 'heute', 'today', 'tv', 'de', 'at', 'ch', 'eu', 'info', 'media', 'medien',
  'zeitung', 'magazin', 'magazine', 'plus', 'daily', 'times', 'post', 'direkt', 'direct', 'breaking', 'politik', 'politics', 'world',
  'international', 'global', 'report', 'digital', 'web', 'net', 'com', 'portal', 'presse', 'press', 'mobil', 'mobile', 'app', 'sonntag',
  'am-sonntag', 'kompakt', 'extra', 'exklusiv', 'exclusive', 'update', 'updates', 'official', 'offiziell', 'real', 'free', 'frei',
  'neu', 'new', 'the', 'die', 'der', 'das', 'le', 'la', 'el', 'my', 'mein', 'neue', 'true', 'echte', 'freie', 'wahrheit', 'truth',
  'us', 'uk', 'fr', 'it', 'es', 'ua', 'ru',
]);

/** Whether `host` is one of the outlets' official domains or below one: the real site, never an imitation. */
export function isOfficialHost(outlets: CompiledOutlets, host: string): boolean {
  return officialOf(outlets.official, host) !== null;
}

/** The official domain (a key of `official`) that `host` is or lies below, or null. */
function officialOf(official: ReadonlyMap<string, unknown>, host: string): string | null {
  let at = 0;
  for (;;) {
    const candidate = at === 0 ? host : host.slice(at);
    if (official.has(candidate)) return candidate;
    const dot = host.indexOf('.', at);
    if (dot === -1) return null;
    at = dot + 1;
  }
}

/**
 * An official domain written inside a foreign host: in the subdomain (`spiegel.de.politik-news.ru`),
 * running on into a hyphenated label (`www.faz.net-aktuell.info`), or with its dots as hyphens in
 * the registrable label (`spiegel-de.online`). `labels` are the host's labels, `registrable` the
 * index of its registrable label.
 */
function embeddedOfficial(official: ReadonlyMap<string, Outlet>, labels: readonly string[], registrable: number): string | null {
  for (let i = 0; i < registrable; i++) {
    for (let k = 2; k <= 3; k++) {
      const end = i + k - 1;
      if (end > registrable) break;
      const head = labels.slice(i, end).join('.');
      const last = labels[end] as string;
      if (end < registrable && official.has(`${head}.${last}`)) return `${head}.${last}`;
      const cut = last.indexOf('-');
      if (cut > 0 && official.has(`${head}.${last.slice(0, cut)}`)) return `${head}.${last.slice(0, cut)}`;
    }
  }
  const tokens = (labels[registrable] as string).split('-');
  for (let i = 1; i < tokens.length; i++) {
    const candidate = `${tokens.slice(0, i).join('-')}.${tokens.slice(i).join('.')}`;
    if (official.has(candidate)) return candidate;
  }
  return null;
}

interface Candidate {
  brand: Brand;
  technique: ImpersonationTechnique;
  strong: boolean;
}

/** An ordinary-word brand with news affixes around it: `welt-nachrichten`, `bild24`, `die-welt`. */
function wordWithNewsAffix(label: string, brand: string): boolean {
  if (label === brand) return false;
  const at = label.indexOf(brand);
  if (at < 0) return false;
  const affix = (part: string): boolean => part === '' || NEWS_AFFIXES.has(part) || /^\d{1,4}$/.test(part);
  const before = label.slice(0, at).replace(/-$/, '');
  const after = label.slice(at + brand.length).replace(/^-/, '');
  return affix(before) && affix(after) && (before !== '' || after !== '');
}

/** Only news words, country codes or a number around the brand: `bild-zeitung`, `tagesschau24`, `foxnews-us`. */
function newsAffixesOnly(tokens: readonly string[]): boolean {
  return tokens.every((t) => NEWS_AFFIXES.has(t) || /^\d{1,4}$/.test(t));
}

/**
 * A brand with something added. On an unusual suffix: a distinctive brand as whole hyphenated
 * tokens with anything else (`tagesspiegel-berlin.site`), or any brand run together with news
 * words (`spiegelnews.top`, `tagesschau24.live`). On a common suffix, where local papers and shops
 * live (`thetimes-tribune.com`, `waz-online.de`, `nbcnews11.com`), only a distinctive brand with
 * hyphenated news words (`tagesspiegel-news.com`), and only as weak evidence.
 */
function affixCandidate(outlets: CompiledOutlets, label: string, suffix: string, common: boolean): Candidate | null {
  const tokens = label.split('-');
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j <= tokens.length; j++) {
      if (i === 0 && j === tokens.length) continue;
      const brand = outlets.brands.get(tokens.slice(i, j).join('-'));
      if (brand === undefined) continue;
      const rest = [...tokens.slice(0, i), ...tokens.slice(j)];
      if (common) {
        if (!brand.word && newsAffixesOnly(rest)) return { brand, technique: 'affix', strong: false };
      } else if (!brand.word || (newsAffixesOnly(rest) && unusualForWord(suffix))) {
        return { brand, technique: 'affix', strong: true };
      }
    }
  }
  if (common) return null;
  const flat = label.replace(/-/g, '');
  for (const brand of outlets.brands.values()) {
    // `geo` + `politics` is a word, not a clone: short ordinary words only as whole tokens.
    if (brand.word && (brand.label.length < 4 || !unusualForWord(suffix))) continue;
    if (flat.length > brand.label.length && wordWithNewsAffix(flat, brand.label.replace(/-/g, ''))) return { brand, technique: 'affix', strong: true };
  }
  return null;
}

/**
 * One edit from a brand. On a common suffix only from a distinctive brand of MIN_TYPO_BRAND_LENGTH
 * letters, as weak evidence: a dropped, doubled or swapped letter, or one that looks alike
 * (`aijazeera`); another substitution only for brands of ten or more letters, and never an added
 * digit (`fox4news` is a local station's name). On an unusual suffix, where the clone campaigns
 * registered one-letter variants of real outlets (`spiegeli.live`, `bildd.lol`, `t-onlinr.today`),
 * as strong evidence: from a distinctive brand of four letters any edit but a substitution, which
 * needs eight (`fognews`, `voxnews` are other sites); from an ordinary-word brand only a letter
 * added at its end (`spiegeli`, `bildd`, `fazz`), on a suffix where that word is no local outlet.
 */
function typoCandidate(outlets: CompiledOutlets, label: string, suffix: string, common: boolean): Candidate | null {
  if (common) {
    for (const brand of outlets.typoTargets) {
      if (Math.abs(brand.label.length - label.length) > 1) continue;
      const edit = findOneEdit(label, brand.label);
      if (edit === null || (edit === 'substitution' && brand.label.length < 10)) continue;
      if (edit === 'insertion' && /\d/.test(label) && !/\d/.test(brand.label)) continue;
      return { brand, technique: 'typo', strong: false };
    }
    return null;
  }
  const stem = outlets.brands.get(label.slice(0, -1));
  if (stem !== undefined && stem.word && /[a-z]$/.test(label) && unusualForWord(suffix)) return { brand: stem, technique: 'typo', strong: true };
  for (const brand of outlets.brands.values()) {
    const length = brand.label.length;
    if (brand.word || length < 4 || Math.abs(length - label.length) > 1) continue;
    const edit = findOneEdit(label, brand.label);
    if (edit === null || (edit === 'substitution' && length < 8)) continue;
    if (edit === 'insertion' && /\d/.test(label) && !/\d/.test(brand.label)) continue;
    return { brand, technique: 'typo', strong: true };
  }
  return null;
}

/**
 * The legitimate outlet that `link` imitates, or null. Call it for links the lists did not match.
 * The outlets' own domains and their subdomains never match. Strong evidence rejects, weak
 * evidence asks a moderator:
 *
 * - `subdomain`: the outlet's domain inside a foreign host (`spiegel.de.politik-news.ru`,
 *   `faz.net-aktuell.info`, `spiegel-de.online`): strong.
 * - `homoglyph`: look-alike characters that make the host read as an official domain or a brand
 *   (`wеlt.de` with a Cyrillic е, `t-0nline.news`, `2omin.ch`): strong.
 * - `tld`: the brand on another suffix. Strong outside COMMON_SUFFIXES, which is where the
 *   documented clone campaigns registered (`sueddeutsche.me`, `spiegel.ltd`, `welt.pm`). On a
 *   common suffix a distinctive brand is weak (`tagesspiegel.com` may be the paper's own) and an
 *   ordinary word is nothing (`heute.at`, `focus.it` and `capital.fr` are other outlets).
 * - `affix`: the brand with more added (`tagesspiegel-news.site`, `welt-nachrichten.online`); see
 *   affixCandidate for what counts on which suffix. Ordinary words never count with other words
 *   (`weltreise.de`, `spiegelreflex.de`).
 * - `typo`: one edit from a brand (`spiegeli.live`, strong; `tagesspigel.de`, weak); see typoCandidate.
 *
 * Measured on 11 798 real news domains (Lin et al. 2023, CRED-1, OpenSources); see
 * data/outlets/SOURCES.md.
 */
export function findImpersonation(outlets: CompiledOutlets, link: ExtractedLink): ImpersonationMatch | null {
  const { domain, suffix } = link;
  if (domain === null || suffix === null || outlets.brands.size === 0) return null;
  if (officialOf(outlets.official, link.host) !== null) return null;
  const written = link.hostUnicode.toLowerCase();
  const skeleton = foldConfusables(written);
  // The host is not official, but reads as an official domain: `wеlt.de` (Cyrillic е), `2omin.ch`.
  const imitated = officialOf(outlets.officialSkeletons, skeleton);
  if (imitated !== null) {
    const real = outlets.officialSkeletons.get(imitated) as string;
    return { outlet: outlets.official.get(real) as Outlet, official: real, technique: 'homoglyph', brand: imitated.split('.')[0] as string, strong: true };
  }
  const labels = skeleton.split('.');
  const registrable = labels.length - suffix.split('.').length - 1;
  if (registrable < 0) return null;
  const embedded = embeddedOfficial(outlets.official, labels, registrable);
  if (embedded !== null) return { outlet: outlets.official.get(embedded) as Outlet, official: embedded, technique: 'subdomain', brand: embedded.split('.')[0] as string, strong: true };
  const label = labels[registrable] as string;
  // Look-alike letters that turn the label into a brand (`t-0nline`, `wеlt`) are deliberate.
  const writtenLabel = written.split('.')[registrable] as string;
  const lookalike = !outlets.writtenBrands.has(writtenLabel);
  const common = COMMON_SUFFIXES.has(suffix);
  const candidate = exactCandidate(outlets, label, suffix, common, lookalike) ?? affixCandidate(outlets, label, suffix, common) ?? typoCandidate(outlets, label, suffix, common);
  if (candidate === null) return null;
  const { brand, technique, strong } = candidate;
  const homoglyph = lookalike && technique === 'tld';
  return { outlet: brand.outlet, official: brand.outlet.domains[0] as string, technique: homoglyph ? 'homoglyph' : technique, brand: brand.label, strong: strong || homoglyph };
}

function exactCandidate(outlets: CompiledOutlets, label: string, suffix: string, common: boolean, lookalike: boolean): Candidate | null {
  const brand = outlets.brands.get(label);
  if (brand === undefined) return null;
  if (lookalike) return { brand, technique: 'tld', strong: true };
  if (!common) return !brand.word || unusualForWord(suffix) ? { brand, technique: 'tld', strong: true } : null;
  // A common suffix: an ordinary word there is anyone's (`heute.at`, `focus.it`, `capital.fr`).
  return brand.word ? null : { brand, technique: 'tld', strong: false };
}
