// Agent presence as the chat pods record it in Redis: one sorted set per agent, member = socket id,
// score = until when that socket counts as connected (a heartbeat pushes it forward; a disconnect
// sets it to now + grace period). An agent is online while any score lies in the future.
import type { Redis } from '../redis.js';

export const presenceKey = (agentId: string) => `presence:agent:${agentId}`;

export async function onlineAgents(redis: Redis, agentIds: readonly string[], now = Date.now()): Promise<Set<string>> {
  if (agentIds.length === 0) return new Set();
  const pipeline = redis.pipeline();
  for (const agentId of agentIds) pipeline.zcount(presenceKey(agentId), now, '+inf');
  const results = (await pipeline.exec()) ?? [];
  const online = new Set<string>();
  results.forEach(([error, count], index) => {
    if (error) throw error;
    if (Number(count) > 0) online.add(agentIds[index]!);
  });
  return online;
}
