// The stats process under test: `node --import tsx services/stats/src/main.ts`, its operations port
// (/healthz, /readyz, /metrics) on a free loopback port, logs to bench-results/logs/stats/.
import { startServiceNode, type ServiceNode } from '../service-node.js';

export interface StatsNode extends ServiceNode {
  /** http://127.0.0.1:port of its operations server (= url). */
  opsUrl: string;
}

/** `env`: the SMARTCHAT_* settings (statistics database, Kafka, consumer group). */
export async function startStatsNode(name: string, env: Record<string, string>, logDir: string, readyTimeoutMs: number): Promise<StatsNode> {
  const node = await startServiceNode({ name, entry: 'services/stats/src/main.ts', portVariable: 'SMARTCHAT_OPS_PORT', env, logDir, readyTimeoutMs });
  return { ...node, opsUrl: node.url };
}
