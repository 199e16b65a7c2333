import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { Agent } from 'undici';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { ListsAdminService, type ListView } from '../lists/lists-admin.service.js';
import { formatRowError } from '../lists/list-file.js';
import { notFound } from '../platform/http/domain-error.js';
import { MetricsService } from '../platform/metrics.service.js';
import { createGuardedAgent } from '../platform/outbound/guarded-agent.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Contributes } from '../platform/platform-contributor.js';
import { fetchFeed } from './fetch-feed.js';
import type { CreateListWithFeed, SubscriptionInput } from './subscription-input.schema.js';
import { SubscriptionsRepository, type FetchOutcome, type SubscriptionRow } from './subscriptions.repository.js';

/** A subscription as the API shows it. */
export interface SubscriptionView {
  listId: string;
  url: string;
  format: string;
  refresh: string;
  /** Whether a token is sent (the token itself is never shown). */
  hasToken: boolean;
  nextFetchAt: string;
  lastFetchedAt: string | null;
  lastSuccessAt: string | null;
  lastOutcome: string | null;
  lastError: string | null;
  failures: number;
}

export interface RefreshResult {
  outcome: FetchOutcome;
  error: string | null;
  revision: number | null;
  rescoreJobId: string | null;
  added: number;
  changed: number;
  removed: number;
}

function refreshText(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}

function viewOf(row: SubscriptionRow): SubscriptionView {
  return {
    listId: row.listId,
    url: row.url,
    format: row.format,
    refresh: refreshText(row.refreshMs),
    hasToken: row.token !== null,
    nextFetchAt: row.nextFetchAt.toISOString(),
    lastFetchedAt: row.lastFetchedAt?.toISOString() ?? null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastOutcome: row.lastOutcome,
    lastError: row.lastError,
    failures: row.failures,
  };
}

/** How long a worker holds a feed it fetches before another may take it (more than one fetch and import can take). */
const LEASE_MS = 5 * 60_000;
/** Feeds fetched per run of the periodic task at most, so one run cannot hold shutdown long. */
const MAX_PER_RUN = 20;
/** After a failure the next try comes sooner than the refresh period: 1 min, 2, 4, … up to it. */
const RETRY_BASE_MS = 60_000;

/**
 * Lists kept from feeds (another Loupe's export, or any file in the list import format). A fetch
 * applies the feed as a new revision through the same dry-run rules as an admin import (mode
 * replace: the list becomes what the feed says), so re-scoring follows like any change. An
 * invalid, unreachable or oversized feed changes nothing: the list keeps its last good revision
 * and the subscription records the error (API and /metrics).
 */
@Injectable()
@Contributes({ lifecycle: 'schedulers', metrics: true })
export class SubscriptionsService {
  private readonly logger = new Logger('Subscriptions');
  private readonly agent: Agent;
  private readonly task: PeriodicTask<number>;

  constructor(
    private readonly repository: SubscriptionsRepository,
    private readonly lists: ListsAdminService,
    @Inject(CONFIG) private readonly config: Config,
    metrics: MetricsService,
  ) {
    this.agent = createGuardedAgent({ connectTimeoutMs: config.LOUPE_SUBSCRIPTION_TIMEOUT_MS, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE, keepAliveTimeoutMs: 4_000 });
    this.task = new PeriodicTask(() => this.runDue(), config.LOUPE_SUBSCRIPTION_CHECK_MS, (e) => this.logger.error({ err: e }, 'list subscription run failed'));
    this.failuresGauge = new Gauge({
      name: 'loupe_list_subscription_failures',
      help: 'Fetches in a row that did not leave a subscribed list as its feed says (0: the last one did)',
      labelNames: ['list'],
      registers: [metrics.registry],
    });
    this.lastSuccessGauge = new Gauge({
      name: 'loupe_list_subscription_last_success_seconds',
      help: 'Unix time of the last good fetch of a subscribed list (0: never)',
      labelNames: ['list'],
      registers: [metrics.registry],
    });
  }

  private readonly failuresGauge: Gauge;
  private readonly lastSuccessGauge: Gauge;

