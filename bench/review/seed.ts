/**
 * Seeds the review benchmark's database with set-based SQL: one INSERT ... SELECT FROM
 * generate_series per chunk writes comments, verdicts, comment_links and decisions together.
 * Every random choice is a hash of the comment's number (pg_temp.u(n, salt)), so a chunk needs no
 * client round trips per row and the same count always gives the same data (ids included).
 *
 * Shape (shares of all comments): 1 % pending (not analysed), 85 % approved automatically, 9 %
 * review and 5 % rejected automatically ("flagged"); a quarter of the flagged ones were already
 * decided by people (approve 50 %, reject 40 %, escalate 10 %) with a decisions row each. Three
 * sites (50/30/20 %), ~50 000 authors and ~5 000 articles with a long tail, 90 days of
 * received_at (pending ones in the last two hours), texts from bench/corpus/comments.jsonl.
 *
 * Secondary indexes are dropped before the bulk insert and rebuilt after it (faster than
 * maintaining them row by row), and foreign keys are not checked while seeding
 * (session_replication_role = replica): the rows are consistent by construction.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { CORPUS_FILE } from '../e2e/config.js';
import { buildProfiles, type SeedProfile } from './profiles.js';

/** Shares of all comments by automatic outcome (the rest is approved). */
const PENDING_SHARE = 0.01;
const REVIEW_SHARE = 0.09;
const REJECT_SHARE = 0.05;
/** Share of flagged comments a person has already decided. */
const DECIDED_SHARE = 0.25;
const AUTHORS = 50_000;
const ARTICLES = 5_000;
const DAYS = 90;
const TEXTS = 5_000;
const CHUNK = 100_000;
const PROFILE_BUCKETS = 1_000;
const SEED_MODERATORS = 6;
const REJECT_REASONS = ['misinformation', 'hate', 'spam', 'partisan_campaign', 'off_topic', 'other'];

export const SEED_SITES = [
  { name: 'bench-review-a', host: 'www.tagblatt-a.example', share: 0.5 },
  { name: 'bench-review-b', host: 'www.kurier-b.example', share: 0.3 },
  { name: 'bench-review-c', host: 'www.rundschau-c.example', share: 0.2 },
] as const;

/** Tables the seeder writes in bulk; their secondary indexes are rebuilt afterwards. */
const BULK_TABLES = ['comments', 'verdicts', 'comment_links', 'decisions'];

export interface SeedReport {
  comments: number;
  verdicts: number;
  links: number;
  decisions: number;
  insertSeconds: number;
  indexSeconds: number;
  analyzeSeconds: number;
  totalSeconds: number;
}

