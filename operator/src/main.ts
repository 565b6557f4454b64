// The operator process: /healthz, /readyz and /metrics, leader election on a Lease, and — while
// leading — the controller (reconciles) and the autoscaler. Standby replicas only campaign.
// SIGTERM releases the Lease so that a standby takes over at once.
import { HealthChecks } from '@smartchat/platform/health';
import { createLogger } from '@smartchat/platform/logger';
import { startOpsServer } from '@smartchat/platform/ops-server';
import { Autoscaler } from './autoscale/autoscaler.js';
import { loadOperatorConfig } from './config.js';
import { Controller } from './controller.js';
import { EventRecorder } from './reconcile/events.js';
import { kubeClients, loadKubeConfig } from './runtime/kube.js';
import { LeaderElector } from './runtime/leader-election.js';
import { createOperatorMetrics } from './runtime/metrics.js';

async function main(): Promise<void> {
  const config = loadOperatorConfig();
  const identity = config.SMARTCHAT_OPERATOR_IDENTITY;
  const logger = createLogger({ service: 'operator', level: config.SMARTCHAT_LOG_LEVEL, base: { identity } });
  const kube = kubeClients(loadKubeConfig(config.KUBECONFIG));
  const metrics = createOperatorMetrics();
  const events = new EventRecorder(kube.core, 'smartchat-operator', identity, logger);

  let controller: Controller | undefined;
  let autoscaler: Autoscaler | undefined;
  const startLeading = async () => {
    metrics.leader.set(1);
    const active: { autoscaler?: Autoscaler } = {};
    controller = new Controller({
      kube, events, metrics, logger,
      namespaces: config.SMARTCHAT_OPERATOR_NAMESPACES,
      resyncSeconds: config.SMARTCHAT_OPERATOR_RESYNC_SECONDS,
      concurrency: config.SMARTCHAT_OPERATOR_CONCURRENCY,
      autoscalerProblems: (key) => active.autoscaler?.problemsFor(key) ?? [],
    });
    const running = controller;
    autoscaler = new Autoscaler({ kube, events, metrics, logger, clusters: () => running.clusters(), onProblemsChanged: (key) => running.queue.add(key), tickMs: config.SMARTCHAT_OPERATOR_AUTOSCALER_TICK_MS });
    active.autoscaler = autoscaler;
    await controller.start();
    autoscaler.start();
  };
  const stopLeading = async () => {
    metrics.leader.set(0);
    await autoscaler?.stop();
    await controller?.stop();
    autoscaler = undefined;
    controller = undefined;
  };

  const elector = new LeaderElector(kube.coordination, {
    namespace: config.SMARTCHAT_OPERATOR_LEASE_NAMESPACE,
    name: config.SMARTCHAT_OPERATOR_LEASE_NAME,
    identity,
    leaseDurationSeconds: config.SMARTCHAT_OPERATOR_LEASE_DURATION_SECONDS,
    renewDeadlineSeconds: config.SMARTCHAT_OPERATOR_RENEW_DEADLINE_SECONDS,
    retryPeriodSeconds: config.SMARTCHAT_OPERATOR_RETRY_PERIOD_SECONDS,
  }, { onStartedLeading: startLeading, onStoppedLeading: stopLeading }, logger);

  const health = new HealthChecks(3000)
    .add('kubernetes', () => kube.core.getAPIResources())
    .add('caches', async () => {
      if (controller) await controller.synced();
      return { leader: elector.isLeader };
    });
  const ops = await startOpsServer({ host: config.SMARTCHAT_OPERATOR_HOST, port: config.SMARTCHAT_OPERATOR_PORT, health, registry: metrics.registry });
  logger.info({ port: ops.port, lease: `${config.SMARTCHAT_OPERATOR_LEASE_NAMESPACE}/${config.SMARTCHAT_OPERATOR_LEASE_NAME}` }, 'operator started; campaigning for the leader lease');
  elector.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    health.markShuttingDown();
    await elector.stop();
    await stopLeading();
    ops.server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('operator failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
