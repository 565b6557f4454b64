// The chat, balancer and stats Deployments, their Services and PodDisruptionBudgets, and the
// attachments volume; and the pod template that every role of the app image shares (mail.ts builds
// the mail role's from it). The chat, balancer and stats Deployments leave spec.replicas out: the
// autoscaler owns it through the scale subresource, so that re-applying the manifest never resets a
// scaling decision.
//
// Ports: chat serves its public API (REST, socket.io, console, widget) on `http` (8080) and
// /healthz, /readyz and /metrics only on `ops` (8081), where its probes and the ServiceMonitor
// point; its Service carries both (the NetworkPolicy admits `ops` only from metrics scrapers). The
// balancer's only server is its operations server, on `http` (8081); the stats pods' only server
// is theirs, on `ops` (8081). Stats pods (spec.stats, on unless disabled) consume smartchat.events
// into the statistics database and build the monthly reports into the shared attachments volume.
// Chat pods get the keyring (spec.keyringSecret) by reference: the console's API seals mailbox
// passwords with it.
import type { V1Container, V1ContainerPort, V1Deployment, V1EnvVar, V1PersistentVolumeClaim, V1PodDisruptionBudget, V1Probe, V1Service, V1ServicePort } from '@kubernetes/client-node';
import { enabledComponents, type AppComponent, type AppRole, type SmartchatCluster } from '../api/types.js';
import { APP_HTTP_PORT, APP_OPS_PORT, BALANCER_HTTP_PORT, BLOB_DIR } from './config.js';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_KEYRING_HASH, appImage, childMeta, childName, containerResources, selectorLabels } from './meta.js';

export type Typed<T> = T & { apiVersion: string; kind: string };

const ENTRY: Record<AppComponent, string> = {
  chat: 'services/chat/src/main.ts',
  balancer: 'services/balancer/src/main.ts',
  stats: 'services/stats/src/main.ts',
};

/**
 * The attachments volume, and a Deployment, Service and PodDisruptionBudget per enabled component.
 * `keyringHash`: of spec.keyringSecret's value, when one is named (Connections.keyringHash).
 */
export function appObjects(cluster: SmartchatCluster, configHash: string, keyringHash?: string): Typed<V1Deployment | V1Service | V1PersistentVolumeClaim | V1PodDisruptionBudget>[] {
  return [
    attachmentsClaim(cluster),
    ...enabledComponents(cluster).flatMap((component) => [appDeployment(cluster, component, configHash, keyringHash), appService(cluster, component), appDisruptionBudget(cluster, component)]),
  ];
}

export function appDeploymentName(cluster: SmartchatCluster, role: AppRole): string {
  return childName[role](cluster);
}

/** The container ports; the first is the one the Service leads with. */
function ports(component: AppComponent): (V1ContainerPort & { name: string })[] {
  switch (component) {
    case 'chat':
      return [
        { name: 'http', containerPort: APP_HTTP_PORT, protocol: 'TCP' },
        { name: 'ops', containerPort: APP_OPS_PORT, protocol: 'TCP' },
      ];
    case 'balancer':
      return [{ name: 'http', containerPort: BALANCER_HTTP_PORT, protocol: 'TCP' }];
    case 'stats':
      return [{ name: 'ops', containerPort: APP_OPS_PORT, protocol: 'TCP' }];
  }
}

/** Where /healthz, /readyz and /metrics answer: the operations port of chat, stats and mail, the balancer's only port. */
export function probePort(role: AppRole): 'ops' | 'http' {
  return role === 'balancer' ? 'http' : 'ops';
}

/** Components whose pods share the attachments volume: chat serves and stores attachments, stats writes report files. */
function usesBlobs(component: AppComponent): boolean {
  return component !== 'balancer';
}

/**
 * The component's own settings. Chat: its two ports, and the ingress proxies whose X-Forwarded-For
 * it believes and the sites that may frame the widget, from the spec; empty means none (the chat
 * process reads an empty variable as unset: nobody is believed, no site may frame the widget).
 * Stats: its ops port, the desk's time zone and the reports' language.
 */
export function componentEnv(cluster: SmartchatCluster, component: AppComponent): V1EnvVar[] {
  if (component === 'balancer') return [{ name: 'SMARTCHAT_HTTP_PORT', value: String(BALANCER_HTTP_PORT) }];
  if (component === 'stats') {
    // The CRD's defaults, also for a spec read before they were added to it.
    const stats = cluster.spec.stats;
    return [
      { name: 'SMARTCHAT_OPS_PORT', value: String(APP_OPS_PORT) },
      { name: 'SMARTCHAT_DESK_TIME_ZONE', value: stats.deskTimeZone ?? 'Europe/Moscow' },
      { name: 'SMARTCHAT_REPORT_LOCALE', value: stats.reportLocale ?? 'ru' },
    ];
  }
  const chat = cluster.spec.chat;
  return [
    { name: 'SMARTCHAT_HTTP_PORT', value: String(APP_HTTP_PORT) },
    { name: 'SMARTCHAT_OPS_PORT', value: String(APP_OPS_PORT) },
    { name: 'SMARTCHAT_TRUSTED_PROXIES', value: (chat.trustedProxies ?? []).join(',') },
    { name: 'SMARTCHAT_WIDGET_FRAME_ANCESTORS', value: (chat.widgetEmbedOrigins ?? []).join(' ') },
    { name: 'SMARTCHAT_COMPANY_NAME', value: chat.companyName ?? '' },
    ...publicUrlEnv(cluster),
    ...keyringEnv(cluster),
  ];
}

