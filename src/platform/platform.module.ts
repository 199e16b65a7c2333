import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({
  providers: [PrismaService, MetricsService],
  exports: [PrismaService, MetricsService],
})
export class PlatformModule {}
