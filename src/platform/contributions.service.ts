import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  CONTRIBUTION,
  STOP_PHASES,
  type Contribution,
  type HealthContributor,
  type LifecycleContributor,
  type LiveContributor,
  type MetricsContributor,
  type StopPhase,
} from './platform-contributor.js';

export interface DiscoveredContributor {
  /** The provider's class name. */
  provider: string;
  contribution: Contribution;
}

/**
 * What the features contribute to platform (health checks, live fields, metrics, start and stop),
 * collected from the providers decorated with @Contributes when the modules are initialised.
 */
@Injectable()
export class ContributionsService implements OnModuleInit {
  private discovered: DiscoveredContributor[] = [];
  private health: { name: string; contributor: HealthContributor }[] = [];
  private live: LiveContributor[] = [];
  private metrics: MetricsContributor[] = [];
  private lifecycle = new Map<StopPhase, LifecycleContributor[]>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const seen = new Set<object>();
    this.discovered = [];
    this.health = [];
    this.live = [];
    this.metrics = [];
    this.lifecycle = new Map(STOP_PHASES.map((phase) => [phase, []]));
    for (const wrapper of this.discovery.getProviders({ metadataKey: CONTRIBUTION.KEY })) {
      const contribution = this.discovery.getMetadataByDecorator(CONTRIBUTION, wrapper);
      const instance = wrapper.instance as object | undefined;
      if (!contribution) continue;
      // A request-scoped or transient contributor has no one instance to start, stop or ask.
      if (!instance || !wrapper.isDependencyTreeStatic()) throw new Error(`${String(wrapper.name)} contributes to platform but is not a singleton provider`);
      if (seen.has(instance)) continue;
      seen.add(instance);
      this.discovered.push({ provider: instance.constructor.name, contribution });
      if (contribution.health) this.health.push({ name: contribution.health, contributor: instance as HealthContributor });
      if (contribution.live) this.live.push(instance as LiveContributor);
      if (contribution.metrics) this.metrics.push(instance as MetricsContributor);
      if (contribution.lifecycle) this.lifecycle.get(contribution.lifecycle)?.push(instance as LifecycleContributor);
    }
  }

  /** Every contributor found, for tests and diagnostics. */
  get contributors(): readonly DiscoveredContributor[] {
    return this.discovered;
  }

  get healthChecks(): readonly { name: string; contributor: HealthContributor }[] {
    return this.health;
  }

  liveDetails(): Record<string, string | number | boolean> {
    return Object.assign({}, ...this.live.map((c) => c.liveDetails())) as Record<string, string | number | boolean>;
  }

  /** Each contributor refreshes its own metrics; one that fails does not keep the others from it. */
  async collectMetrics(): Promise<void> {
    await Promise.all(this.metrics.map((c) => c.collectMetrics().catch(() => undefined)));
  }

  /** Workers first, then what schedules work for them (a sweep finds a worker to take its jobs). */
  start(): void {
    for (const phase of [...STOP_PHASES].reverse()) for (const c of this.lifecycle.get(phase) ?? []) c.start?.();
  }

  /** Phase by phase in STOP_PHASES order; within a phase one after another. */
  async stop(): Promise<void> {
    for (const phase of STOP_PHASES) for (const c of this.lifecycle.get(phase) ?? []) await c.stop();
  }
}
