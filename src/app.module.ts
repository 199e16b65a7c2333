import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module.js';
import { ListsModule } from './lists/lists.module.js';
import { HealthController } from './platform/health.controller.js';

@Module({
  imports: [ConfigModule, ListsModule],
  controllers: [HealthController],
})
export class AppModule {}
