import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { DomainError, notFound } from '../platform/http/domain-error.js';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key.js';
import { SitesRepository, type ApiKeyRow, type SiteRow } from './sites.repository.js';

export interface Principal {
  siteId: string;
  keyId: string;
}

// Revocation in another process takes effect within this time; in this process at once.
const KEY_CACHE_MS = 10_000;

@Injectable()
export class SitesService {
  private readonly keyCache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly repository: SitesRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async createSite(name: string): Promise<SiteRow> {
    if (await this.repository.findSite(name)) throw new DomainError('site/exists', 409, 'Site exists', `A site named "${name}" already exists.`);
    return this.repository.createSite(name);
  }

  async requireSite(idOrName: string): Promise<SiteRow> {
    const site = await this.repository.findSite(idOrName);
    if (!site) throw notFound('site/not_found', `There is no site "${idOrName}".`);
    return site;
  }

  /** The key is returned once, here; only its hash is stored. */
  async createKey(siteIdOrName: string, name = 'default'): Promise<{ site: SiteRow; key: string; row: ApiKeyRow }> {
    const site = await this.requireSite(siteIdOrName);
    const key = generateApiKey();
    const row = await this.repository.insertKey(site.id, name, displayPrefix(key), hashApiKey(key));
    return { site, key, row };
  }

  listKeys(siteId: string): Promise<ApiKeyRow[]> {
    return this.repository.listKeys(siteId);
  }

  async revokeKey(idOrPrefix: string): Promise<ApiKeyRow> {
    const row = await this.repository.revokeKey(idOrPrefix);
    if (!row) throw notFound('key/not_found', `There is no API key "${idOrPrefix}".`);
    this.keyCache.clear();
    return row;
  }

  /** On an empty database: the default site and a key for it, so the first start is usable. */
  async ensureDefaultSite(): Promise<{ site: SiteRow; key: string } | null> {
    if ((await this.repository.countSites()) > 0) return null;
    const site = await this.repository.createSite(this.config.LOUPE_DEFAULT_SITE);
    const { key } = await this.createKey(site.id, 'created on first start');
    return { site, key };
  }

  /** Resolves a bearer key to its site; null when unknown or revoked. Cached briefly: every request asks. */
  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const cached = this.keyCache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const row = await this.repository.findActiveKeyByHash(hash);
    const principal = row ? { siteId: row.siteId, keyId: row.id } : null;
    if (this.keyCache.size > 10_000) this.keyCache.clear();
    this.keyCache.set(hash, { principal, until: now + KEY_CACHE_MS });
    return principal;
  }
}
