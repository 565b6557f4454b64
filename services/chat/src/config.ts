import { infraConfigSchema, port } from '@smartchat/platform';
import { z } from 'zod';

export const chatConfigSchema = infraConfigSchema.extend({
  SMARTCHAT_HTTP_HOST: z.string().default('0.0.0.0'),
  SMARTCHAT_HTTP_PORT: port().default(8080),
});
export type ChatConfig = z.infer<typeof chatConfigSchema>;
