import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../platform/http/domain-error.js';
import { AuthService, csrfTokenFor } from './auth.service.js';
import { CSRF_HEADER, SESSION_COOKIE, type ModeratorRequest, type Role } from './moderator.js';

const ROLES = 'loupe:roles';
/** Restricts a handler to some roles (default: any signed-in moderator). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed escape (`%E0%A4%A`) is no cookie at all: the request is unauthenticated (401), not an error (500).
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The token a request carries: a bearer API token, else the page's session cookie. */
export function readCredentials(headers: { authorization?: string; cookie?: string }): { token: string; via: 'bearer' | 'cookie' } | null {
  const bearer = /^Bearer\s+(lpm_\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = readCookie(headers.cookie, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

export function unauthorized(detail: string): DomainError {
  return new DomainError('auth/unauthorized', 401, 'Unauthorized', detail, undefined, { 'www-authenticate': 'Bearer realm="loupe-review"' });
}

/**
 * Moderators: `Authorization: Bearer lpm_…` (API tokens from POST /v1/auth/login) or the
 * session cookie of the web page. A cookie-authenticated request that changes state must also
 * send the session's CSRF token in X-CSRF-Token (on top of SameSite=Strict).
 */
@Injectable()
export class ModeratorAuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ModeratorRequest>();
    const credentials = readCredentials(request.headers);
    if (!credentials) throw unauthorized('Sign in: send "Authorization: Bearer <token>" (POST /v1/auth/login) or use the /moderate page.');
    const moderator = await this.auth.authenticate(credentials.token, credentials.via);
    if (!moderator) throw unauthorized('The token or session is unknown, expired or revoked; sign in again.');
    if (credentials.via === 'cookie' && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== csrfTokenFor(credentials.token)) {
      throw new DomainError('auth/csrf', 403, 'Forbidden', `A request from the page must carry its ${CSRF_HEADER} header.`);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(moderator.role)) throw new DomainError('auth/forbidden', 403, 'Forbidden', `This needs the role ${roles.join(' or ')}.`);
    request.moderator = moderator;
    return true;
  }
}
