import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { IncivilitySettings } from '../analysis/index.js';
import { DomainError, notFound, validationError } from '../platform/http/domain-error.js';
import { isUuid } from '../platform/uuid.js';
import { diffEntries, type EntriesDiff } from './diff-entries.js';
import { entryKey, normalizePattern, type EntryInput, type ListCategory } from './list-entry.schema.js';
import { formatEntriesCsv, formatEntriesJson, formatRowError, parseEntriesCsvInSlices, parseEntriesJsonInSlices, type OptionalEntryField, type RowError } from './list-file.js';
import { ListsRepository, type EntryRow, type EntrySearch, type ListRow, type SiteSettingsRow } from './lists.repository.js';
import { ListsService } from './lists.service.js';
import { RescoreService, type RescoreTrigger } from './rescore.service.js';

export interface ListView extends Omit<ListRow, 'revision'> {
  revision: number;
  /** What verdicts record for this list: `id@revision`. */
  version: string;
}

export interface ImportReport {
  dryRun: boolean;
  mode: 'merge' | 'replace';
  valid: boolean;
  errors: RowError[];
  added: EntryInput[];
  removed: EntryInput[];
  changed: EntriesDiff['changed'];
  unchanged: number;
  revision: number | null;
  rescoreJobId: string | null;
}

/** A site's incivility settings as the API shows them. */
export interface SiteIncivilityView extends IncivilitySettings {
  siteId: string;
  /** The site's settings revision, shared with its list settings: verdicts record `site@<revision>`. */
  revision: number;
}

export interface EntryChangeResult<T> {
  value: T;
  revision: number;
  rescoreJobId: string | null;
}

function view(l: ListRow): ListView {
  return { ...l, version: `${l.id}@${l.revision}` };
}

/** What admins do to lists, entries and per-site settings; every change to what links score is followed by re-scoring. */
@Injectable()
export class ListsAdminService {
  constructor(
    private readonly repository: ListsRepository,
    private readonly lists: ListsService,
    private readonly rescore: RescoreService,
  ) {}

  async all(): Promise<ListView[]> {
    return (await this.repository.listLists()).map(view);
  }

  async get(id: string): Promise<ListView> {
    const list = await this.repository.getList(id);
    if (!list) throw notFound('list/not_found', `There is no list "${id}".`);
    return view(list);
  }

  async create(input: { id: string; name: string; description: string | null; source: string | null; license: string | null }): Promise<ListView> {
    if (!(await this.repository.createList(input))) {
      throw new DomainError('list/exists', 409, 'List exists', `A list "${input.id}" exists already; choose another id.`);
    }
    await this.lists.refresh();
    return this.get(input.id);
  }

  async update(id: string, patch: Partial<{ name: string; description: string | null; source: string | null; license: string | null; enabled: boolean }>, by: string): Promise<ListView & { rescoreJobId: string | null }> {
    const before = await this.get(id);
    if (!(await this.repository.updateList(id, patch))) throw notFound('list/not_found', `There is no list "${id}".`);
    await this.lists.refresh();
    const after = await this.get(id);
    let rescoreJobId: string | null = null;
    if (patch.enabled !== undefined && patch.enabled !== before.enabled) {
      const entries = await this.repository.liveEntries(id);
      rescoreJobId = await this.rescore.schedule({ reason: `list ${after.version} ${patch.enabled ? 'enabled' : 'disabled'}`, patterns: entries, removedLookalikes: !patch.enabled, by });
    }
    return { ...after, rescoreJobId };
  }

  async remove(id: string, by: string): Promise<{ rescoreJobId: string | null }> {
    const list = await this.get(id);
    if (list.bundledVersion !== null) {
      throw new DomainError('list/bundled', 409, 'Bundled list', `"${id}" ships with Loupe and would come back at the next start; disable it instead (PATCH { "enabled": false }).`);
    }
    const patterns = await this.repository.deleteList(id);
    if (patterns === null) throw notFound('list/not_found', `There is no list "${id}".`);
    await this.lists.refresh();
    return { rescoreJobId: await this.rescore.schedule({ reason: `list ${id} deleted`, patterns, removedLookalikes: true, by }) };
  }

  async search(s: EntrySearch): Promise<{ items: EntryRow[]; nextCursor: string | null }> {
    if (s.listId) await this.get(s.listId);
    const items = await this.repository.searchEntries({ ...s, limit: s.limit + 1 });
    const page = items.slice(0, s.limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > s.limit && last ? `${last.listId} ${last.pattern}` : null };
  }

