import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { getDomain } from 'tldts';
import { analyzeCommentWithLinks, compileLists, type AnalysisContext } from '../analysis/index.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { notFound } from '../platform/http/domain-error.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Contributes } from '../platform/platform-contributor.js';
import { analysisTurns } from '../platform/turn-taker.js';
import { isUuid } from '../platform/uuid.js';
import { toListEntry, type EntryInput, type EntryKind } from './list-entry.schema.js';
import { ListsService } from './lists.service.js';
import { RescoreRepository, type Candidate, type RescoreJobRow, type Rescored } from './rescore.repository.js';
import { ShortenerResolver } from './shortener-resolver.js';

export interface RescoreTrigger {
  reason: string;
  /** The entries that were added, changed or removed (their domains and families are what is affected). */
  patterns: readonly (Pick<EntryInput, 'pattern' | 'kind'> & Partial<EntryInput>)[];
  /** Entries went away or got weaker: comments with a lookalike reason may change too. */
  removedLookalikes: boolean;
  siteId?: string;
  /** Every comment with links (a site's settings changed). */
  allLinks?: boolean;
  by: string;
}

const BATCH = 200;
const POLL_MS = 1_000;
const STALE_MS = 60_000;
const MAX_LOOKALIKE_DOMAINS = 200_000;

/** The registrable domain (or family label) a pattern is about. */
function affected(pattern: string, kind: EntryKind): { domain?: string; family?: string } {
  if (kind === 'family') return { family: pattern.slice(0, -2) };
  const host = kind === 'path' ? pattern.slice(0, pattern.indexOf('/')) : pattern;
  return { domain: getDomain(host, { allowPrivateDomains: true }) ?? host };
}

export interface RescoreJobView extends Omit<RescoreJobRow, 'cursor'> {
  changes: Awaited<ReturnType<RescoreRepository['changes']>>;
}

/**
 * Re-analyses recent comments after a list change. Jobs are rows in PostgreSQL (a flushed Redis
 * or a restart loses none; a job whose process died is taken over after a minute, resuming after
 * its last batch) and run in worker processes, one batch of 200 comments at a time, with the
 * lists that process has just refreshed. A verdict whose action changes emits comment.rescored
 * and moves the comment in or out of the review queue, unless a moderator decided it.
 */
@Injectable()
@Contributes({ lifecycle: 'schedulers' })
export class RescoreService implements OnModuleDestroy, OnApplicationBootstrap {
  private readonly logger = new Logger('Rescore');
  private readonly runner: PeriodicTask<void>;
  private started = false;
  private stopping = false;

  constructor(
    private readonly repository: RescoreRepository,
    private readonly lists: ListsService,
    @Inject(CONFIG) private readonly config: Config,
    // Absent where only jobs are scheduled (the CLI): jobs run in worker processes.
    @Optional() private readonly resolver?: ShortenerResolver,
  ) {
    this.runner = new PeriodicTask(() => this.runPending(), POLL_MS, (e) => this.logger.warn({ err: e }, 'rescoring failed'));
  }

  /** Records a job for a change (null when re-scoring is off or nothing can be affected). */
  async schedule(t: RescoreTrigger): Promise<string | null> {
    if (this.config.LOUPE_RESCORE_DAYS === 0) return null;
    const domains = new Set<string>();
    const families = new Set<string>();
    for (const p of t.patterns) {
      const a = affected(p.pattern, p.kind);
      if (a.domain) domains.add(a.domain);
      if (a.family) families.add(a.family);
    }
    if (!t.allLinks && domains.size === 0 && families.size === 0) return null;
    // Lookalikes of entries that are new or changed: linked domains that now imitate one of them.
    const added = t.patterns.filter((p): p is EntryInput => p.category !== undefined && p.severity !== undefined);
    if (added.length > 0 && !t.allLinks) {
      for (const d of await this.lookalikeDomains(added, t.siteId ?? null, domains)) domains.add(d);
    }
    const id = await this.repository.create({
      reason: t.reason,
      domains: [...domains],
      families: [...families],
      sinceDays: this.config.LOUPE_RESCORE_DAYS,
      siteId: t.siteId ?? null,
      allLinks: t.allLinks ?? false,
      lookalikes: t.removedLookalikes,
      createdBy: t.by,
    });
    if (this.started) this.runner.runOnce().catch(() => undefined);
    return id;
  }

  async job(id: string): Promise<RescoreJobView> {
    const job = isUuid(id) ? await this.repository.get(id) : null;
    if (!job) throw notFound('rescore/not_found', `There is no re-scoring job ${id}.`);
    const { cursor: _cursor, ...rest } = job;
    return { ...rest, changes: await this.repository.changes(id, 100) };
  }

  async recent(limit: number): Promise<Omit<RescoreJobRow, 'cursor'>[]> {
    return (await this.repository.recent(limit)).map(({ cursor: _cursor, ...rest }) => rest);
  }

