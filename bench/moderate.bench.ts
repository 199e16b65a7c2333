/**
 * `npm run bench:moderate`: is `loupe moderate --json` a batch tool? Writes BENCH_COMMENTS
 * (default 200 000) comments as JSONL to a temporary folder (the real corpus of bench/corpus,
 * repeated with deterministic variations: each repeat gets its own ids, and two thirds of its
 * texts a reply prefix or a short closing phrase; the share of comments with links stays the
 * corpus's. Nothing may cache verdicts by text to look fast here), then runs, as child
 * processes with their output written to a file:
 * - `node bin/loupe.js moderate --json FILE`, the real command, start-up included;
 * - the baseline `bench/moderate/linkify-loop.ts`: read the same file line by line, JSON.parse,
 *   linkifyjs `find()` on every text, print the links as JSON lines.
 * Each child's CPU time (user + sys, from its own process.resourceUsage() at exit, reported by the
 * preloaded bench/moderate/report-usage.ts) and wall time; each round starts with another child,
 * so a busy neighbour hits all alike, and the medians count. Target: loupe's CPU time ≤ the
 * baseline's (ratio ≤ 1.0). CPU time is the fairer figure on a shared machine.
 *
 * A benchmark, not a test: it prints figures (and one `RESULT {json}` line) and checks only that
 * every child printed one line per comment. BENCH_COMMENTS, BENCH_ROUNDS (default 3),
 * BENCH_KEEP=1 keeps the temporary folder, BENCH_LOUPE=path/to/bin/loupe.js measures another
 * (built) checkout's command, BENCH_COMPARE=path/to/bin/loupe.js adds one to the same rounds.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORPUS_FILE } from './corpus/load-corpus.js';

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KEEP = process.env.BENCH_KEEP === '1';
const ROOT = join(dirname(CORPUS_FILE), '..', '..');
const HERE = dirname(fileURLToPath(import.meta.url));
const REPORT_USAGE = pathToFileURL(join(HERE, 'moderate', 'report-usage.js')).href;
const LINKIFY_LOOP = join(HERE, 'moderate', 'linkify-loop.js');
/** Another checkout's bin/loupe.js (built), to compare before and after a change. */
const LOUPE = process.env.BENCH_LOUPE ?? join(ROOT, 'bin', 'loupe.js');
/** A second bin/loupe.js measured in the same rounds (say the commit before a change). */
const COMPARE = process.env.BENCH_COMPARE;

const CLOSINGS = ['Danke.', 'Genau so ist es!', 'Quelle?', 'Sehe ich anders.', 'Well said.', 'Unglaublich…', 'Wer hätte das gedacht', 'Sad.'];

interface CorpusLine {
  id: string;
  text: string;
  source?: string;
}

/** Repeat r of corpus line i: r = 0 is the line as it is, later repeats vary it a little. */
function vary(comment: CorpusLine, i: number, repeat: number): CorpusLine {
  if (repeat === 0) return comment;
  const id = `${comment.id}~${repeat}`;
  switch ((i + repeat) % 3) {
    case 0:
      return { ...comment, id, text: `@leser${(i * 31 + repeat) % 997} ${comment.text}` };
    case 1:
      return { ...comment, id, text: `${comment.text} ${CLOSINGS[(i + repeat) % CLOSINGS.length]}` };
    default:
      return { ...comment, id };
  }
}

