/**
 * A CSV record reader whose work is linear in the input, for list imports. csv-parse (which
 * this replaces on the import path) builds an error object per problem that deep-copies its
 * parse state, including the value read so far: a line such as `a"a"a"…` cost time in the
 * square of its length, and even a file of short rows with the wrong number of values cost
 * ~30 µs a row (minutes for a body at the 16 MB limit, the event loop blocked throughout).
 *
 * It reads what csv-parse read with the options the import used (`bom`, `trim`,
 * `skip_empty_lines`, `relax_column_count`, `\r\n` or `\n` record ends, `"` quotes doubled
 * inside quoted values), so the same files give the same records; the spec checks that against
 * csv-parse itself. On a quoting error the record is marked and reading goes on to its end (the
 * next line break outside quotes), so the rows after it keep their own line numbers.
 *
 * A generator: besides records it yields `PAUSE` every few thousand steps, so that a caller can
 * let the event loop run while one enormous record is read.
 */

export type CsvQuoteProblem = 'opening_quote' | 'closing_quote' | 'unclosed_quote';

export interface CsvRecord {
  /** The values, trimmed (quoted ones as quoted); at most `MAX_CSV_FIELDS` of them. */
  fields: string[];
  /** How many values the record has, also beyond `MAX_CSV_FIELDS`. */
  count: number;
  /** The physical line (1-based, counting `\n`) where the record starts. */
  line: number;
  /** The first quoting problem in the record, if any: its values are then not to be used. */
  problem?: CsvQuoteProblem;
}

/** Yielded between records or inside a long one: a safe point to let other work run. */
export const PAUSE = Symbol('pause');

/** Values kept per record; list files have seven columns, the rest is only counted. */
export const MAX_CSV_FIELDS = 64;

const STEPS_PER_PAUSE = 2048;

/** What String.prototype.trim removes, which is also csv-parse's set of trimmable characters. */
const isSpace = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Longest value passed on: longer than any field may be (a source URL: 2 000 characters). A
 * longer one is cut to one character more, so that validation still finds it too long without
 * working through all of it.
 */
export const MAX_CSV_VALUE = 4096;

/** Characters scanned natively in one go: a value of many megabytes is read in several steps. */
const CHUNK = 65_536;

