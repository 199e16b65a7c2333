/**
 * `npm run bench:lists`: does matching stay O(links) whatever the list size? Measures
 * analyzeComment throughput on the real comment corpus of bench/corpus with the bundled lists,
 * then with 100 000 synthetic list entries added as extra lists (bench/lists/synthetic-lists.ts:
 * seeded, plain domains on many TLDs and ccTLDs, subdomain-hosted entries, domain + path
 * entries, families, mixed categories and severities), and reports the drop, the time to compile
 * the lists and the memory they hold. Throughput rounds alternate between the two list sets
 * (A B, B A, …) so that a busy neighbour process hits both alike; the median round counts.
 * Measured on the whole corpus (the target) and on its link-bearing comments alone (whose
 * verdicts are the same with both list sets, so only the lookups differ).
 *
 * Sanity: synthetic entries of every kind (and typos and homoglyphs of synthetic domains) are
 * written into corpus comments and must come out flagged with that entry, and must not be flagged
 * that way with the bundled lists alone: proof the big lists are really used. The verdicts on the
 * unchanged corpus are compared between both list sets.
 *
 * A benchmark, not a test: it prints figures (and one `RESULT {json}` line) and checks nothing
 * (exit 0 unless it crashed). BENCH_SECONDS (per measurement, default 1), BENCH_ROUNDS (default
 * 7), BENCH_ENTRIES (default 100000), BENCH_SEED.
 */
import { relative } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getDomain, parse } from 'tldts';
import {
  analyzeComment,
  compileLists,
  extractLinks,
  type CompiledLists,
  type DomainList,
  type Verdict,
} from '../src/analysis/index.js';
import { loadListsFromDir, parseListFile } from '../src/lists/load-lists.js';
import { generateSyntheticLists, seededRandom, type EntryKind, type SyntheticEntry } from './lists/synthetic-lists.js';
import { CORPUS_FILE, loadCorpus } from './corpus/load-corpus.js';

const corpusFile = CORPUS_FILE;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const SEED = Number(process.env.BENCH_SEED ?? 20261124);
const LIST_COUNT = 4;
const PROBES_PER_KIND = 25;
const TARGET_DROP_PCT = 10;
const TARGET_RSS_MB = 300;

type ProbeKind = EntryKind | 'typo' | 'homoglyph';