function writeInput(file: string): { comments: number; bytes: number } {
  const corpus = readFileSync(CORPUS_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);
  const lines: string[] = [];
  for (let n = 0; n < COMMENTS; n++) {
    const i = n % corpus.length;
    lines.push(JSON.stringify(vary(corpus[i]!, i, Math.floor(n / corpus.length))));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { comments: lines.length, bytes: statSync(file).size };
}

interface Run {
  cpuS: number;
  userS: number;
  sysS: number;
  wallS: number;
  maxRssMb: number;
  lines: number;
}

function runChild(args: string[], outFile: string, usageFile: string): Promise<Run> {
  const out = openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', REPORT_USAGE, ...args], {
    cwd: ROOT,
    stdio: ['ignore', out, 'inherit'],
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      closeSync(out);
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited with ${code ?? signal}`));
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage;
      const output = readFileSync(outFile, 'utf8');
      let lines = 0;
      for (let at = output.indexOf('\n'); at !== -1; at = output.indexOf('\n', at + 1)) lines++;
      resolve({
        userS: usage.userCPUTime / 1e6,
        sysS: usage.systemCPUTime / 1e6,
        cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
        wallS,
        maxRssMb: usage.maxRSS / 1024,
        lines,
      });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Summary = Omit<Run, 'lines'>;

interface Contender {
  name: string;
  label: string;
  args: string[];
  runs: Run[];
}

function summarize(runs: Run[]): Summary {
  return {
    cpuS: median(runs.map((r) => r.cpuS)),
    userS: median(runs.map((r) => r.userS)),
    sysS: median(runs.map((r) => r.sysS)),
    wallS: median(runs.map((r) => r.wallS)),
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-moderate-'));
  try {
    const input = join(dir, 'comments.jsonl');
    const { comments, bytes } = writeInput(input);
    if (LOUPE !== join(ROOT, 'bin', 'loupe.js')) console.log(`loupe: ${LOUPE}`);
    console.log(`input: ${comments} comments, ${(bytes / 1024 / 1024).toFixed(1)} MB (${input}); ${ROUNDS} rounds, medians`);
    const contenders: Contender[] = [
      { name: 'loupe', label: 'loupe moderate --json', args: [LOUPE, 'moderate', '--json', input], runs: [] },
      { name: 'baseline', label: 'linkifyjs find() loop', args: [LINKIFY_LOOP, input], runs: [] },
    ];
    if (COMPARE) contenders.push({ name: 'compare', label: 'BENCH_COMPARE moderate', args: [COMPARE, 'moderate', '--json', input], runs: [] });
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with another contender, so none always runs first or last.
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
      for (const c of order) {
        const last = await runChild(c.args, join(dir, `${c.name}.out`), join(dir, `${c.name}.usage`));
        c.runs.push(last);
        console.log(`  round ${round + 1} ${c.name.padEnd(8)} cpu ${last.cpuS.toFixed(2)} s (user ${last.userS.toFixed(2)}, sys ${last.sysS.toFixed(2)})  wall ${last.wallS.toFixed(2)} s  rss ${last.maxRssMb.toFixed(0)} MB`);
        if (last.lines !== comments) throw new Error(`${c.name} printed ${last.lines} lines for ${comments} comments`);
      }
    }
    const [l, b, compare] = contenders.map((c) => summarize(c.runs)) as [Summary, Summary, Summary | undefined];
    const cpuRatio = l.cpuS / b.cpuS;
    const wallRatio = l.wallS / b.wallS;
    const row = (name: string, s: Summary) =>
      `${name.padEnd(28)} ${s.cpuS.toFixed(2).padStart(7)} ${s.userS.toFixed(2).padStart(7)} ${s.sysS.toFixed(2).padStart(6)} ${s.wallS.toFixed(2).padStart(7)} ${s.maxRssMb.toFixed(0).padStart(7)} ${Math.round(comments / s.cpuS).toString().padStart(10)}`;
    console.log(`\n${'median'.padEnd(28)} ${'cpu s'.padStart(7)} ${'user'.padStart(7)} ${'sys'.padStart(6)} ${'wall s'.padStart(7)} ${'rss MB'.padStart(7)} ${'per cpu-s'.padStart(10)}`);
    contenders.forEach((c, i) => console.log(row(c.label, [l, b, compare][i]!)));
    console.log(`\nloupe / baseline: cpu ${cpuRatio.toFixed(2)}×, wall ${wallRatio.toFixed(2)}× (target cpu ≤ 1.00: ${cpuRatio <= 1 ? 'met' : 'NOT met'})`);
    if (compare) console.log(`BENCH_COMPARE / baseline: cpu ${(compare.cpuS / b.cpuS).toFixed(2)}×, wall ${(compare.wallS / b.wallS).toFixed(2)}×; loupe / BENCH_COMPARE: cpu ${(l.cpuS / compare.cpuS).toFixed(2)}×`);
    console.log(`RESULT ${JSON.stringify({ comments, bytes, rounds: ROUNDS, loupe: l, baseline: b, cpuRatio, wallRatio, ...(compare ? { compare, compareCpuRatio: compare.cpuS / b.cpuS } : {}) })}`);
  } finally {
    if (KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
