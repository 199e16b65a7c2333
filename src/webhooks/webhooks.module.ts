import { Module } from '@nestjs/common';

/** Webhook endpoints, the outbox dispatcher and the signed delivery worker. */
@Module({})
export class WebhooksModule {}
