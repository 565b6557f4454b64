// Real balancer processes for tests (node services/balancer/src/main.ts), sharing a chat cluster's
// database, Redis queue prefix and RabbitMQ vhost.
import type { TestResources } from '@smartchat/platform/testing';
import { startService, type ChatCluster, type ChatNode } from './cluster.js';

export function startBalancer(resources: TestResources, cluster: ChatCluster, extraEnv: Record<string, string> = {}): Promise<ChatNode> {
  return startService(resources, 'balancer', 'services/balancer/src/main.ts', { ...cluster.env, SMARTCHAT_BALANCER_SWEEP_MS: '2000', ...extraEnv });
}
