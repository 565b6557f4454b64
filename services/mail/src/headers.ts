// A received message's header fields as the mail reader sees them: names in lower case, each with
// its raw values (a field may come more than once, e.g. Received), and the few readers the channel
// needs (addresses, message ids, the first value of a field).

/** Header fields by lower-case name; a field that came several times has each value. */
export type MailHeaders = ReadonlyMap<string, readonly string[]>;

/** Headers from [name, value] pairs in the order they came (names of any case). */
export function mailHeaders(fields: Iterable<readonly [string, string]>): MailHeaders {
  const headers = new Map<string, string[]>();
  for (const [name, value] of fields) {
    const key = name.trim().toLowerCase();
    const values = headers.get(key);
    if (values) values.push(value);
    else headers.set(key, [value]);
  }
  return headers;
}

/**
 * Headers from a parser's raw header lines (mailparser's `headerLines`: `{ key, line }` with the
 * line as received, `Name: value`, perhaps folded): unfolded, the value after the first colon.
 */
export function headersFromLines(lines: Iterable<{ key: string; line: string }>): MailHeaders {
  return mailHeaders(
    [...lines].map(({ key, line }) => {
      const unfolded = line.replace(/\r?\n[ \t]+/g, ' ');
      const colon = unfolded.indexOf(':');
      return [key, colon === -1 ? '' : unfolded.slice(colon + 1).trim()] as const;
    }),
  );
}

/** The first value of a field, trimmed; undefined when absent. */
export function headerValue(headers: MailHeaders, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.[0]?.trim();
}

/** At most this many message ids are read from one field: a References field can be made huge. */
export const MAX_MESSAGE_IDS = 100;

/**
 * The message ids of a field (Message-ID, In-Reply-To, References): each `<...>` in order, without
 * the brackets, repeats kept once, at most MAX_MESSAGE_IDS (the last ones: the nearest ancestors).
 * A value with no brackets at all (some clients drop them) counts as one id when it looks like one.
 */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const found = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  if (found.length === 0) {
    const bare = value.trim();
    return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? [bare] : [];
  }
  return [...new Set(found)].slice(-MAX_MESSAGE_IDS);
}

/** The longest an address may be (RFC 5321: 64 for the local part, 255 for the domain). */
const MAX_ADDRESS_LENGTH = 320;

/** An e-mail address as the channel compares them: trimmed, lower case; null when it is not one. */
export function normalizeAddress(address: string | null | undefined): string | null {
  // A sender's field is the sender's to write: anything longer than a name and an address is refused
  // before a pattern reads it.
  if (!address || address.length > MAX_ADDRESS_LENGTH + 200) return null;
  const angle = /<([^<>]*)>/.exec(address);
  const bare = (angle ? angle[1]! : address).trim().toLowerCase();
  return bare.length <= MAX_ADDRESS_LENGTH && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(bare) ? bare : null;
}

/** The local part of an address (before the last `@`). */
export function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}
