import { Module } from '@nestjs/common';
import { ModeratorPageController } from './moderator-page.controller.js';
import { PAGE_ASSETS } from './moderator-page.tokens.js';
import { loadPageAssets } from './page-assets.js';

/** The moderators' web page at /moderate. */
@Module({
  controllers: [ModeratorPageController],
  providers: [{ provide: PAGE_ASSETS, useFactory: () => loadPageAssets() }],
})
export class ModeratorPageModule {}
