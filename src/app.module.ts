import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { ConfigModule } from './config/config.module.js';
import type { Config } from './config/config.js';
import { DomainsModule } from './domains/domains.module.js';
import { ListsAdminModule } from './lists/lists-admin.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { ListsModule } from './lists/lists.module.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { ModeratorPageModule } from './moderator-page/moderator-page.module.js';
import { ObservabilityModule } from './platform/observability.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { ReviewModule } from './review/review.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** A caller's X-Request-Id when it is sane, else a new one; logs and problem bodies carry it. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

@Module({})
export class AppModule {
  /** Everything but HTTP-only parts is shared by the API and the worker-only process. */
  static forRoot(config: Config, options: { http: boolean } = { http: true }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? requestId(req),
            // Access lines for successes only at debug: at 1 500 requests/s they would be most of the CPU.
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
          },
        }),
        PlatformModule,
        BullModule.forRoot({
          // Producer side: fail fast while Redis is away (the sweeper re-enqueues), never queue up offline.
          connection: { url: config.REDIS_URL, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          prefix: config.LOUPE_REDIS_PREFIX,
          defaultJobOptions: {
            attempts: config.LOUPE_JOB_ATTEMPTS,
            backoff: { type: 'exponential', delay: config.LOUPE_JOB_BACKOFF_MS },
            removeOnComplete: true,
            removeOnFail: { count: 1_000 },
          },
        }),
        ListsModule,
        ModerationModule,
        WebhooksModule,
        SubscriptionsModule,
        ...(options.http ? [CommentsModule, AuthModule, ReviewModule, ListsAdminModule, DomainsModule, ModeratorPageModule, ObservabilityModule] : []),
      ],
    };
  }
}