/** Evenly spaced texts from the corpus, so every source in it is represented. */
function loadTexts(): string[] {
  const lines = readFileSync(CORPUS_FILE, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const step = Math.max(1, lines.length / TEXTS);
  const texts: string[] = [];
  for (let i = 0; i < lines.length && texts.length < TEXTS; i += step) {
    texts.push((JSON.parse(lines[Math.floor(i)]!) as { text: string }).text);
  }
  return texts;
}

/** Class numbers used in SQL: 0 pending, 1 review, 2 reject, 3 approve. */
const CLASSES = { review: 1, reject: 2, approve: 3 } as const;

async function createTempTables(db: pg.Client, profiles: Record<keyof typeof CLASSES, SeedProfile[]>): Promise<void> {
  await db.query(`CREATE FUNCTION pg_temp.u(n bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT (hashint8(n * 64 + salt)::int8 & 2147483647)::float8 / 2147483648.0 $$`);
  const texts = loadTexts();
  await db.query(`CREATE TEMP TABLE seed_texts AS SELECT i::int AS i, t FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i)`, [texts]);
  await db.query(`ALTER TABLE seed_texts ADD PRIMARY KEY (i)`);

  const all = Object.entries(profiles).flatMap(([action, list]) => list.map((p) => ({ ...p, cls: CLASSES[action as keyof typeof CLASSES] })));
  await db.query(
    `CREATE TEMP TABLE seed_profiles AS
       SELECT pid::int AS pid, prefix, action::verdict_action AS action, score, a.code_list::text[] AS reason_codes, reasons,
              analyzer_version, lists_version, policy_version
         FROM jsonb_to_recordset($1::jsonb) AS x(pid int, prefix text, action text, score float8, codes jsonb, reasons jsonb,
                                                analyzer_version text, lists_version text, policy_version text)
              CROSS JOIN LATERAL (SELECT array_agg(c) AS code_list FROM jsonb_array_elements_text(x.codes) c) a`,
    [
      JSON.stringify(
        all.map((p, pid) => ({
          pid,
          prefix: p.prefix,
          action: p.verdict.action,
          score: p.verdict.score,
          codes: p.reasonCodes,
          reasons: p.verdict.reasons,
          analyzer_version: p.verdict.analyzerVersion,
          lists_version: p.verdict.listsVersion,
          policy_version: p.verdict.policyVersion,
        })),
      ),
    ],
  );
  await db.query(`UPDATE seed_profiles SET reason_codes = '{}' WHERE reason_codes IS NULL`);

  // Each class's profiles spread over PROFILE_BUCKETS buckets by weight: a hash join picks one.
  const buckets: Array<{ cls: number; bucket: number; pid: number }> = [];
  for (const cls of Object.values(CLASSES)) {
    const members = all.map((p, pid) => ({ ...p, pid })).filter((p) => p.cls === cls);
    const total = members.reduce((a, p) => a + p.weight, 0);
    let bucket = 0;
    let cumulative = 0;
    for (const p of members) {
      cumulative += p.weight;
      const end = Math.round((cumulative / total) * PROFILE_BUCKETS);
      for (; bucket < end; bucket++) buckets.push({ cls, bucket, pid: p.pid });
    }
  }
  await db.query(
    `CREATE TEMP TABLE seed_buckets AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(cls int, bucket int, pid int)`,
    [JSON.stringify(buckets)],
  );
  await db.query(`ALTER TABLE seed_buckets ADD PRIMARY KEY (cls, bucket)`);

  const links = all.flatMap((p, pid) => p.links.map((l) => ({ pid, ...l })));
  await db.query(
    `CREATE TEMP TABLE seed_links AS
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(pid int, position int, url text, host text, domain text, start int, "end" int,
                                                        matched text, "listId" text, category text, entity text)`,
    [JSON.stringify(links)],
  );
  // The worker copies each comment's link domains and entities onto it (the queue filters on them).
  await db.query(`ALTER TABLE seed_profiles ADD COLUMN link_domains text[], ADD COLUMN link_entities text[]`);
  await db.query(
    `UPDATE seed_profiles p SET
       link_domains = ARRAY(SELECT DISTINCT l.domain FROM seed_links l WHERE l.pid = p.pid AND l.domain IS NOT NULL ORDER BY 1),
       link_entities = ARRAY(SELECT DISTINCT l.entity FROM seed_links l WHERE l.pid = p.pid AND l.entity IS NOT NULL ORDER BY 1)`,
  );
}

async function createSitesAndModerators(db: pg.Client): Promise<void> {
  let from = 0;
  const sites = SEED_SITES.map((s, k) => {
    const row = { k, name: s.name, host: s.host, lo: from, hi: from + s.share, articles: Math.round(ARTICLES * s.share) };
    from += s.share;
    return row;
  });
  await db.query(
    `CREATE TEMP TABLE seed_sites AS
       SELECT x.*, gen_random_uuid() AS id FROM jsonb_to_recordset($1::jsonb) AS x(k int, name text, host text, lo float8, hi float8, articles int)`,
    [JSON.stringify(sites)],
  );
  await db.query(`INSERT INTO sites (id, name) SELECT id, name FROM seed_sites`);
  // People who made the seeded decisions; they cannot log in (no valid password hash).
  await db.query(
    `CREATE TEMP TABLE seed_moderators AS
       SELECT k, gen_random_uuid() AS id, 'seed-moderator-' || k || '@bench.invalid' AS email FROM generate_series(0, $1::int - 1) k`,
    [SEED_MODERATORS],
  );
  await db.query(`INSERT INTO users (id, email, password_hash, role) SELECT id, email, '!seeded', 'moderator' FROM seed_moderators`);
}

/** One chunk [lo, hi] of comment numbers, with everything that belongs to those comments. */
const CHUNK_SQL = `
WITH s AS MATERIALIZED (
  SELECT n, md5('loupe-bench-review/' || n)::uuid AS id,
         pg_temp.u(n, 1) AS u_class, pg_temp.u(n, 2) AS u_profile, pg_temp.u(n, 3) AS u_decided, pg_temp.u(n, 4) AS u_action,
         pg_temp.u(n, 5) AS u_time, pg_temp.u(n, 6) AS u_site, pg_temp.u(n, 7) AS u_author, pg_temp.u(n, 8) AS u_article,
         pg_temp.u(n, 9) AS u_text, pg_temp.u(n, 10) AS u_delay, pg_temp.u(n, 11) AS u_moderator, pg_temp.u(n, 12) AS u_decided_after,
         pg_temp.u(n, 13) AS u_reason
    FROM generate_series($1::bigint, $2::bigint) AS n
), c AS MATERIALIZED (
  SELECT s.*,
         CASE WHEN u_class < ${PENDING_SHARE} THEN 0
              WHEN u_class < ${PENDING_SHARE + REVIEW_SHARE} THEN 1
              WHEN u_class < ${PENDING_SHARE + REVIEW_SHARE + REJECT_SHARE} THEN 2
              ELSE 3 END AS cls,
         -- Pending comments are recent: the worker has not caught up with them yet.
         CASE WHEN u_class < ${PENDING_SHARE} THEN $3::timestamptz - u_time * interval '2 hours'
              ELSE $3::timestamptz - u_time * interval '${DAYS} days' END AS received_at,
         floor(${AUTHORS} * power(u_author, 1.6))::int AS author,
         floor(u_text * $4::int)::int + 1 AS text_i
    FROM s
), r AS MATERIALIZED (
  SELECT c.*, b.pid, st.id AS site_id, st.host, floor(st.articles * power(c.u_article, 1.5))::int AS article,
         CASE WHEN c.cls > 0 THEN c.received_at + (20 + c.u_delay * 400) * interval '1 millisecond' END AS verdict_at,
         CASE WHEN c.cls IN (1, 2) AND c.u_decided < ${DECIDED_SHARE}
              THEN CASE WHEN c.u_action < 0.5 THEN 'approve' WHEN c.u_action < 0.9 THEN 'reject' ELSE 'escalate' END END AS decision,
         CASE c.cls WHEN 1 THEN 'review' WHEN 2 THEN 'rejected' END AS auto_status,
         m.id AS moderator
    FROM c
    JOIN seed_buckets b ON b.cls = CASE WHEN c.cls = 0 THEN 3 ELSE c.cls END AND b.bucket = floor(c.u_profile * ${PROFILE_BUCKETS})::int
    JOIN seed_sites st ON c.u_site >= st.lo AND (c.u_site < st.hi OR st.k = ${SEED_SITES.length - 1})
    JOIN seed_moderators m ON m.k = floor(c.u_moderator * ${SEED_MODERATORS})::int
), d AS MATERIALIZED (
  SELECT r.*,
         CASE WHEN r.decision IS NOT NULL
              THEN least($3::timestamptz, r.verdict_at + (2 + r.u_decided_after * 2880) * interval '1 minute') END AS decided_at,
         (CASE WHEN r.cls = 0 THEN 'pending'
               WHEN r.decision = 'approve' THEN 'approved' WHEN r.decision = 'reject' THEN 'rejected' WHEN r.decision = 'escalate' THEN 'escalated'
               WHEN r.cls = 1 THEN 'review' WHEN r.cls = 2 THEN 'rejected' ELSE 'approved' END)::comment_status AS status
    FROM r
), ins_comments AS (
  INSERT INTO comments (id, site_id, external_id, text, article_url, author_id, author_name, language, status, created_at, received_at,
                        updated_at, verdict_action, score, reason_codes, link_domains, link_entities, verdict_at, decided_at, decided_by)
  SELECT d.id, d.site_id, 'seed-' || d.n,
         CASE WHEN p.prefix = '' THEN t.t ELSE p.prefix || ' ' || t.t END,
         'https://' || d.host || '/politik/artikel-' || d.article || '.html',
         'author-' || lpad(d.author::text, 5, '0'), 'Leser ' || d.author, 'de', d.status,
         d.received_at - d.u_delay * interval '30 seconds', d.received_at, coalesce(d.decided_at, d.verdict_at, d.received_at),
         CASE WHEN d.cls > 0 THEN p.action END, CASE WHEN d.cls > 0 THEN p.score END,
         CASE WHEN d.cls > 0 THEN p.reason_codes ELSE '{}'::text[] END,
         CASE WHEN d.cls > 0 THEN p.link_domains ELSE '{}'::text[] END,
         CASE WHEN d.cls > 0 THEN p.link_entities ELSE '{}'::text[] END,
         d.verdict_at, d.decided_at, CASE WHEN d.decision IS NOT NULL THEN d.moderator END
    FROM d JOIN seed_profiles p ON p.pid = d.pid JOIN seed_texts t ON t.i = d.text_i
  RETURNING 1
), ins_verdicts AS (
  INSERT INTO verdicts (id, comment_id, action, score, reasons, analyzer_version, lists_version, policy_version, created_at)
  SELECT gen_random_uuid(), d.id, p.action, p.score, p.reasons, p.analyzer_version, p.lists_version, p.policy_version, d.verdict_at
    FROM d JOIN seed_profiles p ON p.pid = d.pid
   WHERE d.cls > 0
  RETURNING 1
), ins_links AS (
  INSERT INTO comment_links (id, comment_id, position, url, host, domain, start, "end", matched, list_id, category, entity)
  SELECT gen_random_uuid(), d.id, l.position, l.url, l.host, l.domain, l.start, l."end", l.matched, l."listId", l.category, l.entity
    FROM d JOIN seed_links l ON l.pid = d.pid
   WHERE d.cls > 0
  RETURNING 1
), ins_decisions AS (
  INSERT INTO decisions (id, comment_id, user_id, action, from_status, to_status, reason, created_at)
  SELECT gen_random_uuid(), d.id, d.moderator, d.decision::decision_action, d.auto_status::comment_status, d.status,
         CASE WHEN d.decision = 'reject' THEN ($5::text[])[1 + floor(d.u_reason * array_length($5::text[], 1))::int] END,
         d.decided_at
    FROM d
   WHERE d.decision IS NOT NULL
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins_comments)::int AS comments, (SELECT count(*) FROM ins_verdicts)::int AS verdicts,
       (SELECT count(*) FROM ins_links)::int AS links, (SELECT count(*) FROM ins_decisions)::int AS decisions`;

interface IndexDef {
  name: string;
  def: string;
}

/** Secondary indexes of the bulk tables (not those backing a constraint), whatever migrations made. */
async function secondaryIndexes(db: pg.Client): Promise<IndexDef[]> {
  const { rows } = await db.query<IndexDef>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE ns.nspname = current_schema() AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
    [BULK_TABLES],
  );
  return rows;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

/**
 * Seeds `count` comments into a freshly migrated, empty database at `url`.
 * `log` receives progress lines (one per chunk).
 */
export async function seedReviewDatabase(url: string, count: number, log: (line: string) => void): Promise<SeedReport> {
  const started = performance.now();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET synchronous_commit = off`);
    await db.query(`SET session_replication_role = replica`);
    await db.query(`SET maintenance_work_mem = '256MB'`);
    await db.query(`SET work_mem = '64MB'`);
    await createTempTables(db, buildProfiles());
    await createSitesAndModerators(db);
    const indexes = await secondaryIndexes(db);
    for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);

    const base = new Date();
    const textCount = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM seed_texts`)).rows[0]!.n;
    const totals = { comments: 0, verdicts: 0, links: 0, decisions: 0 };
    const insertStart = performance.now();
    for (let lo = 1; lo <= count; lo += CHUNK) {
      const hi = Math.min(count, lo + CHUNK - 1);
      const { rows } = await db.query<typeof totals>(CHUNK_SQL, [lo, hi, base, textCount, REJECT_REASONS]);
      const r = rows[0]!;
      totals.comments += r.comments;
      totals.verdicts += r.verdicts;
      totals.links += r.links;
      totals.decisions += r.decisions;
      log(`  seeded ${hi.toLocaleString('en')} / ${count.toLocaleString('en')} comments (${seconds(insertStart).toFixed(1)} s)`);
    }
    const insertSeconds = seconds(insertStart);

    const indexStart = performance.now();
    for (const index of indexes) await db.query(index.def);
    const indexSeconds = seconds(indexStart);
    log(`  rebuilt ${indexes.length} secondary indexes in ${indexSeconds.toFixed(1)} s`);

    // VACUUM as well as ANALYZE: a long-running database has its visibility map set by
    // autovacuum, and index-only scans would otherwise visit the heap for every row.
    const analyzeStart = performance.now();
    await db.query(`VACUUM (ANALYZE) sites, users, ${BULK_TABLES.join(', ')}`);
    const analyzeSeconds = seconds(analyzeStart);
    log(`  VACUUM (ANALYZE) in ${analyzeSeconds.toFixed(1)} s`);
    return { ...totals, insertSeconds, indexSeconds, analyzeSeconds, totalSeconds: seconds(started) };
  } finally {
    await db.end();
  }
}

/** Seeded comments in the database, or 0 when it does not exist or holds no seed. */
export async function seededComments(url: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  try {
    await db.connect();
  } catch {
    return 0;
  }
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM sites WHERE name = $1) THEN (SELECT count(*)::int FROM comments) ELSE 0 END AS n`,
      [SEED_SITES[0].name],
    );
    return rows[0]!.n;
  } catch {
    return 0;
  } finally {
    await db.end();
  }
}
