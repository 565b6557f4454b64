// A conversation always maps to the same delivery shard (queue), so its messages are persisted and
// delivered in order by that shard's single active consumer.
export function shardOf(conversationId: string, shards: number): number {
  // FNV-1a: stable across processes and releases (changing it reorders in-flight messages).
  let hash = 0x811c9dc5;
  for (let index = 0; index < conversationId.length; index += 1) {
    hash ^= conversationId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}
