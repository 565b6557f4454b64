// The balancer processes under test: `node --import tsx services/balancer/src/main.ts`, each with
// its own loopback port for /healthz, /readyz and /metrics, logs to bench-results/logs/.
import { startServiceNode, type ServiceNode } from './service-node.js';

export type BalancerNode = ServiceNode;

/** `env` is the chat processes' environment: the balancer must share their stores, queue prefix and shard count. */
export function startBalancer(name: string, env: Record<string, string>, logDir: string, readyTimeoutMs: number): Promise<BalancerNode> {
  return startServiceNode({ name, entry: 'services/balancer/src/main.ts', portVariable: 'SMARTCHAT_HTTP_PORT', env, logDir, readyTimeoutMs });
}
