// The TypeScript view of the SmartchatCluster custom resource. The schema itself, with its
// defaults, bounds and validation rules, is the CRD in
// charts/smartchat-operator/crds/smartchatclusters.smartchat.io.yaml; the API server applies its
// defaults before the operator reads an object, so defaulted fields are typed as present.
import type { V1ObjectMeta } from '@kubernetes/client-node';

export const GROUP = 'smartchat.io';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const KIND = 'SmartchatCluster';
export const PLURAL = 'smartchatclusters';
/** Held by every SmartchatCluster until its ordered teardown has run. */
export const FINALIZER = 'smartchat.io/teardown';
/** The server-side apply field manager: the fields the operator owns are recorded under it. */
export const FIELD_MANAGER = 'smartchat-operator';

export type Quantity = string | number;
export interface ResourceRequirements {
  requests?: Record<string, Quantity>;
  limits?: Record<string, Quantity>;
}

export interface ScaleRules {
  stabilizationWindowSeconds: number;
  maxStepPods: number;
  maxStepPercent: number;
  periodSeconds: number;
}

export interface AutoscalingTargets {
  connectionsPerPod?: number;
  messagesPerSecondPerPod?: number;
  waitingAssignmentsPerPod?: number;
  oldestWaitingSeconds?: number;
  /** stats: records of smartchat.events not yet in the statistics store, per pod. */
  consumerLagPerPod?: number;
}
export type TargetName = keyof AutoscalingTargets;

export interface AppComponentSpec {
  minReplicas: number;
  maxReplicas: number;
  resources: ResourceRequirements;
  autoscaling: {
    enabled: boolean;
    intervalSeconds: number;
    tolerance: number;
    targets: AutoscalingTargets;
    behavior: { scaleUp: ScaleRules; scaleDown: ScaleRules };
  };
}
/** Settings only chat pods have (a CEL rule in the CRD refuses them on the balancer). */
export interface ChatSettings {
  /** IPs or CIDRs of the ingress proxies whose X-Forwarded-For chat believes; none: never believed. */
  trustedProxies?: string[];
  /** CSP frame-ancestors sources of the sites that may embed the customer widget; none: no site may. */
  widgetEmbedOrigins?: string[];
  /** The company whose desk this is, on the console's sign-in page; none: the product's name only. */
  companyName?: string;
  /**
   * Where agents and customers reach Smartchat from outside (https://…): the origin of password
   * reset links, and of the survey links mailed to e-mail customers (mail pods get it too); none:
   * reset links use the origin the admin's request came to, and survey mails fail with that reason.
   */
  publicUrl?: string;
}
/**
 * The statistics pods (services/stats): members of the Kafka consumer group smartchat-stats that
 * keep the statistics database, and the monthly reports' worker. Off: no stats pods, and chat
 * serves no statistics.
 */
export interface StatsSpec extends AppComponentSpec {
  enabled: boolean;
  /** The statistics database; by default the main PostgreSQL server's database `<main database>_stats`, with the main URL's credentials. */
  database?: { connectionSecret: SecretKeyRef };
  /**
   * The desk's time zone (SMARTCHAT_DESK_TIME_ZONE): the zone of a monthly report's month and of
   * its schedule; the CRD accepts only zones a whole number of hours from UTC all year.
   */
  deskTimeZone?: string;
  /** The language of the monthly report files (SMARTCHAT_REPORT_LOCALE). */
  reportLocale?: 'ru' | 'en';
}
/** The autoscaled roles of the app image. */
export type AppComponent = 'chat' | 'balancer' | 'stats';
export const APP_COMPONENTS: readonly AppComponent[] = ['chat', 'balancer', 'stats'];
/** Every role of the app image that runs as a Deployment: the autoscaled ones and mail (a fixed count). */
export type AppRole = AppComponent | 'mail';

