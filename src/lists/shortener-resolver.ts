import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { request, type Agent } from 'undici';
import { analyzeCommentWithLinks, type Analysis, type AnalysisContext } from '../analysis/index.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { createGuardedAgent } from '../platform/outbound/guarded-agent.js';
import { checkOutboundUrlShape } from '../platform/outbound/ssrf-guard.js';

/** Redirects followed from a shortened link: real chains are one or two deep (t.co → bit.ly → target). */
export const MAX_REDIRECTS = 3;
/** Shortened links looked up per call (one comment); a comment with more keeps the rest unknown. */
export const MAX_URLS_PER_CALL = 10;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const CACHE_ENTRIES = 10_000;
const RESOLVED_TTL_MS = 60 * 60_000;
/** A failure may pass (a slow or rate-limiting shortener), so it is asked again sooner. */
const UNRESOLVABLE_TTL_MS = 10 * 60_000;
/** Lookups running at once in this process (a re-scoring batch can bring hundreds); the rest wait. */
const MAX_IN_FLIGHT = 64;
const USER_AGENT = 'Loupe-LinkResolver/1';

interface CacheEntry {
  /** Null: the link could not be resolved. */
  finalUrl: string | null;
  expiresAt: number;
}

/**
 * Finds where shortened links (bit.ly, t.co, …) lead, so the engine can score the target
 * (AnalysisContext.resolved). Used only when LOUPE_RESOLVE_SHORTENERS is on.
 *
 * One lookup is a chain of HEAD requests following `Location` (relative ones against the current
 * URL), http(s) only, at most MAX_REDIRECTS redirects, within LOUPE_RESOLVE_TIMEOUT_MS (2 s) for
 * the whole chain. The first answer that is not a redirect ends it, and its URL is the target; a
 * shortener that does not redirect, a longer chain, a timeout or any error leaves the link
 * unresolved. Sockets connect only to public addresses (platform's outbound SSRF guard, checked on
 * the address connected to) unless WEBHOOK_ALLOW_PRIVATE is on. Results, failures included, are kept
 * in a bounded LRU (10 000 links; 1 h, failures 10 min), and concurrent lookups of one link share
 * one chain of requests.
 */
@Injectable()
export class ShortenerResolver implements OnModuleDestroy {
  readonly enabled: boolean;
  private readonly logger = new Logger('ShortenerResolver');
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly allowPrivate: boolean;
  /** Least recently used first (a Map keeps insertion order; a hit re-inserts). */
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<string | null>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(CONFIG) config: Config) {
    this.enabled = config.LOUPE_RESOLVE_SHORTENERS;
    this.timeoutMs = config.LOUPE_RESOLVE_TIMEOUT_MS;
    this.allowPrivate = config.WEBHOOK_ALLOW_PRIVATE;
    this.agent = createGuardedAgent({ connectTimeoutMs: this.timeoutMs, allowPrivate: this.allowPrivate, keepAliveTimeoutMs: 4_000 });
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  /**
   * `analysis` of `text` (made with `context`) again with the targets of its shortener links
   * scored, or `analysis` itself when none resolved. A target found now replaces one in
   * `context.resolved`, which stays for links that do not resolve now. Never throws.
   */
  async withResolvedShorteners(text: string, context: AnalysisContext, analysis: Analysis): Promise<Analysis> {
    const urls: string[] = [];
    // A link resolved through context.resolved has its target's category in its row.
    for (const link of analysis.links) if (link.category === 'shortener' || context.resolved?.has(link.url)) urls.push(link.url);
    if (urls.length === 0) return analysis;
    const found = await this.resolve(urls);
    if (found.size === 0) return analysis;
    const resolved = new Map(context.resolved);
    for (const [url, finalUrl] of found) resolved.set(url, finalUrl);
    return analyzeCommentWithLinks(text, { ...context, resolved });
  }

  /** URL → the URL its redirects end at, for those of `urls` (the first MAX_URLS_PER_CALL distinct) that resolved. Never throws. */
  async resolve(urls: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(urls)].slice(0, MAX_URLS_PER_CALL);
    const finals = await Promise.all(unique.map((url) => this.lookup(url)));
    const resolved = new Map<string, string>();
    unique.forEach((url, i) => {
      const finalUrl = finals[i];
      if (finalUrl) resolved.set(url, finalUrl);
    });
    return resolved;
  }

  /** The clock of the cache (a test may move it). */
  protected now(): number {
    return Date.now();
  }

  private lookup(url: string): Promise<string | null> {
    const cached = this.cached(url);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.inFlight.get(url);
    if (pending !== undefined) return pending;
    const lookup = this.follow(url)
      .catch(() => null)
      .then((finalUrl) => {
        this.remember(url, finalUrl);
        this.inFlight.delete(url);
        return finalUrl;
      });
    this.inFlight.set(url, lookup);
    return lookup;
  }

  private async follow(url: string): Promise<string | null> {
    await this.acquire();
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      let current = new URL(url);
      for (let redirects = 0; ; redirects++) {
        const refused = checkOutboundUrlShape(current.href, this.allowPrivate);
        if (refused !== null) {
          this.logger.debug?.(`not resolving ${url}: ${current.href} ${refused}`);
          return null;
        }
        const target = new URL(current);
        target.hash = '';
        const res = await request(target, {
          method: 'HEAD',
          dispatcher: this.agent,
          signal,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          headers: { 'user-agent': USER_AGENT },
        });
        await res.body.dump();
        const header = res.headers.location;
        const location = Array.isArray(header) ? header[0] : header;
        if (!REDIRECT_STATUSES.has(res.statusCode) || location === undefined) {
          // A shortener that answers itself (404, 200, 405 to HEAD) says nothing about a target.
          return redirects === 0 ? null : current.href;
        }
        if (redirects === MAX_REDIRECTS) {
          this.logger.debug?.(`not resolving ${url}: more than ${MAX_REDIRECTS} redirects`);
          return null;
        }
        current = new URL(location, current);
      }
    } catch (e) {
      this.logger.debug?.(`not resolving ${url}: ${(e as Error).message}`);
      return null;
    } finally {
      this.release();
    }
  }

  private cached(url: string): string | null | undefined {
    const entry = this.cache.get(url);
    if (entry === undefined) return undefined;
    this.cache.delete(url);
    if (entry.expiresAt <= this.now()) return undefined;
    this.cache.set(url, entry);
    return entry.finalUrl;
  }

  private remember(url: string, finalUrl: string | null): void {
    this.cache.delete(url);
    if (this.cache.size >= CACHE_ENTRIES) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(url, { finalUrl, expiresAt: this.now() + (finalUrl === null ? UNRESOLVABLE_TTL_MS : RESOLVED_TTL_MS) });
  }

  private async acquire(): Promise<void> {
    if (this.running < MAX_IN_FLIGHT) {
      this.running++;
      return;
    }
    // The slot is handed over by release(): `running` stays as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.running--;
  }
}
