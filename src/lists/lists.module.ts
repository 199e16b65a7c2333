import { Module } from '@nestjs/common';
import { ListsRepository } from './lists.repository.js';
import { ListsService } from './lists.service.js';
import { RescoreRepository } from './rescore.repository.js';
import { RescoreService } from './rescore.service.js';
import { ShortenerResolver } from './shortener-resolver.js';

/** The domain lists every process analyses with, and the re-scoring jobs (run by worker roles). */
@Module({
  providers: [ListsRepository, ListsService, RescoreRepository, RescoreService, ShortenerResolver],
  exports: [ListsRepository, ListsService, RescoreService, ShortenerResolver],
})
export class ListsModule {}
