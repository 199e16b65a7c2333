import type { FastifyRequest } from 'fastify';

export type Role = 'admin' | 'moderator';

/** Who is calling a review endpoint. `siteIds` null: every site (admins). */
export interface Moderator {
  userId: string;
  email: string;
  role: Role;
  siteIds: string[] | null;
  /** How the request was authenticated; cookie sessions must carry the CSRF header to change state. */
  via: 'bearer' | 'cookie';
}

export type ModeratorRequest = FastifyRequest & { moderator: Moderator };

export const SESSION_COOKIE = 'loupe_session';
export const CSRF_HEADER = 'x-csrf-token';

/** True when `siteId` is one of the moderator's sites. */
export function canSeeSite(moderator: Moderator, siteId: string): boolean {
  return moderator.siteIds === null || moderator.siteIds.includes(siteId);
}