/** The records of a CSV text, in order; empty lines (also lines of spaces) are skipped. */
export function* csvRecords(text: string, delimiter: string): Generator<CsvRecord | typeof PAUSE, void, undefined> {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n') throw new Error(`unsupported CSV delimiter ${JSON.stringify(delimiter)}`);
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  // Runs of characters that cannot end an unquoted value, found natively rather than char by char.
  const plain = new RegExp(`[^"\\n${delimiter.replace(/[\\\]^-]/g, '\\$&')}]{0,${CHUNK}}`, 'y');
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let steps = 0;
  // Line numbers: line feeds are counted up to where the next record starts, each one once.
  let line = 1;
  let nextLf = text.indexOf('\n');

  /** Skips spaces that are neither the delimiter nor a line break (a `\r` before `\n` goes too). */
  const skipSpaces = (): void => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === delim || c === LF || !isSpace(c)) return;
      pos++;
    }
  };

  /**
   * Reads unquoted text up to the delimiter, a line feed or the end. A quote on the way is a
   * problem; it is read as text (the record is refused anyway) and reading goes on.
   */
  function* readPlain(record: CsvRecord, problem: CsvQuoteProblem): Generator<typeof PAUSE, void, undefined> {
    for (;;) {
      plain.lastIndex = pos;
      plain.exec(text);
      pos = plain.lastIndex;
      if (pos >= n) return;
      const c = text.charCodeAt(pos);
      if (c === delim || c === LF) return;
      if (c === QUOTE) {
        record.problem ??= problem;
        pos++;
      }
      if (++steps >= STEPS_PER_PAUSE) {
        steps = 0;
        yield PAUSE;
      }
    }
  }

  while (pos < n) {
    // Lines of nothing but spaces are skipped here, before any record is made for them.
    for (let i = pos; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) pos = i + 1;
      else if (c === delim || !isSpace(c)) break;
      if ((i & 0xffff) === 0) yield PAUSE;
    }
    if (pos >= n) return;
    while (nextLf !== -1 && nextLf < pos) {
      line++;
      nextLf = text.indexOf('\n', nextLf + 1);
      if (++steps >= STEPS_PER_PAUSE) {
        steps = 0;
        yield PAUSE;
      }
    }
    const record: CsvRecord = { fields: [], count: 0, line };
    let quotedAny = false;
    for (;;) {
      // One value: spaces, then either a quoted value or text up to the delimiter or line end.
      if (++steps >= STEPS_PER_PAUSE) {
        steps = 0;
        yield PAUSE;
      }
      skipSpaces();
      const keep = record.count < MAX_CSV_FIELDS;
      let value = '';
      if (text.charCodeAt(pos) === QUOTE) {
        quotedAny = true;
        const open = pos + 1;
        let from = open;
        let close = -1;
        while (close === -1) {
          if (++steps >= STEPS_PER_PAUSE) {
            steps = 0;
            yield PAUSE;
          }
          const q = text.indexOf('"', from);
          if (q === -1) break;
          if (text.charCodeAt(q + 1) === QUOTE) from = q + 2; // a doubled quote stands for one
          else close = q;
        }
        if (close === -1) {
          // The rest of the text is inside the quotes: the record never ends.
          record.problem ??= 'unclosed_quote';
          record.count++;
          yield record;
          return;
        }
        pos = close + 1;
        // Between the quotes, every quote is one of a doubled pair; a cut one falls beyond the cut.
        if (keep) value = text.slice(open, Math.min(close, open + 2 * (MAX_CSV_VALUE + 1))).replaceAll('""', '"').slice(0, MAX_CSV_VALUE + 1);
        const c = text.charCodeAt(pos);
        if (pos < n && c !== delim && c !== LF && !isSpace(c)) record.problem ??= 'closing_quote';
        skipSpaces();
        if (pos < n && text.charCodeAt(pos) !== delim && text.charCodeAt(pos) !== LF) {
          // Text after a closing quote (and spaces): a bad record, read on to its end as text.
          record.problem ??= text.charCodeAt(pos) === QUOTE ? 'opening_quote' : 'closing_quote';
          yield* readPlain(record, 'closing_quote');
        }
      } else {
        const start = pos;
        yield* readPlain(record, 'opening_quote');
        if (keep) {
          let end = pos;
          while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
          value = text.slice(start, Math.min(end, start + MAX_CSV_VALUE + 1));
        }
      }
      if (keep) record.fields.push(value);
      record.count++;
      if (pos < n && text.charCodeAt(pos) === delim) {
        pos++;
        if (pos < n) continue;
        // A delimiter at the very end: one more, empty value.
        if (record.count < MAX_CSV_FIELDS) record.fields.push('');
        record.count++;
        break;
      }
      if (pos < n) pos++; // the line feed
      break;
    }
    if (record.count === 1 && !quotedAny && record.fields[0] === '' && record.problem === undefined) continue;
    yield record;
  }
}

/** Runs a generator of steps to its end, all at once (the CLI, tests). */
export function runSteps<T>(steps: Generator<typeof PAUSE, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs a generator of steps in slices of about `sliceMs`, letting the event loop run between
 * them (`setImmediate`), so that a long import does not hold up health checks and other requests.
 */
export async function runStepsInSlices<T>(steps: Generator<typeof PAUSE, T, undefined>, sliceMs = 20): Promise<T> {
  // Called from an I/O callback (a database answer), the first slice would run in the loop's poll
  // phase and the second in its check phase right after, with no timers in between (measured:
  // 42-45 ms blocks with slices of 20 ms). Starting on the check phase, every slice has a turn of
  // the loop before the next.
  await new Promise<void>((resolve) => setImmediate(resolve));
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() >= deadline) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      deadline = performance.now() + sliceMs;
    }
  }
}
