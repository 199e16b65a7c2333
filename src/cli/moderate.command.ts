import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { analyzeComment, compileLists, type Verdict } from '../analysis/index.js';
import { loadIncivilityModel } from '../incivility/load-model.js';
import { loadCompiledOutlets } from '../outlets/load-outlets.js';
import { loadCompiledPolitics } from '../politics/load-politics.js';
import { loadListsFromDir } from '../lists/load-lists.js';
import { formatHuman, formatSummary, type Tally } from './format-human.js';

export interface ModerateOptions {
  input: string;
  json: boolean;
  jsonl: boolean;
  language: 'de' | 'en';
  listsDir?: string;
  politicsDir?: string;
  /** The incivility model file; default: the bundled one. */
  modelFile?: string;
  /** Legitimate outlets for link.impersonation; default: the bundled file. */
  outletsFile?: string;
  maxTextLength: number;
  stdout: Writable;
  stderr: Writable;
  color: boolean;
  /** True when no FILE (not even `-`) was given: empty standard input is then a usage error. */
  implicitInput?: boolean;
  /** Standard input, when `input` is `-`. */
  stdin?: Readable;
}

// Other fields are ignored: publishers feed exports of their comment systems as they are.
const JsonlComment = z.object({
  id: z.union([z.string().max(200), z.number()]).optional(),
  text: z.string(),
});

type Parsed = { ok: true; id: string | null; text: string } | { ok: false; problem: string };

/**
 * The shape JsonlComment accepts, checked by hand: zod's safeParse costs more per line than the
 * analysis of a short comment. Anything else goes through zod, which words the problem.
 */
function asComment(json: unknown): { id: string | null; text: string } | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { id, text } = json as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') return null;
  if (id === undefined) return { id: null, text };
  if (typeof id === 'number' || (typeof id === 'string' && id.length <= 200)) return { id: String(id), text };
  return null;
}

function parseLine(raw: string, options: ModerateOptions): Parsed {
  let id: string | null = null;
  let text = raw;
  if (options.jsonl) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return { ok: false, problem: `invalid JSON (${(e as Error).message})` };
    }
    const fast = asComment(json);
    if (fast !== null) {
      ({ id, text } = fast);
    } else {
      const comment = JsonlComment.safeParse(json);
      if (!comment.success) {
        const issue = comment.error.issues[0];
        return { ok: false, problem: `expected {"id"?, "text"}: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}` };
      }
      id = comment.data.id === undefined ? null : String(comment.data.id);
      text = comment.data.text;
    }
  }
  if (text.length > options.maxTextLength) {
    return {
      ok: false,
      problem: `text has ${text.length} characters, over the limit of ${options.maxTextLength} (LOUPE_MAX_TEXT_LENGTH)`,
    };
  }
  return { ok: true, id, text };
}

/** Big reads: one chunk of a file is thousands of comments, and one write of their output. */
const READ_CHUNK = 1 << 20;
/** Output is written once per input chunk, or sooner when this much is waiting. */
const FLUSH_AT = 1 << 20;

function openInput(options: ModerateOptions): Readable {
  if (options.input !== '-') return createReadStream(options.input, { encoding: 'utf8', highWaterMark: READ_CHUNK });
  const stdin = options.stdin ?? process.stdin;
  stdin.setEncoding('utf8');
  return stdin;
}

/**
 * Calls `onLine` for every complete line of `text` and returns the incomplete rest. Lines end
 * where node:readline ends them (crlfDelay Infinity): at `\n`, `\r\n` or a lone `\r`, so line
 * numbers stay the same; a `\r` that ends the text stays in the rest, a `\n` may follow it.
 */
function splitLines(text: string, onLine: (line: string) => void): string {
  let start = 0;
  if (text.indexOf('\r') === -1) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    return text.slice(start);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      onLine(text.slice(start, i));
      start = i + 1;
    } else if (c === 13) {
      if (i + 1 === text.length) break;
      onLine(text.slice(start, i));
      if (text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return text.slice(start);
}

/** Output collected into large writes; one `write` per comment costs more than the analysis of most. */
class OutputBuffer {
  private pending = '';
  /** Set when waiting for the stream failed: that error is the output's, not the input's. */
  failed = false;

  constructor(private readonly stream: Writable) {}

  push(text: string): void {
    this.pending += text;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Hands what is waiting to the stream now (a stream that is behind buffers it). */
  write(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.stream.write(text);
  }

  /** write(), then waits for 'drain' when the stream is behind, so memory stays bounded. */
  async flush(): Promise<void> {
    this.write();
    if (!this.stream.writableNeedDrain) return;
    try {
      await once(this.stream, 'drain');
    } catch (e) {
      this.failed = true;
      throw e;
    }
  }
}

/** The `--json` row, as JSON.stringify of `{line, id, action, score, reasons}` writes it. */
function formatJson(line: number, id: string | null, verdict: Verdict): string {
  const reasons = verdict.reasons.length === 0 ? '[]' : JSON.stringify(verdict.reasons);
  return `{"line":${line},"id":${id === null ? 'null' : JSON.stringify(id)},"action":"${verdict.action}","score":${JSON.stringify(verdict.score)},"reasons":${reasons}}\n`;
}

/**
 * `loupe moderate`: every non-empty line is a comment. A bad line is reported on stderr with its
 * line number and the others are still analysed; the exit status says whether any line failed.
 */
export async function runModerate(options: ModerateOptions): Promise<number> {
  const lists = compileLists(loadListsFromDir(options.listsDir));
  const tally: Tally = { approve: 0, review: 0, reject: 0, errors: 0 };
  const source = options.input === '-' ? 'stdin' : options.input;
  const context = { lists, politics: loadCompiledPolitics(options.politicsDir), incivility: loadIncivilityModel(options.modelFile), outlets: loadCompiledOutlets(options.outletsFile), language: options.language };
  const out = new OutputBuffer(options.stdout);
  let lineNumber = 0;
  const onLine = (line: string): void => {
    lineNumber++;
    if (line.trim() === '') return;
    const parsed = parseLine(line, options);
    if (!parsed.ok) {
      tally.errors++;
      // The lines before it first, so a terminal or file that gets both shows them in line order.
      out.write();
      options.stderr.write(`${source}:${lineNumber}: ${parsed.problem}\n`);
      return;
    }
    const verdict: Verdict = analyzeComment(parsed.text, context);
    tally[verdict.action]++;
    out.push(options.json ? formatJson(lineNumber, parsed.id, verdict) : formatHuman(lineNumber, parsed.id, parsed.text, verdict, options.color));
    if (out.size >= FLUSH_AT) out.write();
  };
  let rest = '';
  try {
    for await (const chunk of openInput(options)) {
      rest = splitLines(rest === '' ? (chunk as string) : rest + (chunk as string), onLine);
      await out.flush();
    }
  } catch (e) {
    if (out.failed) throw e;
    const error = e as NodeJS.ErrnoException;
    out.write();
    options.stderr.write(`loupe moderate: cannot read ${options.input}: ${error.code ?? ''} ${error.message}\n`);
    return 1;
  }
  if (rest !== '') onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  if (lineNumber === 0 && options.implicitInput === true) {
    // Nothing given and nothing piped: more likely a mistake than a request to moderate nothing.
    options.stderr.write('loupe moderate: no comments: give a FILE, or pipe comments to standard input (`-` reads it even when empty)\n');
    return 2;
  }
  out.write();
  if (!options.json) options.stdout.write(formatSummary(tally, lists.version));
  return tally.errors > 0 ? 1 : 0;
}
