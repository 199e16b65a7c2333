import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { analyzeComment, compileLists, type Verdict } from '../analysis/index.js';
import { loadListsFromDir } from '../lists/load-lists.js';
import { formatHuman, formatSummary, type Tally } from './format-human.js';

export interface ModerateOptions {
  input: string;
  json: boolean;
  jsonl: boolean;
  language: 'de' | 'en';
  listsDir?: string;
  maxTextLength: number;
  stdout: Writable;
  stderr: Writable;
  color: boolean;
  /** Standard input, when `input` is `-`. */
  stdin?: Readable;
}

// Other fields are ignored: publishers feed exports of their comment systems as they are.
const JsonlComment = z.object({
  id: z.union([z.string().max(200), z.number()]).optional(),
  text: z.string(),
});

type Parsed = { ok: true; id: string | null; text: string } | { ok: false; problem: string };

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
    const comment = JsonlComment.safeParse(json);
    if (!comment.success) {
      const issue = comment.error.issues[0];
      return { ok: false, problem: `expected {"id"?, "text"}: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}` };
    }
    id = comment.data.id === undefined ? null : String(comment.data.id);
    text = comment.data.text;
  }
  if (text.length > options.maxTextLength) {
    return {
      ok: false,
      problem: `text has ${text.length} characters, over the limit of ${options.maxTextLength} (LOUPE_MAX_TEXT_LENGTH)`,
    };
  }
  return { ok: true, id, text };
}

function openInput(options: ModerateOptions): Readable {
  return options.input === '-' ? (options.stdin ?? process.stdin) : createReadStream(options.input, { encoding: 'utf8' });
}

/**
 * `loupe moderate`: every non-empty line is a comment. A bad line is reported on stderr with its
 * line number and the others are still analysed; the exit status says whether any line failed.
 */
export async function runModerate(options: ModerateOptions): Promise<number> {
  const lists = compileLists(loadListsFromDir(options.listsDir));
  const tally: Tally = { approve: 0, review: 0, reject: 0, errors: 0 };
  const stream = openInput(options);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      const parsed = parseLine(line, options);
      if (!parsed.ok) {
        tally.errors++;
        options.stderr.write(`${options.input === '-' ? 'stdin' : options.input}:${lineNumber}: ${parsed.problem}\n`);
        continue;
      }
      const verdict: Verdict = analyzeComment(parsed.text, { lists, language: options.language });
      tally[verdict.action]++;
      options.stdout.write(
        options.json
          ? `${JSON.stringify({ line: lineNumber, id: parsed.id, action: verdict.action, score: verdict.score, reasons: verdict.reasons })}\n`
          : formatHuman(lineNumber, parsed.id, parsed.text, verdict, options.color),
      );
    }
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    options.stderr.write(`loupe moderate: cannot read ${options.input}: ${error.code ?? ''} ${error.message}\n`);
    return 1;
  }
  if (!options.json) options.stdout.write(formatSummary(tally, lists.version));
  return tally.errors > 0 ? 1 : 0;
}
