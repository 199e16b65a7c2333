/**
 * Import and export of list entries as CSV and JSON files (pure: text in, entries and errors
 * out; no database, no framework). Parsers never throw on bad input: every problem becomes a
 * `RowError` with the physical line (CSV and JSON) and the JSON pointer (JSON) it belongs to, and
 * the valid entries come back beside the errors so that a dry run can show both.
 */
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { z } from 'zod';
import { MAX_CSV_FIELDS, PAUSE, csvRecords, runSteps, runStepsInSlices, type CsvQuoteProblem, type CsvRecord } from './csv-records.js';
import { DomainListSchema } from './domain-list.schema.js';
import {
  ENTRY_KINDS,
  EntryInputSchema,
  LIST_CATEGORIES,
  entryKey,
  fromListEntry,
  inferKind,
  normalizePattern,
  type EntryInput,
  type EntryKind,
} from './list-entry.schema.js';

/** One problem in an import file. `line` is 1-based (the header of a CSV file is line 1). */
export interface RowError {
  /** Physical line where the row (CSV) or the entry (JSON) starts; null when unknown. */
  line: number | null;
  /** JSON pointer of the offending value (`/entries/3/severity`); null for CSV. */
  pointer: string | null;
  /** CSV column or JSON field name; null when the whole row or document is at fault. */
  field: string | null;
  message: string;
}

/** Descriptive fields of a list, carried by the JSON file format. */
export interface ListMeta {
  name?: string;
  description?: string;
  source?: string;
  license?: string;
  version?: string;
}

/** Optional entry fields a file can leave out altogether (a CSV without the column). */
export type OptionalEntryField = 'entity' | 'note' | 'sourceUrl';

export interface ParsedEntries {
  /** The valid entries, in file order, patterns canonical. */
  entries: EntryInput[];
  errors: RowError[];
  /** Fields the file says nothing about (its entries carry null there): a merge keeps the current values. */
  unsent?: OptionalEntryField[];
}

export interface ParsedJsonEntries extends ParsedEntries {
  /** Present when the file has list metadata (`list`, or the header of a bundled list file). */
  list?: ListMeta;
}

/** The CSV columns, in the order `formatEntriesCsv` writes them. */
export const CSV_COLUMNS = ['pattern', 'kind', 'category', 'severity', 'entity', 'note', 'source_url'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['pattern', 'category', 'severity'];

const LIST_META_KEYS = ['name', 'description', 'source', 'license', 'version'] as const;

/** `line 7: severity: must be a number between 0 and 1` (or with the JSON pointer in place of the field). */
export function formatRowError(e: RowError): string {
  const where = [e.line === null ? null : `line ${e.line}`, e.pointer ?? e.field].filter((p) => p !== null && p !== '');
  return where.length === 0 ? e.message : `${where.join(': ')}: ${e.message}`;
}

// ---------------------------------------------------------------------------------------------
// Validation shared by both formats

type EntryField = keyof EntryInput;
const ENTRY_FIELDS: readonly EntryField[] = ['pattern', 'kind', 'category', 'severity', 'entity', 'note', 'sourceUrl'];

interface FieldProblem {
  /** An `EntryInput` field, or the name of an unknown field. */
  field: string;
  message: string;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const quote = (v: string): string => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);

function describeIssue(field: string, issue: z.core.$ZodIssue, value: unknown): string {
  const tooLong = issue.code === 'too_big' ? `must be at most ${String(issue.maximum)} characters` : null;
  switch (field) {
    case 'pattern':
      if (isBlank(value)) return 'is required';
      if (typeof value !== 'string') return 'must be text';
      return tooLong ?? issue.message;
    case 'kind':
      return `must be one of ${ENTRY_KINDS.join(', ')}`;
    case 'category':
      if (isBlank(value)) return 'is required';
      return `${typeof value === 'string' ? `unknown category ${quote(value)}` : 'must be text'} (one of ${LIST_CATEGORIES.join(', ')})`;
    case 'severity':
      return isBlank(value) ? 'is required (a number between 0 and 1)' : 'must be a number between 0 and 1';
    case 'entity':
    case 'note':
      return typeof value === 'string' ? (tooLong ?? issue.message) : 'must be text';
    case 'sourceUrl':
      return typeof value === 'string' && tooLong ? tooLong : 'must be an http(s) URL';
    default:
      return issue.message;
  }
}

/** Validates one entry (API field names); on failure, at most one problem per field. */
function validateEntry(raw: Record<string, unknown>): { entry: EntryInput } | { problems: FieldProblem[] } {
  const result = EntryInputSchema.safeParse(raw);
  if (result.success) {
    const e = result.data;
    return { entry: { ...e, severity: e.severity === 0 ? 0 : e.severity } }; // no -0
  }
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) if (!problems.has(key)) problems.set(key, 'unknown field');
      continue;
    }
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '';
    if (!problems.has(field)) problems.set(field, describeIssue(field, issue, raw[field]));
  }
  // Zod checks the pattern only once every other field is valid; report it in the same pass.
  const { pattern, kind } = raw;
  if (!problems.has('pattern') && typeof pattern === 'string' && !isBlank(pattern)) {
    const k = kind === undefined || kind === null ? inferKind(pattern) : (ENTRY_KINDS as readonly unknown[]).includes(kind) ? (kind as EntryKind) : null;
    const normalized = k === null ? null : normalizePattern(pattern, k);
    if (normalized && 'error' in normalized) problems.set('pattern', normalized.error);
  }
  const order = (f: string) => {
    const i = ENTRY_FIELDS.indexOf(f as EntryField);
    return i === -1 ? ENTRY_FIELDS.length : i;
  };
  return {
    problems: [...problems]
      .map(([field, message]) => ({ field, message }))
      .sort((a, b) => order(a.field) - order(b.field)),
  };
}

