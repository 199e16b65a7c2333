/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements behind a slow request, without knowing the
 * service's SQL: the benchmark database logs statements slower than a threshold
 * (ALTER DATABASE ... SET log_min_duration_statement, so other databases are untouched), the
 * server log is read back with pg_read_file (the benchmark connects as a superuser), and each
 * logged statement is prepared again with its logged parameters and explained.
 * Needs a readable server log file; otherwise it says why and gives up.
 */
import { ADMIN_DATABASE_URL } from '../e2e/config.js';
import { databaseName, withClient } from '../e2e/database.js';

export const SLOW_STATEMENT_MS = 10;

export interface LoggedStatement {
  durationMs: number;
  sql: string;
  /** SQL literals as the log prints them ('text' or NULL), in $n order. */
  parameters: string[];
}


/** Sets the database's slow-statement threshold; it applies to connections opened afterwards. */
export async function logSlowStatements(url: string, thresholdMs: number | null): Promise<void> {
  const value = thresholdMs === null ? 'RESET log_min_duration_statement' : `SET log_min_duration_statement = ${Math.round(thresholdMs)}`;
  await withClient(ADMIN_DATABASE_URL, (admin) => admin.query(`ALTER DATABASE "${databaseName(url)}" ${value}`));
}

/** The server's log file: pg_current_logfile() with the collector, else Debian's default path. */
export async function serverLogFile(): Promise<string | null> {
  if (process.env.BENCH_PG_LOG) return process.env.BENCH_PG_LOG;
  return withClient(ADMIN_DATABASE_URL, async (admin) => {
    const { rows } = await admin.query<{ current: string | null; data: string; major: string }>(
      `SELECT pg_current_logfile() AS current, current_setting('data_directory') AS data,
              (current_setting('server_version_num')::int / 10000)::text AS major`,
    );
    const r = rows[0]!;
    const candidates = r.current ? [r.current.startsWith('/') ? r.current : `${r.data}/${r.current}`] : [`/var/log/postgresql/postgresql-${r.major}-main.log`];
    for (const file of candidates) {
      try {
        await admin.query(`SELECT (pg_stat_file($1)).size`, [file]);
        return file;
      } catch {
        // Not there or not readable: try the next one.
      }
    }
    return null;
  });
}

export async function logSize(file: string): Promise<number> {
  return withClient(ADMIN_DATABASE_URL, async (admin) => Number((await admin.query<{ size: string }>(`SELECT (pg_stat_file($1)).size::text AS size`, [file])).rows[0]!.size));
}

async function readLog(file: string, from: number): Promise<string> {
  return withClient(ADMIN_DATABASE_URL, async (admin) => {
    const size = Number((await admin.query<{ size: string }>(`SELECT (pg_stat_file($1)).size::text AS size`, [file])).rows[0]!.size);
    if (size <= from) return '';
    const { rows } = await admin.query<{ text: string }>(`SELECT convert_from(pg_read_binary_file($1, $2, $3), 'UTF8') AS text`, [file, from, size - from]);
    return rows[0]!.text;
  });
}

const ENTRY_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[\d+\] /;
const DURATION = /LOG:\s+duration: ([\d.]+) ms\s+(?:execute [^:]*|statement): ([\s\S]*)$/;
const PARAMETERS = /DETAIL:\s+parameters: ([\s\S]*)$/;

/** `$1 = 'a''b', $2 = NULL` → ["'a''b'", 'NULL']. */
export function parseParameters(text: string): string[] {
  const values: string[] = [];
  let i = 0;
  while (i < text.length) {
    const head = /^\s*,?\s*\$(\d+) = /.exec(text.slice(i));
    if (!head) break;
    i += head[0].length;
    if (text.startsWith('NULL', i)) {
      values[Number(head[1]) - 1] = 'NULL';
      i += 4;
      continue;
    }
    if (text[i] !== "'") break;
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === "'" && text[j + 1] === "'") j += 2;
      else if (text[j] === "'") break;
      else j++;
    }
    values[Number(head[1]) - 1] = text.slice(i, j + 1);
    i = j + 1;
  }
  return values;
}

/** Statements logged as slow after `from` bytes of the log, with their parameters. */
export async function slowStatementsSince(file: string, from: number): Promise<LoggedStatement[]> {
  const entries: string[] = [];
  for (const line of (await readLog(file, from)).split('\n')) {
    if (ENTRY_START.test(line) || entries.length === 0) entries.push(line.replace(ENTRY_START, ''));
    else entries[entries.length - 1] += `\n${line}`;
  }
  const statements: LoggedStatement[] = [];
  for (const entry of entries) {
    const duration = DURATION.exec(entry);
    if (duration) {
      statements.push({ durationMs: Number(duration[1]), sql: duration[2]!.trim(), parameters: [] });
      continue;
    }
    const parameters = PARAMETERS.exec(entry);
    const last = statements[statements.length - 1];
    if (parameters && last && last.parameters.length === 0) last.parameters = parseParameters(parameters[1]!.trim());
  }
  return statements;
}

/** Prepares the statement again and explains one execution with the logged parameters. */
export async function explainStatement(url: string, statement: LoggedStatement): Promise<string> {
  return withClient(url, async (db) => {
    await db.query(`PREPARE bench_slow AS ${statement.sql}`);
    const args = statement.parameters.length > 0 ? `(${statement.parameters.join(', ')})` : '';
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_slow${args}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
