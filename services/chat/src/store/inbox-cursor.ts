// The opaque `cursor` of inbox pages: the sort it belongs to and the sort key of the last row of the
// previous page, exactly as Postgres printed it (microseconds included: a JavaScript Date would
// round them away and pages would skip or repeat rows). Clients only pass it back; anything that is
// not a cursor this server wrote for the same sort is a validation error, never a query error.
import { SmartchatError, type InboxSort } from '@smartchat/contracts';
import { z } from 'zod';

export interface InboxCursor {
  sort: InboxSort;
  /** The sort key's parts as text, the row id last. */
  key: string[];
}

const integer = /^-?\d{1,6}$/;
const timestamp = /^(-?infinity|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)?)$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The shape of each sort's key, part by part (see SORT_KEYS in inbox-query.ts). */
export const CURSOR_KEY_FORMATS: Record<InboxSort, RegExp[]> = {
  priority: [integer, timestamp, uuid],
  waiting: [timestamp, uuid],
  recent: [timestamp, uuid],
};

const payload = z.object({ s: z.enum(['priority', 'waiting', 'recent']), k: z.array(z.string().max(64)).min(2).max(3) });

export function encodeInboxCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.sort, k: cursor.key })).toString('base64url');
}

export function decodeInboxCursor(text: string, sort: InboxSort): InboxCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor from a previous page');
  }
  const parsed = payload.safeParse(decoded);
  if (!parsed.success) throw invalid('not a cursor from a previous page');
  if (parsed.data.s !== sort) throw invalid(`this cursor belongs to sort=${parsed.data.s}`);
  const formats = CURSOR_KEY_FORMATS[sort];
  if (parsed.data.k.length !== formats.length || !parsed.data.k.every((part, index) => formats[index]!.test(part))) throw invalid('not a cursor from a previous page');
  return { sort, key: parsed.data.k };
}

function invalid(message: string): SmartchatError {
  return new SmartchatError('SC_ERR_VALIDATION', 'The cursor is not valid for this list', [{ path: 'querystring.cursor', message }]);
}