/** Remembers where each key was first seen, for "duplicate of line 4" errors. */
class DuplicateFinder<Where> {
  private readonly seen = new Map<string, Where>();

  /** The first place of the entry's key, or undefined (and the entry is remembered). */
  check(entry: EntryInput, where: Where): Where | undefined {
    const key = entryKey(entry);
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, where);
    return first;
  }
}

// ---------------------------------------------------------------------------------------------
// Line numbers

/** Offsets of every `\n` in a string (UTF-16 units) or a byte buffer. */
function newlineOffsets(text: string | Uint8Array): number[] {
  const offsets: number[] = [];
  if (typeof text === 'string') {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) offsets.push(i);
  } else {
    for (let i = text.indexOf(0x0a); i !== -1; i = text.indexOf(0x0a, i + 1)) offsets.push(i);
  }
  return offsets;
}

/** 1-based line of an offset: one more than the number of newlines before it. */
function lineAt(newlines: readonly number[], offset: number): number {
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newlines[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

// ---------------------------------------------------------------------------------------------
// CSV

const CSV_FIELD_OF: Record<EntryField, CsvColumn> = {
  pattern: 'pattern',
  kind: 'kind',
  category: 'category',
  severity: 'severity',
  entity: 'entity',
  note: 'note',
  sourceUrl: 'source_url',
};

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;

/** A number if the text is one (a decimal comma as written by spreadsheets is fine), else the text for the error. */
function optionalText(cell: string | undefined): string | null {
  return cell === undefined ? null : unguardCsvCell(cell);
}

function csvNumber(text: string | undefined): number | string | undefined {
  if (text === undefined || text === '') return undefined;
  return NUMBER.test(text) ? Number(text.replace(',', '.')) : text;
}

const QUOTE_PROBLEM: Record<CsvQuoteProblem, string> = {
  opening_quote: 'a quote (") inside an unquoted value: put the whole value in quotes and double every quote inside it',
  closing_quote: 'text after the closing quote of a quoted value (double every quote inside a quoted value)',
  unclosed_quote: 'a quoted value is never closed (missing ")',
};

/** `,` unless the header row is separated by `;` or tabs (spreadsheets in some locales). */
function detectDelimiter(text: string): string {
  const header = /^[\s\uFEFF]*([^\n]*)/.exec(text)?.[1] ?? '';
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  return header.includes('\t') ? '\t' : ',';
}

/**
 * Data rows (CSV) or entries (JSON) one import may have. Checking and applying an import is
 * linear in its size, but a list this long is far beyond any real one (the largest bundled list
 * has under 3 000 entries) and would make one change, one re-scoring trigger and one dry-run
 * report as large: such a file is refused with a row error, and split into several imports.
 */
export const MAX_IMPORT_ROWS = 50_000;

/** Problems reported per import: after that many, the rest of the file is not checked. */
export const MAX_IMPORT_ERRORS = 1_000;

const TOO_MANY_ROWS = `the file has more than ${MAX_IMPORT_ROWS} entries: split it into several imports`;
const TOO_MANY_ERRORS = `more than ${MAX_IMPORT_ERRORS} problems: the rest of the file was not checked; fix these first`;

/**
 * Parses a CSV file with a header row (`pattern,kind,category,severity,entity,note,source_url`,
 * any order, names case-insensitive; `kind`, `entity`, `note` and `source_url` optional). Empty
 * lines are skipped; a BOM, CRLF line ends, a `;` or tab separator and a decimal comma are fine.
 * A problem with the header (unknown, repeated or missing column) stops there: no rows are read.
 * All at once; an API request uses `parseEntriesCsvInSlices`.
 */
export function parseEntriesCsv(text: string): ParsedEntries {
  return runSteps(csvEntrySteps(text));
}

/** `parseEntriesCsv` in slices of about 20 ms of work, letting the event loop run in between. */
export function parseEntriesCsvInSlices(text: string): Promise<ParsedEntries> {
  return runStepsInSlices(csvEntrySteps(text));
}

function* csvEntrySteps(text: string): Generator<typeof PAUSE, ParsedEntries, undefined> {
  const errors: RowError[] = [];
  const rowError = (line: number | null, field: string | null, message: string) => errors.push({ line, pointer: null, field, message });
  const records = csvRecords(text, detectDelimiter(text));

  /** The next record, or undefined at the end; yields the reader's pauses. */
  function* next(): Generator<typeof PAUSE, CsvRecord | undefined, undefined> {
    for (;;) {
      const r = records.next();
      if (r.done) return undefined;
      if (r.value !== PAUSE) return r.value;
      yield PAUSE;
    }
  }

  const header = yield* next();
  if (!header) {
    rowError(null, null, 'the file is empty: a header row is required (pattern,category,severity,...)');
    return { entries: [], errors };
  }
  if (header.problem) {
    rowError(header.line, null, QUOTE_PROBLEM[header.problem]);
    return { entries: [], errors };
  }
  if (header.count > MAX_CSV_FIELDS) {
    rowError(header.line, null, `has ${header.count} columns (the columns are ${CSV_COLUMNS.join(', ')})`);
    return { entries: [], errors };
  }

  const columns = new Map<CsvColumn, number>();
  header.fields.forEach((name, i) => {
    const column = name.toLowerCase();
    if (column === '') rowError(header.line, null, `column ${i + 1} has no name`);
    else if (!(CSV_COLUMNS as readonly string[]).includes(column)) rowError(header.line, name, `unknown column (the columns are ${CSV_COLUMNS.join(', ')})`);
    else if (columns.has(column as CsvColumn)) rowError(header.line, name, 'column appears twice');
    else columns.set(column as CsvColumn, i);
  });
  for (const column of REQUIRED_CSV_COLUMNS) {
    if (!columns.has(column)) rowError(header.line, column, 'required column is missing');
  }
  if (errors.some((e) => e.line === header.line)) return { entries: [], errors };

  const entries: EntryInput[] = [];
  const duplicates = new DuplicateFinder<number>();
  let rows = 0;
  let seen = 0;
  for (;;) {
    const row = yield* next();
    if (!row) break;
    if ((++seen & 15) === 0) yield PAUSE;
    if (errors.length >= MAX_IMPORT_ERRORS) {
      rowError(null, null, TOO_MANY_ERRORS);
      break;
    }
    if (row.problem) {
      rowError(row.line, null, QUOTE_PROBLEM[row.problem]);
      continue;
    }
    if (row.fields.every((f) => f === '') && row.count === row.fields.length) continue; // a row of empty cells, as spreadsheets write
    if (++rows > MAX_IMPORT_ROWS) {
      rowError(row.line, null, TOO_MANY_ROWS);
      break;
    }
    if (row.count !== header.count) {
      rowError(row.line, null, `has ${row.count} values, the header has ${header.count} (a separator in a value that is not quoted?)`);
      continue;
    }
    const cell = (column: CsvColumn): string | undefined => {
      const i = columns.get(column);
      return i === undefined ? undefined : row.fields[i];
    };
    const raw: Record<string, unknown> = {
      pattern: cell('pattern') ?? '',
      kind: cell('kind') ? cell('kind')!.toLowerCase() : undefined,
      category: cell('category') ? cell('category')!.toLowerCase() : undefined,
      severity: csvNumber(cell('severity')),
      entity: optionalText(cell('entity')),
      note: optionalText(cell('note')),
      sourceUrl: cell('source_url') || null,
    };
    const result = validateEntry(raw);
    if ('problems' in result) {
      for (const p of result.problems) rowError(row.line, CSV_FIELD_OF[p.field as EntryField] ?? p.field, p.message);
      continue;
    }
    const first = duplicates.check(result.entry, row.line);
    if (first !== undefined) {
      rowError(row.line, 'pattern', `duplicate of line ${first} (${result.entry.pattern})`);
      continue;
    }
    entries.push(result.entry);
  }
  errors.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const unsent = (['entity', 'note', 'sourceUrl'] as const).filter((f) => !columns.has(f === 'sourceUrl' ? 'source_url' : f));
  return unsent.length > 0 ? { entries, errors, unsent } : { entries, errors };
}

const byPattern = (a: EntryInput, b: EntryInput): number => {
  const ka = entryKey(a);
  const kb = entryKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula,
 * so a note such as `=HYPERLINK(...)` in an imported third-party list would run on the editor's
 * machine when the export is opened (CSV injection). Free-text cells that start so are written
 * with a leading `'` (which spreadsheets show as text), and a cell that already starts with
 * quotes before such a character gets one more; reading takes exactly one away, so
 * parse(format(x)) is still x.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export const guardCsvCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
export const unguardCsvCell = (value: string): string => (value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value);

/** CSV with a header row, all seven columns, sorted by pattern, `\n` line ends; free text formula-guarded. */
export function formatEntriesCsv(entries: readonly EntryInput[]): string {
  const rows = [...entries]
    .sort(byPattern)
    .map((e) => [e.pattern, e.kind, e.category, String(e.severity), guardCsvCell(e.entity ?? ''), guardCsvCell(e.note ?? ''), e.sourceUrl ?? '']);
  return stringifyCsv([[...CSV_COLUMNS], ...rows], { record_delimiter: 'unix' });
}

// ---------------------------------------------------------------------------------------------
// JSON

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

type JsonScan = { offsets: Map<string, number> } | { error: { offset: number; message: string } };

/**
 * A strict JSON syntax check that records where each value at depth ≤ 2 starts (by JSON
 * pointer: `""`, `/entries`, `/entries/3`), or says where the first syntax error is. Iterative,
 * so deep nesting cannot overflow the stack.
 */
function scanJson(text: string): JsonScan {
  const offsets = new Map<string, number>();
  const stack: { array: boolean; pointer: string; index: number; key: string }[] = [];
  const n = text.length;
  let i = 0;
  let state: 'value' | 'after' | 'keyOrEnd' | 'key' | 'valueOrEnd' = 'value';

  const fail = (message: string, at = i): JsonScan => ({ error: { offset: Math.min(at, n), message } });
  const unexpected = (): JsonScan => (i >= n ? fail('unexpected end of input') : fail(`unexpected ${JSON.stringify(String.fromCodePoint(text.codePointAt(i)!))}`));
  /** Skips the string at `i`; a message if it is malformed. */
  const skipString = (): JsonScan | null => {
    const start = i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return fail('invalid escape sequence in a string');
      } else if (c < 0x20) {
        return fail('line break or control character inside a string (write it as \\n)');
      } else i++;
    }
    return fail('unterminated string', start);
  };
  const NUMBER_AT = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    const top = stack[stack.length - 1];
    if (state === 'value') {
      const pointer = top ? `${top.pointer}/${top.array ? top.index : escapePointer(top.key)}` : '';
      if (stack.length <= 2) offsets.set(pointer, i);
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push({ array: c === '[', pointer, index: 0, key: '' });
        i++;
        state = c === '[' ? 'valueOrEnd' : 'keyOrEnd';
        continue;
      }
      if (c === '"') {
        const bad = skipString();
        if (bad) return bad;
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER_AT.lastIndex = i;
        const m = NUMBER_AT.exec(text);
        if (!m) return fail('invalid number');
        i += m[0].length;
      } else {
        const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
        if (!literal) return unexpected();
        i += literal.length;
      }
      state = 'after';
    } else if (state === 'after') {
      if (!top) return i < n ? unexpected() : { offsets };
      const close = top.array ? ']' : '}';
      if (text[i] === ',') {
        i++;
        if (top.array) top.index++;
        state = top.array ? 'value' : 'key';
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else {
        return i >= n ? unexpected() : fail(`expected "," or "${close}", found ${JSON.stringify(text[i])}`);
      }
    } else if ((state === 'keyOrEnd' && text[i] === '}') || (state === 'valueOrEnd' && text[i] === ']')) {
      i++;
      stack.pop();
      state = 'after';
    } else if (state === 'valueOrEnd') {
      state = 'value';
    } else {
      // 'key' or 'keyOrEnd' with a key
      if (text[i] !== '"') return i >= n ? unexpected() : fail('expected a property name in double quotes');
      const start = i;
      const bad = skipString();
      if (bad) return bad;
      top!.key = JSON.parse(text.slice(start, i)) as string;
      while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
      if (text[i] !== ':') return i >= n ? unexpected() : fail('expected ":" after a property name');
      i++;
      state = 'value';
    }
  }
}

