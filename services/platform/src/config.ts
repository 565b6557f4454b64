// Configuration comes from the environment only, is validated once at start against a schema, and
// is frozen. A bad start-up lists every missing or invalid variable in one error, never the values
// (they may be secrets).
import { EVENTS_TOPIC } from '@smartchat/contracts';
import { z } from 'zod';

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type Env = Record<string, string | undefined>;

/** Parses `env` with `schema` (keys are variable names); throws ConfigError listing every problem. */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): Readonly<z.infer<S>> {
  // Empty strings count as unset, as in most shells' `VAR= cmd`.
  const cleaned: Env = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(root)';
      return cleaned[name] === undefined ? `${name}: missing (${issue.message})` : `${name}: ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)].sort());
  }
  return Object.freeze(result.data);
}

// Reusable field validators, so every service spells the same variable the same way.
export const port = () => z.coerce.number().int('must be an integer').min(0).max(65535, 'must be a port 0..65535');
export const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, `must be a URL with scheme ${protocols.join(' or ')}`);
export const hostPortList = () =>
  z
    .string()
    .refine((value) => value.split(',').every((item) => /^[^\s:,]+:\d{1,5}$/.test(item.trim())), 'must be a comma-separated list of host:port')
    .transform((value) => value.split(',').map((item) => item.trim()));
export const logLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The variables every Smartchat process that talks to the stores and brokers needs. */
export const infraConfigSchema = z.object({
  SMARTCHAT_PG_URL: url(['postgres', 'postgresql']),
  SMARTCHAT_CASSANDRA_CONTACT_POINTS: hostPortList(),
  SMARTCHAT_CASSANDRA_LOCAL_DC: z.string().min(1).default('datacenter1'),
  SMARTCHAT_CASSANDRA_KEYSPACE: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be a lowercase CQL identifier').default('smartchat'),
  SMARTCHAT_CASSANDRA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(9).default(1),
  /** Set both for a ScyllaDB with password authentication (an external one); unset locally. */
  SMARTCHAT_CASSANDRA_USERNAME: z.string().min(1).optional(),
  SMARTCHAT_CASSANDRA_PASSWORD: z.string().min(1).optional(),
  SMARTCHAT_REDIS_URL: url(['redis', 'rediss']),
  SMARTCHAT_RABBITMQ_URL: url(['amqp', 'amqps']),
  SMARTCHAT_KAFKA_BROKERS: hostPortList(),
  /** The domain events' topic (EVENTS_TOPIC); chat pods and balancers must agree. Tests use their own. */
  SMARTCHAT_EVENTS_TOPIC: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).default(EVENTS_TOPIC),
  SMARTCHAT_LOG_LEVEL: logLevel().default('info'),
  /** Where to register this process as a Prometheus scrape target (file_sd); unset in Kubernetes. */
  SMARTCHAT_PROMETHEUS_SD_DIR: z.string().optional(),
});
export type InfraConfig = z.infer<typeof infraConfigSchema>;
