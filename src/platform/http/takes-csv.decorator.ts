import { RouteConfig } from '@nestjs/platform-fastify';

const TAKES_CSV = 'loupeTakesCsv';

/**
 * Marks the one route whose body may be text/csv (a list import). Every other route refuses
 * text/csv before reading a byte of it (see registerStrictJsonParser).
 */
export const TakesCsv = (): MethodDecorator => RouteConfig({ [TAKES_CSV]: true });

/** Whether a route's Fastify config (`request.routeOptions.config`) carries the mark. */
export function takesCsv(config: unknown): boolean {
  return typeof config === 'object' && config !== null && (config as Record<string, unknown>)[TAKES_CSV] === true;
}
