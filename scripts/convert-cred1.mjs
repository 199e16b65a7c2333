#!/usr/bin/env node
// Converts the CRED-1 domain credibility dataset (CC BY 4.0, Alexander Loth) into a Loupe
// DomainList. Plain Node ESM, no dependencies, deterministic output.
//
//   node scripts/convert-cred1.mjs <cred1_current.csv> [output.json] [--platforms <platforms.json>]
//
// Without an output path the JSON goes to stdout. The mapping from CRED-1 categories and scores
// to Loupe categories and severities is documented in data/lists/SOURCES.md; keep both in step.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_LISTS_DIR = resolve(HERE, '..', 'data', 'lists');

// The snapshot converted here (see /work/shared/data/cred-1/SOURCE.md). Update both when refreshing.
const SNAPSHOT_DATE = '2026.08.04';
const SNAPSHOT_COMMIT = '3b9875675744bd73c4acb997603ae73bf78d341e';

// Rows whose target is not a plain host (and optional path) are dropped as unusable.
const HOSTNAME = /^(?!www\.)[a-z0-9\u00a1-\uffff-]+(\.[a-z0-9\u00a1-\uffff-]+)+$/;
const PATH = /^\/[^\s?#]+$/;

/**
 * CRED-1 classes in order of credibility (its codebook's base scores 0.0 … 1.0).
 * Each flagged class has a Loupe category and a severity band; within the band, a lower
 * credibility_score gives a higher severity.
 */
const CLASS_RANK = { fake: 0, conspiracy: 1, unreliable: 2, satire: 3, mixed: 4, reliable: 5 };
const CLASS_MAPPING = {
  fake: { category: 'disinformation', low: 0.6, high: 0.8 },
  conspiracy: { category: 'conspiracy', low: 0.55, high: 0.75 },
  unreliable: { category: 'unreliable', low: 0.45, high: 0.65 },
  satire: { category: 'satire', low: 0.1, high: 0.2 },
  mixed: { category: 'hyperpartisan', low: 0.1, high: 0.3 },
};
// The CRED-1 codebook's mapping of MBFC factual ratings (as carried by Iffy.news) to its classes.
const FACTUAL_CLASS = { VL: 'fake', L: 'unreliable', M: 'mixed', MF: 'mixed', MH: 'reliable', H: 'reliable', VH: 'reliable' };
// Scores above this add nothing: every flagged CRED-1 class tops out near 0.5 (mixed).
const SCORE_CEILING = 0.5;

function fail(message) {
  process.stderr.write(`convert-cred1: ${message}\n`);
  process.exit(1);
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) fail('empty CSV');
  return body.map((r, i) => {
    if (r.length !== header.length) fail(`CSV line ${i + 2}: ${r.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
}

/**
 * CRED-1 "domain" values are mostly bare hosts, but a few carry a path, a fragment, a trailing
 * slash, a `www.` prefix or a stray space. Returns `{ domain, path? }` or null when unusable.
 */
function normaliseTarget(raw) {
  let s = raw.replace(/\s+/g, '').toLowerCase();
  s = s.replace(/^[a-z]+:\/\//, '');
  s = s.replace(/[?#].*$/, '');
  const slash = s.indexOf('/');
  let domain = slash === -1 ? s : s.slice(0, slash);
  let path = slash === -1 ? '' : s.slice(slash);
  domain = domain.replace(/\.$/, '').replace(/^www\./, '');
  path = path.replace(/\/+$/, '');
  if (!HOSTNAME.test(domain)) return null;
  if (path && !PATH.test(path)) return null;
  return path ? { domain, path } : { domain };
}

function round2(x) {
  return Math.round(x * 100) / 100;
}

/** The effective CRED-1 class of a row: its category, adjusted by its MBFC factual rating. */
function effectiveClass(row) {
  const base = row.category === 'rumor' ? 'unreliable' : row.category;
  if (!(base in CLASS_RANK)) return null;
  const factual = FACTUAL_CLASS[row.iffy_factual];
  if (!factual || base === 'satire' || base === 'fake' || base === 'conspiracy' || base === 'reliable') return base;
  // Lower credibility takes precedence (CRED-1 codebook): mixed + L/VL, unreliable + VL.
  if (CLASS_RANK[factual] < CLASS_RANK[base]) return factual;
  // Iffy.news lists MBFC "questionable" sites whose factual rating is only Mixed; the codebook
  // maps M to mixed, so they must not weigh like low-factual sites. H/VH rows stay: those are
  // listed for deception other than factual accuracy (e.g. undisclosed partisan local news).
  if (base === 'unreliable' && factual === 'mixed') return 'mixed';
  return base;
}

function severityFor(klass, score) {
  const { low, high } = CLASS_MAPPING[klass];
  const s = Math.min(Math.max(Number.isFinite(score) ? score : SCORE_CEILING, 0), SCORE_CEILING);
  return round2(low + (high - low) * (1 - s / SCORE_CEILING));
}

function describe(row, klass) {
  const parts = [`CRED-1 ${row.category}, credibility ${row.credibility_score}`];
  if (row.iffy_factual) parts.push(`MBFC factual ${row.iffy_factual} (via Iffy.news)`);
  if (row.safe_browsing_flagged === 'True') parts.push('flagged by Google Safe Browsing');
  const base = row.category === 'rumor' ? 'unreliable' : row.category;
  const adjusted = klass !== base ? ` (treated as ${klass})` : '';
  return `${parts.join('; ')}${adjusted}.`;
}

function loadPlatformDomains(file) {
  const list = JSON.parse(readFileSync(file, 'utf8'));
  return list.entries.filter((e) => e.domain && !e.path).map((e) => e.domain);
}

function isUnder(domain, parent) {
  return domain === parent || domain.endsWith(`.${parent}`);
}

export function convertCred1(rows, platformDomains) {
  const stats = { rows: rows.length, reliable: 0, platform: 0, unusable: [], merged: 0, unknownCategory: [] };
  const best = new Map();
  for (const row of rows) {
    const target = normaliseTarget(row.domain);
    if (!target) {
      stats.unusable.push(row.domain);
      continue;
    }
    const klass = effectiveClass(row);
    if (klass === null) {
      stats.unknownCategory.push(`${row.domain}:${row.category}`);
      continue;
    }
    if (klass === 'reliable') {
      stats.reliable++;
      continue;
    }
    if (platformDomains.some((p) => isUnder(target.domain, p))) {
      stats.platform++;
      continue;
    }
    const score = Number.parseFloat(row.credibility_score);
    const key = `${target.domain}${target.path ?? ''}`;
    const previous = best.get(key);
    if (previous) stats.merged++;
    if (!previous || score < previous.score || (score === previous.score && row.domain < previous.row.domain)) {
      best.set(key, { target, klass, score, row });
    }
  }
  const entries = [...best.values()]
    .map(({ target, klass, score, row }) => ({
      ...target,
      category: CLASS_MAPPING[klass].category,
      severity: severityFor(klass, score),
      note: describe(row, klass),
      sources: ['cred-1'],
    }))
    .sort((a, b) => compareKeys(a, b));
  return { entries, stats };
}

function entryKey(e) {
  return e.family ? `~${e.family}` : `${e.domain}${e.path ?? ''}`;
}

function compareKeys(a, b) {
  const ka = entryKey(a);
  const kb = entryKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function buildList(entries) {
  const commit = SNAPSHOT_COMMIT.slice(0, 7);
  return {
    id: 'cred-1',
    name: 'CRED-1 open domain credibility dataset (converted for Loupe)',
    version: `${SNAPSHOT_DATE}+${commit}`,
    license: 'CC BY 4.0',
    attribution:
      'CRED-1 by Alexander Loth, CC BY 4.0, https://github.com/aloth/cred-1, doi:10.5281/zenodo.18769460. ' +
      'Built from OpenSources.co (Melissa Zimdars et al.) and the Iffy.news Index; converted by the Loupe project ' +
      '(categories and severities mapped, platforms and reliable domains removed).',
    sources: {
      'cred-1': {
        title: `CRED-1 cred1_current.csv (snapshot ${SNAPSHOT_DATE.replaceAll('.', '-')}, commit ${SNAPSHOT_COMMIT})`,
        url: 'https://github.com/aloth/cred-1',
        publisher: 'Alexander Loth',
        date: SNAPSHOT_DATE.replaceAll('.', '-'),
      },
    },
    entries,
  };
}

/** Stable, diff-friendly JSON: one entry per line, keys in a fixed order. */
export function formatList(list) {
  const order = ['domain', 'path', 'family', 'category', 'severity', 'entity', 'note', 'sources'];
  const lines = ['{'];
  const head = ['id', 'name', 'version', 'license', 'attribution'].filter((k) => list[k] !== undefined);
  for (const k of head) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(list[k])},`);
  if (list.sources) {
    lines.push('  "sources": {');
    const keys = Object.keys(list.sources).sort();
    keys.forEach((k, i) => lines.push(`    ${JSON.stringify(k)}: ${JSON.stringify(list.sources[k])}${i < keys.length - 1 ? ',' : ''}`));
    lines.push('  },');
  }
  lines.push('  "entries": [');
  list.entries.forEach((e, i) => {
    const ordered = Object.fromEntries(order.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));
    lines.push(`    ${JSON.stringify(ordered)}${i < list.entries.length - 1 ? ',' : ''}`);
  });
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

function main(argv) {
  const args = [...argv];
  let platformsFile = join(DEFAULT_LISTS_DIR, 'platforms.json');
  const pi = args.indexOf('--platforms');
  if (pi !== -1) {
    platformsFile = args[pi + 1];
    args.splice(pi, 2);
  }
  const [input, output] = args;
  if (!input) fail('usage: convert-cred1.mjs <cred1_current.csv> [output.json] [--platforms <file>]');
  const rows = parseCsv(readFileSync(input, 'utf8'));
  const { entries, stats } = convertCred1(rows, loadPlatformDomains(platformsFile));
  if (stats.unknownCategory.length) fail(`unknown CRED-1 categories: ${stats.unknownCategory.join(', ')}`);
  // Validation is Loupe's own: `npm test` loads every bundled list through src/lists (zod).
  const list = buildList(entries);
  const json = formatList(list);
  if (output) writeFileSync(output, json);
  else process.stdout.write(json);
  const counts = {};
  for (const e of entries) counts[e.category] = (counts[e.category] ?? 0) + 1;
  process.stderr.write(
    `convert-cred1: ${stats.rows} rows -> ${entries.length} entries ${JSON.stringify(counts)}; ` +
      `dropped ${stats.reliable} reliable, ${stats.platform} platform, ${stats.unusable.length} unusable` +
      `${stats.unusable.length ? ` (${stats.unusable.join(', ')})` : ''}; merged ${stats.merged} duplicates\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
