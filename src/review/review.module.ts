import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';

/** Moderators' review queue, claims, decisions, audit and stats (/v1/review, /v1/comments/{id}/decision|audit). */
@Module({
  imports: [AuthModule],
})
export class ReviewModule {}
