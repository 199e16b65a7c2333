import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../platform/prisma.service.js';

export interface EndpointRow {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  description: string | null;
  failingSince: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EndpointChanges {
  url?: string;
  eventTypes?: string[];
  enabled?: boolean;
  description?: string | null;
}

// Never the secrets: they leave the database only in the delivery worker's claim.
const COLUMNS = `id, url, event_types AS "eventTypes", enabled, description, failing_since AS "failingSince",
  disabled_at AS "disabledAt", disabled_reason AS "disabledReason", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Webhook endpoints, always scoped to one site: another site's endpoint does not exist. */
@Injectable()
export class EndpointsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(siteId: string, input: Required<EndpointChanges> & { secret: string }): Promise<EndpointRow> {
    const { rows } = await this.prisma.pool.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (id, site_id, url, event_types, enabled, description, secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [randomUUID(), siteId, input.url, input.eventTypes, input.enabled, input.description, input.secret],
    );
    return rows[0] as EndpointRow;
  }

  async list(siteId: string): Promise<EndpointRow[]> {
    const { rows } = await this.prisma.pool.query<EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE site_id = $1 ORDER BY created_at, id`, [siteId]);
    return rows;
  }

  async get(siteId: string, id: string): Promise<EndpointRow | null> {
    const { rows } = await this.prisma.pool.query<EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE site_id = $1 AND id = $2`, [siteId, id]);
    return rows[0] ?? null;
  }

  /** Enabling again clears the disablement and the run of failures behind it. */
  async update(siteId: string, id: string, changes: EndpointChanges): Promise<EndpointRow | null> {
    const { rows } = await this.prisma.pool.query<EndpointRow>(
      `UPDATE webhook_endpoints SET
         url = coalesce($3, url),
         event_types = coalesce($4, event_types),
         enabled = coalesce($5, enabled),
         description = CASE WHEN $6 THEN $7 ELSE description END,
         disabled_at = CASE WHEN $5 IS TRUE THEN NULL ELSE disabled_at END,
         disabled_reason = CASE WHEN $5 IS TRUE THEN NULL ELSE disabled_reason END,
         failing_since = CASE WHEN $5 IS TRUE THEN NULL ELSE failing_since END,
         updated_at = now()
       WHERE site_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [siteId, id, changes.url ?? null, changes.eventTypes ?? null, changes.enabled ?? null, changes.description !== undefined, changes.description ?? null],
    );
    return rows[0] ?? null;
  }

  async delete(siteId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.prisma.pool.query(`DELETE FROM webhook_endpoints WHERE site_id = $1 AND id = $2`, [siteId, id]);
    return (rowCount ?? 0) > 0;
  }

  /** The current secret becomes the previous one, signing alongside the new one for `overlapMs`. */
  async rotate(siteId: string, id: string, secret: string, overlapMs: number): Promise<Date | null> {
    const { rows } = await this.prisma.pool.query<{ until: Date }>(
      `UPDATE webhook_endpoints SET previous_secret = secret, secret = $3,
         previous_secret_until = now() + $4::int8 * interval '1 millisecond', updated_at = now()
       WHERE site_id = $1 AND id = $2 RETURNING previous_secret_until AS until`,
      [siteId, id, secret, overlapMs],
    );
    return rows[0]?.until ?? null;
  }
}
