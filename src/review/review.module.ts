import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsRepository } from './decisions.repository.js';
import { DecisionsService } from './decisions.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewRepository } from './review.repository.js';
import { ReviewService } from './review.service.js';

/** Moderators' review queue, claims, decisions, audit and stats (/v1/review, /v1/comments/{id}/decision|audit). */
@Module({
  imports: [AuthModule],
  controllers: [ReviewController, DecisionsController],
  providers: [ReviewRepository, ReviewService, DecisionsRepository, DecisionsService],
  exports: [ReviewService, DecisionsService],
})
export class ReviewModule {}
