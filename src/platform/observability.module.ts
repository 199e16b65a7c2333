import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ListsModule } from '../lists/lists.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

@Module({
  imports: [TerminusModule, ListsModule, ModerationModule],
  controllers: [HealthController, MetricsController],
})
export class ObservabilityModule {}