const ListMetaSchema = z
  .object({
    name: z.string().nullish(),
    description: z.string().nullish(),
    source: z.string().nullish(),
    license: z.string().nullish(),
    version: z.string().nullish(),
  })
  .strict();

const BundledEntrySchema = DomainListSchema.shape.entries.element;
const BUNDLED_KEYS = ['id', 'name', 'version', 'license', 'attribution', 'sources', 'entries'];

/** A bundled list file (data/lists/*.json) rather than an export: its header fields, or entries with domain/family. */
function isBundled(root: Record<string, unknown>): boolean {
  if ('list' in root) return false;
  if ('id' in root || 'sources' in root) return true;
  return Array.isArray(root.entries) && root.entries.some((e) => isRecord(e) && ('domain' in e || 'family' in e) && !('pattern' in e));
}

/**
 * Parses a JSON import: `{ "list"?: {...}, "entries": [...] }`, a bare array of entries, or a
 * bundled list file (`data/lists/*.json`, entries with domain/path/family and source keys; the
 * first source's URL becomes `sourceUrl`).
 */
export function parseEntriesJson(text: string): ParsedJsonEntries {
  return runSteps(jsonEntrySteps(text));
}

/** `parseEntriesJson` in slices of about 20 ms of work, letting the event loop run in between. */
export function parseEntriesJsonInSlices(text: string): Promise<ParsedJsonEntries> {
  return runStepsInSlices(jsonEntrySteps(text));
}

