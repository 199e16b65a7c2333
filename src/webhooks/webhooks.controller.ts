import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { notFound } from '../platform/http/domain-error.js';
import { parseOrThrow, uuidParam } from '../platform/http/validation.js';
import { ApiKeyGuard, type AuthenticatedRequest } from '../sites/api-key.guard.js';
import { AttemptLogQuerySchema, CreateEndpointSchema, RecoverQuerySchema, UpdateEndpointSchema } from './endpoint-input.schema.js';
import type { AttemptView, EndpointView } from './webhook-endpoint.view.js';
import { WebhooksService } from './webhooks.service.js';

const problemResponse = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };

function endpointId(id: string): string {
  return uuidParam(id, (shown) => notFound('webhook/endpoint_not_found', `There is no webhook endpoint ${shown} for this site (ids are UUIDs).`));
}

@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('endpoints')
  @ApiOperation({ summary: 'Add an endpoint: { url, eventTypes?, enabled?, description? }; the answer holds its secret, shown only this once' })
  @ApiResponse({ status: 201, description: '{ id, url, eventTypes, enabled, description, secret, createdAt, ... }' })
  @ApiResponse({ status: 422, ...problemResponse })
  create(@Req() req: AuthenticatedRequest, @Body() body: unknown): Promise<EndpointView & { secret: string }> {
    return this.webhooks.create(req.principal.siteId, parseOrThrow(CreateEndpointSchema, body, 'The endpoint'));
  }

  @Get('endpoints')
  @ApiOperation({ summary: "The site's endpoints (without secrets)" })
  list(@Req() req: AuthenticatedRequest): Promise<{ items: EndpointView[] }> {
    return this.webhooks.list(req.principal.siteId);
  }

  @Get('endpoints/:id')
  @ApiResponse({ status: 404, ...problemResponse })
  get(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<EndpointView> {
    return this.webhooks.get(req.principal.siteId, endpointId(id));
  }

  @Patch('endpoints/:id')
  @ApiOperation({ summary: 'Change url, eventTypes, enabled or description; enabling again clears a disablement' })
  update(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown): Promise<EndpointView> {
    return this.webhooks.update(req.principal.siteId, endpointId(id), parseOrThrow(UpdateEndpointSchema, body, 'The change'));
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  async delete(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<void> {
    await this.webhooks.delete(req.principal.siteId, endpointId(id));
  }

  @Post('endpoints/:id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret; the previous one keeps signing (a second signature) until previousSecretValidUntil' })
  rotate(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<{ secret: string; previousSecretValidUntil: string }> {
    return this.webhooks.rotateSecret(req.principal.siteId, endpointId(id));
  }

  @Get('endpoints/:id/deliveries')
  @ApiOperation({ summary: 'Every attempt, newest first: ?eventType=&success=true|false&from=&to=&limit=&cursor=' })
  attempts(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Query() query: unknown): Promise<{ items: AttemptView[]; nextCursor: string | null }> {
    return this.webhooks.attempts(req.principal.siteId, endpointId(id), parseOrThrow(AttemptLogQuerySchema, query, 'The query string'));
  }

  @Post('endpoints/:id/recover')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send every failed delivery created since ?since=ISO again' })
  recover(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Query() query: unknown): Promise<{ recovered: number }> {
    const { since } = parseOrThrow(RecoverQuerySchema, query, 'The query string');
    return this.webhooks.recover(req.principal.siteId, endpointId(id), since);
  }

  @Post('endpoints/:id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a webhook.test event to this endpoint only' })
  test(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<{ eventId: string; deliveryId: string }> {
    return this.webhooks.test(req.principal.siteId, endpointId(id));
  }

  @Post('deliveries/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'A new attempt of a delivery now (same webhook-id)' })
  retry(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<{ deliveryId: string }> {
    const deliveryId = uuidParam(id, (shown) => notFound('webhook/delivery_not_found', `There is no webhook delivery ${shown} for this site (ids are UUIDs).`));
    return this.webhooks.retry(req.principal.siteId, deliveryId);
  }
}
