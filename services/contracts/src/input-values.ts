// Input values whose plain zod form accepts what a client did not mean, and how the OpenAPI
// document states the rules that zod's JSON Schema output leaves out (so that it says exactly what
// the server takes: services/chat/src/http/openapi.ts applies them).
import { z } from 'zod';
import { TIME_ZONES } from './time-zones.js';

/**
 * How the document shows a schema whose zod form cannot say it: `replace` stands instead of what
 * zod generates (a whole number given as text in a query string is an integer in the document),
 * `add` is merged into it (a rule across fields, such as "give at least one of these"). A rule
 * across fields goes under `allOf`: type generators (openapi-typescript) read an `anyOf` beside
 * `properties` as other shapes the object may have, and would loosen its type to `unknown`.
 */
export interface DocumentedRule {
  replace?: Record<string, unknown>;
  add?: Record<string, unknown>;
}
export const documentedRules = z.registry<DocumentedRule>();

export function documented<S extends z.ZodType>(schema: S, rule: DocumentedRule): S {
  documentedRules.add(schema, rule);
  return schema;
}

/**
 * No NUL character (U+0000): Postgres text cannot hold one, and every input is refused with one
 * anywhere in it (services/chat/src/validation.ts). The document gives every input string without
 * a pattern of its own this one; every pattern of ours leaves NUL out as well.
 */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';

/**
 * What String#trim removes, spelled out: the document's patterns are read by other regex engines
 * too (schemathesis reads them in Python, where \s is another set).
 */
const BLANK = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** Text with at least one character that is not blank, and no NUL. */
export const NOT_BLANK = new RegExp(`^[${BLANK}]*[^${BLANK}\\u0000][^\\u0000]*$`);

/** Text of at most `max` characters that is not blank; surrounding blanks are trimmed away. */
export function nonBlankText(max: number) {
  return z.string().max(max).regex(NOT_BLANK, 'must not be blank').trim();
}

/**
 * A whole number in [min, max], given as a JSON number or as decimal digits (query strings are
 * text). z.coerce.number() alone reads "0x10" as 16, "1e2" as 100, " 7" as 7 and "" as 0; a client
 * that sends any of those has made a mistake and is told so. The document says integer.
 */
export function wholeNumber(min: number, max: number) {
  return documented(
    z
      .union([z.number(), z.string().regex(/^[0-9]{1,16}$/, 'must be a whole number in decimal digits')])
      .pipe(z.coerce.number<string | number>().int('must be a whole number').min(min).max(max)),
    { replace: { type: 'integer', minimum: min, maximum: max } },
  );
}

/**
 * A moment as an ISO 8601 date-time with Z or an offset, from 1970 to 9999, the offset within
 * ±15:59: what Postgres and a JavaScript Date both read the same way (Postgres refuses -23:23).
 */
export function instant() {
  return z.iso
    .datetime({ offset: true })
    .regex(/^(?:19[7-9][0-9]|[2-9][0-9]{3})-.*(?:Z|[+-](?:0[0-9]|1[0-5]):[0-5][0-9])$/, 'must be 1970 or later, with Z or an offset within ±15:59');
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

/** An IANA time zone of TIME_ZONES (an agent's zone, business hours); one schema in the document, TimeZone. */
export const timeZoneSchema = z.enum(TIME_ZONES, { error: 'must be an IANA time zone, e.g. Europe/Moscow' }).meta({ id: 'TimeZone' });
