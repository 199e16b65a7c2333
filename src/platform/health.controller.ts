import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { ListsService } from '../lists/lists.service.js';
import { ANALYSIS_QUEUE } from '../moderation/analysis-queue.js';
import { PrismaService } from './prisma.service.js';

const CHECK_TIMEOUT_MS = 1_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly lists: ListsService,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
    @InjectQueue(ANALYSIS_QUEUE) private readonly queue: Queue,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up and its lists are loaded' })
  live(): { status: 'ok'; listsVersion: string } {
    return { status: 'ok', listsVersion: this.lists.compiled.version };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Redis answer (503 with details when one does not)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.indicators.check('postgresql').attempt(async () => void (await this.prisma.pool.query('SELECT 1'))).withTimeout(CHECK_TIMEOUT_MS),
        () => this.indicators.check('redis').attempt(async () => void (await this.queue.getJobCounts('waiting'))).withTimeout(CHECK_TIMEOUT_MS),
      ]);
    } catch (e) {
      // Terminus throws its full report; a load balancer wants the 503, an operator the report.
      if (!(e instanceof ServiceUnavailableException)) throw e;
      void reply.status(503);
      return e.getResponse() as HealthCheckResult;
    }
  }
}
