import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseOrThrow, storableText } from '../platform/http/validation.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { AuthService, csrfTokenFor } from './auth.service.js';
import { ModeratorAuthGuard, readCookie } from './moderator-auth.guard.js';
import { SESSION_COOKIE, type Moderator, type ModeratorRequest } from './moderator.js';

// Storable text: a NUL or a lone surrogate in the e-mail is a 422 with a pointer, not a database error (500).
const LoginSchema = z.object({ email: storableText(320).pipe(z.string().min(1)), password: storableText(1000).pipe(z.string().min(1)) }).strict();

function publicUser(m: Moderator): { id: string; email: string; role: string; siteIds: string[] | null } {
  return { id: m.userId, email: m.email, role: m.role, siteIds: m.siteIds };
}

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Moderator login for API use: { email, password } → { token, expiresAt } (Bearer token)' })
  async login(@Req() req: FastifyRequest, @Body() body: unknown): Promise<{ token: string; expiresAt: string; user: ReturnType<typeof publicUser> }> {
    const { email, password } = parseOrThrow(LoginSchema, body, 'The login');
    const issued = await this.auth.login(email, password, 'api', req.ip);
    return { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user: publicUser(issued.moderator) };
  }

  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Login for the /moderate page: sets an HttpOnly, SameSite=Strict session cookie' })
  async session(@Req() req: FastifyRequest, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ csrfToken: string; user: ReturnType<typeof publicUser> }> {
    const { email, password } = parseOrThrow(LoginSchema, body, 'The login');
    const issued = await this.auth.login(email, password, 'session', req.ip);
    void reply.header('set-cookie', `${SESSION_COOKIE}=${issued.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.round((issued.expiresAt.getTime() - Date.now()) / 1000)}${this.secure(req)}`);
    return { csrfToken: issued.csrfToken, user: publicUser(issued.moderator) };
  }

  @Get('me')
  @ApiBearerAuth()
  @UseGuards(ModeratorAuthGuard)
  @ApiOperation({ summary: 'The signed-in moderator (and, for a page session, its CSRF token)' })
  me(@Req() req: ModeratorRequest): { user: ReturnType<typeof publicUser>; csrfToken?: string } {
    const cookie = req.moderator.via === 'cookie' ? readCookie(req.headers.cookie, SESSION_COOKIE) : null;
    return { user: publicUser(req.moderator), ...(cookie ? { csrfToken: csrfTokenFor(cookie) } : {}) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(ModeratorAuthGuard)
  async logout(@Req() req: ModeratorRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = req.moderator.via === 'cookie' ? readCookie(req.headers.cookie, SESSION_COOKIE) : /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
    if (token) await this.auth.logout(token);
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${this.secure(req)}`);
  }

  /**
   * `; Secure` when the page was reached over HTTPS: TLS here, or a trusted proxy's
   * X-Forwarded-Proto (request.protocol honours it only with LOUPE_TRUST_PROXY). Always in
   * production, where a proxy that is not configured as trusted must not cost the flag.
   */
  private secure(req: FastifyRequest): string {
    return req.protocol === 'https' || this.config.NODE_ENV === 'production' ? '; Secure' : '';
  }
}
