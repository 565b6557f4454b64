// Kubernetes Events on a SmartchatCluster for significant actions (children created, migrations
// started and finished, scaling decisions, teardown), so `kubectl describe` tells the story.
// The same reason and message on the same object within a short window bump a count instead of
// creating another Event, as client-go's recorder does.
import type { CoreV1Api, CoreV1Event } from '@kubernetes/client-node';
import type { Logger } from '@smartchat/platform/logger';
import { API_VERSION, KIND, type SmartchatCluster } from '../api/types.js';
import { apiMessage, mergePatch } from '../runtime/kube.js';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private readonly recent = new Map<string, { name: string; count: number; at: number }>();

  constructor(
    private readonly core: CoreV1Api,
    private readonly component: string,
    private readonly instance: string,
    private readonly logger: Logger,
  ) {}

  async record(cluster: SmartchatCluster, type: EventType, reason: string, message: string): Promise<void> {
    const namespace = cluster.metadata.namespace;
    const key = `${namespace}/${cluster.metadata.name}/${cluster.metadata.uid}/${reason}/${message}`;
    const now = new Date();
    this.logger.info({ cluster: `${namespace}/${cluster.metadata.name}`, event: reason, type }, message);
    try {
      const seen = this.recent.get(key);
      if (seen && now.getTime() - seen.at < 10 * 60_000) {
        seen.count += 1;
        seen.at = now.getTime();
        await this.core.patchNamespacedEvent({ name: seen.name, namespace, body: { count: seen.count, lastTimestamp: now } }, mergePatch);
        return;
      }
      const event: CoreV1Event = {
        metadata: { generateName: `${cluster.metadata.name}.`, namespace },
        involvedObject: { apiVersion: API_VERSION, kind: KIND, name: cluster.metadata.name, namespace, uid: cluster.metadata.uid, resourceVersion: cluster.metadata.resourceVersion },
        type,
        reason,
        message: message.slice(0, 1024),
        source: { component: this.component },
        reportingComponent: this.component,
        reportingInstance: this.instance,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      };
      const created = await this.core.createNamespacedEvent({ namespace, body: event });
      this.recent.set(key, { name: created.metadata?.name ?? '', count: 1, at: now.getTime() });
      if (this.recent.size > 5000) this.recent.delete(this.recent.keys().next().value!);
    } catch (error) {
      // Events are best effort: a failure to record one never fails a reconcile.
      this.logger.warn({ error: apiMessage(error), reason }, 'could not record an event');
    }
  }
}
