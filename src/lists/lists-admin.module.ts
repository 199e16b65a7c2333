import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ListsAdminService } from './lists-admin.service.js';
import { ListsController, SiteListsController } from './lists.controller.js';
import { ListsModule } from './lists.module.js';

/** Admins' API over lists, entries, imports, site list settings and re-scoring jobs (/v1/lists, /v1/sites/{id}/…). */
@Module({
  imports: [AuthModule, ListsModule],
  controllers: [ListsController, SiteListsController],
  providers: [ListsAdminService],
  exports: [ListsAdminService],
})
export class ListsAdminModule {}
