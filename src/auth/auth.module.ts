import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { HttpValidationModule } from '../platform/http/http-validation.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { CsvBodyAuthMiddleware } from './csv-body-auth.middleware.js';
import { ModeratorAuthGuard } from './moderator-auth.guard.js';
import { UsersRepository } from './users.repository.js';

@Module({
  // The storable-text pipe of every route; it belongs in AppModule's HTTP imports (imported here until it is).
  imports: [HttpValidationModule],
  controllers: [AuthController],
  providers: [AuthService, UsersRepository, ModeratorAuthGuard, CsvBodyAuthMiddleware],
  exports: [AuthService, ModeratorAuthGuard],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvBodyAuthMiddleware).forRoutes('{*path}');
  }
}