/** The app components a cluster runs: chat and balancer always, stats unless disabled. */
export function enabledComponents(cluster: { spec: { stats: { enabled: boolean } } }): AppComponent[] {
  return APP_COMPONENTS.filter((component) => component !== 'stats' || cluster.spec.stats.enabled);
}

/**
 * The mail role (spec.mail): the e-mail channel, `services/chat/src/mail-main.ts` from the app
 * image, run as its own Deployment. Each IMAP mailbox is read by one mail pod at a time (a
 * Postgres advisory lock), so replicas give fail-over; sending and processing are leased per
 * message, so those share the replicas. Needs spec.keyringSecret (a CEL rule in the CRD).
 */
export interface MailSpec {
  enabled: boolean;
  replicas: number;
  resources: ResourceRequirements;
  /** SMARTCHAT_MAIL_POLL_MS / 1000: how often an IMAP mailbox is searched besides what IDLE announces. */
  pollSeconds: number;
  /** SMARTCHAT_MAIL_MAX_BYTES: a larger received message is refused (SMTP 552) or recorded as too large (IMAP). */
  maxMessageBytes: number;
  /** SMARTCHAT_MAIL_SEND_ATTEMPTS: attempts at sending one answer before it is marked failed. */
  sendAttempts: number;
  /** SMARTCHAT_MAIL_RETRY_BASE_MS / 1000: the first wait between attempts (doubling, up to an hour). */
  retryBaseSeconds: number;
  /** SMARTCHAT_MAIL_ACKS_PER_SENDER_PER_HOUR: automatic acknowledgements one sender gets per hour at most. */
  acknowledgementsPerSenderPerHour: number;
  /** The SMTP listener for mail the company's mail server relays, and its Service. */
  smtp: {
    enabled: boolean;
    /** The Service's port (the container listens on 2525). */
    port: number;
    serviceType: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
    /** Annotations of the SMTP Service (a cloud's internal load balancer, for instance). */
    serviceAnnotations?: Record<string, string>;
    /** Who may connect to the listener (NetworkPolicy peers); empty: the pods of the cluster's namespace only. */
    allowedFrom: NetworkPeer[];
  };
  /** Where mail pods may connect besides DNS and the stores: remote IMAP and SMTP servers. */
  egress: {
    /** false: the mail pods' egress is not restricted, like the other pods'. */
    restricted: boolean;
    cidrs: string[];
    ports: number[];
  };
}

/** The mail spec when the mail role is on; undefined when it is off (or unknown to the installed CRD). */
export function enabledMail(cluster: { spec: { mail?: MailSpec } }): MailSpec | undefined {
  return cluster.spec.mail?.enabled === true ? cluster.spec.mail : undefined;
}

export interface StorageSpec {
  size: string;
  storageClassName?: string;
}

export interface ExternalStoreSpec {
  endpoints: string[];
  credentialsSecret?: { name: string };
  datacenter?: string;
  vhost?: string;
}

export interface ManagedScyllaSpec {
  members: number;
  replicationFactor: number;
  version: string;
  image: string;
  datacenter: string;
  storage: StorageSpec;
  resources: ResourceRequirements;
}
export interface ManagedRabbitmqSpec {
  replicas: number;
  version: string;
  image: string;
  storage: StorageSpec;
  resources: ResourceRequirements;
}
export interface ManagedRedisSpec {
  replicas: number;
  version: string;
  image: string;
  storage: StorageSpec;
  resources: ResourceRequirements;
}

/** Exactly one of managed or external is set (enforced by a CEL rule in the CRD). */
export interface StoreSpec<M> {
  managed?: M;
  external?: ExternalStoreSpec;
}
export type StoreName = 'scylla' | 'rabbitmq' | 'redis';
export const STORE_NAMES: readonly StoreName[] = ['scylla', 'rabbitmq', 'redis'];

export interface SecretKeyRef {
  name: string;
  key: string;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}
