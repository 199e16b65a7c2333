import { validationError } from '../platform/http/domain-error.js';
import type { QueueSort } from './queue-filter.schema.js';
import { isUuid } from '../platform/uuid.js';

/** Where a page ended: the sort keys of its last item. `key` is the score sort key (null for the date sorts). */
export interface QueueCursor {
  sort: QueueSort;
  key: number | null;
  receivedAt: Date;
  id: string;
}

/** Opaque to clients: base64url JSON, so nothing in it is a promise about its shape. */
export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.receivedAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(value: string, sort: QueueSort): QueueCursor {
  const invalid = (why: string) => validationError(`The cursor is invalid: ${why}. Use nextCursor exactly as returned, with the same sort.`, [{ pointer: '/cursor', message: why }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor of this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid('not a cursor of this API');
  const [cursorSort, key, receivedAt, id] = parsed as unknown[];
  if (cursorSort !== sort) throw invalid(`it belongs to sort=${String(cursorSort)}, not sort=${sort}`);
  const date = typeof receivedAt === 'string' ? new Date(receivedAt) : new Date(NaN);
  if ((sort === 'score' ? typeof key !== 'number' || !Number.isFinite(key) : key !== null) || Number.isNaN(date.getTime()) || typeof id !== 'string' || !isUuid(id)) {
    throw invalid('not a cursor of this API');
  }
  return { sort, key: key as number | null, receivedAt: date, id };
}
