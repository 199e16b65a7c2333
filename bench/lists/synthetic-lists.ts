/**
 * Deterministic generator of synthetic but realistic domain-list entries for `bench:lists`:
 * plain domains on generic TLDs and ccTLDs (incl. second-level ones such as co.uk, com.br),
 * entries hosted on a subdomain (blogs on blogspot/wordpress/substack, language or section
 * subdomains such as de.example.ru), domain + path entries (youtube.com/@channel, t.me/name,
 * vk.com/name, rumble.com/c/Name, a section of a site) and families (`name.*`), with mixed
 * categories and severities, entity names, notes and source keys like the bundled lists.
 *
 * Every name is used by one entry only, so an entry's expected match is unambiguous (the probes
 * of the benchmark rely on it). Same seed, same lists: the generator draws from its own seeded
 * PRNG, never from Math.random().
 */
import type { DomainList, ListCategory, ListEntry } from '../../src/analysis/types.js';

export type EntryKind = 'domain' | 'subdomain' | 'path' | 'family';

export interface SyntheticEntry {
  kind: EntryKind;
  listId: string;
  entry: ListEntry;
  /** How a match is displayed (`ListMatch.matched`): domain, domain + path, or `label.*`. */
  display: string;
}

export interface SyntheticLists {
  lists: DomainList[];
  entries: SyntheticEntry[];
  kinds: Record<EntryKind, number>;
}

/** mulberry32: a small, fast, seeded 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function weighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [item, w] of table) {
    r -= w;
    if (r < 0) return item;
  }
  return table[table.length - 1]![0];
}

const WORDS_EN = [
  'truth', 'patriot', 'freedom', 'liberty', 'eagle', 'nation', 'daily', 'news', 'report', 'insider',
  'gazette', 'herald', 'times', 'post', 'tribune', 'wire', 'watch', 'alert', 'leaks', 'files',
  'voice', 'echo', 'radar', 'pulse', 'signal', 'beacon', 'sentinel', 'guardian', 'chronicle',
  'journal', 'review', 'digest', 'network', 'media', 'world', 'global', 'real', 'natural', 'health',
  'wellness', 'cure', 'vaccine', 'science', 'awake', 'red', 'right', 'front', 'line', 'info', 'now',
  'today', 'first', 'citizen', 'people', 'public', 'independent', 'free', 'true', 'open', 'rebel',
  'resist', 'sovereign', 'shield', 'storm', 'fire', 'light', 'hidden', 'secret', 'deep', 'planet',
  'earth', 'gold', 'crypto', 'prophecy', 'frontier', 'liberator', 'outpost', 'bulletin', 'dispatch',
];

const WORDS_DE = [
  'wahrheit', 'nachrichten', 'kompass', 'blick', 'wissen', 'heute', 'zeitung', 'kurier', 'stimme',
  'volk', 'heimat', 'frei', 'klar', 'echt', 'aktuell', 'politik', 'gesundheit', 'natur', 'freiheit',
  'aufbruch', 'widerstand', 'bote', 'rundschau', 'anzeiger', 'depesche', 'magazin', 'report',
  'wochen', 'nord', 'sued', 'ost', 'west', 'land', 'buerger', 'deutsch', 'michel', 'klartext',
  'querblick', 'lupe', 'fakten', 'hintergrund', 'info', 'presse', 'dialog', 'forum', 'impuls',
];

const SYLLABLES = [
  'ka', 'ri', 'to', 'ne', 'mu', 'sa', 'lo', 've', 'ti', 'ra', 'zo', 'be', 'ni', 'ko', 'la', 'mi',
  'dor', 'van', 'tek', 'lin', 'mar', 'sol', 'ver', 'nix', 'gra', 'tor', 'bal', 'kri', 'zen', 'pol',
];

const NUMBER_SUFFIXES = ['24', '365', '1', '7', 'tv', 'online', 'news', 'info', '2020', 'now', 'de', 'hub'];

/** Generic TLDs and ccTLDs (incl. second-level registries), weighted roughly like the real lists. */
const TLDS: readonly (readonly [string, number])[] = [
  ['com', 30], ['net', 6], ['org', 7], ['info', 5], ['news', 3], ['online', 3], ['site', 3],
  ['xyz', 2], ['live', 2], ['tv', 2], ['io', 1], ['me', 1], ['club', 1], ['top', 1], ['co', 1],
  ['world', 1], ['press', 1], ['blog', 1], ['de', 9], ['ru', 5], ['at', 2], ['ch', 2], ['co.uk', 3],
  ['uk', 1], ['fr', 2], ['it', 2], ['pl', 2], ['nl', 2], ['es', 1], ['com.au', 1], ['com.br', 1],
  ['ua', 1], ['by', 1], ['rs', 1], ['hu', 1], ['cz', 1], ['ca', 2], ['us', 1], ['in', 1], ['eu', 1],
  ['se', 1], ['su', 1], ['com.tr', 1], ['co.za', 1], ['org.uk', 1], ['com.mx', 1], ['lv', 1], ['bg', 1],
];