/** A NetworkPolicy peer as Kubernetes spells it: selectors, or an IP block (not both; the CRD checks). */
export interface NetworkPeer {
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

/** Labels a Grafana sidecar looks for (grafana_dashboard: "1", grafana_datasource: "1"). */
export interface GrafanaShipping {
  enabled: boolean;
  labels: Record<string, string>;
}
export interface MonitoringSpec {
  /** A ServiceMonitor and a PrometheusRule where the Prometheus Operator is installed, and the Grafana objects below. */
  enabled: boolean;
  /** The rendered dashboards (dashboards/grafana) as ConfigMaps for the Grafana dashboard sidecar. */
  grafanaDashboards: GrafanaShipping;
  /** The statistics database as a Grafana data source (a Secret for the sidecar), as the read-only role. */
  grafanaDatasource: GrafanaShipping;
}

export interface SmartchatClusterSpec {
  version: string;
  images: {
    app: { repository: string; tag?: string; pullPolicy: 'Always' | 'IfNotPresent' | 'Never' };
    pullSecrets?: string[];
  };
  chat: AppComponentSpec & ChatSettings;
  balancer: AppComponentSpec;
  stats: StatsSpec;
  scylla: StoreSpec<ManagedScyllaSpec>;
  rabbitmq: StoreSpec<ManagedRabbitmqSpec>;
  redis: StoreSpec<ManagedRedisSpec>;
  postgres: { connectionSecret: SecretKeyRef };
  kafka: { connectionSecret: SecretKeyRef };
  customerTokenSecret?: SecretKeyRef;
  /**
   * The keyring that seals secrets kept in the database (mailboxes' passwords): SMARTCHAT_SECRET_KEYS,
   * `id:base64key,…`, 32-byte keys, the first one sealing. Given to chat and mail pods through a
   * secretKeyRef, never copied into a ConfigMap, the connection settings or the resource.
   */
  keyringSecret?: SecretKeyRef;
  /** Absent while an older CRD without it is installed (Helm never upgrades CRDs). */
  mail?: MailSpec;
  attachments: { storage: StorageSpec };
  prometheus: { url?: string };
  monitoring: MonitoringSpec;
  teardown: { pvcRetention: 'Retain' | 'Delete' };
  /** NetworkPolicies that fence the stores and the app's operations ports (desired/network-policies.ts). */
  networkPolicies: { enabled: boolean; metricsFrom: NetworkPeer[] };
  /** The first super-admin of a fresh installation: a Secret with keys email, password and optional name. */
  bootstrapAdmin?: { secretRef: { name: string } };
}

export type ConditionType = 'Available' | 'Progressing' | 'Degraded';
export interface Condition {
  type: ConditionType;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface MetricReading {
  name: TargetName;
  value: number;
  target: number;
  desiredReplicas: number;
}
export interface ScaleDecision {
  time: string;
  from: number;
  to: number;
  reason: string;
  metrics: MetricReading[];
}

export interface AppComponentStatus {
  replicas: number;
  readyReplicas: number;
  desiredReplicas: number;
  /** "ready/desired", for the printer column. */
  ready: string;
  lastScale?: ScaleDecision;
}

export interface StoreStatus {
  mode: 'managed' | 'external' | 'job';
  ready: boolean;
  replicas?: number;
  readyReplicas?: number;
  message?: string;
}

export interface SmartchatClusterStatus {
  observedGeneration?: number;
  /** The reason of the condition that explains the state best (printer column). */
  reason?: string;
  conditions?: Condition[];
  chat?: AppComponentStatus;
  balancer?: AppComponentStatus;
  stats?: AppComponentStatus;
  mail?: AppComponentStatus;
  stores?: Partial<Record<StoreName | 'migrations' | 'bootstrapAdmin', StoreStatus>>;
}

export interface SmartchatCluster {
  apiVersion: typeof API_VERSION;
  kind: typeof KIND;
  metadata: V1ObjectMeta & { name: string; namespace: string };
  spec: SmartchatClusterSpec;
  status?: SmartchatClusterStatus;
}
