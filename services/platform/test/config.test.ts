import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, infraConfigSchema, loadConfig, port } from '../src/config.js';

const goodEnv = {
  SMARTCHAT_PG_URL: 'postgres://smartchat:s3cret@127.0.0.1:5432/smartchat',
  SMARTCHAT_CASSANDRA_CONTACT_POINTS: '127.0.0.1:9042, 127.0.0.2:9042',
  SMARTCHAT_REDIS_URL: 'redis://127.0.0.1:6379',
  SMARTCHAT_RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
  SMARTCHAT_KAFKA_BROKERS: '127.0.0.1:9092',
};

describe('configuration from the environment', () => {
  it('parses a valid environment, applies defaults and freezes the result', () => {
    const config = loadConfig(infraConfigSchema, goodEnv);
    expect(config.SMARTCHAT_CASSANDRA_CONTACT_POINTS).toEqual(['127.0.0.1:9042', '127.0.0.2:9042']);
    expect(config.SMARTCHAT_CASSANDRA_KEYSPACE).toBe('smartchat');
    expect(config.SMARTCHAT_LOG_LEVEL).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every missing and invalid variable in one error, without echoing values', () => {
    const env = { ...goodEnv, SMARTCHAT_PG_URL: 'mysql://root:hunter2@db/x', SMARTCHAT_KAFKA_BROKERS: 'no-port', SMARTCHAT_LOG_LEVEL: 'loud' } as Record<string, string | undefined>;
    delete env.SMARTCHAT_REDIS_URL;
    delete env.SMARTCHAT_RABBITMQ_URL;
    let error: unknown;
    try {
      loadConfig(infraConfigSchema, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'SMARTCHAT_KAFKA_BROKERS',
      'SMARTCHAT_LOG_LEVEL',
      'SMARTCHAT_PG_URL',
      'SMARTCHAT_RABBITMQ_URL',
      'SMARTCHAT_REDIS_URL',
    ]);
    expect(problems.find((problem) => problem.startsWith('SMARTCHAT_REDIS_URL'))).toMatch(/missing/);
    expect((error as Error).message).toMatch(/5 problems/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('treats an empty variable as unset and validates numbers', () => {
    const schema = z.object({ PORT: port().default(8080), NAME: z.string() });
    expect(loadConfig(schema, { PORT: '', NAME: 'chat' }).PORT).toBe(8080);
    expect(() => loadConfig(schema, { PORT: '70000', NAME: 'chat' })).toThrow(/PORT: must be a port/);
    expect(() => loadConfig(schema, { PORT: '1', NAME: '' })).toThrow(/NAME: missing/);
  });
});
