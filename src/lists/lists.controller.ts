import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ModeratorAuthGuard, Roles } from '../auth/moderator-auth.guard.js';
import type { ModeratorRequest } from '../auth/moderator.js';
import { parseOrThrow } from '../platform/http/validation.js';
import { DomainError } from '../platform/http/domain-error.js';
import { rawJsonText } from '../platform/http/json-body.js';
import { TakesCsv } from '../platform/http/takes-csv.decorator.js';
import { EntryInputSchema } from './list-entry.schema.js';
import { ListsAdminService } from './lists-admin.service.js';
import {
  AllowDomainSchema,
  EntrySearchSchema,
  ExportQuerySchema,
  ImportQuerySchema,
  IncivilitySettingsSchema,
  RecentJobsSchema,
  SiteSettingsSchema,
  UpdateEntrySchema,
  UpdateListSchema,
} from './lists-input.schema.js';
import { RescoreService } from './rescore.service.js';

const problem = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };

/** Domain lists, entries, import/export and re-scoring jobs: admins only. */
@ApiTags('lists')
@ApiBearerAuth()
@UseGuards(ModeratorAuthGuard)
@Roles('admin')
@Controller('v1/lists')
export class ListsController {
  constructor(
    private readonly admin: ListsAdminService,
    private readonly rescore: RescoreService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every list with its revision, version (id@revision) and entry count' })
  async all(): Promise<{ items: unknown[] }> {
    return { items: await this.admin.all() };
  }

  // POST /v1/lists (create, optionally as a subscription) is SubscriptionsController's: a list
  // created from a feed needs the subscription, and lists know nothing of feeds.

  @Get('entries')
  @ApiOperation({ summary: 'Search entries of every list: q (pattern, entity or note contains), category, kind, limit, cursor' })
  searchAll(@Query() query: unknown): Promise<unknown> {
    const q = parseOrThrow(EntrySearchSchema, query, 'The query string');
    return this.admin.search({ q: q.q, category: q.category, kind: q.kind, limit: q.limit, after: q.cursor });
  }

  @Get('rescore-jobs')
  @ApiOperation({ summary: 'The latest re-scoring jobs' })
  async jobs(@Query() query: unknown): Promise<{ items: unknown[] }> {
    return { items: await this.rescore.recent(parseOrThrow(RecentJobsSchema, query, 'The query string').limit) };
  }

  @Get('rescore-jobs/:id')
  @ApiOperation({ summary: 'A re-scoring job: status, total, processed, changed, and the first 100 changed verdicts' })
  job(@Param('id') id: string): Promise<unknown> {
    return this.rescore.job(id);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<unknown> {
    return this.admin.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a list: { name?, description?, source?, license?, enabled? }' })
  update(@Req() req: ModeratorRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    return this.admin.update(id, parseOrThrow(UpdateListSchema, body, 'The change'), req.moderator.email);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a list made here (bundled lists can only be disabled)' })
  remove(@Req() req: ModeratorRequest, @Param('id') id: string): Promise<unknown> {
    return this.admin.remove(id, req.moderator.email);
  }

  @Get(':id/entries')
  @ApiOperation({ summary: "The list's entries: q, category, kind, limit, cursor" })
  entries(@Param('id') id: string, @Query() query: unknown): Promise<unknown> {
    const q = parseOrThrow(EntrySearchSchema, query, 'The query string');
    return this.admin.search({ listId: id, q: q.q, category: q.category, kind: q.kind, limit: q.limit, after: q.cursor });
  }

  @Post(':id/entries')
  @ApiOperation({ summary: 'Add an entry: { pattern, kind?, category, severity, entity?, note?, sourceUrl? }; reaches every worker within seconds and starts re-scoring' })
  @ApiResponse({ status: 201, description: '{ entry, revision, rescoreJobId }' })
  @ApiResponse({ status: 409, ...problem })
  async addEntry(@Req() req: ModeratorRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    const r = await this.admin.addEntry(id, parseOrThrow(EntryInputSchema, body, 'The entry'), req.moderator.email);
    return { entry: r.value, revision: r.revision, rescoreJobId: r.rescoreJobId };
  }

  @Patch(':id/entries/:entryId')
  async updateEntry(@Req() req: ModeratorRequest, @Param('id') id: string, @Param('entryId') entryId: string, @Body() body: unknown): Promise<unknown> {
    const patch = parseOrThrow(UpdateEntrySchema, body, 'The change');
    const r = await this.admin.updateEntry(id, entryId, { ...patch, sourceUrl: patch.sourceUrl === undefined ? undefined : (patch.sourceUrl ?? null) } as never, req.moderator.email);
    return { entry: r.value, revision: r.revision, rescoreJobId: r.rescoreJobId };
  }

  @Delete(':id/entries/:entryId')
  async removeEntry(@Req() req: ModeratorRequest, @Param('id') id: string, @Param('entryId') entryId: string): Promise<unknown> {
    const r = await this.admin.removeEntry(id, entryId, req.moderator.email);
    return { revision: r.revision, rescoreJobId: r.rescoreJobId };
  }

  @Post(':id/import')
  @TakesCsv()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import entries from CSV (text/csv) or JSON (application/json): ?mode=merge|replace&dryRun=true',
    description: 'A dry run reports what would change (added, removed, changed, invalid rows with line numbers) and changes nothing; a real import with invalid rows is refused (422) as a whole.',
  })
  async import(@Req() req: ModeratorRequest, @Param('id') id: string, @Query() query: unknown, @Body() body: unknown): Promise<unknown> {
    const q = parseOrThrow(ImportQuerySchema, query, 'The query string');
    const contentType = String(req.headers['content-type'] ?? '');
    const format = q.format ?? (contentType.startsWith('text/csv') ? 'csv' : 'json');
    const text = typeof body === 'string' ? body : (rawJsonText(req) ?? JSON.stringify(body));
    if (format === 'csv' && typeof body !== 'string') {
      throw new DomainError('request/unsupported_media_type', 415, 'Unsupported media type', 'Send CSV with Content-Type: text/csv.');
    }
    const plan = await this.admin.planImport(id, format, text, q.mode);
    return q.dryRun ? plan : this.admin.applyImport(id, plan, req.moderator.email);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Export the entries: ?format=csv|json' })
  async export(@Param('id') id: string, @Query() query: unknown, @Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    const { format } = parseOrThrow(ExportQuerySchema, query, 'The query string');
    const content = await this.admin.export(id, format);
    void res.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    void res.header('content-disposition', `attachment; filename="${id}.${format}"`);
    return content;
  }
}

/** Per-site list settings, allowlist and incivility settings: admins only. */
@ApiTags('lists')
@ApiBearerAuth()
@UseGuards(ModeratorAuthGuard)
@Roles('admin')
@Controller('v1/sites/:siteId')
export class SiteListsController {
  constructor(private readonly admin: ListsAdminService) {}

  @Get('list-settings')
  @ApiOperation({ summary: "A site's lists (restrictLists/listIds), severity overrides per category and allowlist" })
  settings(@Param('siteId') siteId: string): Promise<unknown> {
    return this.admin.siteSettings(siteId);
  }

  @Put('list-settings')
  @ApiOperation({ summary: 'Set { lists: string[] | null (null: every enabled list), severityOverrides: { category: 0..1 } }' })
  put(@Req() req: ModeratorRequest, @Param('siteId') siteId: string, @Body() body: unknown): Promise<unknown> {
    return this.admin.putSiteSettings(siteId, parseOrThrow(SiteSettingsSchema, body, 'The settings'), req.moderator.email);
  }

  @Get('incivility-settings')
  @ApiOperation({ summary: "A site's incivility settings: { siteId, revision, thresholds: { code: 0..1 }, disabled: [code] }" })
  incivility(@Param('siteId') siteId: string): Promise<unknown> {
    return this.admin.incivilitySettings(siteId);
  }

  @Put('incivility-settings')
  @ApiOperation({
    summary: 'Set { thresholds?: { "text.insult"|"text.abuse"|"text.profanity"|"text.threat": 0..1 }, disabled?: [code] }',
    description: 'Replaces the stored settings (an absent field: none); bumps the site revision (`site@n`); starts no re-scoring: it applies to comments analysed from now on.',
  })
  @ApiResponse({ status: 422, ...problem })
  putIncivility(@Param('siteId') siteId: string, @Body() body: unknown): Promise<unknown> {
    return this.admin.putIncivilitySettings(siteId, parseOrThrow(IncivilitySettingsSchema, body, 'The body of the incivility settings'));
  }

  @Post('allowlist')
  @ApiOperation({ summary: "Exempt a domain (and its subdomains) for this site: { domain, note? }" })
  allow(@Req() req: ModeratorRequest, @Param('siteId') siteId: string, @Body() body: unknown): Promise<unknown> {
    const { domain, note } = parseOrThrow(AllowDomainSchema, body, 'The allowlist entry');
    return this.admin.setAllowed(siteId, domain, true, note, req.moderator.email);
  }

  @Delete('allowlist/:domain')
  disallow(@Req() req: ModeratorRequest, @Param('siteId') siteId: string, @Param('domain') domain: string): Promise<unknown> {
    return this.admin.setAllowed(siteId, domain, false, null, req.moderator.email);
  }
}
