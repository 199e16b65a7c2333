import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DELIVERY_QUEUE } from './delivery-queue.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';
import { DeliverySweeper } from './delivery-sweeper.service.js';
import { DeliveryWorker } from './delivery.worker.js';
import { EndpointsRepository } from './endpoints.repository.js';
import { OutboxDispatcher } from './outbox-dispatcher.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Webhook endpoints, the outbox dispatcher and the signed delivery worker. */
@Module({
  imports: [BullModule.registerQueue({ name: DELIVERY_QUEUE }), SitesModule],
  controllers: [WebhooksController],
  providers: [EndpointsRepository, DeliveriesRepository, DeliveryScheduler, DeliverySweeper, DeliveryWorker, OutboxDispatcher, WebhooksService],
  exports: [WebhooksService, OutboxDispatcher, DeliveryWorker, DeliverySweeper],
})
export class WebhooksModule {}
