import { Injectable } from '@nestjs/common';
import { PrismaService } from '../platform/prisma.service.js';
import { isUuid } from '../platform/uuid.js';

export interface SiteRow {
  id: string;
  name: string;
  createdAt: Date;
}

export interface ApiKeyRow {
  id: string;
  siteId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

@Injectable()
export class SitesRepository {
  constructor(private readonly prisma: PrismaService) {}

  createSite(name: string): Promise<SiteRow> {
    return this.prisma.client.site.create({ data: { name } });
  }

  /** By id (uuid) or by name. */
  findSite(idOrName: string): Promise<SiteRow | null> {
    return this.prisma.client.site.findFirst({ where: isUuid(idOrName) ? { OR: [{ id: idOrName }, { name: idOrName }] } : { name: idOrName } });
  }

  countSites(): Promise<number> {
    return this.prisma.client.site.count();
  }

  insertKey(siteId: string, name: string, prefix: string, hash: string): Promise<ApiKeyRow> {
    return this.prisma.client.apiKey.create({ data: { siteId, name, prefix, hash }, omit: { hash: true } });
  }

  listKeys(siteId: string): Promise<ApiKeyRow[]> {
    return this.prisma.client.apiKey.findMany({ where: { siteId }, omit: { hash: true }, orderBy: { createdAt: 'asc' } });
  }

  async revokeKey(idOrPrefix: string): Promise<ApiKeyRow | null> {
    const key = await this.prisma.client.apiKey.findFirst({
      where: isUuid(idOrPrefix) ? { id: idOrPrefix } : { prefix: idOrPrefix },
      omit: { hash: true },
    });
    if (!key) return null;
    return this.prisma.client.apiKey.update({ where: { id: key.id }, data: { revokedAt: key.revokedAt ?? new Date() }, omit: { hash: true } });
  }

  findActiveKeyByHash(hash: string): Promise<{ id: string; siteId: string } | null> {
    return this.prisma.client.apiKey.findFirst({ where: { hash, revokedAt: null }, select: { id: true, siteId: true } });
  }
}
