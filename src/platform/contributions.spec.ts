import { describe, expect, it } from '@jest/globals';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { ContributionsService } from './contributions.service.js';
import { Contributes } from './platform-contributor.js';

// Two feature-like modules that platform does not import: what it learns comes through DI.
const events: string[] = [];

function lifecycle(name: string) {
  return {
    start: (): void => void events.push(`start ${name}`),
    stop: async (): Promise<void> => {
      // A stop that takes a turn: the next phase must wait for it.
      await new Promise<void>((resolve) => setImmediate(resolve));
      events.push(`stop ${name}`);
    },
  };
}

@Injectable()
@Contributes({ lifecycle: 'schedulers' })
class ProbeSweeper {
  readonly start = lifecycle('sweeper').start;
  readonly stop = lifecycle('sweeper').stop;
}

@Injectable()
@Contributes({ lifecycle: 'workers', health: 'probe-queue', metrics: true })
class ProbeWorker {
  readonly start = lifecycle('worker').start;
  readonly stop = lifecycle('worker').stop;
  healthy = true;
  collected = 0;
  async checkHealth(): Promise<void> {
    if (!this.healthy) throw new Error('probe queue down');
  }
  async collectMetrics(): Promise<void> {
    this.collected++;
  }
}

@Injectable()
@Contributes({ lifecycle: 'enqueues' })
class ProbeEnqueues {
  readonly stop = lifecycle('enqueues').stop;
}

@Injectable()
@Contributes({ live: true, metrics: true })
class ProbeLists {
  liveDetails(): { listsVersion: string } {
    return { listsVersion: 'probe@1' };
  }
  async collectMetrics(): Promise<void> {
    throw new Error('a failing collector');
  }
}

/** Not decorated: not a contributor, though it has start and stop. */
@Injectable()
class PlainService {
  readonly start = lifecycle('plain').start;
  readonly stop = lifecycle('plain').stop;
}

@Module({ providers: [ProbeWorker, ProbeSweeper, PlainService], exports: [ProbeWorker] })
class FeatureAModule {}

@Module({ imports: [FeatureAModule], providers: [ProbeLists, ProbeEnqueues] })
class FeatureBModule {}

// PlatformModule's collector without its PostgreSQL connection.
@Module({ imports: [DiscoveryModule], providers: [ContributionsService] })
class ProbePlatformModule {}

@Module({ imports: [ProbePlatformModule, FeatureAModule, FeatureBModule] })
class ProbeAppModule {}

async function withContext<T>(run: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(ProbeAppModule, { logger: false, abortOnError: false });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

describe('platform contributions (DiscoveryService)', () => {
  it('collects exactly the decorated providers with what each contributes', async () => {
    await withContext(async (app) => {
      const found = app.get(ContributionsService).contributors.map((c) => ({ ...c })).sort((a, b) => a.provider.localeCompare(b.provider));
      expect(found).toEqual([
        { provider: 'ProbeEnqueues', contribution: { lifecycle: 'enqueues' } },
        { provider: 'ProbeLists', contribution: { live: true, metrics: true } },
        { provider: 'ProbeSweeper', contribution: { lifecycle: 'schedulers' } },
        { provider: 'ProbeWorker', contribution: { lifecycle: 'workers', health: 'probe-queue', metrics: true } },
      ]);
    });
  });

  it('starts workers before schedulers and stops schedulers, then workers, then enqueues', async () => {
    await withContext(async (app) => {
      events.length = 0;
      const contributions = app.get(ContributionsService);
      contributions.start();
      await contributions.stop();
      expect(events).toEqual(['start worker', 'start sweeper', 'stop sweeper', 'stop worker', 'stop enqueues']);
    });
  });

  it('gives health checks by name, live fields, and metrics even when one collector fails', async () => {
    await withContext(async (app) => {
      const contributions = app.get(ContributionsService);
      const worker = app.get(ProbeWorker);
      expect(contributions.healthChecks.map((h) => h.name)).toEqual(['probe-queue']);
      worker.healthy = false;
      await expect(contributions.healthChecks[0]?.contributor.checkHealth()).rejects.toThrow('probe queue down');
      expect(contributions.liveDetails()).toEqual({ listsVersion: 'probe@1' });
      await contributions.collectMetrics();
      expect(worker.collected).toBe(1);
    });
  });
});
