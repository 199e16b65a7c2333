import { Module } from '@nestjs/common';

/** The moderators' web page at /moderate. */
@Module({})
export class ModeratorPageModule {}