function* jsonEntrySteps(text: string): Generator<typeof PAUSE, ParsedJsonEntries, undefined> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const newlines = newlineOffsets(body);
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (e) {
    const scan = scanJson(body);
    if ('error' in scan) {
      const { offset, message } = scan.error;
      const line = lineAt(newlines, offset);
      const column = offset - (line === 1 ? 0 : newlines[line - 2]! + 1) + 1;
      return { entries: [], errors: [{ line, pointer: null, field: null, message: `invalid JSON: ${message} (column ${column})` }] };
    }
    return { entries: [], errors: [{ line: null, pointer: null, field: null, message: `invalid JSON: ${(e as Error).message}` }] };
  }

  const scan = scanJson(body);
  const offsets = 'offsets' in scan ? scan.offsets : new Map<string, number>();
  /** Line of the value at the pointer, or of its nearest recorded ancestor (an entry). */
  const lineOf = (pointer: string): number | null => {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const offset = offsets.get(p);
      if (offset !== undefined) return lineAt(newlines, offset);
      if (p === '') return null;
    }
  };
  const errors: RowError[] = [];
  const error = (pointer: string, field: string | null, message: string) => errors.push({ line: lineOf(pointer), pointer, field, message });

  if (Array.isArray(root)) return { entries: yield* parseJsonEntries(root, '', error, lineOf, errors), errors };
  if (!isRecord(root)) {
    error('', null, 'expected an object with "entries" (and optionally "list"), or an array of entries');
    return { entries: [], errors };
  }
  if (isBundled(root)) return yield* parseBundled(root, error, lineOf, errors);

  for (const key of Object.keys(root)) {
    if (key !== 'list' && key !== 'entries') error(`/${escapePointer(key)}`, key, 'unknown field (a list file has "list" and "entries")');
  }
  let list: ListMeta | undefined;
  if (root.list !== undefined) {
    const meta = ListMetaSchema.safeParse(root.list);
    if (meta.success) list = Object.fromEntries(Object.entries(meta.data).filter(([, v]) => typeof v === 'string')) as ListMeta;
    else if (!isRecord(root.list)) error('/list', 'list', `must be an object with ${LIST_META_KEYS.join(', ')}`);
    else {
      for (const issue of meta.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0])];
        for (const key of keys) error(`/list/${escapePointer(key)}`, key, issue.code === 'unrecognized_keys' ? `unknown field (one of ${LIST_META_KEYS.join(', ')})` : 'must be text');
      }
    }
  }
  if (!Array.isArray(root.entries)) {
    error('/entries', 'entries', root.entries === undefined ? 'is required: an array of entries' : 'must be an array of entries');
    return { ...(list ? { list } : {}), entries: [], errors };
  }
  const entries = yield* parseJsonEntries(root.entries, '/entries', error, lineOf, errors);
  return { ...(list ? { list } : {}), entries, errors };
}

