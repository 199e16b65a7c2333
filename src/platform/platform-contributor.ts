import { DiscoveryService } from '@nestjs/core';

/**
 * The order of shutdown (DESIGN.md), after HTTP has stopped: first what schedules work (sweepers,
 * the outbox dispatcher, re-scoring), then the workers, which finish and commit their active jobs
 * and deliveries, then the enqueues still batched in memory.
 */
export const STOP_PHASES = ['schedulers', 'workers', 'enqueues'] as const;
export type StopPhase = (typeof STOP_PHASES)[number];

/** What a feature's provider contributes to platform; one @Contributes per class says all of it. */
export interface Contribution {
  /** A readiness check of GET /health/ready under this name. */
  health?: string;
  /** Fields of GET /health/live. */
  live?: true;
  /** Metrics refreshed before each scrape of GET /metrics. */
  metrics?: true;
  /** Started by worker roles (startWorker) and stopped at shutdown in this phase. */
  lifecycle?: StopPhase;
}

export interface HealthContributor {
  /** Resolves when the dependency answers; platform bounds it with a timeout. */
  checkHealth(): Promise<void>;
}

export interface LiveContributor {
  liveDetails(): Record<string, string | number | boolean>;
}

export interface MetricsContributor {
  /** Sets the contributor's gauges; a failure must leave them honest (reset), not throw. */
  collectMetrics(): Promise<void>;
}

export interface LifecycleContributor {
  /** Absent for what only needs flushing at shutdown. */
  start?(): void;
  /** Stops taking work and waits for the work in progress; idempotent, and fine when never started. */
  stop(): Promise<void>;
}

/** The methods a class must have for what it says it contributes (checked when it is decorated). */
export type ContributorFor<C extends Contribution> = (C extends { health: string } ? HealthContributor : unknown) &
  (C extends { live: true } ? LiveContributor : unknown) &
  (C extends { metrics: true } ? MetricsContributor : unknown) &
  (C extends { lifecycle: StopPhase } ? LifecycleContributor : unknown);

/** Nest's discoverable decorator: platform finds the decorated providers with getProviders({ metadataKey }). */
export const CONTRIBUTION = DiscoveryService.createDecorator<Contribution>();

/**
 * Marks a plain class provider as contributing to platform, which collects it at module init:
 * platform never imports a feature. Nest counts only the first discoverable decorator on a
 * class, so one decorator names every contribution of the class.
 */
export function Contributes<const C extends Contribution>(contribution: C) {
  return <T extends abstract new (...args: never[]) => ContributorFor<C>>(target: T): void => {
    (CONTRIBUTION(contribution) as ClassDecorator)(target);
  };
}
