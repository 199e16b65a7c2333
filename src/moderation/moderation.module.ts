import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ListsModule } from '../lists/lists.module.js';
import { ANALYSIS_QUEUE } from './analysis-queue.js';
import { AnalysisQueueIndicator } from './analysis-queue.indicator.js';
import { AnalysisRepository } from './analysis.repository.js';
import { AnalysisWorker } from './analysis.worker.js';
import { EnqueueService } from './enqueue.service.js';
import { SweeperService } from './sweeper.service.js';
import { VerdictEvents } from './verdict-events.js';

@Module({
  imports: [BullModule.registerQueue({ name: ANALYSIS_QUEUE }), ListsModule],
  providers: [AnalysisQueueIndicator, AnalysisRepository, AnalysisWorker, EnqueueService, SweeperService, VerdictEvents],
  exports: [AnalysisWorker, EnqueueService, SweeperService, VerdictEvents, BullModule],
})
export class ModerationModule {}