type ReportError = (pointer: string, field: string | null, message: string) => void;

/** Pauses now and then; true (and the reason reported) when the import is too long or has too many problems. */
function* tooMuch(i: number, pointer: string, error: ReportError, errors: RowError[]): Generator<typeof PAUSE, boolean, undefined> {
  if ((i & 15) === 15) yield PAUSE;
  if (errors.length >= MAX_IMPORT_ERRORS) errors.push({ line: null, pointer: null, field: null, message: TOO_MANY_ERRORS });
  else if (i >= MAX_IMPORT_ROWS) error(pointer, null, TOO_MANY_ROWS);
  else return false;
  return true;
}

function* parseJsonEntries(items: unknown[], base: string, error: ReportError, lineOf: (pointer: string) => number | null, errors: RowError[]): Generator<typeof PAUSE, EntryInput[], undefined> {
  const entries: EntryInput[] = [];
  const duplicates = new DuplicateFinder<string>();
  for (const [i, item] of items.entries()) {
    if (yield* tooMuch(i, `${base}/${i}`, error, errors)) break;
    const pointer = `${base}/${i}`;
    if (!isRecord(item)) {
      error(pointer, null, 'must be an object with pattern, category and severity');
      continue;
    }
    const result = validateEntry(item);
    if ('problems' in result) {
      for (const p of result.problems) error(p.field === '' ? pointer : `${pointer}/${escapePointer(p.field)}`, p.field || null, p.message);
      continue;
    }
    const first = duplicates.check(result.entry, pointer);
    if (first !== undefined) {
      const line = lineOf(first);
      error(`${pointer}/pattern`, 'pattern', `duplicate of ${first}${line === null ? '' : ` (line ${line})`} (${result.entry.pattern})`);
      continue;
    }
    entries.push(result.entry);
  }
  return entries;
}

