import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Runs the real, compiled `loupe` command (pretest builds dist/) as a user would.
const run = promisify(execFile);
const SEED = 'test/fixtures/seed-article-and-comments.txt';

interface Row {
  line: number;
  id: string | null;
  action: string;
  score: number;
  reasons: { code: string; severity: number; start: number; end: number; message: string; details: Record<string, unknown> }[];
}

async function moderate(args: string[], input?: string): Promise<{ rows: Row[]; stdout: string; stderr: string; code: number }> {
  const child = run('node', ['bin/loupe.js', 'moderate', ...args], { maxBuffer: 64 * 1024 * 1024 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { rows: parseRows(stdout), stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { rows: parseRows(err.stdout), stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

function parseRows(stdout: string): Row[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Row);
}

describe('loupe moderate on the seed comments', () => {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  let rows: Map<number, Row>;

  function row(line: number): Row {
    const r = rows.get(line);
    if (!r) throw new Error(`no output for line ${line}`);
    return r;
  }
  function codes(line: number): string[] {
    return row(line).reasons.map((r) => r.code);
  }

  it('analyses every line and exits 0', async () => {
    const result = await moderate(['--json', SEED]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    rows = new Map(result.rows.map((r) => [r.line, r]));
    expect(rows.size).toBe(lines.filter((l) => l.trim() !== '').length);
  });

  // Line 10 quotes a politician's words in capitals between quotation marks: calm by the shouting
  // set's rules (data/eval/GUIDE.md, "Shouting"); line 13 is the reader's own shouting.
  it('leaves the quoted capitals of line 10 alone', () => {
    expect(codes(10)).not.toContain('text.shouting');
  });

  it.each([13])('flags the shouted line %i', (line) => {
    expect(row(line).action).not.toBe('approve');
    expect(codes(line)).toContain('text.shouting');
  });

  it('finds the vote call and the partisan rhetoric on line 13', () => {
    const call = row(13).reasons.find((r) => r.code === 'text.vote_call');
    expect(call?.details).toMatchObject({ party: 'AfD', stance: 'for' });
    expect(lines[12]!.slice(call!.start, call!.end)).toMatch(/AfD WÄHLEN/);
    expect(codes(13)).toContain('text.partisan_rhetoric');
  });

  it('finds ALTPARTEIEN on line 12', () => {
    const rhetoric = row(12).reasons.find((r) => r.code === 'text.partisan_rhetoric');
    expect(lines[11]!.slice(rhetoric!.start, rhetoric!.end)).toBe('ALTPARTEIEN');
  });

  it.each([
    [16, 'anti-spiegel.ru', undefined],
    [28, 'freedert.online', 'RT DE'],
  ])('flags the listed link on line %i (%s)', (line, domain, entity) => {
    expect(row(line).action).not.toBe('approve');
    const listed = row(line).reasons.find((r) => r.code === 'link.listed');
    expect(listed?.details.domain).toBe(domain);
    if (entity) expect(listed?.details.entity).toBe(entity);
    expect(lines[line - 1]!.slice(listed!.start, listed!.end)).toBe(lines[line - 1]!.trim());
  });

  // Line 19 was approved too until the incivility model: it reads "Die Reaktionen aus Brüssel und
  // Kiew sind trotzig …" as abuse of a group (a topic word of the training tweets), a known false
  // positive (README, "Limits"); it goes to review with that reason alone.
  it.each([1, 2, 3, 4, 5, 6, 8, 14, 18, 20, 22, 24, 29, 30, 31])('approves line %i', (line) => {
    expect(row(line).action).toBe('approve');
  });

  it('gives a usage error (exit 2) for no FILE and empty standard input, and reads an empty `-` as no comments', async () => {
    const none = await moderate([], '');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no comments: give a FILE/);
    const dash = await moderate(['-', '--json'], '');
    expect(dash.code).toBe(0);
    expect(dash.rows).toEqual([]);
  });

  it('points every reason at its evidence', () => {
    for (const r of rows.values()) {
      const text = lines[r.line - 1]!;
      for (const reason of r.reasons) {
        expect(reason.start).toBeGreaterThanOrEqual(0);
        expect(reason.end).toBeLessThanOrEqual(text.length);
        const evidence = text.slice(reason.start, reason.end);
        if (reason.code.startsWith('link.')) expect(evidence).toMatch(/^(https?:\/\/)?[\w.-]+\.[a-z]{2,}/i);
        if (reason.code === 'text.shouting') expect(evidence.replace(/[^\p{L}]/gu, '').length).toBeGreaterThanOrEqual(10);
        expect(reason.message.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('loupe moderate input handling', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-cli-'));

  it('reads JSON lines, names the bad lines and still analyses the others', async () => {
    const file = join(dir, 'comments.jsonl');
    const long = 'a'.repeat(20_001);
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', text: 'Alles gut hier, danke für den Artikel.' }),
        '{"id": "b", "text": ',
        JSON.stringify({ id: 'c', text: long }),
        '',
        JSON.stringify({ text: 'Lest https://freedert.online/x' }),
        JSON.stringify({ id: 'e', body: 'wrong field' }),
      ].join('\n'),
    );
    const result = await moderate(['--json', file]);
    expect(result.code).toBe(1);
    expect(result.rows.map((r) => [r.line, r.id, r.action])).toEqual([
      [1, 'a', 'approve'],
      [5, null, expect.not.stringMatching(/^approve$/)],
    ]);
    expect(result.stderr).toMatch(/comments\.jsonl:2: invalid JSON/);
    expect(result.stderr).toMatch(/comments\.jsonl:3: text has 20001 characters, over the limit of 20000/);
    expect(result.stderr).toMatch(/comments\.jsonl:6: expected \{"id"\?, "text"\}/);
  });

  it('reads standard input and prints a readable table', async () => {
    const result = await moderate([], 'Guter Artikel.\nWIR MÜSSEN JETZT ALLE AUFWACHEN UND ENDLICH HANDELN!!!\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s+1\s+APPROVE/m);
    expect(result.stdout).toMatch(/^\s+2\s+REVIEW .*\n.*text\.shouting/m);
    expect(result.stdout).toMatch(/⟦WIR MÜSSEN JETZT ALLE AUFWACHEN UND ENDLICH HANDELN!!!⟧/);
    expect(result.stdout).toMatch(/2 comments: 1 approve, 1 review, 0 reject/);
  });

  it('numbers lines ended by \\r\\n and by a lone \\r as node:readline does', async () => {
    const file = join(dir, 'crlf.txt');
    writeFileSync(file, 'Guter Artikel.\r\n\r\nWIR MÜSSEN JETZT ALLE AUFWACHEN UND ENDLICH HANDELN!!!\rDanke.\r');
    const result = await moderate(['--json', file]);
    expect(result.code).toBe(0);
    expect(result.rows.map((r) => [r.line, r.action])).toEqual([
      [1, 'approve'],
      [3, 'review'],
      [4, 'approve'],
    ]);
  });

  it('prints one {line, id, action, score, reasons} row per comment, in order, over many read chunks', async () => {
    const file = join(dir, 'many.jsonl');
    const filler = 'Ein ganz normaler Kommentar zum Artikel, ohne Links und ohne Geschrei. '.repeat(3);
    const count = 20_000; // about 4.6 MB: several of the command's 1 MiB reads
    const lines = Array.from({ length: count }, (_, i) =>
      JSON.stringify(i % 1000 === 7 ? { id: i, text: `Lest https://freedert.online/${i}` } : { id: `c${i}`, text: `${filler}${i}` }),
    );
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const result = await moderate(['--json', file]);
    expect(result.code).toBe(0);
    expect(result.rows).toHaveLength(count);
    result.rows.forEach((row, i) => {
      expect(row.line).toBe(i + 1);
      expect(row.id).toBe(i % 1000 === 7 ? String(i) : `c${i}`);
    });
    expect(Object.keys(result.rows[7]!)).toEqual(['line', 'id', 'action', 'score', 'reasons']);
    expect(result.rows[7]!.reasons.map((r) => r.code)).toContain('link.listed');
    expect(result.stdout.split('\n').filter((l) => l !== '')).toHaveLength(count);
  });

  it('explains an unreadable file', async () => {
    const result = await moderate(['--json', join(dir, 'missing.txt')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read .*missing\.txt: ENOENT/);
  });
});
