import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ContributionsService } from './contributions.service.js';
import { MetricsService } from './metrics.service.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [PrismaService, MetricsService, ContributionsService],
  exports: [PrismaService, MetricsService, ContributionsService],
})
export class PlatformModule {}
