// What an agent reads of a received e-mail: the customer's new words, without the quoted history
// and the signature that mail clients add (issue 25, "Content"). The full text is always kept; this
// only says where the new part ends. Russian and English clients' markers: Outlook's "-----Original
// Message-----" / "-----Исходное сообщение-----" and its From/Sent (От/Отправлено) block, Gmail's
// "On …, … wrote:", Yandex and Mail.ru's "… пишет:" / "…, <address>:", `>` quoting, the `-- `
// signature delimiter and "Sent from my iPhone" / "Отправлено с iPhone" lines.

export interface SplitMessage {
  /** The new part, trailing blank lines removed. */
  visible: string;
  /** What follows it (quoted history, signature), or null when nothing was cut. */
  rest: string | null;
}

const SEPARATOR = /^\s*-{2,}\s*(original message|исходное сообщение|forwarded message|пересылаемое сообщение)\s*-{2,}\s*$/i;
const WROTE_EN = /^\s*on\b.{4,300}\bwrote:\s*$/i;
// (\b is a boundary of ASCII words only: a Russian word is preceded by a space or a comma here.)
const WROTE_RU = /^(.{0,300}[\s,])?(пишет|написал|написала|написал\(а\))\s*:\s*$/i;
/** "07.12.2026, 10:00, "Анна" <anna@example.ru>:" — a date-like start and an address, ending in a colon. */
const ATTRIBUTION = /^.{0,40}\d{1,4}[./\s-].{0,200}<[^<>\s]+@[^<>\s]+>\s*:\s*$/;
const HEADER_FROM = /^\s*\*?(from|от|отправитель)\s*:\*?\s*\S/i;
const HEADER_NEXT = /^\s*\*?(sent|date|to|subject|отправлено|дата|кому|тема)\s*:\*?/i;
const SIGNATURE = /^-- ?$/;
const MOBILE = /^\s*(sent from my \S+.*|sent from (mail|outlook) for .+|get outlook for .+|отправлено (с|из) .+|с уважением,? отправлено с .+)\s*$/i;

/** Marker lines are short: a longer line is text (and is never handed to the patterns, whose cost grows with the line). */
const MAX_MARKER_LENGTH = 400;

/**
 * Whether the line at `index` starts the quoted part (for a two-line "On … / wrote:", at its first
 * line). `quotedToEnd[i]`: every line from i on is blank or starts with `>`.
 */
function startsQuote(lines: readonly string[], index: number, quotedToEnd: readonly boolean[]): boolean {
  const line = lines[index]!;
  // A `>` block that runs to the end (blank lines aside): the whole message below is quoted.
  if (/^\s*>/.test(line) && quotedToEnd[index]) return true;
  if (line.length > MAX_MARKER_LENGTH) return false;
  if (SEPARATOR.test(line) || WROTE_EN.test(line) || WROTE_RU.test(line) || ATTRIBUTION.test(line)) return true;
  const next = lines[index + 1];
  // Gmail wraps a long attribution: "On Mon, 7 Dec 2026 at 10:00, Anna Petrova <anna@…>" / "wrote:".
  if (next !== undefined && next.length <= MAX_MARKER_LENGTH && /^\s*on\b/i.test(line) && WROTE_EN.test(`${line} ${next.trim()}`)) return true;
  // Outlook's header block: From, then Sent, Date, To or Subject within the next three lines.
  if (HEADER_FROM.test(line) && lines.slice(index + 1, index + 4).some((following) => following.length <= MAX_MARKER_LENGTH && HEADER_NEXT.test(following))) return true;
  return false;
}

/**
 * The new part of a plain-text message and the rest. When the new part would be empty (a message
 * that is all quote, or a signature alone), nothing is cut: an agent never gets a blank message.
 */
export function splitQuoted(text: string): SplitMessage {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // From the end, once: whether every line from here on is blank or quoted.
  const quotedToEnd = new Array<boolean>(lines.length);
  for (let index = lines.length - 1, quoted = true; index >= 0; index -= 1) {
    quoted = quoted && (lines[index]!.trim() === '' || /^\s*>/.test(lines[index]!));
    quotedToEnd[index] = quoted;
  }
  let cut = lines.length;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if ((line.length <= MAX_MARKER_LENGTH && (SIGNATURE.test(line) || MOBILE.test(line))) || startsQuote(lines, index, quotedToEnd)) {
      cut = index;
      break;
    }
  }
  const visible = lines.slice(0, cut).join('\n').replace(/\s+$/, '');
  if (cut === lines.length || visible.trim() === '') return { visible: text.replace(/\r\n?/g, '\n').replace(/\s+$/, ''), rest: null };
  return { visible, rest: lines.slice(cut).join('\n') };
}
