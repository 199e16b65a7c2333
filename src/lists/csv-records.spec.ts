import { describe, expect, it } from '@jest/globals';
import { parse as csvParse } from 'csv-parse/sync';
import fc from 'fast-check';
import { MAX_CSV_FIELDS, MAX_CSV_VALUE, PAUSE, csvRecords, runSteps, runStepsInSlices, type CsvRecord } from './csv-records.js';

const records = (text: string, delimiter = ','): CsvRecord[] => {
  const out: CsvRecord[] = [];
  for (const r of csvRecords(text, delimiter)) if (r !== PAUSE) out.push(r);
  return out;
};

/** What csv-parse made of a text with the options the import used before: its records, or the code of its first problem. */
function withCsvParse(text: string, delimiter: string): string[][] | { problem: string } {
  let problem: string | undefined;
  try {
    const rows = csvParse(text, {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (e) => {
        problem ??= e?.code;
        return undefined;
      },
    }) as string[][];
    return problem === undefined ? rows : { problem };
  } catch (e) {
    return { problem: (e as { code: string }).code };
  }
}

describe('csvRecords', () => {
  // Short texts over an alphabet of everything that means something to a CSV reader.
  const alphabet = ['a', 'b', 'ä', ' ', '\t', '\u00a0', ',', ';', '"', '""', '\r', '\n', '\r\n', '\uFEFF'];
  const csvText = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((parts) => parts.join(''));

  it.each([',', ';', '\t'])('reads what csv-parse read, and finds a problem where it did (delimiter %j)', (delimiter) => {
    fc.assert(
      fc.property(csvText, (text) => {
        const expected = withCsvParse(text, delimiter);
        const got = records(text, delimiter);
        const problems = got.filter((r) => r.problem !== undefined);
        if ('problem' in expected) {
          // csv-parse also refused a few spaces after a closing quote: multi-byte ones (U+00A0,
          // U+FEFF) and any after a value ending in a doubled quote (`"a""" `); here a space is a space.
          if (expected.problem !== 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') expect(problems.length).toBeGreaterThan(0);
        } else if (problems.length > 0) {
          // Where it knowingly differs: csv-parse reads `"" "x"` as x (an empty quoted value lets
          // a second one start after spaces); here that is a quoting problem like `"a" "x"`.
          expect(problems.map((r) => r.problem)).toEqual(problems.map(() => 'opening_quote'));
          expect(text).toMatch(/""[^\S\n]+"/);
        } else expect(got.map((r) => r.fields)).toEqual(expected);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('numbers each record by the line it starts on, after empty lines and quoted line breaks', () => {
    const text = 'h1,h2\n\n  \r\na,"x\ny\r\nz"\n"bad"x,y\nb, c \n';
    expect(records(text).map((r) => [r.line, r.fields, r.problem])).toEqual([
      [1, ['h1', 'h2'], undefined],
      [4, ['a', 'x\ny\r\nz'], undefined],
      [7, ['bad', 'y'], 'closing_quote'],
      [8, ['b', 'c'], undefined],
    ]);
  });

  it.each([
    ['a stray quote in an unquoted value', 'x,say "hi"\nnext,row\n', 'opening_quote'],
    ['text after a closing quote', 'x,"a"b\nnext,row\n', 'closing_quote'],
    ['spaces and text after a closing quote', 'x,"a" b\nnext,row\n', 'closing_quote'],
    ['a second quoted value after a closing quote', 'x,"a" "b"\nnext,row\n', 'opening_quote'],
  ])('marks %s and reads the next line as the next record', (_name, text, problem) => {
    expect(records(text).map((r) => [r.line, r.problem])).toEqual([
      [1, problem],
      [2, undefined],
    ]);
  });

  it('reports a quote that is never closed on the line where its record starts', () => {
    expect(records('a,b\n\nc,"open\nmore\n').map((r) => [r.line, r.problem])).toEqual([
      [1, undefined],
      [3, 'unclosed_quote'],
    ]);
  });

  it('keeps at most MAX_CSV_FIELDS values but counts them all, and cuts long values one past MAX_CSV_VALUE', () => {
    const [wide] = records(`${','.repeat(MAX_CSV_FIELDS * 3)}\n`);
    expect([wide!.fields.length, wide!.count]).toEqual([MAX_CSV_FIELDS, MAX_CSV_FIELDS * 3 + 1]);
    const [long] = records(`${'x'.repeat(MAX_CSV_VALUE * 3)}   ,"${'""'.repeat(MAX_CSV_VALUE * 3)}"\n`);
    expect(long!.fields).toEqual(['x'.repeat(MAX_CSV_VALUE + 1), '"'.repeat(MAX_CSV_VALUE + 1)]);
    const [short] = records(`${'x'.repeat(10)}${' '.repeat(MAX_CSV_VALUE * 2)},y\n`);
    expect(short!.fields).toEqual(['x'.repeat(10), 'y']);
  });

  it('pauses inside one enormous record, and the sliced run gives what the run in one go gives', async () => {
    const text = `${'a"'.repeat(200_000)}\n${','.repeat(100_000)}\n`;
    let pauses = 0;
    for (const r of csvRecords(text, ',')) if (r === PAUSE) pauses++;
    expect(pauses).toBeGreaterThan(10);

    function* collect(): Generator<typeof PAUSE, CsvRecord[], undefined> {
      const out: CsvRecord[] = [];
      for (const r of csvRecords(text, ',')) {
        if (r === PAUSE) yield PAUSE;
        else out.push(r);
      }
      return out;
    }
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const sliced = await runStepsInSlices(collect(), 1);
    clearInterval(ticker);
    expect(sliced).toEqual(runSteps(collect()));
    expect(turns).toBeGreaterThan(0);
  });
});
