// A Redis user of a test's own, with every permission to begin with: chat processes given its URL
// connect as it, and the test takes permissions away (and back) to make Redis refuse them exactly
// what it wants refused. The user is deleted at cleanup.
import { createRedis, type Redis } from '@smartchat/platform';
import type { TestResources } from '@smartchat/platform/testing';
import { randomUUID } from 'node:crypto';

export interface RedisTestUser {
  name: string;
  /** SMARTCHAT_REDIS_URL for processes that should connect as this user. */
  url: string;
  /** A connection as the default user, for checks and for changing this user. */
  admin: Redis;
  /** ACL SETUSER rules for this user, e.g. `-publish`, `resetchannels`, `allchannels`. */
  setRules(...rules: string[]): Promise<void>;
}

export async function createRedisUser(resources: TestResources, label: string): Promise<RedisTestUser> {
  const name = `sc-${label}-${randomUUID().slice(0, 8)}`;
  const password = randomUUID();
  const admin = createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger });
  resources.defer(`remove the Redis user ${name}`, async () => {
    await admin.call('ACL', 'DELUSER', name);
    admin.disconnect();
  });
  const setRules = async (...rules: string[]) => {
    await admin.call('ACL', 'SETUSER', name, ...rules);
  };
  await setRules('on', `>${password}`, '~*', '&*', '+@all');
  const url = new URL(resources.config.SMARTCHAT_REDIS_URL);
  url.username = name;
  url.password = password;
  return { name, url: url.toString(), admin, setRules };
}
