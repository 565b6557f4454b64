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
 * A set of ids given as a list: the same id twice (also in other letter case, which Postgres reads
 * as the same uuid) counts once, instead of failing on a unique key.
 */
export function uuidSet(max: number) {
  return z
    .array(z.uuid())
    .max(max)
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);
}
