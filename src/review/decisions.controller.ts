import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ModeratorAuthGuard } from '../auth/moderator-auth.guard.js';
import type { ModeratorRequest } from '../auth/moderator.js';
import { parseOrThrow } from '../comments/comment-input.schema.js';
import { notFound } from '../platform/http/domain-error.js';
import { DecisionsService } from './decisions.service.js';
import { DecisionBodySchema } from './queue-filter.schema.js';
import type { AuditEntry, QueueItem } from './queue-item.view.js';
import { isUuid } from '../platform/uuid.js';

const problemResponse = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };

function commentId(id: string): string {
  if (!isUuid(id)) throw notFound('comment/not_found', `There is no comment ${id} among your sites (ids are UUIDs).`);
  return id;
}

@ApiTags('review')
@ApiBearerAuth()
@UseGuards(ModeratorAuthGuard)
@Controller('v1')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('comments/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: "A moderator's decision: { action: approve|reject|escalate, reason? (required to reject), note? }" })
  @ApiResponse({ status: 200, description: '{ comment, decision }' })
  @ApiResponse({ status: 404, ...problemResponse })
  @ApiResponse({ status: 409, description: 'review/claimed: another moderator holds the comment', content: problemResponse.content })
  @ApiResponse({ status: 422, ...problemResponse })
  decide(@Req() req: ModeratorRequest, @Param('id') id: string, @Body() body: unknown): Promise<{ comment: QueueItem; decision: AuditEntry }> {
    const input = parseOrThrow(DecisionBodySchema, body, 'The decision');
    return this.decisions.decide(req.moderator, commentId(id), input);
  }

  @Get('comments/:id/audit')
  @ApiOperation({ summary: "A comment's audit trail, oldest first" })
  audit(@Req() req: ModeratorRequest, @Param('id') id: string): Promise<{ items: AuditEntry[] }> {
    return this.decisions.audit(req.moderator, commentId(id));
  }

  @Post('decisions/:decisionId/undo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take back your latest decision on a comment within 10 minutes' })
  @ApiResponse({ status: 403, ...problemResponse })
  @ApiResponse({ status: 409, description: 'review/undo_expired or review/not_latest', content: problemResponse.content })
  undo(@Req() req: ModeratorRequest, @Param('decisionId') decisionId: string): Promise<{ comment: QueueItem; decision: AuditEntry }> {
    if (!isUuid(decisionId)) throw notFound('review/decision_not_found', `There is no decision ${decisionId} (ids are UUIDs).`);
    return this.decisions.undo(req.moderator, decisionId);
  }
}
