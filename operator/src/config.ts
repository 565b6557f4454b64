// The operator's settings, from the environment, validated once at start.
import { loadConfig, logLevel } from '@smartchat/platform/config';
import { z } from 'zod';

export const operatorConfigSchema = z.object({
  /** Comma-separated namespaces to watch; empty = every namespace. */
  SMARTCHAT_OPERATOR_NAMESPACES: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean)),
  SMARTCHAT_OPERATOR_LEASE_NAMESPACE: z.string().min(1).default('default'),
  SMARTCHAT_OPERATOR_LEASE_NAME: z.string().min(1).default('smartchat-operator'),
  /** This replica's name in the Lease (the pod name in Kubernetes). */
  SMARTCHAT_OPERATOR_IDENTITY: z.string().min(1).default(`operator-${process.pid}`),
  SMARTCHAT_OPERATOR_HOST: z.string().default('0.0.0.0'),
  SMARTCHAT_OPERATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SMARTCHAT_OPERATOR_RESYNC_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  SMARTCHAT_OPERATOR_LEASE_DURATION_SECONDS: z.coerce.number().int().min(2).max(300).default(15),
  SMARTCHAT_OPERATOR_RENEW_DEADLINE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  SMARTCHAT_OPERATOR_RETRY_PERIOD_SECONDS: z.coerce.number().min(0.2).max(60).default(2),
  SMARTCHAT_OPERATOR_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  SMARTCHAT_OPERATOR_AUTOSCALER_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** A kubeconfig file; unset in a pod (the service account is used). */
  KUBECONFIG: z.string().optional(),
  SMARTCHAT_LOG_LEVEL: logLevel().default('info'),
});
export type OperatorConfig = ReturnType<typeof loadOperatorConfig>;

export function loadOperatorConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(operatorConfigSchema, env);
  if (config.SMARTCHAT_OPERATOR_RENEW_DEADLINE_SECONDS >= config.SMARTCHAT_OPERATOR_LEASE_DURATION_SECONDS) {
    throw new Error('SMARTCHAT_OPERATOR_RENEW_DEADLINE_SECONDS must be shorter than SMARTCHAT_OPERATOR_LEASE_DURATION_SECONDS');
  }
  return config;
}
