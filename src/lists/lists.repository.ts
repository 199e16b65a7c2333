import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { IncivilitySettings } from '../analysis/index.js';
import type { DomainList } from '../analysis/types.js';
import { PrismaService } from '../platform/prisma.service.js';
import { fromListEntry, toListEntry, type EntryInput, type EntryKind, type ListCategory } from './list-entry.schema.js';

export interface ListRow {
  id: string;
  name: string;
  description: string | null;
  source: string | null;
  license: string | null;
  revision: number;
  bundledVersion: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  entries: number;
}

export interface EntryRow extends EntryInput {
  id: string;
  listId: string;
  addedBy: string | null;
  addedAt: Date;
  updatedAt: Date;
  bundled: boolean;
  locallyModified: boolean;
}

export interface SiteSettingsRow {
  siteId: string;
  restrictLists: boolean;
  listIds: string[];
  severityOverrides: Partial<Record<ListCategory, number>>;
  /** Thresholds and disabled codes for the incivility reasons (both empty: the model's own, every code on). */
  incivility: IncivilitySettings;
  revision: number;
  allow: string[];
}

export interface EntrySearch {
  listId?: string;
  q?: string;
  category?: string;
  kind?: EntryKind;
  limit: number;
  after?: string;
}

/** What a change did to a list's entries: the patterns re-scoring has to look at. */
export interface EntryChange {
  listId: string;
  revision: number;
  patterns: { pattern: string; kind: EntryKind }[];
}

// The stored column may be {} (the default): always give the engine both fields.
const incivilityColumn = (table: string): string =>
  `jsonb_build_object('thresholds', coalesce(${table}.incivility->'thresholds', '{}'::jsonb), 'disabled', coalesce(${table}.incivility->'disabled', '[]'::jsonb)) AS incivility`;

const LIST_COLUMNS = `l.id, l.name, l.description, l.source, l.license, l.revision, l.bundled_version AS "bundledVersion", l.enabled,
  l.created_at AS "createdAt", l.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM list_entries e WHERE e.list_id = l.id AND e.deleted_at IS NULL) AS entries`;

const ENTRY_COLUMNS = `e.id, e.list_id AS "listId", e.pattern, e.kind, e.category, e.severity, e.entity, e.note, e.source_url AS "sourceUrl",
  e.added_by AS "addedBy", e.added_at AS "addedAt", e.updated_at AS "updatedAt", e.bundled, e.locally_modified AS "locallyModified"`;

// Bundled entries merged into a list: new ones added, unchanged-here ones updated to the bundle's
// values, bundled ones the bundle dropped removed; entries edited or deleted here stay as they are.
const MERGE_BUNDLED_SQL = `
WITH b AS (
  SELECT * FROM unnest($2::text[], $3::list_entry_kind[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[])
    AS t(pattern, kind, category, severity, entity, note, source_url)
), upserted AS (
  INSERT INTO list_entries (id, list_id, pattern, kind, category, severity, entity, note, source_url, added_by, bundled)
  SELECT gen_random_uuid(), $1, pattern, kind, category, severity, entity, note, source_url, $9, true FROM b
  ON CONFLICT (list_id, pattern) DO UPDATE
    SET kind = excluded.kind, category = excluded.category, severity = excluded.severity, entity = excluded.entity,
        note = excluded.note, source_url = excluded.source_url, updated_at = now()
    WHERE NOT list_entries.locally_modified
      AND (list_entries.kind, list_entries.category, list_entries.severity, list_entries.entity, list_entries.note, list_entries.source_url)
          IS DISTINCT FROM (excluded.kind, excluded.category, excluded.severity, excluded.entity, excluded.note, excluded.source_url)
  RETURNING pattern, kind
), dropped AS (
  DELETE FROM list_entries e WHERE e.list_id = $1 AND e.bundled AND NOT e.locally_modified
    AND NOT EXISTS (SELECT 1 FROM b WHERE b.pattern = e.pattern)
  RETURNING pattern, kind
)
SELECT pattern, kind FROM upserted UNION ALL SELECT pattern, kind FROM dropped`;

