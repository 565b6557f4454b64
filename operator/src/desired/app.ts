// The chat, balancer and stats Deployments, their Services and PodDisruptionBudgets, and the
// attachments volume. The Deployments leave spec.replicas out: the autoscaler owns it through the
// scale subresource, so that re-applying the manifest never resets a scaling decision.
//
// Ports: chat serves its public API (REST, socket.io, console, widget) on `http` (8080) and
// /healthz, /readyz and /metrics only on `ops` (8081), where its probes and the ServiceMonitor
// point; its Service carries both (the NetworkPolicy admits `ops` only from metrics scrapers). The
// balancer's only server is its operations server, on `http` (8081); the stats pods' only server
// is theirs, on `ops` (8081). Stats pods (spec.stats, on unless disabled) consume smartchat.events
// into the statistics database and build the monthly reports into the shared attachments volume.
import type { V1Container, V1ContainerPort, V1Deployment, V1EnvVar, V1PersistentVolumeClaim, V1PodDisruptionBudget, V1Service, V1ServicePort } from '@kubernetes/client-node';
import { enabledComponents, type AppComponent, type SmartchatCluster } from '../api/types.js';
import { APP_HTTP_PORT, APP_OPS_PORT, BALANCER_HTTP_PORT, BLOB_DIR } from './config.js';
import { ANNOTATION_CONFIG_HASH, appImage, childMeta, childName, containerResources, selectorLabels } from './meta.js';

type Typed<T> = T & { apiVersion: string; kind: string };

const ENTRY: Record<AppComponent, string> = {
  chat: 'services/chat/src/main.ts',
  balancer: 'services/balancer/src/main.ts',
  stats: 'services/stats/src/main.ts',
};

/** The attachments volume, and a Deployment, Service and PodDisruptionBudget per enabled component. */
export function appObjects(cluster: SmartchatCluster, configHash: string): Typed<V1Deployment | V1Service | V1PersistentVolumeClaim | V1PodDisruptionBudget>[] {
  return [attachmentsClaim(cluster), ...enabledComponents(cluster).flatMap((component) => [appDeployment(cluster, component, configHash), appService(cluster, component), appDisruptionBudget(cluster, component)])];
}

export function appDeploymentName(cluster: SmartchatCluster, component: AppComponent): string {
  return childName[component](cluster);
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

/** Where /healthz, /readyz and /metrics answer: chat's and the stats pods' operations port, the balancer's only port. */
export function probePort(component: AppComponent): 'ops' | 'http' {
  return component === 'balancer' ? 'http' : 'ops';
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
  ];
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

function appDeployment(cluster: SmartchatCluster, component: AppComponent, configHash: string): Typed<V1Deployment> {
  const spec = cluster.spec[component];
  const container = appContainer(cluster, component, ['node', '--import', 'tsx', ENTRY[component]], containerResources(spec.resources));
  container.env = componentEnv(cluster, component);
  container.ports = ports(component);
  container.readinessProbe = { httpGet: { path: '/readyz', port: probePort(component) }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 };
  container.livenessProbe = { httpGet: { path: '/healthz', port: probePort(component) }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 };
  if (usesBlobs(component)) container.volumeMounts = [...(container.volumeMounts ?? []), { name: 'attachments', mountPath: BLOB_DIR }];
  const pullSecrets = (cluster.spec.images.pullSecrets ?? []).map((name) => ({ name }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: childMeta(cluster, component, appDeploymentName(cluster, component)),
    spec: {
      selector: { matchLabels: selectorLabels(cluster, component) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
      revisionHistoryLimit: 5,
      template: {
        metadata: { labels: childMeta(cluster, component, '').labels, annotations: { [ANNOTATION_CONFIG_HASH]: configHash.slice(0, 16) } },
        spec: {
          // Chat pods drain their sockets on SIGTERM; clients reconnect to another pod and resume.
          // Stats pods finish the record in hand and leave the consumer group.
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets } : {}),
          containers: [container],
          volumes: [
            { name: 'tmp', emptyDir: {} },
            ...(usesBlobs(component) ? [{ name: 'attachments', persistentVolumeClaim: { claimName: childName.attachments(cluster) } }] : []),
          ],
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selectorLabels(cluster, component) } }],
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

/** A drain takes one pod of a component at a time, so a node's maintenance never empties it. */
function appDisruptionBudget(cluster: SmartchatCluster, component: AppComponent): Typed<V1PodDisruptionBudget> {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: childMeta(cluster, component, appDeploymentName(cluster, component)),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(cluster, component) } },
  };
}

function attachmentsClaim(cluster: SmartchatCluster): Typed<V1PersistentVolumeClaim> {
  const storage = cluster.spec.attachments.storage;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: childMeta(cluster, 'attachments', childName.attachments(cluster)),
    spec: {
      // Every chat pod serves and stores attachments and stats pods write reports, so the volume is shared.
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: storage.size } },
      ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}),
    },
  };
}
