/**
 * `npm run bench:analysis`: throughput of analyzeComment on one core, on real comments shipped in
 * bench/corpus (GermEval 2018 tweets, Fox News comments, link-bearing variants), against calling
 * linkifyjs find() alone on the same texts, plus resident memory with all bundled lists loaded.
 * A benchmark, not a test: it prints figures and checks nothing.
 */
import { relative } from 'node:path';
import { find } from 'linkifyjs';
import { analyzeComment, compileLists } from '../src/analysis/index.js';
import { loadListsFromDir } from '../src/lists/load-lists.js';
import { loadIncivilityModel } from '../src/incivility/load-model.js';
import { loadCompiledPolitics } from '../src/politics/load-politics.js';
import { loadCompiledOutlets } from '../src/outlets/load-outlets.js';
import { CORPUS_FILE, loadCorpus } from './corpus/load-corpus.js';

const corpusFile = CORPUS_FILE;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `fn` over the corpus for at least SECONDS, after one warm-up pass; returns comments/s. */
function measure(texts: readonly string[], fn: (text: string) => unknown): { perSecond: number; passes: number } {
  let sink = 0;
  for (const t of texts) if (fn(t)) sink++;
  gc();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let done = 0;
  let passes = 0;
  let now = start;
  while (now < deadline) {
    for (const t of texts) if (fn(t)) sink++;
    done += texts.length;
    passes++;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink);
  return { perSecond: done / (Number(now - start) / 1e9), passes };
}

const rssBefore = process.memoryUsage().rss;
const listStart = process.hrtime.bigint();
const rawLists = loadListsFromDir();
const lists = compileLists(rawLists);
const politics = loadCompiledPolitics();
const outlets = loadCompiledOutlets();
const listMs = Number(process.hrtime.bigint() - listStart) / 1e6;
const modelStart = process.hrtime.bigint();
const incivility = loadIncivilityModel();
const modelMs = Number(process.hrtime.bigint() - modelStart) / 1e6;
gc();
const rssLists = process.memoryUsage().rss;
const context = { lists, politics, outlets, incivility };

const { texts, bytes } = loadCorpus();
const withLinks = texts.filter((t) => find(t).length > 0);

console.log(`node ${process.version}, corpus ${relative(process.cwd(), corpusFile)}`);
console.log(`corpus: ${texts.length} comments, ${mb(bytes)} MB, mean ${Math.round(bytes / texts.length)} bytes, ${withLinks.length} with links (linkify)`);
console.log(`lists: ${rawLists.length} lists, ${rawLists.reduce((n, l) => n + l.entries.length, 0)} entries, loaded+compiled in ${listMs.toFixed(0)} ms, version ${lists.version}`);
console.log(`outlets: ${outlets.count} legitimate outlets (link.impersonation), version ${outlets.version}`);
console.log(`incivility model ${incivility.version}: loaded in ${modelMs.toFixed(0)} ms (target < 300 ms)`);
console.log(`duration per measurement: ${SECONDS} s (BENCH_SECONDS)`);
console.log('');

const analyze = measure(texts, (t) => analyzeComment(t, context).reasons.length);
const linkify = measure(texts, (t) => find(t).length);
const withoutModel = measure(texts, (t) => analyzeComment(t, { lists, politics, outlets }).reasons.length);
const analyzeLinks = measure(withLinks, (t) => analyzeComment(t, context).reasons.length);
const linkifyLinks = measure(withLinks, (t) => find(t).length);
gc();
const rssAfter = process.memoryUsage().rss;

const meanBytes = bytes / texts.length;
const line = (name: string, r: { perSecond: number; passes: number }, b = meanBytes) =>
  `${name.padEnd(40)} ${Math.round(r.perSecond).toLocaleString('en').padStart(10)} comments/s  ${((r.perSecond * b) / 1024 / 1024).toFixed(2).padStart(7)} MB/s  (${r.passes} passes)`;
const linkBytes = withLinks.reduce((n, t) => n + Buffer.byteLength(t), 0) / Math.max(1, withLinks.length);

console.log(line('analyzeComment, whole corpus', analyze));
console.log(line('linkifyjs find() alone, whole corpus', linkify));
console.log(line('analyzeComment without incivility model', withoutModel));
console.log(line('analyzeComment, link-bearing only', analyzeLinks, linkBytes));
console.log(line('linkifyjs find() alone, link-bearing only', linkifyLinks, linkBytes));
console.log('');
console.log(`analyzeComment / linkify-only: ${(analyze.perSecond / linkify.perSecond).toFixed(2)}x with the incivility model (target >= 2x), ${(withoutModel.perSecond / linkify.perSecond).toFixed(2)}x without`);
console.log(`analyzeComment: ${Math.round(analyze.perSecond).toLocaleString('en')} comments/s (target >= 20,000)`);
console.log(`resident memory: ${mb(rssBefore)} MB at start, ${mb(rssLists)} MB with lists and model loaded (target < 200 MB), ${mb(rssAfter)} MB at the end (target < 150 MB)`);