/** Domain lists, their entries and the sites' list settings in PostgreSQL. */
@Injectable()
export class ListsRepository {
  constructor(private readonly prisma: PrismaService) {}

  private get pool(): pg.Pool {
    return this.prisma.pool;
  }

  /**
   * Imports or updates the bundled lists. One process at a time (advisory lock), and cheap when
   * every bundled version is already in: returns the changes (for re-scoring).
   */
  async syncBundled(bundled: readonly DomainList[]): Promise<EntryChange[]> {
    return this.prisma.transaction(async (client) => {
      const changes: EntryChange[] = [];
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('loupe:bundled-lists'))`);
      const { rows } = await client.query<{ id: string; bundledVersion: string | null }>(`SELECT id, bundled_version AS "bundledVersion" FROM domain_lists`);
      const known = new Map(rows.map((r) => [r.id, r.bundledVersion]));
      for (const list of bundled) {
        if (known.has(list.id) && known.get(list.id) === list.version) continue;
        const fresh = !known.has(list.id);
        if (fresh) {
          await client.query(
            `INSERT INTO domain_lists (id, name, description, source, license, bundled_version) VALUES ($1, $2, $3, $4, $5, $6)`,
            [list.id, list.name, list.attribution ?? null, firstSourceUrl(list), list.license, list.version],
          );
        }
        const entries = list.entries.map((e) => fromListEntry(e, e.sources?.[0] ? (list.sources?.[e.sources[0]]?.url ?? null) : null));
        const { rows: changed } = await client.query<{ pattern: string; kind: EntryKind }>(MERGE_BUNDLED_SQL, [list.id, ...columns(entries), `bundle ${list.version}`]);
        const { rows: updated } = await client.query<{ revision: number }>(
          `UPDATE domain_lists SET bundled_version = $2, name = $3, license = $4,
             revision = revision + CASE WHEN $5 THEN 1 ELSE 0 END, updated_at = now() WHERE id = $1 RETURNING revision`,
          [list.id, list.version, list.name, list.license, !fresh && changed.length > 0],
        );
        if (!fresh && changed.length > 0) changes.push({ listId: list.id, revision: updated[0]?.revision ?? 0, patterns: changed });
      }
      return changes;
    });
  }

  /** Changes whenever any list, entry, site setting or allowlist changes (polled by every process). */
  async fingerprint(): Promise<string> {
    const { rows } = await this.pool.query<{ f: string }>(
      `SELECT (SELECT coalesce(string_agg(id || '@' || revision || CASE WHEN enabled THEN '' ELSE '-off' END, ',' ORDER BY id), '') FROM domain_lists)
           || ';' || (SELECT coalesce(string_agg(site_id::text || '@' || revision, ',' ORDER BY site_id), '') FROM site_list_settings) AS f`,
    );
    return rows[0]?.f ?? '';
  }

  /** Every enabled list with its live entries, in the engine's form (version = revision). */
  async loadEnabled(): Promise<DomainList[]> {
    const { rows: lists } = await this.pool.query<{ id: string; name: string; revision: number; license: string | null }>(
      `SELECT id, name, revision, license FROM domain_lists WHERE enabled ORDER BY id`,
    );
    const { rows: entries } = await this.pool.query<EntryInput & { listId: string }>(
      `SELECT e.list_id AS "listId", e.pattern, e.kind, e.category, e.severity, e.entity, e.note, e.source_url AS "sourceUrl"
       FROM list_entries e JOIN domain_lists l ON l.id = e.list_id WHERE l.enabled AND e.deleted_at IS NULL`,
    );
    const byList = new Map<string, DomainList>(
      lists.map((l) => [l.id, { id: l.id, name: l.name, version: String(l.revision), license: l.license ?? 'unknown', entries: [] }]),
    );
    for (const e of entries) byList.get(e.listId)?.entries.push(toListEntry(e));
    return [...byList.values()];
  }

  async loadSiteSettings(): Promise<SiteSettingsRow[]> {
    const { rows } = await this.pool.query<SiteSettingsRow>(
      `SELECT s.site_id AS "siteId", s.restrict_lists AS "restrictLists", s.list_ids AS "listIds",
              s.severity_overrides AS "severityOverrides", ${incivilityColumn('s')}, s.revision,
              ARRAY(SELECT a.domain FROM site_allowed_domains a WHERE a.site_id = s.site_id ORDER BY a.domain) AS allow
       FROM site_list_settings s`,
    );
    return rows;
  }

  // ---- lists ---------------------------------------------------------------------------------

  async listLists(): Promise<ListRow[]> {
    const { rows } = await this.pool.query<ListRow>(`SELECT ${LIST_COLUMNS} FROM domain_lists l ORDER BY l.id`);
    return rows;
  }

  async getList(id: string): Promise<ListRow | null> {
    const { rows } = await this.pool.query<ListRow>(`SELECT ${LIST_COLUMNS} FROM domain_lists l WHERE l.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** False when the id is taken. */
  async createList(l: { id: string; name: string; description: string | null; source: string | null; license: string | null }): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO domain_lists (id, name, description, source, license) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [l.id, l.name, l.description, l.source, l.license],
    );
    return (rowCount ?? 0) > 0;
  }