  /** Starts taking jobs (worker roles). */
  start(): void {
    this.started = true;
    this.runner.start();
  }

  /** Stops taking jobs; a job in progress finishes its batch and is taken over later. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    await this.runner.stop();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Newer bundled lists merged in at this start change verdicts too. */
  async onApplicationBootstrap(): Promise<void> {
    for (const c of this.lists.bundleChanges) {
      await this.schedule({ reason: `bundled list ${c.listId}@${c.revision} updated`, patterns: c.patterns, removedLookalikes: true, by: 'loupe' });
    }
    this.lists.bundleChanges = [];
  }

  /** Runs every job that is waiting (or abandoned), one after another. */
  async runPending(): Promise<void> {
    for (;;) {
      if (this.stopping) return;
      const job = await this.repository.claim(STALE_MS);
      if (!job) return;
      try {
        // Interrupted by shutdown: left running, taken over (after its last batch) once stale.
        if (await this.run(job)) await this.repository.finish(job.id, null);
      } catch (e) {
        this.logger.warn({ err: e, jobId: job.id }, 'rescore job failed');
        await this.repository.finish(job.id, (e as Error).message);
      }
    }
  }

  /** True when every candidate was looked at. */
  private async run(job: RescoreJobRow): Promise<boolean> {
    await this.lists.refresh();
    const now = job.createdAt;
    const total = await this.repository.countCandidates(job, now);
    let processed = job.cursor ? job.processed : 0;
    let changed = job.cursor ? job.changed : 0;
    let cursor = job.cursor;
    await this.repository.progress(job.id, { total, processed, changed, cursor, listsVersion: this.lists.version });
    while (!this.stopping) {
      const batch = await this.repository.candidates(job, now, cursor, BATCH);
      if (batch.length === 0) break;
      const rescored = (this.resolver?.enabled ? await Promise.all(batch.map((c) => this.reanalyseResolving(c))) : await this.reanalyseAll(batch))
        .filter((r): r is Rescored => r !== null);
      changed += await this.repository.apply(job.id, rescored);
      processed += batch.length;
      cursor = (batch[batch.length - 1] as Candidate).id;
      await this.repository.progress(job.id, { processed, changed, cursor });
    }
    if (this.stopping) return false;
    this.logger.log(`re-scored ${processed} comments for "${job.reason}": ${changed} changed their action`);
    return true;
  }

  /** The new verdict when it differs from the stored one (action, score or reasons), else null. */
  private reanalyse(c: Candidate, analysis = analyzeCommentWithLinks(c.text, this.contextOf(c))): Rescored | null {
    const { verdict, links } = analysis;
    const same = verdict.action === c.action && Math.abs(verdict.score - c.score) < 1e-9 && JSON.stringify(verdict.reasons) === JSON.stringify(c.reasons);
    return same ? null : { candidate: c, action: verdict.action, score: verdict.score, reasons: verdict.reasons, listsVersion: verdict.listsVersion, links };
  }

  /** reanalyse for each candidate, in turns of the event loop (a batch of long comments takes seconds). */
  private async reanalyseAll(batch: readonly Candidate[]): Promise<(Rescored | null)[]> {
    const out: (Rescored | null)[] = [];
    for (const c of batch) {
      await analysisTurns.take();
      out.push(this.reanalyse(c));
    }
    return out;
  }

  /**
   * Targets of shortened links recorded on the comment's link rows are kept, so a re-analysis
   * keeps them when a link no longer resolves (a shortener disabling an abusive link must not
   * clear the comment) or resolution is off.
   */
  private contextOf(c: Candidate): AnalysisContext {
    return { ...this.lists.contextFor(c.siteId, c.language), resolved: c.resolved === null ? undefined : new Map(Object.entries(c.resolved)) };
  }

  /** reanalyse with the targets of shortened links looked up again, as the analysis worker scores them. */
  private async reanalyseResolving(c: Candidate): Promise<Rescored | null> {
    const context = this.contextOf(c);
    await analysisTurns.take();
    const analysis = analyzeCommentWithLinks(c.text, context);
    return this.reanalyse(c, await (this.resolver as ShortenerResolver).withResolvedShorteners(c.text, context, analysis));
  }

  /** Domains linked in the window that imitate one of `entries` (their comments are affected too). */
  private async lookalikeDomains(entries: readonly EntryInput[], siteId: string | null, known: ReadonlySet<string>): Promise<string[]> {
    const only = compileLists([{ id: 'changed', name: 'changed entries', version: '0', license: 'n/a', entries: entries.map(toListEntry) }]);
    const linked = await this.repository.linkedDomains(this.config.LOUPE_RESCORE_DAYS, siteId, MAX_LOOKALIKE_DOMAINS);
    return linked.filter(
      (domain) => !known.has(domain) && analyzeCommentWithLinks(`https://${domain}/`, { lists: only }).verdict.reasons.some((r) => r.code === 'link.lookalike'),
    );
  }
}
