import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { DomainError } from '../platform/http/domain-error.js';
import { RateLimiter } from './rate-limiter.js';
import { SitesService, type Principal } from './sites.service.js';

export type AuthenticatedRequest = FastifyRequest & { principal: Principal };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function unauthorized(detail: string): DomainError {
  return new DomainError('auth/unauthorized', 401, 'Unauthorized', detail, undefined, { 'www-authenticate': 'Bearer realm="loupe"' });
}

/** `Authorization: Bearer <key>` → the key's site, then the key's rate limit. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly sites: SitesService,
    @Inject(CONFIG) config: Config,
  ) {
    this.limiter = new RateLimiter(config.LOUPE_RATE_LIMIT_PER_SECOND, config.LOUPE_RATE_LIMIT_BURST);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw unauthorized('Send your site\'s API key as "Authorization: Bearer <key>".');
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('The Authorization header must have the form "Bearer <key>".');
    const principal = await this.sites.authenticate(match[1] as string);
    if (!principal) throw unauthorized('This API key is unknown or has been revoked.');
    const wait = this.limiter.take(principal.keyId);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw new DomainError('rate/limited', 429, 'Too many requests', `This API key is over its rate limit; retry in ${seconds} s.`, undefined, { 'retry-after': String(seconds) });
    }
    request.principal = principal;
    return true;
  }
}
