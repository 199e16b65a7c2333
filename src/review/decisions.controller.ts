import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ModeratorAuthGuard } from '../auth/moderator-auth.guard.js';
import type { ModeratorRequest } from '../auth/moderator.js';
import { notFound } from '../platform/http/domain-error.js';
import { parseOrThrow, uuidParam } from '../platform/http/validation.js';
import { DecisionsService } from './decisions.service.js';
import { DecisionBodySchema } from './queue-filter.schema.js';
import type { AuditEntry, QueueItem } from './queue-item.view.js';

const problemResponse = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };

function commentId(id: string): string {
  return uuidParam(id, (shown) => notFound('comment/not_found', `There is no comment ${shown} among your sites (ids are UUIDs).`));
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
    const id = uuidParam(decisionId, (shown) => notFound('review/decision_not_found', `There is no decision ${shown} (ids are UUIDs).`));
    return this.decisions.undo(req.moderator, id);
  }
}
