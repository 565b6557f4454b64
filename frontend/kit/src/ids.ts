// Client message ids: chosen by the client before the first attempt and kept across retries, so
// the server can deduplicate a message sent twice (after a timeout, a reconnect, a reload).
export function newClientMessageId(): string {
  return `c${crypto.randomUUID().replaceAll('-', '')}`;
}
