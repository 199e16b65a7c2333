import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { ContributionsService } from './contributions.service.js';
import { DomainError } from './http/domain-error.js';
import { MetricsService } from './metrics.service.js';

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * True when `authorization` is `Bearer <token>`. Both sides are hashed first, so the comparison
 * takes the same time whatever the length or the first wrong byte of the guess.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  const given = match?.[1] ?? '';
  return timingSafeEqual(sha256(given), sha256(token)) && match !== null;
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly contributions: ContributionsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const token = this.config.LOUPE_METRICS_TOKEN;
    if (token !== undefined && !bearerMatches(authorization, token)) {
      throw new DomainError('metrics/unauthorized', 401, 'Unauthorized', 'GET /metrics needs Authorization: Bearer <LOUPE_METRICS_TOKEN>.', undefined, {
        'www-authenticate': 'Bearer realm="loupe-metrics"',
      });
    }
    await this.contributions.collectMetrics();
    return this.metrics.registry.metrics();
  }
}
