import { Body, Controller, createParamDecorator, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { notFound } from '../platform/http/domain-error.js';
import { parseOrThrow, uuidParam } from '../platform/http/validation.js';
import { ApiKeyGuard, type AuthenticatedRequest } from '../sites/api-key.guard.js';
import { BatchEnvelopeSchema, commentInputSchema, ExternalIdQuerySchema, MAX_BATCH, MAX_WAIT_MS, WaitQuerySchema } from './comment-input.schema.js';
import type { CommentView } from './comment.view.js';
import { CommentsService, type BatchItemResult, type IngestResult } from './comments.service.js';

const CommentBodyJsonSchema = z.toJSONSchema(commentInputSchema(20_000), { io: 'input' }) as Record<string, unknown>;
/**
 * The batch body without the global storable-text check: each item is validated on its own
 * (the same rule, in commentInputSchema), so one bad comment gets its own problem and the
 * others are still stored.
 */
const BatchBody = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => context.switchToHttp().getRequest<{ body?: unknown }>().body);

const problemResponse = { description: 'RFC 9457 problem+json', content: { 'application/problem+json': {} } };

@ApiTags('comments')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post()
  @ApiOperation({ summary: 'Submit a comment for moderation', description: 'Stored at once, analysed by a worker. Idempotent on externalId: the same text again returns the stored comment (200), a different text is 409. With ?wait=ms (≤ 5000) the answer waits for the verdict.' })
  @ApiBody({ schema: CommentBodyJsonSchema })
  @ApiQuery({ name: 'wait', required: false, description: `Milliseconds (≤ ${MAX_WAIT_MS}) to wait for the verdict` })
  @ApiResponse({ status: 202, description: 'Accepted: { id, externalId, status: "pending", links }' })
  @ApiResponse({ status: 200, description: 'The stored comment with its verdict (replay, or verdict ready within wait)' })
  @ApiResponse({ status: 409, ...problemResponse })
  @ApiResponse({ status: 422, ...problemResponse })
  async create(@Req() req: AuthenticatedRequest, @Body() body: unknown, @Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<IngestResult['body']> {
    const { wait } = parseOrThrow(WaitQuerySchema, query, 'The query string');
    const result = await this.comments.ingest(req.principal, body, wait ?? 0);
    void reply.status(result.httpStatus);
    return result.body;
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: `Submit up to ${MAX_BATCH} comments`, description: 'Body { comments: [...] }. Every item gets its own result: status 202 (new), 200 (replay), or a 4xx with a problem.' })
  @ApiResponse({ status: 200, description: '{ results: [{ index, status, id?, externalId?, comment?, problem? }] }' })
  async createBatch(@Req() req: AuthenticatedRequest, @BatchBody() body: unknown): Promise<{ results: BatchItemResult[] }> {
    const { comments } = parseOrThrow(BatchEnvelopeSchema, body, 'The batch');
    return { results: await this.comments.ingestBatch(req.principal, comments) };
  }

  @Get()
  @ApiOperation({ summary: 'Find a comment by the publisher\'s externalId' })
  @ApiQuery({ name: 'externalId', required: true })
  async findByExternalId(@Req() req: AuthenticatedRequest, @Query() query: unknown): Promise<CommentView> {
    const { externalId } = parseOrThrow(ExternalIdQuerySchema, query, 'The query string');
    return this.comments.get(req.principal, { externalId });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A comment with its verdict (null while pending) and links' })
  async findOne(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<CommentView> {
    const commentId = uuidParam(id, (shown) => notFound('comment/not_found', `There is no comment ${shown} for this site (ids are UUIDs).`));
    return this.comments.get(req.principal, { id: commentId });
  }
}