function* parseBundled(root: Record<string, unknown>, error: ReportError, lineOf: (pointer: string) => number | null, errors: RowError[]): Generator<typeof PAUSE, ParsedJsonEntries, undefined> {
  for (const key of Object.keys(root)) {
    if (!BUNDLED_KEYS.includes(key)) error(`/${escapePointer(key)}`, key, `unknown field (a bundled list file has ${BUNDLED_KEYS.join(', ')})`);
  }
  const list: ListMeta = {};
  for (const [from, to] of [['name', 'name'], ['version', 'version'], ['license', 'license'], ['attribution', 'source']] as const) {
    const v = root[from];
    if (typeof v === 'string') list[to] = v;
    else if (v !== undefined) error(`/${from}`, from, 'must be text');
  }
  const sourcesCheck = DomainListSchema.shape.sources.safeParse(root.sources);
  if (!sourcesCheck.success) {
    for (const issue of sourcesCheck.error.issues) {
      error(['/sources', ...issue.path.map((p) => escapePointer(String(p)))].join('/'), 'sources', issue.message);
    }
  }
  const sources = isRecord(root.sources) ? root.sources : {};
  if (!Array.isArray(root.entries)) {
    error('/entries', 'entries', root.entries === undefined ? 'is required: an array of entries' : 'must be an array of entries');
    return { list, entries: [], errors };
  }

  const entries: EntryInput[] = [];
  const duplicates = new DuplicateFinder<string>();
  for (const [i, item] of (root.entries as unknown[]).entries()) {
    if (yield* tooMuch(i, `/entries/${i}`, error, errors)) break;
    const pointer = `/entries/${i}`;
    if (!isRecord(item)) {
      error(pointer, null, 'must be an object with domain or family, category and severity');
      continue;
    }
    const parsed = BundledEntrySchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) error(`${pointer}/${escapePointer(key)}`, key, 'unknown field');
          continue;
        }
        const key = issue.path.length === 0 ? null : String(issue.path[0]);
        const message = key === null ? issue.message : describeIssue(key, issue, item[key]);
        error([pointer, ...issue.path.map((p) => escapePointer(String(p)))].join('/'), key, message);
      }
      continue;
    }
    const entry = parsed.data;
    let ok = true;
    (entry.sources ?? []).forEach((key, j) => {
      if (!isRecord(sources[key])) {
        error(`${pointer}/sources/${j}`, 'sources', `unknown source key ${quote(key)} (not in the list's "sources")`);
        ok = false;
      }
    });
    if (!ok) continue;
    const firstSource = entry.sources?.[0] === undefined ? undefined : sources[entry.sources[0]];
    const url = isRecord(firstSource) && typeof firstSource.url === 'string' ? firstSource.url : null;
    const mapped = fromListEntry(entry, url);
    const result = validateEntry({ ...mapped });
    if ('problems' in result) {
      for (const p of result.problems) {
        const field = p.field === 'pattern' ? (mapped.kind === 'family' ? 'family' : 'domain') : p.field === 'sourceUrl' ? 'sources' : p.field;
        error(`${pointer}/${field === 'sources' ? 'sources/0' : field}`, field, p.field === 'sourceUrl' ? `the first source's URL ${p.message}` : p.message);
      }
      continue;
    }
    const first = duplicates.check(result.entry, pointer);
    if (first !== undefined) {
      const line = lineOf(first);
      const field = result.entry.kind === 'family' ? 'family' : 'domain';
      error(`${pointer}/${field}`, field, `duplicate of ${first}${line === null ? '' : ` (line ${line})`} (${result.entry.pattern})`);
      continue;
    }
    entries.push(result.entry);
  }
  return { list, entries, errors };
}

/** One line of JSON with spaces after `:` and `,` (as in the bundled list files). */
function inlineJson(obj: Record<string, unknown>): string {
  const fields = Object.entries(obj).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/** `{ "list": {...}, "entries": [...] }`, one entry per line, sorted by pattern; null fields left out. */
export function formatEntriesJson(list: ListMeta, entries: readonly EntryInput[]): string {
  const meta: Record<string, string> = {};
  for (const key of LIST_META_KEYS) {
    const v = list[key];
    if (typeof v === 'string') meta[key] = v;
  }
  const lines = [...entries].sort(byPattern).map((e) => {
    const obj: Record<string, unknown> = { pattern: e.pattern, kind: e.kind, category: e.category, severity: e.severity };
    if (e.entity !== null) obj.entity = e.entity;
    if (e.note !== null) obj.note = e.note;
    if (e.sourceUrl !== null) obj.sourceUrl = e.sourceUrl;
    return `    ${inlineJson(obj)}`;
  });
  const entriesJson = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "list": ${inlineJson(meta)},\n  "entries": ${entriesJson}\n}\n`;
}
