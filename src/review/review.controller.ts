import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ModeratorAuthGuard } from '../auth/moderator-auth.guard.js';
import type { ModeratorRequest } from '../auth/moderator.js';
import { parseOrThrow, textParam } from '../platform/http/validation.js';
import { DecisionsService, type BulkResult } from './decisions.service.js';
import { AuthorQuerySchema, BulkDecisionBodySchema, ClaimBodySchema, QueueQuerySchema, ReleaseBodySchema, StatsQuerySchema } from './queue-filter.schema.js';
import type { QueueItem } from './queue-item.view.js';
import { ReviewService, type AuthorView, type QueuePage, type StatsView } from './review.service.js';

const problemResponse = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };

@ApiTags('review')
@ApiBearerAuth()
@UseGuards(ModeratorAuthGuard)
@Controller('v1/review')
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get('queue')
  @ApiOperation({
    summary: 'The review queue of your sites, filtered, sorted and paged by cursor',
    description: 'status (default flagged), site, reason, domain, entity, articleUrl, authorId, from, to (received_at, [from, to)), minScore, q, sort=score|oldest|newest, limit 1..100, cursor. Counts per status use the same filters; each is counted up to 10 000 (countsCapped: true when one reached it).',
  })
  @ApiResponse({ status: 200, description: '{ items, nextCursor, counts, countsCapped }' })
  @ApiResponse({ status: 422, ...problemResponse })
  queue(@Req() req: ModeratorRequest, @Query() query: unknown): Promise<QueuePage> {
    return this.review.queue(req.moderator, parseOrThrow(QueueQuerySchema, query, 'The query string'));
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lease the next comments of a filter to yourself: { filter?, count? 1..50, leaseSeconds? 30..900 }' })
  claim(@Req() req: ModeratorRequest, @Body() body: unknown): Promise<{ items: QueueItem[]; expiresAt: string }> {
    const { filter, count, leaseSeconds } = parseOrThrow(ClaimBodySchema, body ?? {}, 'The claim');
    return this.review.claim(req.moderator, filter, count, leaseSeconds);
  }

  @Post('release')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give back your claims on some comments: { ids }' })
  async release(@Req() req: ModeratorRequest, @Body() body: unknown): Promise<void> {
    const { ids } = parseOrThrow(ReleaseBodySchema, body, 'The release');
    await this.review.release(req.moderator, ids);
  }

  @Post('decisions')
  @HttpCode(200)
  @ApiOperation({ summary: 'One decision on up to 200 comments, each in its own transaction: { ids, action, reason?, note? }' })
  @ApiResponse({ status: 200, description: '{ results: [{ id, status, decision?, problem? }] }' })
  async decideMany(@Req() req: ModeratorRequest, @Body() body: unknown): Promise<{ results: BulkResult[] }> {
    const { ids, ...input } = parseOrThrow(BulkDecisionBodySchema, body, 'The decisions');
    return { results: await this.decisions.decideMany(req.moderator, ids, input) };
  }

  @Get('authors/:authorId')
  @ApiOperation({ summary: "An author's history on your sites: counts per status and the latest 100 comments" })
  author(@Req() req: ModeratorRequest, @Param('authorId') authorId: string, @Query() query: unknown): Promise<AuthorView> {
    const { site } = parseOrThrow(AuthorQuerySchema, query, 'The query string');
    return this.review.author(req.moderator, textParam(authorId, 'authorId'), site);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Decisions per day, median time to decision, and per rule and list entry the share of flagged comments people rejected' })
  stats(@Req() req: ModeratorRequest, @Query() query: unknown): Promise<StatsView> {
    return this.review.stats(req.moderator, parseOrThrow(StatsQuerySchema, query, 'The query string'));
  }
}
