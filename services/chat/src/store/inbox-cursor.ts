// The `cursor` of inbox pages: the sort it belongs to and the sort key of the last row of the
// previous page, as text a client passes back (INBOX_CURSOR_PATTERN in contracts). Timestamps go
// as microseconds since 1970, exactly as Postgres keeps them (a JavaScript Date would round the
// microseconds away and pages would skip or repeat rows). Every text of the pattern is a position
// Postgres takes (a priority within smallint, an instant within its range), so the document's
// pattern is the whole rule: any such cursor gives a page, never a query error.
import { INBOX_CURSOR_PATTERN, SmartchatError, type InboxSort } from '@smartchat/contracts';

export interface InboxCursor {
  sort: InboxSort;
  /** The sort key's parts as Postgres reads them, the row id last. */
  key: string[];
}

/** A timestamptz as Postgres prints it in ISO DateStyle: "2026-01-05 10:11:12.123456+00", "+05:30" offsets. */
const PRINTED_TIMESTAMP = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

/** Microseconds since 1970 of a timestamp as Postgres printed it ('infinity' stays as it is). */
function microsecondsOf(printed: string): string {
  if (printed === 'infinity' || printed === '-infinity') return printed;
  const match = PRINTED_TIMESTAMP.exec(printed);
  if (!match) throw new Error(`unexpected timestamp in an inbox sort key: ${printed}`);
  const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHours, offsetMinutes = '0', offsetSeconds = '0'] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
  const offsetMs = (sign === '-' ? -1 : 1) * ((Number(offsetHours) * 60 + Number(offsetMinutes)) * 60 + Number(offsetSeconds)) * 1000;
  return (BigInt(date.getTime() - offsetMs) * 1000n + BigInt(fraction.padEnd(6, '0'))).toString();
}

/** An instant of a cursor as Postgres reads it: ISO 8601 in UTC with microseconds. */
function timestampOf(microseconds: string): string {
  if (microseconds.endsWith('infinity')) return microseconds;
  const total = BigInt(microseconds);
  let milliseconds = total / 1000n;
  if (total < 0n && total % 1000n !== 0n) milliseconds -= 1n;
  const rest = total - milliseconds * 1000n;
  return new Date(Number(milliseconds)).toISOString().replace('Z', `${rest.toString().padStart(3, '0')}Z`);
}

/** Which parts of each sort's key are instants (see SORT_KEYS in inbox-query.ts). */
const INSTANT_PARTS: Record<InboxSort, boolean[]> = {
  priority: [false, true, false],
  waiting: [true, false],
  recent: [true, false],
};

export function encodeInboxCursor(cursor: InboxCursor): string {
  const parts = cursor.key.map((part, index) => (INSTANT_PARTS[cursor.sort][index] ? microsecondsOf(part) : part));
  return [cursor.sort, ...parts].join('.');
}

/** The position a cursor names; its own sort applies to the page it continues. */
export function decodeInboxCursor(text: string): InboxCursor {
  if (!INBOX_CURSOR_PATTERN.test(text)) {
    throw new SmartchatError('SC_ERR_VALIDATION', 'The cursor is not valid for this list', [{ path: 'querystring.cursor', message: 'not a cursor from a previous page' }]);
  }
  const [sort, ...parts] = text.split('.') as [InboxSort, ...string[]];
  return { sort, key: parts.map((part, index) => (INSTANT_PARTS[sort][index] ? timestampOf(part) : part)) };
}
