import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { analyzeCommentWithLinks } from '../analysis/index.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { ListsService } from '../lists/lists.service.js';
import { ShortenerResolver } from '../lists/shortener-resolver.js';
import { MetricsService } from '../platform/metrics.service.js';
import { Contributes } from '../platform/platform-contributor.js';
import { analysisTurns } from '../platform/turn-taker.js';
import { ANALYSIS_QUEUE, AnalysisJobSchema, type AnalysisJob } from './analysis-queue.js';
import { AnalysisRepository } from './analysis.repository.js';
import { VerdictEvents } from './verdict-events.js';

export type JobOutcome = 'written' | 'already-analysed' | 'comment-gone';

/**
 * The analysis worker: load the comment, run the pure engine, commit verdict + links + status.
 * Loads and writes are batched across the jobs running at once (LOUPE_WORKER_CONCURRENCY), so a
 * busy worker makes a few round trips per batch instead of two per comment.
 */
@Injectable()
@Contributes({ lifecycle: 'workers' })
export class AnalysisWorker implements OnModuleDestroy {
  private readonly logger = new Logger('AnalysisWorker');
  private worker: Worker<AnalysisJob, JobOutcome> | undefined;

  constructor(
    private readonly repository: AnalysisRepository,
    private readonly lists: ListsService,
    private readonly events: VerdictEvents,
    private readonly metrics: MetricsService,
    @Inject(CONFIG) private readonly config: Config,
    private readonly resolver: ShortenerResolver,
  ) {}

  start(): void {
    if (this.worker) return;
    this.worker = new Worker<AnalysisJob, JobOutcome>(ANALYSIS_QUEUE, (job) => this.process(job), {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: this.config.LOUPE_REDIS_PREFIX,
      concurrency: this.config.LOUPE_WORKER_CONCURRENCY,
      // A killed worker's jobs come back after the lock expires and the next stalled check:
      // ~15 s instead of BullMQ's default ~60 s. Locks are renewed for all jobs in one call.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    this.worker.on('failed', (job, err) => this.logger.warn({ jobId: job?.id, commentId: job?.data.commentId, attempt: job?.attemptsMade, err }, 'analysis job failed'));
    // Without a listener an 'error' event (Redis gone) would crash the process; BullMQ reconnects.
    this.worker.on('error', (err) => this.logger.warn({ err }, 'worker error'));
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Stops taking jobs and waits for the active ones to commit. */
  async stop(): Promise<void> {
    if (!this.worker) return;
    await this.worker.close();
    await this.repository.drain();
    this.worker = undefined;
  }

  async process(job: Job<AnalysisJob>): Promise<JobOutcome> {
    const { commentId } = AnalysisJobSchema.parse(job.data);
    const comment = await this.repository.load(commentId);
    if (!comment) return 'comment-gone';
    if (comment.analysed) return 'already-analysed';
    // The running jobs' comments arrive together (one batched load): one analysis after another,
    // letting the event loop run between slices of them.
    await analysisTurns.take();
    const started = performance.now();
    const context = this.lists.contextFor(comment.siteId, comment.language);
    let analysis = analyzeCommentWithLinks(comment.text, context);
    this.metrics.analysisSeconds.observe((performance.now() - started) / 1000);
    // Off by default; on, only a comment with a shortener link waits for its lookups.
    if (this.resolver.enabled) analysis = await this.resolver.withResolvedShorteners(comment.text, context, analysis);
    this.metrics.analysed.inc();
    const outcome = await this.repository.write({ commentId, verdict: analysis.verdict, links: analysis.links });
    if (!outcome.written) return 'already-analysed';
    this.metrics.verdicts.inc({ action: analysis.verdict.action });
    this.metrics.endToEndSeconds.observe(Math.max(0, Date.now() - outcome.receivedAt.getTime()) / 1000);
    this.events.notify([commentId]);
    return 'written';
  }
}