  async addEntry(listId: string, entry: EntryInput, by: string): Promise<EntryChangeResult<EntryRow>> {
    await this.get(listId);
    const result = await this.repository.changeEntries(listId, by, { add: [entry], update: [], remove: [] });
    if (result === null) throw notFound('list/not_found', `There is no list "${listId}".`);
    if (result === 'conflict') {
      throw new DomainError('list/entry_exists', 409, 'Entry exists', `"${entry.pattern}" is in list "${listId}" already; change that entry instead.`, [
        { pointer: '/pattern', message: 'already listed' },
      ]);
    }
    const id = result.ids.get(entry.pattern) as string;
    return this.afterChange(listId, result.revision, `entry ${entry.pattern} added`, [entry], false, by, (await this.repository.getEntry(listId, id)) as EntryRow);
  }

  async updateEntry(listId: string, entryId: string, patch: Partial<Omit<EntryInput, 'pattern' | 'kind'>>, by: string): Promise<EntryChangeResult<EntryRow>> {
    const before = await this.entry(listId, entryId);
    const after: EntryInput = { ...before, ...patch };
    const result = await this.repository.changeEntries(listId, by, { add: [], update: [after], remove: [] });
    if (result === null || result === 'conflict') throw notFound('list/not_found', `There is no list "${listId}".`);
    return this.afterChange(listId, result.revision, `entry ${before.pattern} changed`, [after], true, by, await this.entry(listId, entryId));
  }

  async removeEntry(listId: string, entryId: string, by: string): Promise<EntryChangeResult<null>> {
    const before = await this.entry(listId, entryId);
    const result = await this.repository.changeEntries(listId, by, { add: [], update: [], remove: [before.pattern] });
    if (result === null || result === 'conflict') throw notFound('list/not_found', `There is no list "${listId}".`);
    return this.afterChange(listId, result.revision, `entry ${before.pattern} removed`, [before], true, by, null);
  }

  /** What importing a CSV or JSON file would do: the diff against the list and the invalid rows. Changes nothing. */
  async planImport(listId: string, format: 'csv' | 'json', text: string, mode: 'merge' | 'replace'): Promise<ImportReport> {
    await this.get(listId);
    // In slices: a file at the 16 MB limit takes seconds to check, and health checks and other
    // requests must not wait for it.
    const parsed = format === 'csv' ? await parseEntriesCsvInSlices(text) : await parseEntriesJsonInSlices(text);
    const current = await this.repository.liveEntries(listId);
    await nextTurn();
    const diff = diffEntries(current, keepUnsent(parsed.entries, parsed.unsent ?? [], current), mode);
    // The diff of 50 000 rows takes about 30 ms and writing the answer as long again: not in one
    // event-loop turn with the database answer before it and the serialisation after it.
    await nextTurn();
    return {
      dryRun: true,
      mode,
      valid: parsed.errors.length === 0,
      errors: parsed.errors,
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed,
      unchanged: diff.unchanged,
      revision: null,
      rescoreJobId: null,
    };
  }

  /** Applies a valid plan; one with invalid rows is refused as a whole (422). */
  async applyImport(listId: string, plan: ImportReport, by: string): Promise<ImportReport> {
    if (!plan.valid) {
      throw validationError(
        `The file has ${plan.errors.length} invalid row(s); nothing was imported: ${plan.errors.slice(0, 5).map(formatRowError).join('; ')}.`,
        plan.errors.slice(0, 100).map((e) => ({ pointer: e.pointer ?? (e.line !== null ? `/line/${e.line}` : ''), message: formatRowError(e) })),
      );
    }
    const done = { ...plan, dryRun: false };
    if (plan.added.length + plan.removed.length + plan.changed.length === 0) return { ...done, revision: (await this.get(listId)).revision };
    const result = await this.repository.changeEntries(listId, by, {
      add: plan.added,
      update: plan.changed.map((c) => c.after),
      remove: plan.removed.map(entryKey),
    });
    if (result === null || result === 'conflict') throw new DomainError('list/changed', 409, 'List changed', 'The list changed while importing; try again.');
    const touched = [...plan.added, ...plan.removed, ...plan.changed.map((c) => c.after)];
    const after = await this.afterChange(listId, result.revision, `import (${plan.mode}): ${plan.added.length} added, ${plan.changed.length} changed, ${plan.removed.length} removed`, touched, plan.removed.length + plan.changed.length > 0, by, null);
    return { ...done, revision: after.revision, rescoreJobId: after.rescoreJobId };
  }

  async export(listId: string, format: 'csv' | 'json'): Promise<string> {
    const list = await this.get(listId);
    const entries = await this.repository.liveEntries(listId);
    return format === 'csv'
      ? formatEntriesCsv(entries)
      : formatEntriesJson({ name: list.name, description: list.description ?? undefined, source: list.source ?? undefined, license: list.license ?? undefined, version: list.version }, entries);
  }

