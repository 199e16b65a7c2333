import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Config } from '../config/config.js';
import { EntryInputSchema } from '../lists/list-entry.schema.js';
import { formatRowError } from '../lists/list-file.js';
import { ListsAdminService } from '../lists/lists-admin.service.js';
import { ListsRepository } from '../lists/lists.repository.js';
import { ListsService } from '../lists/lists.service.js';
import { RescoreRepository } from '../lists/rescore.repository.js';
import { RescoreService } from '../lists/rescore.service.js';
import { withDatabase } from './with-database.js';

export interface ListsCommandOptions {
  args: string[];
  values: { json: boolean; format?: string; mode?: string; dryRun: boolean; category?: string; severity?: string; entity?: string; note?: string; sourceUrl?: string; kind?: string; name?: string; license?: string; list?: string };
  stdout: Writable;
  stderr: Writable;
}

export const LISTS_USAGE = `  lists list [--json]                 Every list: id, revision, entries, bundled version.
  lists create ID --name NAME [--license L]
  lists add LIST PATTERN --category C --severity 0..1 [--kind domain|path|family]
            [--entity E] [--note N] [--source-url URL]
  lists remove LIST PATTERN
  lists search TEXT [--list LIST] [--json]
  lists import LIST FILE [--format csv|json] [--mode merge|replace] [--dry-run] [--json]
      Validates the file; --dry-run prints what would be added, changed and removed and the
      invalid rows with their line numbers. Exit 1 when rows are invalid (nothing imported).
  lists export LIST [--format csv|json]   To standard output.
  Changes reach running workers within LOUPE_LISTS_REFRESH_MS and start re-scoring.
`;

const BY = 'cli';

/** `loupe lists …`: the same operations as the admin API, against DATABASE_URL. */
export async function runListsCommand(config: Config, o: ListsCommandOptions): Promise<number> {
  const print = (human: string, json: unknown): void => {
    o.stdout.write(o.values.json ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
  };
  const usage = (problem: string): number => {
    o.stderr.write(`loupe lists: ${problem}\n\n${LISTS_USAGE}`);
    return 2;
  };
  return withDatabase(config, o.stderr, 'loupe lists', async (prisma) => {
    const repository = new ListsRepository(prisma);
    const lists = new ListsService(repository, config);
    const admin = new ListsAdminService(repository, lists, new RescoreService(new RescoreRepository(prisma), lists, config));
    const [, verb, a, b] = o.args;
    switch (verb) {
      case 'list': {
        const all = await admin.all();
        print(all.map((l) => `${l.version.padEnd(28)} ${String(l.entries).padStart(6)} entries  ${l.enabled ? '' : '(disabled) '}${l.bundledVersion ? `bundled ${l.bundledVersion}` : 'local'}  ${l.name}`).join('\n'), all);
        return 0;
      }
      case 'create': {
        if (!a || !o.values.name) return usage('lists create needs an ID and --name');
        const list = await admin.create({ id: a, name: o.values.name, description: null, source: null, license: o.values.license ?? null });
        print(`Created list ${list.version}.`, list);
        return 0;
      }
      case 'add': {
        if (!a || !b) return usage('lists add needs a LIST and a PATTERN');
        const parsed = EntryInputSchema.safeParse({
          pattern: b,
          kind: o.values.kind,
          category: o.values.category,
          severity: o.values.severity === undefined ? undefined : Number(o.values.severity),
          entity: o.values.entity,
          note: o.values.note,
          sourceUrl: o.values.sourceUrl,
        });
        if (!parsed.success) return usage(parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; '));
        const r = await admin.addEntry(a, parsed.data, BY);
        print(`Added ${r.value.pattern} to ${a} (now ${a}@${r.revision})${r.rescoreJobId ? `; re-scoring job ${r.rescoreJobId}` : ''}.`, r);
        return 0;
      }
      case 'remove': {
        if (!a || !b) return usage('lists remove needs a LIST and a PATTERN');
        const found = (await admin.search({ listId: a, q: b, limit: 500 })).items.find((e) => e.pattern === b.toLowerCase());
        if (!found) {
          o.stderr.write(`loupe lists: ${a} has no entry ${b}\n`);
          return 1;
        }
        const r = await admin.removeEntry(a, found.id, BY);
        print(`Removed ${found.pattern} from ${a} (now ${a}@${r.revision}).`, r);
        return 0;
      }
      case 'search': {
        if (!a) return usage('lists search needs a TEXT');
        const { items } = await admin.search({ q: a, listId: o.values.list, limit: 200 });
        print(items.map((e) => `${e.listId.padEnd(16)} ${e.pattern.padEnd(40)} ${e.category.padEnd(14)} ${e.severity}  ${e.entity ?? ''}`).join('\n') || '(nothing found)', items);
        return 0;
      }
      case 'import': {
        if (!a || !b) return usage('lists import needs a LIST and a FILE');
        const format = (o.values.format ?? (b.toLowerCase().endsWith('.csv') ? 'csv' : 'json')) as 'csv' | 'json';
        if (format !== 'csv' && format !== 'json') return usage('--format is csv or json');
        const mode = (o.values.mode ?? 'merge') as 'merge' | 'replace';
        if (mode !== 'merge' && mode !== 'replace') return usage('--mode is merge or replace');
        const report = await admin.planImport(a, format, readFileSync(b, 'utf8'), mode);
        const summary = `${report.added.length} to add, ${report.changed.length} to change, ${report.removed.length} to remove, ${report.unchanged} unchanged`;
        for (const e of report.errors) o.stderr.write(`${b}:${formatRowError(e)}\n`);
        if (!report.valid) {
          print(`${report.errors.length} invalid row(s); nothing imported (${summary} once fixed).`, report);
          return 1;
        }
        if (o.values.dryRun) {
          const lines = [
            ...report.added.map((e) => `+ ${e.pattern}  ${e.category} ${e.severity}`),
            ...report.changed.map((c) => `~ ${c.after.pattern}  ${c.fields.join(', ')}`),
            ...report.removed.map((e) => `- ${e.pattern}`),
          ];
          print(`${lines.join('\n')}${lines.length ? '\n' : ''}Dry run: ${summary}.`, report);
          return 0;
        }
        const done = await admin.applyImport(a, report, BY);
        print(`Imported into ${a} (now ${a}@${done.revision}): ${summary}.`, done);
        return 0;
      }
      case 'export': {
        if (!a) return usage('lists export needs a LIST');
        const format = (o.values.format ?? 'json') as 'csv' | 'json';
        if (format !== 'csv' && format !== 'json') return usage('--format is csv or json');
        o.stdout.write(await admin.export(a, format));
        return 0;
      }
      default:
        return usage(verb ? `unknown lists command "${verb}"` : 'lists needs a command');
    }
  });
}