/** SMARTCHAT_PUBLIC_URL from spec.chat.publicUrl, for chat (reset links) and mail pods (survey links); none when unset. */
export function publicUrlEnv(cluster: SmartchatCluster): V1EnvVar[] {
  const url = cluster.spec.chat.publicUrl;
  return url ? [{ name: 'SMARTCHAT_PUBLIC_URL', value: url }] : [];
}

/**
 * SMARTCHAT_SECRET_KEYS from spec.keyringSecret, by reference (the kubelet reads the Secret; the
 * value is in no manifest); none when no keyring is named (chat then refuses mailbox passwords).
 */
export function keyringEnv(cluster: SmartchatCluster): V1EnvVar[] {
  const keyring = cluster.spec.keyringSecret;
  return keyring ? [{ name: 'SMARTCHAT_SECRET_KEYS', valueFrom: { secretKeyRef: { name: keyring.name, key: keyring.key } } }] : [];
}

export function appContainer(cluster: SmartchatCluster, name: string, command: string[], resources: V1Container['resources']): V1Container {
  return {
    name,
    image: appImage(cluster),
    imagePullPolicy: cluster.spec.images.app.pullPolicy,
    command,
    envFrom: [{ configMapRef: { name: childName.appConfig(cluster) } }, { secretRef: { name: childName.appConnections(cluster) } }],
    resources: resources ?? {},
    securityContext: { runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

function appDeployment(cluster: SmartchatCluster, component: AppComponent, configHash: string, keyringHash: string | undefined): Typed<V1Deployment> {
  const spec = cluster.spec[component];
  const container = appContainer(cluster, component, ['node', '--import', 'tsx', ENTRY[component]], containerResources(spec.resources));
  container.env = componentEnv(cluster, component);
  container.ports = ports(component);
  Object.assign(container, probes(probePort(component)));
  return roleDeployment(cluster, component, container, { configHash, attachments: usesBlobs(component), ...(component === 'chat' ? { keyringHash } : {}) });
}

/** Readiness on /readyz and liveness on /healthz of the named port. */
export function probes(port: string): { readinessProbe: V1Probe; livenessProbe: V1Probe } {
  return {
    readinessProbe: { httpGet: { path: '/readyz', port }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
    livenessProbe: { httpGet: { path: '/healthz', port }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 },
  };
}

export interface RoleDeploymentOptions {
  /** Of the settings (AppConfig.hash): a change rolls the pods. */
  configHash: string;
  /** Of the keyring, for the roles that read it: a rotation rolls them. */
  keyringHash?: string;
  /** Mount the shared attachments volume at SMARTCHAT_BLOB_DIR. */
  attachments: boolean;
  /** A fixed pod count; left out for the roles the autoscaler owns. */
  replicas?: number;
}

/** The Deployment of a role of the app image, around its container: the pod template every role shares. */
export function roleDeployment(cluster: SmartchatCluster, role: AppRole, container: V1Container, options: RoleDeploymentOptions): Typed<V1Deployment> {
  if (options.attachments) container.volumeMounts = [...(container.volumeMounts ?? []), { name: 'attachments', mountPath: BLOB_DIR }];
  const pullSecrets = (cluster.spec.images.pullSecrets ?? []).map((name) => ({ name }));
  const annotations = { [ANNOTATION_CONFIG_HASH]: options.configHash.slice(0, 16), ...(options.keyringHash ? { [ANNOTATION_KEYRING_HASH]: options.keyringHash.slice(0, 16) } : {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: childMeta(cluster, role, appDeploymentName(cluster, role)),
    spec: {
      ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
      selector: { matchLabels: selectorLabels(cluster, role) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
      revisionHistoryLimit: 5,
      template: {
        metadata: { labels: childMeta(cluster, role, '').labels, annotations },
        spec: {
          // Chat pods drain their sockets on SIGTERM; clients reconnect to another pod and resume.
          // Stats pods finish the record in hand and leave the consumer group; mail pods close
          // the SMTP listener and their IMAP sessions and release their mailboxes' locks.
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets } : {}),
          containers: [container],
          volumes: [
            { name: 'tmp', emptyDir: {} },
            ...(options.attachments ? [{ name: 'attachments', persistentVolumeClaim: { claimName: childName.attachments(cluster) } }] : []),
          ],
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selectorLabels(cluster, role) } }],
        },
      },
    },
  };
}

function appService(cluster: SmartchatCluster, component: AppComponent): Typed<V1Service> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, component, appDeploymentName(cluster, component)),
    spec: { selector: selectorLabels(cluster, component), ports: ports(component).map((item): V1ServicePort => ({ name: item.name, port: item.containerPort, targetPort: item.name, protocol: 'TCP' })) },
  };
}

/** A drain takes one pod of a role at a time, so a node's maintenance never empties a role of several pods. */
export function appDisruptionBudget(cluster: SmartchatCluster, role: AppRole): Typed<V1PodDisruptionBudget> {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: childMeta(cluster, role, appDeploymentName(cluster, role)),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(cluster, role) } },
  };
}

function attachmentsClaim(cluster: SmartchatCluster): Typed<V1PersistentVolumeClaim> {
  const storage = cluster.spec.attachments.storage;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: childMeta(cluster, 'attachments', childName.attachments(cluster)),
    spec: {
      // Every chat pod serves and stores attachments, stats pods write reports and mail pods keep
      // received mail and its attachments, so the volume is shared.
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: storage.size } },
      ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}),
    },
  };
}
