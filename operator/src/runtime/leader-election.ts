// Leader election on a coordination.k8s.io Lease, the way client-go does it: the leader renews
// the Lease every retry period; a candidate takes it over once it has not been renewed for the
// lease duration (measured on the candidate's own clock, from when it last saw a change), and an
// optimistic-concurrency update (resourceVersion) decides races between candidates.
import { type CoordinationV1Api, type V1Lease } from '@kubernetes/client-node';
import type { Logger } from '@smartchat/platform/logger';
import { apiMessage, isConflict, isNotFound } from './kube.js';

/** Lease times are MicroTime: the API server wants six fractional digits, Date gives three. */
class MicroTime extends Date {
  override toISOString(): string {
    return super.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }
}

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationSeconds: number;
  renewDeadlineSeconds: number;
  retryPeriodSeconds: number;
}

export interface LeaderCallbacks {
  onStartedLeading: () => void | Promise<void>;
  /** Called when leadership is lost or given up; the process should stop its controllers. */
  onStoppedLeading: () => void | Promise<void>;
}

export class LeaderElector {
  private leading = false;
  private stopped = false;
  private observed: { record: string; at: number } | undefined;
  private lastRenew = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly api: CoordinationV1Api,
    private readonly options: LeaderElectionOptions,
    private readonly callbacks: LeaderCallbacks,
    private readonly logger: Logger,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    void this.tick();
  }

  /** Gives the Lease up (so another replica takes over at once) and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (!this.leading) return;
    this.leading = false;
    try {
      const lease = await this.api.readNamespacedLease({ name: this.options.name, namespace: this.options.namespace });
      if (lease.spec?.holderIdentity === this.options.identity) {
        lease.spec.holderIdentity = undefined;
        lease.spec.leaseDurationSeconds = 1;
        await this.api.replaceNamespacedLease({ name: this.options.name, namespace: this.options.namespace, body: lease });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not release the leader lease');
    }
    await this.callbacks.onStoppedLeading();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const acquired = await this.tryAcquireOrRenew();
      if (acquired) this.lastRenew = Date.now();
      if (acquired && !this.leading) {
        this.leading = true;
        this.logger.info({ lease: this.options.name, identity: this.options.identity }, 'became the leader');
        await this.callbacks.onStartedLeading();
      }
    } catch (error) {
      this.logger.warn({ error: apiMessage(error) }, 'leader election: lease update failed');
    }
    // A leader that could not renew within the renew deadline stops acting as leader before
    // another replica can take the Lease over.
    if (this.leading && Date.now() - this.lastRenew > this.options.renewDeadlineSeconds * 1000) {
      this.leading = false;
      this.logger.warn({ lease: this.options.name }, 'lost the leader lease');
      await this.callbacks.onStoppedLeading();
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), this.options.retryPeriodSeconds * 1000);
      this.timer.unref();
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, name, identity, leaseDurationSeconds } = this.options;
    const now = new MicroTime();
    let lease: V1Lease;
    try {
      lease = await this.api.readNamespacedLease({ name, namespace });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await this.api.createNamespacedLease({
          namespace,
          body: { metadata: { name, namespace }, spec: { holderIdentity: identity, leaseDurationSeconds, acquireTime: now, renewTime: now, leaseTransitions: 0 } },
        });
        return true;
      } catch (createError) {
        if (isConflict(createError)) return false;
        throw createError;
      }
    }
    const spec = lease.spec ?? {};
    const record = `${spec.holderIdentity ?? ''}|${String(spec.renewTime ?? '')}|${spec.leaseTransitions ?? 0}`;
    if (!this.observed || this.observed.record !== record) this.observed = { record, at: Date.now() };
    const heldByOther = Boolean(spec.holderIdentity) && spec.holderIdentity !== identity;
    const duration = (spec.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
    if (heldByOther && Date.now() - this.observed.at < duration) return false;
    const transition = spec.holderIdentity !== identity;
    lease.spec = {
      ...spec,
      holderIdentity: identity,
      leaseDurationSeconds,
      renewTime: now,
      ...(transition ? { acquireTime: now, leaseTransitions: (spec.leaseTransitions ?? 0) + 1 } : {}),
    };
    try {
      await this.api.replaceNamespacedLease({ name, namespace, body: lease });
      if (transition) this.logger.info({ lease: name, from: spec.holderIdentity ?? null, to: identity }, 'took over the leader lease');
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }
}