const BLOG_HOSTS = ['blogspot.com', 'wordpress.com', 'substack.com', 'tumblr.com', 'livejournal.com', 'weebly.com', 'blogspot.de'];
const SECTION_SUBDOMAINS = ['de', 'en', 'ru', 'fr', 'es', 'news', 'blog', 'tv', 'video', 'deutsch', 'english', 'archiv'];

/** Platform hosts with the path forms their channels and profiles use. */
const PLATFORM_PATHS: readonly (readonly [string, (handle: string, random: Random) => string, number])[] = [
  ['youtube.com', (h) => `/@${h}`, 8],
  ['youtube.com', (h) => `/c/${h}`, 2],
  ['youtube.com', (_h, r) => `/channel/UC${randomId(r, 22)}`, 2],
  ['t.me', (h) => `/${h.toLowerCase().replace(/-/g, '_')}`, 8],
  ['telegram.me', (h) => `/${h.toLowerCase().replace(/-/g, '_')}`, 2],
  ['vk.com', (h) => `/${h.toLowerCase()}`, 3],
  ['facebook.com', (h) => `/${h}`, 3],
  ['x.com', (h) => `/${h.replace(/-/g, '_')}`, 3],
  ['twitter.com', (h) => `/${h.replace(/-/g, '_')}`, 2],
  ['rumble.com', (h) => `/c/${h}`, 3],
  ['odysee.com', (h) => `/@${h}`, 2],
  ['bitchute.com', (h) => `/channel/${h.toLowerCase()}`, 2],
  ['tiktok.com', (h) => `/@${h.toLowerCase()}`, 2],
  ['instagram.com', (h) => `/${h.toLowerCase()}`, 2],
  ['gettr.com', (h) => `/user/${h.toLowerCase()}`, 1],
];

const SITE_SECTIONS = ['/category/politik', '/blog', '/news', '/meinung', '/opinion', '/health', '/category/corona', '/kolumne', '/videos', '/gesellschaft'];

const CATEGORIES: readonly (readonly [ListCategory, number])[] = [
  ['unreliable', 30], ['hyperpartisan', 20], ['conspiracy', 15], ['disinformation', 12],
  ['pseudoscience', 8], ['state_media', 5], ['satire', 5], ['platform', 3], ['shortener', 2],
];

const BASE_SEVERITY: Record<ListCategory, number> = {
  state_media: 0.9, disinformation: 0.8, conspiracy: 0.72, pseudoscience: 0.62, unreliable: 0.55,
  hyperpartisan: 0.4, satire: 0.15, platform: 0.1, shortener: 0.3,
};

const KINDS: readonly (readonly [EntryKind, number])[] = [
  ['domain', 70], ['subdomain', 10], ['path', 17], ['family', 3],
];

function randomId(random: Random, length: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = '';
  for (let i = 0; i < length; i++) id += chars.charAt(Math.floor(random() * chars.length));
  return id;
}

function syllableName(random: Random): string {
  const count = 2 + Math.floor(random() * 3);
  let name = '';
  for (let i = 0; i < count; i++) name += pick(random, SYLLABLES);
  return name;
}

/** A site name such as `wahrheitkompass`, `patriot-herald`, `truthnews24`, `karitodor`. */
function siteName(random: Random): string {
  const words = random() < 0.5 ? WORDS_DE : WORDS_EN;
  switch (weighted(random, [['two', 40], ['hyphen', 15], ['three', 10], ['syllables', 20], ['suffix', 15]] as const)) {
    case 'two':
      return pick(random, words) + pick(random, words);
    case 'hyphen':
      return `${pick(random, words)}-${pick(random, words)}`;
    case 'three':
      return pick(random, words) + pick(random, words) + pick(random, words);
    case 'syllables':
      return syllableName(random);
    case 'suffix':
      return pick(random, words) + pick(random, words) + pick(random, NUMBER_SUFFIXES);
  }
}

