import { Module } from '@nestjs/common';
import { ModerationModule } from '../moderation/moderation.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { CommentsController } from './comments.controller.js';
import { CommentsRepository } from './comments.repository.js';
import { CommentsService } from './comments.service.js';

@Module({
  imports: [ModerationModule, SitesModule],
  controllers: [CommentsController],
  providers: [CommentsRepository, CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
