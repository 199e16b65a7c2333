import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { DomainError } from '../platform/http/domain-error.js';
import { lingerAfterAnswer } from '../platform/http/lingering-close.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../platform/http/problem.js';
import { AuthService } from './auth.service.js';
import { readCredentials, unauthorized } from './moderator-auth.guard.js';

const CSV = /^\s*text\/csv\s*(;|$)/i;

type RawRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/**
 * A text/csv body (list imports, up to 16 MB) is read only for a signed-in admin. Nest
 * middleware runs in Fastify's onRequest, before the body is read: anyone else gets the 401 or
 * 403 at once and the connection is closed, so the body they send is never buffered.
 */
@Injectable()
export class CsvBodyAuthMiddleware implements NestMiddleware {
  constructor(
    private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async use(req: RawRequest, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    if (!CSV.test(req.headers['content-type'] ?? '')) return next();
    const refusal = await this.refusal(req);
    if (!refusal) return next();
    const requestId = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : randomUUID();
    const url = req.originalUrl ?? req.url ?? '/';
    // A DomainError's problem does not depend on the context; it is given for the signature.
    const { body, headers } = toProblem(refusal, { instance: url.split('?')[0] ?? url, requestId }, { bodyLimit: this.config.LOUPE_BODY_LIMIT_BYTES, docs: false });
    lingerAfterAnswer(req.socket);
    res.writeHead(body.status, { ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'x-request-id': requestId, connection: 'close' });
    res.end(JSON.stringify(body));
  }

  private async refusal(req: RawRequest): Promise<DomainError | null> {
    const credentials = readCredentials(req.headers);
    const moderator = credentials ? await this.auth.authenticate(credentials.token, credentials.via) : null;
    if (!moderator) return unauthorized('A text/csv body (a list import) is accepted only from a signed-in admin: send "Authorization: Bearer <token>" (POST /v1/auth/login).');
    if (moderator.role !== 'admin') return new DomainError('auth/forbidden', 403, 'Forbidden', 'A text/csv body (a list import) needs the role admin.');
    return null;
  }
}
