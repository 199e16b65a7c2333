import { Injectable } from '@nestjs/common';
import { PrismaService } from '../platform/prisma.service.js';
import type { Role } from './moderator.js';

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  disabledAt: Date | null;
  siteIds: string[];
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  async createUser(email: string, passwordHash: string, role: Role, siteIds: string[]): Promise<UserRow> {
    const user = await this.prisma.client.user.create({
      data: { email, passwordHash, role, sites: { create: siteIds.map((siteId) => ({ siteId })) } },
    });
    return { ...user, siteIds };
  }

  countUsers(): Promise<number> {
    return this.prisma.client.user.count();
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    const user = await this.prisma.client.user.findUnique({ where: { email }, include: { sites: { select: { siteId: true } } } });
    return user ? { ...user, siteIds: user.sites.map((s) => s.siteId) } : null;
  }

  insertToken(userId: string, kind: 'session' | 'api', hash: string, expiresAt: Date): Promise<unknown> {
    return this.prisma.client.authToken.create({ data: { userId, kind, hash, expiresAt } });
  }

  async findActiveToken(hash: string): Promise<{ kind: 'session' | 'api'; user: UserRow } | null> {
    const token = await this.prisma.client.authToken.findFirst({
      where: { hash, revokedAt: null, expiresAt: { gt: new Date() }, user: { disabledAt: null } },
      include: { user: { include: { sites: { select: { siteId: true } } } } },
    });
    if (!token) return null;
    const { sites, ...user } = token.user;
    return { kind: token.kind, user: { ...user, siteIds: sites.map((s) => s.siteId) } };
  }

  async revokeToken(hash: string): Promise<void> {
    await this.prisma.client.authToken.updateMany({ where: { hash, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
