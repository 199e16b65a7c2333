import { Controller, Get } from '@nestjs/common';
import { ListsService } from '../lists/lists.service.js';

@Controller('health')
export class HealthController {
  constructor(private readonly lists: ListsService) {}

  /** The process is up and its lists are loaded. Readiness (PostgreSQL, Redis) comes with the ingest service. */
  @Get('live')
  live(): { status: 'ok'; listsVersion: string } {
    return { status: 'ok', listsVersion: this.lists.compiled.version };
  }
}
