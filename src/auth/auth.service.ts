import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { DomainError } from '../platform/http/domain-error.js';
import { RateLimiter } from '../sites/rate-limiter.js';
import type { Moderator, Role } from './moderator.js';
import { hashPassword, verifyPassword } from './password.js';
import { UsersRepository, type UserRow } from './users.repository.js';

const SESSION_TTL_MS = 12 * 3_600_000;
const API_TOKEN_TTL_MS = 30 * 24 * 3_600_000;
// Against password guessing: failed attempts per e-mail address and client together (10 at once,
// then one every 10 s), and per client across all accounts (LOUPE_LOGIN_ATTEMPTS_PER_CLIENT at
// once, then one every 10 s). Never per account alone: a stranger's guesses would then lock the
// account's owner out; they lock only the stranger's own address.
const LOGIN_BURST_PER_ACCOUNT = 10;
const LOGIN_RATE = 0.1;
const DEFAULT_ATTEMPTS_PER_CLIENT = 30;
/** The client of logins that do not come over HTTP (the CLI, tests calling the service). */
export const LOCAL_CLIENT = 'local';
const MIN_PASSWORD_LENGTH = 10;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  csrfToken: string;
  moderator: Moderator;
}

/** The CSRF token of a session: derived from it, so nothing more is stored and it dies with it. */
export function csrfTokenFor(sessionToken: string): string {
  return sha256(`csrf:${sessionToken}`);
}

function toModerator(user: UserRow, via: Moderator['via']): Moderator {
  return { userId: user.id, email: user.email, role: user.role, siteIds: user.role === 'admin' ? null : user.siteIds, via };
}

let dummy: Promise<string> | undefined;

/** An Argon2id hash of a random password, made once per process, for logins to unknown accounts. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

function tooManyAttempts(wait: number, whose: string): DomainError {
  const seconds = Math.max(1, Math.ceil(wait));
  return new DomainError('auth/too_many_attempts', 429, 'Too many login attempts', `Too many failed login attempts ${whose}; retry in ${seconds} s.`, undefined, { 'retry-after': String(seconds) });
}

@Injectable()
export class AuthService {
  private readonly accountLimiter = new RateLimiter(LOGIN_RATE, LOGIN_BURST_PER_ACCOUNT);
  private readonly clientLimiter: RateLimiter;

  constructor(
    private readonly users: UsersRepository,
    @Optional() @Inject(CONFIG) config?: Config,
  ) {
    this.clientLimiter = new RateLimiter(LOGIN_RATE, config?.LOUPE_LOGIN_ATTEMPTS_PER_CLIENT ?? DEFAULT_ATTEMPTS_PER_CLIENT);
  }

  async createUser(email: string, password: string, role: Role, siteIds: string[]): Promise<UserRow> {
    const normalized = email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(normalized)) throw new DomainError('user/invalid_email', 422, 'Invalid e-mail', `"${email}" is not an e-mail address.`);
    if (password.length < MIN_PASSWORD_LENGTH) throw new DomainError('user/weak_password', 422, 'Weak password', `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (await this.users.findByEmail(normalized)) throw new DomainError('user/exists', 409, 'User exists', `A user ${normalized} already exists.`);
    return this.users.createUser(normalized, await hashPassword(password), role, siteIds);
  }

  hasUsers(): Promise<boolean> {
    return this.users.countUsers().then((n) => n > 0);
  }

  /**
   * Checks the password and issues a session (cookie) or API (bearer) token. `client` is the
   * caller's address (request.ip: the proxy's client only with LOUPE_TRUST_PROXY).
   */
  async login(email: string, password: string, kind: 'session' | 'api', client: string = LOCAL_CLIENT): Promise<IssuedToken> {
    const normalized = email.trim().toLowerCase();
    const pair = `${client}\n${normalized}`;
    const clientWait = this.clientLimiter.peek(client);
    if (clientWait > 0) throw tooManyAttempts(clientWait, 'from your address');
    const pairWait = this.accountLimiter.peek(pair);
    if (pairWait > 0) throw tooManyAttempts(pairWait, 'for this account from your address');
    const user = await this.users.findByEmail(normalized);
    // Same answer and the same work for an unknown account, a disabled one and a wrong password:
    // an unknown account's password is checked against a dummy hash, so the time does not tell
    // which accounts exist (without it a wrong password for a known account took about 5× longer).
    const checked = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    const valid = user !== null && user.disabledAt === null && checked;
    if (!user || !valid) {
      this.accountLimiter.take(pair);
      this.clientLimiter.take(client);
      throw new DomainError('auth/invalid_credentials', 401, 'Login failed', 'The e-mail address or the password is wrong.');
    }
    const token = `lpm_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + (kind === 'session' ? SESSION_TTL_MS : API_TOKEN_TTL_MS));
    await this.users.insertToken(user.id, kind, sha256(token), expiresAt);
    return { token, expiresAt, csrfToken: csrfTokenFor(token), moderator: toModerator(user, kind === 'session' ? 'cookie' : 'bearer') };
  }

  async authenticate(token: string, via: Moderator['via']): Promise<Moderator | null> {
    const found = await this.users.findActiveToken(sha256(token));
    // A session token only works as a cookie and an API token only as a bearer.
    if (!found || (found.kind === 'session') !== (via === 'cookie')) return null;
    return toModerator(found.user, via);
  }

  logout(token: string): Promise<void> {
    return this.users.revokeToken(sha256(token));
  }
}
