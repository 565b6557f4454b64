// Input values whose plain zod form accepts what a client did not mean.
import { z } from 'zod';

/**
 * A whole number in [min, max], given as a JSON number or as decimal digits (query strings are
 * text). z.coerce.number() alone reads "0x10" as 16, "1e2" as 100, " 7" as 7 and "" as 0; a client
 * that sends any of those has made a mistake and is told so.
 */
export function wholeNumber(min: number, max: number) {
  return z
    .union([z.number(), z.string().regex(/^[0-9]{1,15}$/, 'must be a whole number in decimal digits')])
    .pipe(z.coerce.number<string | number>().int('must be a whole number').min(min).max(max));
}

/**
 * A uuid in lower case, as Postgres writes it. Ids are also keys outside Postgres (socket.io rooms,
 * Redis keys, Kafka keys): a message sent with its conversation's id in capitals was stored, but
 * went to a room nobody had joined, so no socket got it live.
 */
export function lowerCaseUuid() {
  return z.uuid().transform((id) => id.toLowerCase());
}

/** A set of ids given as a list: the same id twice (also in other letter case) counts once, instead of failing on a unique key. */
export function uuidSet(max: number) {
  return z
    .array(lowerCaseUuid())
    .max(max)
    .transform((ids) => [...new Set(ids)]);
}
