import { Injectable } from '@nestjs/common';
import type { Moderator } from '../auth/moderator.js';
import { scopeFor } from '../review/review.service.js';
import { resolveWindow, type DomainQuery, type TopQuery, type Window } from './domains-query.schema.js';
import { DomainsRepository, RISING_FACTOR, RISING_MIN_COMMENTS, type DomainCountsRow, type ExampleRow, type HostRow, type ListedRow } from './domains.repository.js';
import { excerptAround } from './excerpt.js';

export interface DomainCounts {
  domain: string;
  /** List entities (e.g. "RT DE") of the domain's links in the window. */
  entities: string[];
  /** Comments in the window linking the domain at least once. */
  comments: number;
  links: number;
  /** Of those comments, the ones whose automatic verdict was review or reject. */
  flagged: number;
  /** The list entry that matched the domain's most recent link in the window; null: not listed. */
  listed: ListedRow | null;
  /** Comments in the same-length window just before `since`. */
  previousComments: number;
  /** comments / max(previousComments, 1), rounded to two decimals. */
  growth: number;
  rising: boolean;
}

export interface RisingRule {
  unlistedOnly: true;
  minComments: number;
  minGrowth: number;
  description: string;
}

export interface WindowMeta {
  since: string;
  until: string;
  previousSince: string;
  risingRule: RisingRule;
}

export interface TopDomainsView {
  items: DomainCounts[];
  meta: WindowMeta;
}

export interface DomainExample {
  id: string;
  siteId: string;
  externalId: string;
  receivedAt: string;
  status: string;
  verdictAction: string | null;
  /** The comment's links to this domain, in text order. */
  urls: string[];
  /** At most 280 characters of the text around the first of those links. */
  excerpt: string;
}

export interface DomainDetailView extends DomainCounts {
  /** Hosts of the domain seen in the window (www.…, de.…), most links first. */
  hosts: HostRow[];
  /** The newest comments of the window linking the domain (at most 20). */
  examples: DomainExample[];
  meta: WindowMeta;
}

/** The rule as clients read it in every response's meta (see RISING_MIN_COMMENTS). */
export const RISING_RULE: RisingRule = {
  unlistedOnly: true,
  minComments: RISING_MIN_COMMENTS,
  minGrowth: RISING_FACTOR,
  description:
    `A domain is rising when no list matched its most recent link in the window, at least ${RISING_MIN_COMMENTS} comments of the window link it, ` +
    `and that is at least ${RISING_FACTOR} times previousComments (the comments linking it in the same-length window before since).`,
};

function meta(window: Window): WindowMeta {
  return { since: window.since.toISOString(), until: window.until.toISOString(), previousSince: window.previousSince.toISOString(), risingRule: RISING_RULE };
}

function countsView(row: DomainCountsRow): DomainCounts {
  return {
    domain: row.domain,
    entities: row.entities,
    comments: row.comments,
    links: row.links,
    flagged: row.flagged,
    listed: row.listed,
    previousComments: row.previous,
    growth: Math.round(row.growth * 100) / 100,
    rising: row.rising,
  };
}

function exampleView(row: ExampleRow): DomainExample {
  return {
    id: row.id,
    siteId: row.site_id,
    externalId: row.external_id,
    receivedAt: new Date(row.received_at).toISOString(),
    status: row.status,
    verdictAction: row.verdict_action,
    urls: row.urls ?? [],
    excerpt: excerptAround(row.head, row.start, row.end, row.more),
  };
}

@Injectable()
export class DomainsService {
  constructor(private readonly repository: DomainsRepository) {}

  async top(moderator: Moderator, query: TopQuery): Promise<TopDomainsView> {
    const window = resolveWindow(query, new Date());
    const scope = scopeFor(moderator, query.siteId);
    const rows = await this.repository.top(scope, window, query.limit, query.rising);
    return { items: rows.map(countsView), meta: meta(window) };
  }

  async detail(moderator: Moderator, domain: string, query: DomainQuery): Promise<DomainDetailView> {
    const window = resolveWindow(query, new Date());
    const scope = scopeFor(moderator, query.siteId);
    const row = await this.repository.detail(scope, window, domain);
    return { ...countsView(row), hosts: row.hosts, examples: row.examples.map(exampleView), meta: meta(window) };
  }
}
