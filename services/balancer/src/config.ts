import { DEFAULT_DELIVERY_SHARDS } from '@smartchat/contracts';
import { infraConfigSchema, port } from '@smartchat/platform';
import { z } from 'zod';

export const balancerConfigSchema = infraConfigSchema.extend({
  /** Health, readiness and metrics. */
  SMARTCHAT_HTTP_HOST: z.string().default('0.0.0.0'),
  SMARTCHAT_HTTP_PORT: port().default(8081),
  /** BullMQ key prefix; chat pods and balancers of one installation must use the same. */
  SMARTCHAT_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('smartchat'),
  /** Jobs one balancer process runs at once. */
  SMARTCHAT_BALANCER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** How often every queue is served and every timer checked, in case a job was lost. */
  SMARTCHAT_BALANCER_SWEEP_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Must equal the chat pods' value: system messages go to the conversation's delivery shard. */
  SMARTCHAT_DELIVERY_SHARDS: z.coerce.number().int().min(1).max(256).default(DEFAULT_DELIVERY_SHARDS),
});
export type BalancerConfig = z.infer<typeof balancerConfigSchema>;
