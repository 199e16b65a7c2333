import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ModeratorAuthGuard, Roles } from '../auth/moderator-auth.guard.js';
import type { ModeratorRequest } from '../auth/moderator.js';
import { parseOrThrow } from '../platform/http/validation.js';
import { CreateListWithFeedSchema, SubscriptionInputSchema } from './subscription-input.schema.js';
import type { ListView } from '../lists/lists-admin.service.js';
import { SubscriptionsService, type RefreshResult, type SubscriptionView } from './subscriptions.service.js';

const problem = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };

/** A list kept from a feed: admins only. */
@ApiTags('lists')
@ApiBearerAuth()
@UseGuards(ModeratorAuthGuard)
@Roles('admin')
@Controller('v1')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post('lists')
  @ApiOperation({
    summary: 'Create a list: { id, name, description?, source?, license?, subscription?: { url, format: csv|json, refresh: "6h", token? } }',
    description: 'With `subscription` the list is kept from that feed (see PUT /v1/lists/{id}/subscription): the first fetch comes with the next scheduler run. The list and its subscription are validated together; neither is created when one is invalid.',
  })
  @ApiResponse({ status: 409, ...problem })
  @ApiResponse({ status: 422, ...problem })
  create(@Req() req: ModeratorRequest, @Body() body: unknown): Promise<ListView & { subscription: SubscriptionView | null }> {
    return this.subscriptions.createList(parseOrThrow(CreateListWithFeedSchema, body, 'The list'), req.moderator.email);
  }

  @Get('list-subscriptions')
  @ApiOperation({ summary: 'Every subscribed list with the state of its feed' })
  async all(): Promise<{ items: SubscriptionView[] }> {
    return { items: await this.subscriptions.all() };
  }

  @Get('lists/:id/subscription')
  @ApiOperation({ summary: "A list's feed: url, format, refresh, last fetch, outcome and error" })
  @ApiResponse({ status: 404, ...problem })
  get(@Param('id') id: string): Promise<SubscriptionView> {
    return this.subscriptions.get(id);
  }

  @Put('lists/:id/subscription')
  @ApiOperation({
    summary: 'Subscribe a list to a feed: { url, format: csv|json, refresh: "6h" }',
    description: 'The feed is another Loupe\'s export (GET /v1/lists/{id}/export) or any file in the import format. It is fetched at once and then every `refresh`, with ETag / If-Modified-Since, and applied as a new revision (replacing the entries) only when it is valid; otherwise the list keeps its last good revision and the error is recorded.',
  })
  @ApiResponse({ status: 422, ...problem })
  put(@Req() req: ModeratorRequest, @Param('id') id: string, @Body() body: unknown): Promise<SubscriptionView> {
    return this.subscriptions.put(id, parseOrThrow(SubscriptionInputSchema, body, 'The subscription'), req.moderator.email);
  }

  @Post('lists/:id/subscription/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fetch the feed now: outcome applied, unchanged, invalid, unreachable or too_large' })
  refresh(@Param('id') id: string): Promise<RefreshResult & { subscription: SubscriptionView }> {
    return this.subscriptions.refresh(id);
  }

  @Delete('lists/:id/subscription')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop following the feed; the list keeps its entries' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.subscriptions.remove(id);
  }
}
