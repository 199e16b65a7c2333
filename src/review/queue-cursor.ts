import { z } from 'zod';
import { cursorDate, cursorError, decodeCursor as decodeApiCursor, encodeCursor as encodeApiCursor, uuidField } from '../platform/http/validation.js';
import { QUEUE_SORTS, type QueueSort } from './queue-filter.schema.js';

/** Where a page ended: the sort keys of its last item. `key` is the score sort key (null for the date sorts). */
export interface QueueCursor {
  sort: QueueSort;
  key: number | null;
  receivedAt: Date;
  id: string;
}

// A score key is -score or 1 (unscored); anything else did not come from this API.
const CursorShape = z.tuple([z.enum(QUEUE_SORTS), z.number().min(-1).max(1).nullable(), cursorDate(), uuidField('a comment id')]);

/** Opaque to clients: base64url JSON, so nothing in it is a promise about its shape. */
export function encodeCursor(cursor: QueueCursor): string {
  return encodeApiCursor([cursor.sort, cursor.key, cursor.receivedAt.toISOString(), cursor.id]);
}

export function decodeCursor(value: string, sort: QueueSort): QueueCursor {
  const [cursorSort, key, receivedAt, id] = decodeApiCursor(value, CursorShape);
  if (cursorSort !== sort) throw cursorError(`it belongs to sort=${cursorSort}, not sort=${sort}`);
  if ((sort === 'score') !== (key !== null)) throw cursorError('not a cursor of this API');
  return { sort, key, receivedAt, id };
}
