import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';

// Each command is imported when it runs: `moderate` must not pay for loading Nest, Prisma and the
// database commands (hundreds of milliseconds of start-up before the first comment).
const USAGE_HEAD = `Usage: loupe <command> [options]

Commands:
  moderate [--json] [--jsonl] [--lang de|en] [--lists DIR] [FILE|-]
      Analyse comments offline (no database, no Redis) with the bundled lists.
      Each non-empty line of FILE (or standard input) is one comment; a .jsonl file
      (or --jsonl) holds one {"id"?, "text"} object per line.
      --json prints one JSON object per comment: {line, id, action, score, reasons}.
      Exit status: 0 all lines analysed, 1 some lines had errors (the rest were analysed), 2 usage.
`;

/** The whole usage text; the other commands' parts live beside them, so this loads them all. */
async function usage(): Promise<string> {
  const [{ EVAL_USAGE }, { SITES_USAGE }, { USERS_USAGE }, { LISTS_USAGE }] = await Promise.all([
    import('./eval.command.js'),
    import('./sites.command.js'),
    import('./users.command.js'),
    import('./lists.command.js'),
  ]);
  return `${USAGE_HEAD}${EVAL_USAGE}${SITES_USAGE}${USERS_USAGE}${LISTS_USAGE}`;
}

/** parseArgs for one command; a bad option is printed with the usage and gives null (exit 2). */
async function parseCommand<const T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (e) {
    process.stderr.write(`loupe ${command}: ${(e as Error).message}\n\n${await usage()}`);
    return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(await usage());
    return command ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`loupe: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  switch (command) {
    case 'moderate': {
      const parsed = await parseCommand('moderate', rest, {
        json: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
        lang: { type: 'string' },
        lists: { type: 'string' },
      });
      if (!parsed) return 2;
      const { values, positionals } = parsed;
      if (positionals.length > 1 || (values.lang !== undefined && values.lang !== 'de' && values.lang !== 'en')) {
        process.stderr.write(`loupe moderate: expected at most one FILE and --lang de|en\n\n${await usage()}`);
        return 2;
      }
      const input = positionals[0] ?? '-';
      const { runModerate } = await import('./moderate.command.js');
      return runModerate({
        input,
        implicitInput: positionals[0] === undefined,
        json: values.json ?? false,
        jsonl: (values.jsonl ?? false) || input.endsWith('.jsonl'),
        language: (values.lang as 'de' | 'en' | undefined) ?? config.LOUPE_LANGUAGE,
        listsDir: values.lists ?? config.LOUPE_LISTS_DIR,
        politicsDir: config.LOUPE_POLITICS_DIR,
        ...(config.LOUPE_INCIVILITY_MODEL !== undefined ? { modelFile: config.LOUPE_INCIVILITY_MODEL } : {}),
        ...(config.LOUPE_OUTLETS_FILE !== undefined ? { outletsFile: config.LOUPE_OUTLETS_FILE } : {}),
        maxTextLength: config.LOUPE_MAX_TEXT_LENGTH,
        stdout: process.stdout,
        stderr: process.stderr,
        color: process.stdout.isTTY === true && config.NO_COLOR === undefined,
      });
    }
    case 'eval': {
      const parsed = await parseCommand('eval', rest, {
        set: { type: 'string' },
        split: { type: 'string' },
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        summary: { type: 'boolean', default: false },
      });
      if (!parsed) return 2;
      const { values, positionals } = parsed;
      if (positionals.length > 0 || (values.split !== undefined && values.split !== 'dev' && values.split !== 'test') || (values.json && values.markdown)) {
        process.stderr.write(`loupe eval: expected no arguments, --split dev|test, and at most one of --json and --markdown\n\n${await usage()}`);
        return 2;
      }
      const { runEvalCommand } = await import('./eval.command.js');
      return runEvalCommand({
        ...(values.set !== undefined ? { set: values.set } : {}),
        ...(values.split !== undefined ? { split: values.split as 'dev' | 'test' } : {}),
        format: values.json ? 'json' : values.markdown ? 'markdown' : 'text',
        failures: !(values.summary ?? false),
        listsDir: config.LOUPE_LISTS_DIR,
        politicsDir: config.LOUPE_POLITICS_DIR,
        ...(config.LOUPE_INCIVILITY_MODEL !== undefined ? { modelFile: config.LOUPE_INCIVILITY_MODEL } : {}),
        ...(config.LOUPE_OUTLETS_FILE !== undefined ? { outletsFile: config.LOUPE_OUTLETS_FILE } : {}),
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'sites':
    case 'keys': {
      const parsed = await parseCommand(command, rest, { json: { type: 'boolean', default: false }, name: { type: 'string' } });
      if (!parsed) return 2;
      const { runSitesCommand } = await import('./sites.command.js');
      return runSitesCommand(config, {
        args: [command, ...parsed.positionals],
        json: parsed.values.json ?? false,
        ...(parsed.values.name ? { name: parsed.values.name } : {}),
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'users': {
      const parsed = await parseCommand('users', rest, { email: { type: 'string' }, password: { type: 'string' }, admin: { type: 'boolean', default: false }, sites: { type: 'string' }, json: { type: 'boolean', default: false } });
      if (!parsed) return 2;
      const { values } = parsed;
      const { runUsersCommand } = await import('./users.command.js');
      return runUsersCommand(config, {
        args: [command, ...parsed.positionals],
        admin: values.admin ?? false,
        json: values.json ?? false,
        ...(values.email ? { email: values.email } : {}),
        ...(values.password ? { password: values.password } : {}),
        ...(values.sites ? { sites: values.sites } : {}),
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'lists': {
      const parsed = await parseCommand('lists', rest, {
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        format: { type: 'string' },
        mode: { type: 'string' },
        category: { type: 'string' },
        severity: { type: 'string' },
        kind: { type: 'string' },
        entity: { type: 'string' },
        note: { type: 'string' },
        'source-url': { type: 'string' },
        name: { type: 'string' },
        license: { type: 'string' },
        list: { type: 'string' },
      });
      if (!parsed) return 2;
      const { values } = parsed;
      const { runListsCommand } = await import('./lists.command.js');
      return runListsCommand(config, {
        args: [command, ...parsed.positionals],
        values: { ...values, json: values.json ?? false, dryRun: values['dry-run'] ?? false, sourceUrl: values['source-url'] },
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    default:
      process.stderr.write(`loupe: unknown command "${command}"\n\n${await usage()}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`loupe: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