  /** Read from the table, not this process's memory: the API process reports the worker's fetches. */
  async collectMetrics(): Promise<void> {
    this.failuresGauge.reset();
    this.lastSuccessGauge.reset();
    const rows = await this.repository.all().catch(() => []);
    for (const row of rows) {
      this.failuresGauge.set({ list: row.listId }, row.failures);
      this.lastSuccessGauge.set({ list: row.listId }, row.lastSuccessAt ? row.lastSuccessAt.getTime() / 1000 : 0);
    }
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  async get(listId: string): Promise<SubscriptionView> {
    const row = await this.repository.find(listId);
    if (row === null) throw notFound('subscription/not_found', `The list "${listId}" has no subscription.`);
    return viewOf(row);
  }

  async all(): Promise<SubscriptionView[]> {
    return (await this.repository.all()).map(viewOf);
  }

  /** Subscribes a list to a feed (or changes its feed): the first fetch is due at once. */
  /**
   * Creates a list; with `subscription`, also its feed, due at once (the next scheduler run, within
   * LOUPE_SUBSCRIPTION_CHECK_MS, fetches it). Both are validated before anything is written.
   */
  async createList(input: CreateListWithFeed, by: string): Promise<ListView & { subscription: SubscriptionView | null }> {
    const { subscription, ...list } = input;
    const created = await this.lists.create(list);
    if (!subscription) return { ...created, subscription: null };
    try {
      return { ...created, subscription: await this.put(created.id, subscription, by) };
    } catch (e) {
      // Never leave a list behind that was asked for as a subscription and is not one.
      await this.lists.remove(created.id, by).catch(() => undefined);
      throw e;
    }
  }

  async put(listId: string, input: SubscriptionInput, by: string): Promise<SubscriptionView> {
    await this.lists.get(listId);
    return viewOf(await this.repository.upsert(listId, { url: input.url, format: input.format, refreshMs: input.refresh, token: input.token ?? null }, by));
  }

  async remove(listId: string): Promise<void> {
    if (!(await this.repository.remove(listId))) throw notFound('subscription/not_found', `The list "${listId}" has no subscription.`);
  }

  /** Fetches a list's feed now and applies it when valid. */
  async refresh(listId: string): Promise<RefreshResult & { subscription: SubscriptionView }> {
    const row = await this.repository.find(listId);
    if (row === null) throw notFound('subscription/not_found', `The list "${listId}" has no subscription.`);
    const result = await this.fetchAndApply(row);
    return { ...result, subscription: await this.get(listId) };
  }

  /** Fetches every due feed (up to MAX_PER_RUN), one at a time; returns how many. */
  async runDue(): Promise<number> {
    let done = 0;
    for (; done < MAX_PER_RUN; done++) {
      const row = await this.repository.claimDue(LEASE_MS);
      if (row === null) break;
      await this.fetchAndApply(row);
    }
    return done;
  }

  private async fetchAndApply(row: SubscriptionRow): Promise<RefreshResult> {
    const nothing = { revision: null, rescoreJobId: null, added: 0, changed: 0, removed: 0 };
    const fetched = await fetchFeed(
      row.url,
      { etag: row.etag, lastModified: row.lastModified, token: row.token },
      { dispatcher: this.agent, timeoutMs: this.config.LOUPE_SUBSCRIPTION_TIMEOUT_MS, maxBytes: this.config.LOUPE_SUBSCRIPTION_MAX_BYTES, allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE },
    );
    const at = new Date();
    const next = (ok: boolean): Date => new Date(at.getTime() + (ok ? row.refreshMs : Math.min(row.refreshMs, RETRY_BASE_MS * 2 ** Math.min(row.failures, 12))));
    if (fetched.kind === 'unchanged') {
      await this.repository.record(row.listId, { outcome: 'unchanged', error: null, nextFetchAt: next(true), at });
      return { outcome: 'unchanged', error: null, ...nothing };
    }
    if (fetched.kind === 'failed') {
      this.logger.warn(`list ${row.listId}: feed ${fetched.outcome}: ${fetched.error}; the list keeps its last good revision`);
      await this.repository.record(row.listId, { outcome: fetched.outcome, error: fetched.error, nextFetchAt: next(false), at });
      return { outcome: fetched.outcome, error: fetched.error, ...nothing };
    }
    const plan = await this.lists.planImport(row.listId, row.format as 'csv' | 'json', fetched.text, 'replace');
    if (!plan.valid) {
      const error = `the feed has ${plan.errors.length} invalid row(s): ${plan.errors.slice(0, 3).map(formatRowError).join('; ')}`.slice(0, 2000);
      this.logger.warn(`list ${row.listId}: ${error}; the list keeps its last good revision`);
      await this.repository.record(row.listId, { outcome: 'invalid', error, nextFetchAt: next(false), at });
      return { outcome: 'invalid', error, ...nothing };
    }
    const applied = await this.lists.applyImport(row.listId, plan, `subscription ${row.url}`.slice(0, 320));
    await this.repository.record(row.listId, { outcome: 'applied', error: null, etag: fetched.etag, lastModified: fetched.lastModified, nextFetchAt: next(true), at });
    return { outcome: 'applied', error: null, revision: applied.revision, rescoreJobId: applied.rescoreJobId, added: plan.added.length, changed: plan.changed.length, removed: plan.removed.length };
  }
}
