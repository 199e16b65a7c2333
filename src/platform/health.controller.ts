import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { ContributionsService } from './contributions.service.js';
import { PrismaService } from './prisma.service.js';

const CHECK_TIMEOUT_MS = 1_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly contributions: ContributionsService,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up and its lists are loaded' })
  live(): { status: 'ok' } & Record<string, string | number | boolean> {
    return { status: 'ok', ...this.contributions.liveDetails() };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Redis answer (503 with details when one does not)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.indicators.check('postgresql').attempt(async () => void (await this.prisma.pool.query('SELECT 1'))).withTimeout(CHECK_TIMEOUT_MS),
        ...this.contributions.healthChecks.map(({ name, contributor }) => () => this.indicators.check(name).attempt(() => contributor.checkHealth()).withTimeout(CHECK_TIMEOUT_MS)),
      ]);
    } catch (e) {
      // Terminus throws its full report; a load balancer wants the 503, an operator the report.
      if (!(e instanceof ServiceUnavailableException)) throw e;
      void reply.status(503);
      return e.getResponse() as HealthCheckResult;
    }
  }
}