  // ---- per-site settings ---------------------------------------------------------------------

  async siteSettings(siteId: string): Promise<SiteSettingsRow> {
    const settings = isUuid(siteId) ? await this.repository.getSiteSettings(siteId) : null;
    if (!settings) throw notFound('site/not_found', `There is no site ${siteId}.`);
    return settings;
  }

  async putSiteSettings(siteId: string, s: { lists: string[] | null; severityOverrides: Partial<Record<ListCategory, number>> }, by: string): Promise<SiteSettingsRow & { rescoreJobId: string | null }> {
    await this.siteSettings(siteId);
    if (s.lists) {
      const known = new Set((await this.repository.listLists()).map((l) => l.id));
      const unknown = s.lists.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
      if (unknown.length > 0) throw validationError(`Unknown list(s): ${unknown.map((u) => u.id).join(', ')}.`, unknown.map((u) => ({ pointer: `/lists/${u.i}`, message: 'no such list' })));
    }
    await this.repository.putSiteSettings(siteId, { restrictLists: s.lists !== null, listIds: s.lists ?? [], severityOverrides: s.severityOverrides });
    await this.lists.refresh();
    const rescoreJobId = await this.rescore.schedule({ reason: `site ${siteId} list settings changed`, patterns: [], siteId, allLinks: true, removedLookalikes: true, by });
    return { ...(await this.siteSettings(siteId)), rescoreJobId };
  }

  async incivilitySettings(siteId: string): Promise<SiteIncivilityView> {
    const { revision, incivility } = await this.siteSettings(siteId);
    return { siteId, revision, thresholds: incivility.thresholds, disabled: incivility.disabled };
  }

  /**
   * Replaces a site's incivility settings. No re-scoring job: re-scoring looks at comments by the
   * domains they link to, and these settings change text reasons, so the new settings apply to
   * comments analysed from now on (within LOUPE_LISTS_REFRESH_MS in every worker).
   */
  async putIncivilitySettings(siteId: string, settings: IncivilitySettings): Promise<SiteIncivilityView> {
    await this.siteSettings(siteId);
    await this.repository.putIncivilitySettings(siteId, settings);
    await this.lists.refresh();
    return this.incivilitySettings(siteId);
  }

  async setAllowed(siteId: string, rawDomain: string, allowed: boolean, note: string | null, by: string): Promise<SiteSettingsRow & { rescoreJobId: string | null }> {
    await this.siteSettings(siteId);
    const normalized = normalizePattern(rawDomain, 'domain');
    if ('error' in normalized) throw validationError(`The domain is invalid: ${normalized.error}.`, [{ pointer: '/domain', message: normalized.error }]);
    const changed = await this.repository.setAllowed(siteId, normalized.pattern, allowed, by, note);
    if (!allowed && !changed) throw notFound('allowlist/not_found', `${normalized.pattern} is not on the allowlist of site ${siteId}.`);
    await this.lists.refresh();
    const rescoreJobId = changed
      ? await this.rescore.schedule({ reason: `site ${siteId}: ${normalized.pattern} ${allowed ? 'allowed' : 'no longer allowed'}`, patterns: [{ pattern: normalized.pattern, kind: 'domain' }], siteId, removedLookalikes: allowed, by })
      : null;
    return { ...(await this.siteSettings(siteId)), rescoreJobId };
  }

  private async entry(listId: string, entryId: string): Promise<EntryRow> {
    await this.get(listId);
    const entry = isUuid(entryId) ? await this.repository.getEntry(listId, entryId) : null;
    if (!entry) throw notFound('list/entry_not_found', `List "${listId}" has no entry ${entryId}.`);
    return entry;
  }

  private async afterChange<T>(listId: string, revision: number, what: string, patterns: RescoreTrigger['patterns'], removedLookalikes: boolean, by: string, value: T): Promise<EntryChangeResult<T>> {
    await this.lists.refresh();
    const rescoreJobId = await this.rescore.schedule({ reason: `list ${listId}@${revision}: ${what}`, patterns, removedLookalikes, by });
    return { value, revision, rescoreJobId };
  }
}

/** Fields the file did not send keep their current values on entries it changes. */
function keepUnsent(incoming: EntryInput[], unsent: readonly OptionalEntryField[], current: readonly EntryInput[]): EntryInput[] {
  if (unsent.length === 0) return incoming;
  const byKey = new Map(current.map((e) => [entryKey(e), e]));
  return incoming.map((e) => {
    const existing = byKey.get(entryKey(e));
    return existing ? { ...e, ...Object.fromEntries(unsent.map((f) => [f, existing[f]])) } : e;
  });
}