interface Probe {
  kind: ProbeKind;
  source: SyntheticEntry;
  url: string;
  code: 'link.listed' | 'link.shortener' | 'link.lookalike';
  technique?: 'typo' | 'homoglyph';
  text: string;
  start: number;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function gc(): void {
  const run = (globalThis as { gc?: () => void }).gc;
  if (run) {
    run();
    run();
  }
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function memory(): { rss: number; heapUsed: number; external: number } {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

// Time V8 spent collecting garbage, by start time (performance.now()): GC work grows with the
// live heap, so it is part of what a bigger list costs. Entries arrive a timer turn later.
const gcEntries: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcEntries.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

interface Round {
  perSecond: number;
  /** Comments per second of CPU time of the whole process (GC threads included): less sensitive to a busy neighbour. */
  perCpuSecond: number;
  /** Milliseconds of GC per second measured. */
  gcMsPerSecond: number;
}

/** Runs analyzeComment over `texts` for at least SECONDS (whole passes); comments/s and GC share. */
async function measure(texts: readonly string[], lists: CompiledLists): Promise<Round> {
  let sink = 0;
  gc();
  await tick();
  const from = performance.now();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let done = 0;
  let now = start;
  while (now < deadline) {
    for (const t of texts) sink += analyzeComment(t, { lists }).reasons.length;
    done += texts.length;
    now = process.hrtime.bigint();
  }
  const to = performance.now();
  const cpuUsed = process.cpuUsage(cpu);
  if (sink < 0) console.log(sink);
  await tick();
  const gcMs = gcEntries.filter((e) => e.start >= from && e.start <= to).reduce((n, e) => n + e.duration, 0);
  const seconds = Number(now - start) / 1e9;
  return {
    perSecond: done / seconds,
    perCpuSecond: done / ((cpuUsed.user + cpuUsed.system) / 1e6),
    gcMsPerSecond: gcMs / seconds,
  };
}

/**
 * ROUNDS rounds of both list sets, alternating which goes first (A B, B A, …); the median
 * comments/s of each, the drop between the medians, and the median of the per-round drops (a
 * round's two runs are seconds apart, so a slow phase of a neighbour process hits both).
 */
async function compare(texts: readonly string[], a: CompiledLists, b: CompiledLists) {
  for (const t of texts) analyzeComment(t, { lists: a });
  for (const t of texts) analyzeComment(t, { lists: b });
  const ra: Round[] = [];
  const rb: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      ra.push(await measure(texts, a));
      rb.push(await measure(texts, b));
    } else {
      rb.push(await measure(texts, b));
      ra.push(await measure(texts, a));
    }
  }
  const bundled = median(ra.map((r) => r.perSecond));
  const extended = median(rb.map((r) => r.perSecond));
  const pairedDrops = ra.map((r, i) => (1 - rb[i]!.perSecond / r.perSecond) * 100);
  const cpuBundled = median(ra.map((r) => r.perCpuSecond));
  const cpuExtended = median(rb.map((r) => r.perCpuSecond));
  return {
    bundled,
    extended,
    dropPct: (1 - extended / bundled) * 100,
    pairedDropPct: median(pairedDrops),
    pairedDrops,
    cpuBundled,
    cpuExtended,
    cpuDropPct: (1 - cpuExtended / cpuBundled) * 100,
    /** (max - min) / median of the bundled rounds: how much a neighbour process disturbed them. */
    noisePct: ((Math.max(...ra.map((r) => r.perSecond)) - Math.min(...ra.map((r) => r.perSecond))) / bundled) * 100,
    roundsBundled: ra.map((r) => r.perSecond),
    roundsExtended: rb.map((r) => r.perSecond),
    gcBundled: median(ra.map((r) => r.gcMsPerSecond)),
    gcExtended: median(rb.map((r) => r.gcMsPerSecond)),
  };
}

/** Keys the generator must not reuse: bundled domains, their first labels, paths, families. */
function bundledNames(lists: readonly DomainList[]): Set<string> {
  const names = new Set<string>();
  for (const list of lists) {
    for (const e of list.entries) {
      if (e.family !== undefined) names.add(e.family.slice(0, -2));
      if (e.domain === undefined) continue;
      names.add(e.domain);
      if (e.path !== undefined) names.add(`${e.domain}${e.path.toLowerCase()}`);
      const registrable = getDomain(e.domain) ?? e.domain;
      names.add(registrable.slice(0, registrable.indexOf('.')));
    }
  }
  return names;
}

// --- Probes: synthetic entries written into corpus comments ---------------------------------

const CYRILLIC: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441' };
const SLUGS = ['artikel-2024-11', 'news/12345', 'video/abc', '2025/01/wahrheit.html', 'p/9876', 'watch?v=abc', ''];

function firstLabel(domain: string): string {
  return domain.slice(0, domain.indexOf('.'));
}

/** A one-edit typo of the first label: adjacent swap, deletion or doubled letter. */
function typoOf(domain: string, random: () => number): string | null {
  const label = firstLabel(domain);
  const rest = domain.slice(label.length);
  const i = 1 + Math.floor(random() * (label.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0 && label[i] !== label[i + 1]) return label.slice(0, i) + label[i + 1] + label[i] + label.slice(i + 2) + rest;
  if (kind === 1) return label.slice(0, i) + label.slice(i + 1) + rest;
  if (kind === 2) return label.slice(0, i) + label[i] + label.slice(i) + rest;
  return null;
}

function homoglyphOf(domain: string): string | null {
  const label = firstLabel(domain);
  for (let i = 0; i < label.length; i++) {
    const replacement = CYRILLIC[label[i]!];
    if (replacement) return label.slice(0, i) + replacement + label.slice(i + 1) + domain.slice(label.length);
  }
  return null;
}

function buildProbes(
  entries: readonly SyntheticEntry[],
  listed: ReadonlySet<string>,
  corpus: readonly string[],
): Probe[] {
  const random = seededRandom(SEED ^ 0x5eed);
  const imitable = (e: SyntheticEntry) =>
    e.kind === 'domain' && !['platform', 'shortener', 'satire'].includes(e.entry.category) && firstLabel(e.display).length >= 10;
  const candidates: Record<ProbeKind, SyntheticEntry[]> = { domain: [], subdomain: [], path: [], family: [], typo: [], homoglyph: [] };
  for (const e of entries) {
    if (e.entry.severity < 0.2) continue;
    candidates[e.kind].push(e);
    if (imitable(e)) {
      candidates.typo.push(e);
      candidates.homoglyph.push(e);
    }
  }
  const probes: Probe[] = [];
  for (const kind of Object.keys(candidates) as ProbeKind[]) {
    const pool = candidates[kind];
    for (let n = 0, tries = 0; n < PROBES_PER_KIND && tries < 1000 && pool.length > 0; tries++) {
      const source = pool[Math.floor(random() * pool.length)]!;
      const slug = SLUGS[Math.floor(random() * SLUGS.length)]!;
      let url: string;
      let code: Probe['code'] = source.entry.category === 'shortener' ? 'link.shortener' : 'link.listed';
      let technique: Probe['technique'];
      if (kind === 'family') {
        const label = source.display.slice(0, -2);
        url = `https://${label}.${['org', 'live', 'site', 'de', 'co.uk', 'online'][n % 6]}/${slug}`;
      } else if (kind === 'path') {
        url = `https://${n % 3 === 0 ? 'www.' : ''}${source.display}${n % 2 === 0 ? `/${slug}` : ''}`;
      } else if (kind === 'typo' || kind === 'homoglyph') {
        const host = kind === 'typo' ? typoOf(source.display, random) : homoglyphOf(source.display);
        if (host === null || listed.has(host)) continue;
        url = `https://${host}/${slug}`;
        code = 'link.lookalike';
        technique = kind;
      } else {
        // Plain and subdomain entries: with a scheme, bare, www., and obfuscated like spam.
        // (Only before a TLD the public-suffix list has on its own: the links stage reads
        // `name[.]co.za` as prose, since `za` alone is no suffix there.)
        const tld = source.display.slice(source.display.lastIndexOf('.') + 1);
        const style = n % 4 === 3 && parse(tld).isIcann !== true ? 0 : n % 4;
        const bare = `${source.display}/${slug}`;
        url =
          style === 0 ? `https://${bare}` : style === 1 ? bare : style === 2 ? `https://www.${bare}` : `hxxps://${bare.replace('.', '[.]')}`;
      }
      const comment = corpus[Math.floor(random() * corpus.length)]!;
      let at = comment.indexOf(' ', Math.floor(random() * comment.length));
      if (at === -1) at = comment.length;
      const text = `${comment.slice(0, at)} ${url} ${comment.slice(at)}`;
      probes.push({ kind, source, url, code, technique, text, start: at + 1 });
      n++;
    }
  }
  return probes;
}

/** Whether the verdict flags the probe's link with the probe's entry (listed or imitated). */
function flagged(probe: Probe, verdict: Verdict): boolean {
  return verdict.reasons.some((r) => {
    if (r.start !== probe.start || r.code !== probe.code || r.details.listId !== probe.source.listId) return false;
    if (probe.code === 'link.lookalike') return r.details.technique === probe.technique && r.details.imitates === probe.source.display;
    return r.details.matched === probe.source.display;
  });
}

function verdictKey(v: Verdict): string {
  return JSON.stringify([
    v.action,
    v.score,
    v.reasons.map((r) => [r.code, r.start, r.end, r.details.matched ?? r.details.imitates ?? null, r.details.listId ?? null]),
  ]);
}

// --- Run ---------------------------------------------------------------------------------------

const rssStart = process.memoryUsage().rss;
const { texts, bytes } = loadCorpus();
const withLinks = texts.filter((t) => extractLinks(t).length > 0);

let t0 = process.hrtime.bigint();
const bundledLists = loadListsFromDir();
const bundled = compileLists(bundledLists);
const bundledMs = ms(t0);
const bundledEntries = bundledLists.reduce((n, l) => n + l.entries.length, 0);
const memBundled = memory();

t0 = process.hrtime.bigint();
let synthetic: ReturnType<typeof generateSyntheticLists> | null = generateSyntheticLists({
  count: ENTRIES,
  listCount: LIST_COUNT,
  seed: SEED,
  exclude: bundledNames(bundledLists),
});
const generateMs = ms(t0);
const kinds = synthetic.kinds;

// Through the loader's own validation (zod), as list files would go: the entries are valid lists.
t0 = process.hrtime.bigint();
let validationError: string | null = null;
let extraLists: DomainList[];
try {
  extraLists = synthetic.lists.map((list) => parseListFile(`${list.id}.json`, JSON.stringify(list)));
} catch (e) {
  validationError = (e as Error).message.slice(0, 300);
  extraLists = synthetic.lists;
}
const validateMs = ms(t0);

const listed = new Set<string>();
for (const list of [...bundledLists, ...extraLists]) {
  for (const e of list.entries) if (e.domain !== undefined) listed.add(getDomain(e.domain) ?? e.domain);
}
const probes = buildProbes(synthetic.entries, listed, texts);
synthetic = null; // the validated copies are what stays loaded, as in the service
listed.clear();

const memBefore = memory();
t0 = process.hrtime.bigint();
const extended = compileLists([...bundledLists, ...extraLists]);
const compileMs = ms(t0);
const memExtended = memory();
const extraEntries = extraLists.reduce((n, l) => n + l.entries.length, 0);

console.log(`node ${process.version}, corpus ${relative(process.cwd(), corpusFile)}`);
console.log(`corpus: ${texts.length} comments, ${mb(bytes)} MB, ${withLinks.length} with links`);
console.log(`bundled lists: ${bundledLists.length} lists, ${bundledEntries} entries, loaded+compiled in ${bundledMs.toFixed(0)} ms`);
console.log(
  `synthetic lists: ${extraLists.length} lists, ${extraEntries} entries (domain ${kinds.domain}, subdomain ${kinds.subdomain}, ` +
    `path ${kinds.path}, family ${kinds.family}), seed ${SEED}; generated in ${generateMs.toFixed(0)} ms, ` +
    `validated in ${validateMs.toFixed(0)} ms${validationError ? ` (VALIDATION FAILED: ${validationError})` : ''}`,
);
console.log(`compileLists(bundled + synthetic, ${bundledEntries + extraEntries} entries): ${compileMs.toFixed(0)} ms`);
console.log(
  `memory after gc: bundled compiled ${mb(memBundled.rss)} MB RSS / ${mb(memBundled.heapUsed)} MB heap; ` +
    `+ synthetic lists loaded ${mb(memBefore.rss)} / ${mb(memBefore.heapUsed)}; ` +
    `+ compiled ${mb(memExtended.rss)} MB RSS / ${mb(memExtended.heapUsed)} MB heap / ${mb(memExtended.external)} MB external`,
);
console.log(`measurement: ${ROUNDS} rounds of ${SECONDS} s per list set (BENCH_ROUNDS, BENCH_SECONDS), alternating, median`);
console.log('');

// Sanity first (it also warms up both paths).
const probeStats: Record<string, { probes: number; flagged: number; flaggedBundled: number; example: string }> = {};
const misses: string[] = [];
for (const probe of probes) {
  const stats = (probeStats[probe.kind] ??= { probes: 0, flagged: 0, flaggedBundled: 0, example: `${probe.url} -> ${probe.source.display}` });
  stats.probes++;
  if (flagged(probe, analyzeComment(probe.text, { lists: extended }))) stats.flagged++;
  else if (misses.length < 10) misses.push(`${probe.kind} ${probe.url} (${probe.source.display})`);
  if (flagged(probe, analyzeComment(probe.text, { lists: bundled }))) stats.flaggedBundled++;
}
let changed = 0;
const changedExamples: string[] = [];
for (const text of texts) {
  const a = analyzeComment(text, { lists: bundled });
  const b = analyzeComment(text, { lists: extended });
  if (verdictKey(a) !== verdictKey(b)) {
    changed++;
    if (changedExamples.length < 5) changedExamples.push(`${verdictKey(a)} -> ${verdictKey(b)}`);
  }
}
const probesTotal = probes.length;
const probesFlagged = Object.values(probeStats).reduce((n, s) => n + s.flagged, 0);
const probesFlaggedBundled = Object.values(probeStats).reduce((n, s) => n + s.flaggedBundled, 0);

const whole = await compare(texts, bundled, extended);
// The unchanged link-bearing comments: same verdicts with both list sets, so only the lookups differ.
const linkTexts = withLinks;
const links = await compare(linkTexts, bundled, extended);
const memEnd = memory();

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const spread = (values: readonly number[]) => `${fmt(Math.min(...values))}-${fmt(Math.max(...values))}`;
const row = (name: string, perSecond: number, rounds: readonly number[], perCpu: number, gcMs: number) =>
  `${name.padEnd(44)} ${fmt(perSecond).padStart(9)} comments/s  (rounds ${spread(rounds)}; ${fmt(perCpu)} per CPU-s; GC ${gcMs.toFixed(0)} ms/s)`;
console.log(row('analyzeComment, whole corpus, bundled lists', whole.bundled, whole.roundsBundled, whole.cpuBundled, whole.gcBundled));
console.log(row(`analyzeComment, whole corpus, + ${extraEntries}`, whole.extended, whole.roundsExtended, whole.cpuExtended, whole.gcExtended));
console.log(row(`analyzeComment, ${linkTexts.length} link-bearing, bundled`, links.bundled, links.roundsBundled, links.cpuBundled, links.gcBundled));
console.log(row(`analyzeComment, ${linkTexts.length} link-bearing, + ${extraEntries}`, links.extended, links.roundsExtended, links.cpuExtended, links.gcExtended));
console.log('');
console.log('sanity: synthetic entries written into corpus comments, flagged with that entry');
for (const [kind, s] of Object.entries(probeStats)) {
  console.log(
    `  ${kind.padEnd(10)} ${s.flagged}/${s.probes} flagged with the extra lists, ${s.flaggedBundled}/${s.probes} with the bundled lists alone  (e.g. ${s.example})`,
  );
}
for (const miss of misses) console.log(`  not flagged: ${miss}`);
console.log(`  unchanged corpus: ${changed} of ${texts.length} verdicts differ between bundled and bundled + synthetic lists`);
for (const example of changedExamples) console.log(`    ${example}`);
const sane = probesFlagged === probesTotal && probesFlaggedBundled === 0 && validationError === null;
console.log(`  sanity ${sane ? 'OK' : 'FAILED'}: ${probesFlagged}/${probesTotal} probes flagged, ${probesFlaggedBundled} without the extra lists`);
console.log('');

const dropMet = whole.dropPct < TARGET_DROP_PCT;
const rssMet = memExtended.rss < TARGET_RSS_MB * 1024 * 1024;
const pct = (n: number) => `${n.toFixed(1)} %`;
console.log(`throughput drop with ${extraEntries} extra entries (between the medians):`);
for (const [name, r] of [['whole corpus', whole], ['link-bearing comments', links]] as const) {
  console.log(
    `  ${name.padEnd(22)} ${pct(r.dropPct).padStart(7)}   cross-checks: median of per-round drops ${pct(r.pairedDropPct)} ` +
      `(${r.pairedDrops.map((d) => d.toFixed(1)).join(' ')}), per CPU-second ${pct(r.cpuDropPct)}`,
  );
}
if (whole.noisePct > 2 * TARGET_DROP_PCT) {
  console.log(`  NOISY: the bundled rounds spread ${pct(whole.noisePct)} (another process?); rerun on an idle machine`);
}
console.log(`target drop < ${TARGET_DROP_PCT} % (whole corpus): ${dropMet ? 'met' : 'MISSED'}`);
console.log(`resident memory after compiling ${extraEntries} entries: ${mb(memExtended.rss)} MB (heap used ${mb(memExtended.heapUsed)} MB), ${mb(memEnd.rss)} MB at the end`);
console.log(`target RSS < ${TARGET_RSS_MB} MB: ${rssMet ? 'met' : 'MISSED'}`);

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const result = {
  bench: 'lists',
  node: process.version,
  corpus: { comments: texts.length, withLinks: withLinks.length },
  seconds: SECONDS,
  rounds: ROUNDS,
  seed: SEED,
  bundledEntries,
  syntheticEntries: extraEntries,
  syntheticKinds: kinds,
  generateMs: round(generateMs),
  validateMs: round(validateMs),
  compileBundledMs: round(bundledMs),
  compileMs: round(compileMs),
  throughput: {
    bundled: Math.round(whole.bundled),
    extended: Math.round(whole.extended),
    dropPct: round(whole.dropPct, 2),
    pairedDropPct: round(whole.pairedDropPct, 2),
    cpuDropPct: round(whole.cpuDropPct, 2),
    noisePct: round(whole.noisePct),
    perCpuSecond: { bundled: Math.round(whole.cpuBundled), extended: Math.round(whole.cpuExtended) },
    gcMsPerSecond: { bundled: round(whole.gcBundled), extended: round(whole.gcExtended) },
    roundsBundled: whole.roundsBundled.map((n) => Math.round(n)),
    roundsExtended: whole.roundsExtended.map((n) => Math.round(n)),
  },
  linkBearing: {
    comments: linkTexts.length,
    bundled: Math.round(links.bundled),
    extended: Math.round(links.extended),
    dropPct: round(links.dropPct, 2),
    pairedDropPct: round(links.pairedDropPct, 2),
    cpuDropPct: round(links.cpuDropPct, 2),
    gcMsPerSecond: { bundled: round(links.gcBundled), extended: round(links.gcExtended) },
  },
  memoryMB: {
    start: round(rssStart / 1048576),
    bundledRss: round(memBundled.rss / 1048576),
    bundledHeapUsed: round(memBundled.heapUsed / 1048576),
    extendedRss: round(memExtended.rss / 1048576),
    extendedHeapUsed: round(memExtended.heapUsed / 1048576),
    extendedExternal: round(memExtended.external / 1048576),
    endRss: round(memEnd.rss / 1048576),
  },
  sanity: { ok: sane, probes: probesTotal, flagged: probesFlagged, flaggedBundledOnly: probesFlaggedBundled, byKind: probeStats, changedVerdicts: changed },
  targets: { dropPct: { target: TARGET_DROP_PCT, met: dropMet }, rssMB: { target: TARGET_RSS_MB, met: rssMet } },
};
console.log(`RESULT ${JSON.stringify(result)}`);
