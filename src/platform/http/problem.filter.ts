import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem, type ProblemContext } from './problem.js';

/** The one place that turns any error into an RFC 9457 problem+json response. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(private readonly context: ProblemContext) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(error, request, reply, this.context, this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, context: ProblemContext, logger: Logger): void {
  const { body, headers, unexpected } = toProblem(error, { instance: request.url.split('?')[0] ?? request.url, requestId: String(request.id) }, context);
  if (unexpected) logger.error({ err: error, requestId: request.id }, 'unexpected error');
  else if (body.status === 503) logger.warn({ err: error, requestId: request.id }, body.detail);
  void reply.status(body.status).headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE }).send(JSON.stringify(body));
}
