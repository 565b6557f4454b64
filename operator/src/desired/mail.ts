// The mail role (spec.mail, off by default): the e-mail channel, `services/chat/src/mail-main.ts`
// from the app image, as a Deployment of its own. It needs chat's message path (conversations
// opened and messages accepted as the widget's are) but none of chat's public surface, and its
// long-lived connections (IMAP sessions, the SMTP listener, slow remote mail servers) must neither
// hold up nor be restarted with the socket gateway. Each IMAP mailbox is read by one mail pod at a
// time (a Postgres advisory lock), so more replicas give fail-over, not parallel reading; sending
// and processing are leased per message and do share the replicas. Hence a fixed pod count
// (spec.mail.replicas) rather than autoscaling.
//
// Objects: the Deployment (the settings through envFrom like every app pod, the keyring through a
// secretKeyRef, the shared attachments volume for raw mail and attachments, probes and metrics on
// `ops` 8081), the Service <cluster>-mail (ClusterIP, `ops` only: what the ServiceMonitor scrapes),
// the Service <cluster>-mail-smtp (port spec.mail.smtp.port → `smtp` 2525, of the configured type;
// none when the listener is off) and a PodDisruptionBudget. Its NetworkPolicy is in
// network-policies.ts.
import type { V1Deployment, V1EnvVar, V1PodDisruptionBudget, V1Service } from '@kubernetes/client-node';
import { enabledMail, type MailSpec, type SmartchatCluster } from '../api/types.js';
import { appContainer, appDisruptionBudget, keyringEnv, probes, publicUrlEnv, roleDeployment, type Typed } from './app.js';
import { APP_OPS_PORT, MAIL_SMTP_PORT } from './config.js';
import { childMeta, childName, containerResources, selectorLabels } from './meta.js';

export const MAIL_COMMAND = ['node', '--import', 'tsx', 'services/chat/src/mail-main.ts'];

/** The mail role's objects; none when spec.mail is off. */
export function mailObjects(cluster: SmartchatCluster, configHash: string, keyringHash?: string): Typed<V1Deployment | V1Service | V1PodDisruptionBudget>[] {
  const mail = enabledMail(cluster);
  if (!mail) return [];
  return [mailDeployment(cluster, mail, configHash, keyringHash), opsService(cluster), ...(mail.smtp.enabled ? [smtpService(cluster, mail)] : []), appDisruptionBudget(cluster, 'mail')];
}

/** The mail process's own settings (the ranges are services/chat/src/config.ts's, enforced by the CRD). */
export function mailEnv(cluster: SmartchatCluster, mail: MailSpec): V1EnvVar[] {
  return [
    { name: 'SMARTCHAT_OPS_PORT', value: String(APP_OPS_PORT) },
    { name: 'SMARTCHAT_MAIL_SMTP_HOST', value: '0.0.0.0' },
    // 0: no listener (mailboxes are then read over IMAP only).
    { name: 'SMARTCHAT_MAIL_SMTP_PORT', value: String(mail.smtp.enabled ? MAIL_SMTP_PORT : 0) },
    { name: 'SMARTCHAT_MAIL_POLL_MS', value: String(mail.pollSeconds * 1000) },
    { name: 'SMARTCHAT_MAIL_MAX_BYTES', value: String(mail.maxMessageBytes) },
    { name: 'SMARTCHAT_MAIL_SEND_ATTEMPTS', value: String(mail.sendAttempts) },
    { name: 'SMARTCHAT_MAIL_RETRY_BASE_MS', value: String(mail.retryBaseSeconds * 1000) },
    { name: 'SMARTCHAT_MAIL_ACKS_PER_SENDER_PER_HOUR', value: String(mail.acknowledgementsPerSenderPerHour) },
    ...publicUrlEnv(cluster),
    ...keyringEnv(cluster),
  ];
}

function mailDeployment(cluster: SmartchatCluster, mail: MailSpec, configHash: string, keyringHash: string | undefined): Typed<V1Deployment> {
  const container = appContainer(cluster, 'mail', MAIL_COMMAND, containerResources(mail.resources));
  container.env = mailEnv(cluster, mail);
  container.ports = [...(mail.smtp.enabled ? [{ name: 'smtp', containerPort: MAIL_SMTP_PORT, protocol: 'TCP' }] : []), { name: 'ops', containerPort: APP_OPS_PORT, protocol: 'TCP' }];
  Object.assign(container, probes('ops'));
  return roleDeployment(cluster, 'mail', container, { configHash, attachments: true, replicas: mail.replicas, ...(keyringHash ? { keyringHash } : {}) });
}

/** The operations port only, inside the cluster: what Prometheus scrapes; never exposed by the SMTP Service's type. */
function opsService(cluster: SmartchatCluster): Typed<V1Service> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, 'mail', childName.mail(cluster)),
    spec: { selector: selectorLabels(cluster, 'mail'), ports: [{ name: 'ops', port: APP_OPS_PORT, targetPort: 'ops', protocol: 'TCP' }] },
  };
}

/**
 * Where the company's mail server relays to. Outside ClusterIP, externalTrafficPolicy Local keeps
 * the relay's own address (instead of a node's) as the source, which is what the NetworkPolicy's
 * spec.mail.smtp.allowedFrom is matched against; traffic then goes only to nodes that run a mail pod.
 */
function smtpService(cluster: SmartchatCluster, mail: MailSpec): Typed<V1Service> {
  const annotations = mail.smtp.serviceAnnotations ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, 'mail', childName.mailSmtp(cluster), Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    spec: {
      type: mail.smtp.serviceType,
      selector: selectorLabels(cluster, 'mail'),
      ports: [{ name: 'smtp', port: mail.smtp.port, targetPort: 'smtp', protocol: 'TCP' }],
      ...(mail.smtp.serviceType === 'ClusterIP' ? {} : { externalTrafficPolicy: 'Local' }),
    },
  };
}
