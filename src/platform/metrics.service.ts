import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Prometheus metrics of one process; its own registry so several apps can live in one test process. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly ingested = new Counter({ name: 'loupe_comments_ingested_total', help: 'Comments accepted and stored (new, not replays)', registers: [this.registry] });
  readonly analysed = new Counter({ name: 'loupe_comments_analysed_total', help: 'Comments analysed by this process', registers: [this.registry] });
  readonly verdicts = new Counter({ name: 'loupe_verdicts_total', help: 'Verdicts committed, by action', labelNames: ['action'], registers: [this.registry] });
  readonly enqueueFailures = new Counter({ name: 'loupe_enqueue_failures_total', help: 'Jobs that could not be enqueued after commit (the sweeper re-enqueues them)', registers: [this.registry] });
  readonly swept = new Counter({ name: 'loupe_sweeper_requeued_total', help: 'Pending comments re-enqueued by the sweeper', registers: [this.registry] });
  readonly queueDepth = new Gauge({ name: 'loupe_queue_depth', help: 'Analysis jobs by state', labelNames: ['state'], registers: [this.registry] });
  readonly analysisSeconds = new Histogram({ name: 'loupe_analysis_seconds', help: 'Time in analyzeComment per comment', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly endToEndSeconds = new Histogram({ name: 'loupe_end_to_end_seconds', help: 'From comment accepted to verdict committed', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly webhookAttempts = new Counter({ name: 'loupe_webhook_attempts_total', help: 'Webhook delivery attempts, by outcome (succeeded, retry, failed)', labelNames: ['outcome'], registers: [this.registry] });
  readonly webhookSeconds = new Histogram({ name: 'loupe_webhook_attempt_seconds', help: 'Duration of one webhook request', buckets: LATENCY_BUCKETS, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'loupe_' });
  }
}
