import { Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard.js';
import { SitesRepository } from './sites.repository.js';
import { SitesService } from './sites.service.js';

@Module({
  providers: [SitesRepository, SitesService, ApiKeyGuard],
  exports: [SitesService, ApiKeyGuard],
})
export class SitesModule {}
