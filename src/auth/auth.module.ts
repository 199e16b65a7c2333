import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { ModeratorAuthGuard } from './moderator-auth.guard.js';
import { UsersRepository } from './users.repository.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, UsersRepository, ModeratorAuthGuard],
  exports: [AuthService, ModeratorAuthGuard],
})
export class AuthModule {}