  async updateList(id: string, patch: Partial<{ name: string; description: string | null; source: string | null; license: string | null; enabled: boolean }>): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE domain_lists SET
         name = CASE WHEN $2 THEN $3 ELSE name END,
         description = CASE WHEN $4 THEN $5 ELSE description END,
         source = CASE WHEN $6 THEN $7 ELSE source END,
         license = CASE WHEN $8 THEN $9 ELSE license END,
         enabled = coalesce($10, enabled),
         revision = revision + 1, updated_at = now()
       WHERE id = $1`,
      [id, 'name' in patch, patch.name ?? null, 'description' in patch, patch.description ?? null, 'source' in patch, patch.source ?? null, 'license' in patch, patch.license ?? null, patch.enabled ?? null],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Deletes a list made here; returns its live patterns (null: no such list). */
  async deleteList(id: string): Promise<{ pattern: string; kind: EntryKind }[] | null> {
    const { rows } = await this.pool.query<{ patterns: { pattern: string; kind: EntryKind }[] | null }>(
      `WITH p AS (SELECT json_agg(json_build_object('pattern', pattern, 'kind', kind)) AS patterns FROM list_entries WHERE list_id = $1 AND deleted_at IS NULL),
            d AS (DELETE FROM domain_lists WHERE id = $1 RETURNING id)
       SELECT (SELECT patterns FROM p) AS patterns FROM d`,
      [id],
    );
    return rows[0] ? (rows[0].patterns ?? []) : null;
  }

  // ---- entries -------------------------------------------------------------------------------

  async searchEntries(s: EntrySearch): Promise<EntryRow[]> {
    const { rows } = await this.pool.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM list_entries e
       WHERE e.deleted_at IS NULL
         AND ($1::text IS NULL OR e.list_id = $1)
         AND ($2::text IS NULL OR e.pattern ILIKE '%' || $2 || '%' OR e.entity ILIKE '%' || $2 || '%' OR e.note ILIKE '%' || $2 || '%')
         AND ($3::text IS NULL OR e.category = $3)
         AND ($4::list_entry_kind IS NULL OR e.kind = $4)
         AND ($5::text IS NULL OR (e.list_id, e.pattern) > (split_part($5, ' ', 1), substr($5, strpos($5, ' ') + 1)))
       ORDER BY e.list_id, e.pattern LIMIT $6`,
      [s.listId ?? null, s.q ? escapeLike(s.q) : null, s.category ?? null, s.kind ?? null, s.after ?? null, s.limit],
    );
    return rows;
  }

  async getEntry(listId: string, entryId: string): Promise<EntryRow | null> {
    const { rows } = await this.pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM list_entries e WHERE e.list_id = $1 AND e.id = $2 AND e.deleted_at IS NULL`, [listId, entryId]);
    return rows[0] ?? null;
  }

  async liveEntries(listId: string): Promise<EntryRow[]> {
    const { rows } = await this.pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM list_entries e WHERE e.list_id = $1 AND e.deleted_at IS NULL ORDER BY e.pattern`, [listId]);
    return rows;
  }

  /**
   * Applies adds, updates and removals to one list in one transaction and bumps its revision
   * once. An add whose pattern exists live fails the whole change (`conflict`); an add over a
   * tombstone brings the entry back. Returns the new revision, or null when the list is missing.
   */
  async changeEntries(
    listId: string,
    by: string,
    change: { add: EntryInput[]; update: EntryInput[]; remove: string[] },
  ): Promise<{ revision: number; ids: Map<string, string> } | 'conflict' | null> {
    return this.prisma.transaction(async (client) => {
      const { rows: list } = await client.query(`SELECT id FROM domain_lists WHERE id = $1 FOR UPDATE`, [listId]);
      if (list.length === 0) return null;
      const ids = new Map<string, string>();
      if (change.add.length > 0) {
        const { rows } = await client.query<{ id: string; pattern: string }>(
          `INSERT INTO list_entries (id, list_id, pattern, kind, category, severity, entity, note, source_url, added_by, locally_modified)
           SELECT gen_random_uuid(), $1, t.* , $9, true FROM unnest($2::text[], $3::list_entry_kind[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[])
             AS t(pattern, kind, category, severity, entity, note, source_url)
           ON CONFLICT (list_id, pattern) DO UPDATE
             SET kind = excluded.kind, category = excluded.category, severity = excluded.severity, entity = excluded.entity, note = excluded.note,
                 source_url = excluded.source_url, added_by = excluded.added_by, added_at = now(), updated_at = now(), deleted_at = NULL, locally_modified = true
             WHERE list_entries.deleted_at IS NOT NULL
           RETURNING id, pattern`,
          [listId, ...columns(change.add), by],
        );
        // An add over a live entry: the whole change is rolled back.
        if (rows.length !== change.add.length) throw new EntryConflict();
        for (const r of rows) ids.set(r.pattern, r.id);
      }
      if (change.update.length > 0) {
        await client.query(
          `UPDATE list_entries e SET kind = t.kind, category = t.category, severity = t.severity, entity = t.entity, note = t.note,
             source_url = t.source_url, updated_at = now(), locally_modified = true
           FROM unnest($2::text[], $3::list_entry_kind[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[])
             AS t(pattern, kind, category, severity, entity, note, source_url)
           WHERE e.list_id = $1 AND e.pattern = t.pattern AND e.deleted_at IS NULL`,
          [listId, ...columns(change.update)],
        );
      }
      if (change.remove.length > 0) {
        // Bundled entries become tombstones (a newer bundle must not bring them back); others go.
        await client.query(`UPDATE list_entries SET deleted_at = now(), locally_modified = true, updated_at = now() WHERE list_id = $1 AND pattern = ANY($2) AND bundled AND deleted_at IS NULL`, [listId, change.remove]);
        await client.query(`DELETE FROM list_entries WHERE list_id = $1 AND pattern = ANY($2) AND NOT bundled`, [listId, change.remove]);
      }
      const { rows } = await client.query<{ revision: number }>(`UPDATE domain_lists SET revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING revision`, [listId]);
      return { revision: rows[0]?.revision ?? 0, ids };
    }).catch((e: unknown) => {
      if (e instanceof EntryConflict) return 'conflict' as const;
      throw e;
    });
  }

  // ---- per-site settings ---------------------------------------------------------------------

  async getSiteSettings(siteId: string): Promise<SiteSettingsRow | null> {
    const { rows } = await this.pool.query<SiteSettingsRow>(
      `SELECT s.id AS "siteId", coalesce(t.restrict_lists, false) AS "restrictLists", coalesce(t.list_ids, '{}') AS "listIds",
              coalesce(t.severity_overrides, '{}') AS "severityOverrides", ${incivilityColumn('t')}, coalesce(t.revision, 0) AS revision,
              ARRAY(SELECT a.domain FROM site_allowed_domains a WHERE a.site_id = s.id ORDER BY a.domain) AS allow
       FROM sites s LEFT JOIN site_list_settings t ON t.site_id = s.id WHERE s.id = $1`,
      [siteId],
    );
    return rows[0] ?? null;
  }

  async putSiteSettings(siteId: string, s: { restrictLists: boolean; listIds: string[]; severityOverrides: Partial<Record<ListCategory, number>> }): Promise<void> {
    await this.pool.query(
      `INSERT INTO site_list_settings (site_id, restrict_lists, list_ids, severity_overrides) VALUES ($1, $2, $3, $4)
       ON CONFLICT (site_id) DO UPDATE SET restrict_lists = excluded.restrict_lists, list_ids = excluded.list_ids,
         severity_overrides = excluded.severity_overrides, revision = site_list_settings.revision + 1, updated_at = now()`,
      [siteId, s.restrictLists, s.listIds, JSON.stringify(s.severityOverrides)],
    );
  }

  /** Replaces the site's incivility settings and bumps its revision (the verdicts' `site@n`). */
  async putIncivilitySettings(siteId: string, settings: IncivilitySettings): Promise<void> {
    await this.pool.query(
      `INSERT INTO site_list_settings (site_id, incivility) VALUES ($1, $2)
       ON CONFLICT (site_id) DO UPDATE SET incivility = excluded.incivility, revision = site_list_settings.revision + 1, updated_at = now()`,
      [siteId, JSON.stringify({ thresholds: settings.thresholds, disabled: settings.disabled })],
    );
  }

  /** Adds (true) or removes (false) an allowlisted domain; returns whether anything changed. */
  async setAllowed(siteId: string, domain: string, allowed: boolean, by: string, note: string | null): Promise<boolean> {
    return this.prisma.transaction(async (client) => {
      const { rowCount } = allowed
        ? await client.query(
            `INSERT INTO site_allowed_domains (id, site_id, domain, note, added_by) VALUES (gen_random_uuid(), $1, $2, $3, $4) ON CONFLICT (site_id, domain) DO NOTHING`,
            [siteId, domain, note, by],
          )
        : await client.query(`DELETE FROM site_allowed_domains WHERE site_id = $1 AND domain = $2`, [siteId, domain]);
      if ((rowCount ?? 0) > 0) {
        await client.query(
          `INSERT INTO site_list_settings (site_id) VALUES ($1) ON CONFLICT (site_id) DO UPDATE SET revision = site_list_settings.revision + 1, updated_at = now()`,
          [siteId],
        );
      }
      return (rowCount ?? 0) > 0;
    });
  }
}

/** Thrown inside changeEntries' transaction to roll it back. */
class EntryConflict extends Error {}

function columns(entries: readonly EntryInput[]): unknown[] {
  return [
    entries.map((e) => e.pattern),
    entries.map((e) => e.kind),
    entries.map((e) => e.category),
    entries.map((e) => e.severity),
    entries.map((e) => e.entity),
    entries.map((e) => e.note),
    entries.map((e) => e.sourceUrl),
  ];
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function firstSourceUrl(list: DomainList): string | null {
  const first = Object.values(list.sources ?? {})[0];
  return first?.url ?? null;
}
