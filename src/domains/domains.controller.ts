import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ModeratorAuthGuard } from '../auth/moderator-auth.guard.js';
import type { ModeratorRequest } from '../auth/moderator.js';
import { parseOrThrow } from '../platform/http/validation.js';
import { DomainQuerySchema, MAX_TOP_LIMIT, MAX_WINDOW_DAYS, TopQuerySchema, parseDomainOrThrow } from './domains-query.schema.js';
import { DomainsService, type DomainDetailView, type TopDomainsView } from './domains.service.js';

const problemResponse = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };
const SINCE = { name: 'since', required: false, description: `ISO 8601 date-time with a time zone; default until − 24 h. The window [since, until) spans at most ${MAX_WINDOW_DAYS} days.` };
const UNTIL = { name: 'until', required: false, description: 'ISO 8601 date-time with a time zone; default now' };
const SITE_ID = { name: 'siteId', required: false, description: 'One of your sites (404 for any other); default all of them' };

@ApiTags('domains')
@ApiBearerAuth()
@UseGuards(ModeratorAuthGuard)
@Controller('v1/domains')
export class DomainsController {
  constructor(private readonly domains: DomainsService) {}

  @Get('top')
  @ApiOperation({
    summary: 'The registrable domains linked in comments of your sites received in a window, most comments first',
    description:
      'Each item: { domain, entities, comments, links, flagged, listed: { listId, matched, category, entity } | null, previousComments, growth, rising }. ' +
      'previousComments counts the same-length window before since; growth = comments / max(previousComments, 1). ' +
      'rising=true returns only rising domains (unlisted, at least 5 comments and at least 3 × previousComments; meta.risingRule), highest growth first.',
  })
  // Swagger lists parameters in reverse decorator order.
  @ApiQuery({ name: 'rising', required: false, enum: ['true', 'false'], description: 'true: only rising domains, by growth' })
  @ApiQuery({ name: 'limit', required: false, description: `1..${MAX_TOP_LIMIT}, default 50` })
  @ApiQuery(SITE_ID)
  @ApiQuery(UNTIL)
  @ApiQuery(SINCE)
  @ApiResponse({ status: 200, description: '{ items, meta: { since, until, previousSince, risingRule } }' })
  @ApiResponse({ status: 401, ...problemResponse })
  @ApiResponse({ status: 404, ...problemResponse })
  @ApiResponse({ status: 422, ...problemResponse })
  top(@Req() req: ModeratorRequest, @Query() query: unknown): Promise<TopDomainsView> {
    return this.domains.top(req.moderator, parseOrThrow(TopQuerySchema, query, 'The query string'));
  }

  @Get(':domain')
  @ApiOperation({
    summary: 'One registrable domain in a window: counts, hosts, entities, list status and the newest 20 comments linking it',
    description: 'A domain never linked in the window answers 200 with zero counts. A host below a registrable domain (www.example.org) or a malformed name is 422.',
  })
  @ApiQuery(SITE_ID)
  @ApiQuery(UNTIL)
  @ApiQuery(SINCE)
  @ApiParam({ name: 'domain', description: 'Registrable domain, e.g. anti-spiegel.ru (Unicode or punycode)' })
  @ApiResponse({ status: 200, description: '{ domain, entities, comments, links, flagged, listed, previousComments, growth, rising, hosts, examples, meta }' })
  @ApiResponse({ status: 401, ...problemResponse })
  @ApiResponse({ status: 404, ...problemResponse })
  @ApiResponse({ status: 422, ...problemResponse })
  detail(@Req() req: ModeratorRequest, @Param('domain') domain: string, @Query() query: unknown): Promise<DomainDetailView> {
    const name = parseDomainOrThrow(domain);
    return this.domains.detail(req.moderator, name, parseOrThrow(DomainQuerySchema, query, 'The query string'));
  }
}
