import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ListsAdminModule } from '../lists/lists-admin.module.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { SubscriptionsService } from './subscriptions.service.js';

/** Lists kept from feeds: /v1/lists/{id}/subscription and the worker's periodic fetch. */
@Module({
  imports: [AuthModule, ListsAdminModule],
  controllers: [SubscriptionsController],
  providers: [SubscriptionsRepository, SubscriptionsService],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