function titleCase(name: string): string {
  return name
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/** A channel or profile handle such as `WahrheitKompass`, `patriot_herald24`. */
function handle(name: string, random: Random): string {
  const parts = name.split('-');
  const camel = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return random() < 0.5 ? camel : parts.join('_') + (random() < 0.3 ? pick(random, NUMBER_SUFFIXES) : '');
}

function severityFor(category: ListCategory, random: Random): number {
  const value = BASE_SEVERITY[category] + (random() - 0.5) * 0.2;
  return Math.round(Math.min(0.99, Math.max(0.05, value)) * 100) / 100;
}

const NOTES = [
  (c: string) => `Synthetic benchmark entry: ${c.replace('_', ' ')} site, repeated failed fact checks.`,
  (c: string) => `Synthetic: flagged as ${c.replace('_', ' ')} by two independent reviews (generated for bench:lists).`,
  () => 'Synthetic: mirror of a listed outlet on another domain.',
  () => 'Synthetic: channel republishing content of a sanctioned broadcaster.',
];

/**
 * `count` entries spread over `listCount` lists (`synthetic-1` …). Names in `exclude` (lower-case
 * domains, `domain/path` keys and family labels of the bundled lists) are never generated.
 */
export function generateSyntheticLists(options: {
  count: number;
  listCount: number;
  seed: number;
  exclude: ReadonlySet<string>;
}): SyntheticLists {
  const random = seededRandom(options.seed);
  const usedNames = new Set<string>();
  const usedKeys = new Set<string>(options.exclude);
  const lists: DomainList[] = [];
  const entries: SyntheticEntry[] = [];
  const kinds: Record<EntryKind, number> = { domain: 0, subdomain: 0, path: 0, family: 0 };
  const perList = Math.ceil(options.count / options.listCount);

  // A name no other entry uses (first label of domains, families, blogs, handles).
  const freshName = (): string => {
    for (;;) {
      const name = siteName(random);
      if (name.length >= 4 && !usedNames.has(name) && !options.exclude.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  for (let l = 0; l < options.listCount; l++) {
    const listId = `synthetic-${l + 1}`;
    const listEntries: ListEntry[] = [];
    const sourceKeys = [`${listId}-review`, `${listId}-factcheck`, `${listId}-registry`];
    while (listEntries.length < perList && entries.length < options.count) {
      const kind = weighted(random, KINDS);
      const category = weighted(random, CATEGORIES);
      const name = freshName();
      let entry: ListEntry;
      let key: string;
      let display: string;
      if (kind === 'family') {
        entry = { family: `${name}.*`, category, severity: 0 };
        key = name;
        display = `${name}.*`;
      } else if (kind === 'domain') {
        const domain = `${name}.${weighted(random, TLDS)}`;
        entry = { domain, category, severity: 0 };
        key = domain;
        display = domain;
      } else if (kind === 'subdomain') {
        const domain =
          random() < 0.55
            ? `${name}.${pick(random, BLOG_HOSTS)}`
            : `${pick(random, SECTION_SUBDOMAINS)}.${name}.${weighted(random, TLDS)}`;
        entry = { domain, category, severity: 0 };
        key = domain;
        display = domain;
      } else if (random() < 0.85) {
        const [host, pathOf] = weighted(
          random,
          PLATFORM_PATHS.map(([h, p, w]) => [[h, p] as const, w] as const),
        );
        const path = pathOf(handle(name, random), random);
        entry = { domain: host, path, category, severity: 0 };
        key = `${host}${path.toLowerCase()}`;
        display = `${host}${path}`;
      } else {
        const domain = `${name}.${weighted(random, TLDS)}`;
        const path = pick(random, SITE_SECTIONS);
        entry = { domain, path, category, severity: 0 };
        key = `${domain}${path}`;
        display = `${domain}${path}`;
      }
      if (usedKeys.has(key)) continue;
      usedKeys.add(key);
      entry.severity = severityFor(category, random);
      if (random() < 0.35) entry.entity = titleCase(name);
      if (random() < 0.6) entry.note = pick(random, NOTES)(category);
      if (random() < 0.7) entry.sources = random() < 0.3 ? [sourceKeys[0]!, pick(random, sourceKeys)] : [pick(random, sourceKeys)];
      if (entry.sources?.[0] === entry.sources?.[1]) entry.sources = entry.sources?.slice(0, 1);
      listEntries.push(entry);
      entries.push({ kind, listId, entry, display });
      kinds[kind]++;
    }
    lists.push({
      id: listId,
      name: `Synthetic benchmark list ${l + 1}`,
      version: `2026.11.24-seed${options.seed}`,
      license: 'CC0-1.0',
      attribution: 'Generated by bench/lists/synthetic-lists.ts for bench:lists; not a real assessment.',
      sources: Object.fromEntries(
        sourceKeys.map((k) => [k, { title: `Synthetic source ${k}`, url: `https://example.org/sources/${k}` }]),
      ),
      entries: listEntries,
    });
  }
  return { lists, entries, kinds };
}
