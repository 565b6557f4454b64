// The mail role of a SmartchatCluster against a real kube-apiserver: with spec.mail on and a
// keyring Secret named, the mail Deployment (the chat image's mail-main.ts, a fixed pod count), its
// operations and SMTP Services, its budget and its NetworkPolicy come with the other apps once the
// migrations have run; the keyring reaches chat and mail pods only by reference, a rotated one
// rolls them, a bad or missing one is Degraded; the SMTP Service follows the spec; turning mail off
// takes it all away; bad specs are refused by the API server.
import type { V1Deployment, V1NetworkPolicy } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_KEYRING_HASH } from '../src/desired/meta.js';
import { isNotFound, type KubeClients } from '../src/runtime/kube.js';
import { bringUp, clusterManifest, condition, createConnectionSecrets, createNamespace, installCrdFromChart, kubectl, kubectlOk, markDeploymentReady, readCluster, saveLogs, startOperator, testKube, type OperatorProcess } from './support/kube.js';

let kube: KubeClients;
let namespace: string;
let operator: OperatorProcess;

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const KEYRING = `k1:${key(11)}`;
const ROTATED = `k2:${key(22)},k1:${key(11)}`;

beforeAll(async () => {
  kube = testKube();
  installCrdFromChart();
  namespace = await createNamespace(kube, 'op-mail');
  await createConnectionSecrets(kube, namespace);
  await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'keyring' }, stringData: { keys: KEYRING } } });
  operator = await startOperator(namespace);
});

afterAll(async () => {
  await operator?.stop();
  saveLogs('operator-mail', operator);
});

const apply = (manifest: Record<string, unknown>) => kubectlOk(['apply', '-n', namespace, '-f', '-'], JSON.stringify(manifest));
const patch = (spec: Record<string, unknown>) => kubectlOk(['patch', 'scc', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec })]);
const setKeyring = (keys: string) => kube.core.replaceNamespacedSecret({ name: 'keyring', namespace, body: { metadata: { name: 'keyring' }, stringData: { keys } } });
const exists = async (read: () => Promise<unknown>) => {
  try {
    await read();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
};
const readDeployment = (component: string) => kube.apps.readNamespacedDeployment({ name: `desk-${component}`, namespace });
const annotationsOf = async (component: string) => (await readDeployment(component)).spec?.template.metadata?.annotations ?? {};
const readPolicy = async () => (await kube.objects.read({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'desk-mail', namespace } })) as V1NetworkPolicy;
const mailObjects = async () => ({
  deployment: await exists(() => readDeployment('mail')),
  service: await exists(() => kube.core.readNamespacedService({ name: 'desk-mail', namespace })),
  smtpService: await exists(() => kube.core.readNamespacedService({ name: 'desk-mail-smtp', namespace })),
  budget: await exists(() => kube.policy.readNamespacedPodDisruptionBudget({ name: 'desk-mail', namespace })),
  fence: await exists(readPolicy),
});
const keyringReference = { name: 'SMARTCHAT_SECRET_KEYS', valueFrom: { secretKeyRef: { name: 'keyring', key: 'keys' } } };
const keyringOf = (deployment: V1Deployment) => deployment.spec?.template.spec?.containers[0]?.env?.find((variable) => variable.name === 'SMARTCHAT_SECRET_KEYS');
const migrationJobs = async () => (await kube.batch.listNamespacedJob({ namespace, labelSelector: 'app.kubernetes.io/instance=desk,app.kubernetes.io/component=migrations' })).items.map((job) => job.metadata!.name!).sort();

describe('the mail role of a SmartchatCluster', () => {
  it('comes with the other apps once the migrations have run: Deployment, operations and SMTP Services, budget and fence; kubectl get shows it', async () => {
    apply(clusterManifest('desk', {
      keyringSecret: { name: 'keyring' },
      mail: { enabled: true, replicas: 2, smtp: { serviceType: 'LoadBalancer', allowedFrom: [{ ipBlock: { cidr: '203.0.113.25/32' } }] } },
    }));
    // The fence is up with the stores, before any mail pod.
    await eventually('the mail NetworkPolicy', readPolicy, 30_000, 200);
    expect(await mailObjects()).toEqual({ deployment: false, service: false, smtpService: false, budget: false, fence: true });

    await bringUp(kube, namespace, 'desk');
    const mail = await eventually('the mail Deployment', async () => (await readDeployment('mail').catch(() => undefined)), 30_000, 200);
    expect(mail.spec?.replicas).toBe(2);
    expect(await markDeploymentReady(kube, namespace, 'desk-mail')).toBe(2);
    expect(await mailObjects()).toEqual({ deployment: true, service: true, smtpService: true, budget: true, fence: true });

    const ready = await eventually('mail 2/2 in the status', async () => {
      const cluster = await readCluster(kube, namespace, 'desk');
      return cluster.status?.mail?.ready === '2/2' && cluster.status.reason === 'Ready' ? cluster : undefined;
    }, 30_000, 250);
    expect(ready.status?.mail).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(condition(ready, 'Available')).toMatchObject({ status: 'True', reason: 'AllComponentsReady' });
    const printed = kubectlOk(['get', 'scc', 'desk', '-n', namespace]);
    expect(printed).toMatch(/NAME\s+AVAILABLE\s+PROGRESSING\s+CHAT\s+BALANCER\s+STATS\s+MAIL\s+REASON\s+AGE/);
    expect(printed).toMatch(/desk\s+True\s+False\s+2\/2\s+2\/2\s+1\/1\s+2\/2\s+Ready/);

    // The pods: the chat image's mail entry point, the settings of chat pods, the keyring by reference, the attachments volume.
    const chat = await readDeployment('chat');
    const container = mail.spec!.template.spec!.containers[0]!;
    expect(container.image).toBe(chat.spec!.template.spec!.containers[0]!.image);
    expect(container.command).toEqual(['node', '--import', 'tsx', 'services/chat/src/mail-main.ts']);
    expect(container.envFrom).toEqual(chat.spec!.template.spec!.containers[0]!.envFrom);
    expect(keyringOf(mail)).toEqual(keyringReference);
    expect(keyringOf(chat)).toEqual(keyringReference);
    expect(keyringOf(await readDeployment('balancer'))).toBeUndefined();
    expect(container.readinessProbe?.httpGet).toMatchObject({ path: '/readyz', port: 'ops' });
    expect(container.volumeMounts).toContainEqual({ name: 'attachments', mountPath: '/var/lib/smartchat/blobs' });
    expect(mail.spec!.template.spec!.volumes).toContainEqual({ name: 'attachments', persistentVolumeClaim: { claimName: 'desk-attachments' } });

    // The Services: operations inside the cluster; SMTP on port 25 of a load balancer that keeps the relay's address.
    const ops = await kube.core.readNamespacedService({ name: 'desk-mail', namespace });
    expect(ops.spec?.type).toBe('ClusterIP');
    expect(ops.spec?.ports?.map((port) => `${port.name}:${port.port}->${port.targetPort}`)).toEqual(['ops:8081->ops']);
    const smtp = await kube.core.readNamespacedService({ name: 'desk-mail-smtp', namespace });
    expect(smtp.spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: mail.spec!.selector.matchLabels });
    expect(smtp.spec?.ports).toEqual([expect.objectContaining({ name: 'smtp', port: 25, targetPort: 'smtp', protocol: 'TCP', nodePort: expect.any(Number) })]);
    expect((await kube.policy.readNamespacedPodDisruptionBudget({ name: 'desk-mail', namespace })).spec?.maxUnavailable).toBe(1);

    // The fence: the named relay on the listener; egress to DNS, the stores, PostgreSQL (5432) and Kafka (9092), and the mail ports.
    const fence = await readPolicy();
    expect(fence.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(fence.spec?.ingress?.[0]).toEqual({ _from: [{ ipBlock: { cidr: '203.0.113.25/32' } }], ports: [{ protocol: 'TCP', port: 2525 }] });
    expect(fence.spec?.egress?.map((rule) => (rule.ports ?? []).map((port) => port.port).join(','))).toEqual(['53,53', '9042', '5672', '6379', '5432,9092', '25,143,465,587,993']);

    // The keyring is in no object a client without Secret access can read, nor in the connection settings.
    const visible = kubectlOk(['get', '-n', namespace, '-o', 'json', 'smartchatclusters,events,configmaps,deployments,jobs,services,networkpolicies,poddisruptionbudgets']);
    expect(visible).not.toContain(key(11));
    const connections = await kube.core.readNamespacedSecret({ name: 'desk-connections', namespace });
    expect(JSON.stringify(connections.data)).not.toContain(Buffer.from(KEYRING).toString('base64'));
    expect(Object.keys(connections.data ?? {})).not.toContain('SMARTCHAT_SECRET_KEYS');
  });

  it('a rotated keyring rolls the chat and mail pods, not the balancer, and runs no migrations', async () => {
    const before = { chat: await annotationsOf('chat'), mail: await annotationsOf('mail'), balancer: await annotationsOf('balancer') };
    expect(before.chat[ANNOTATION_KEYRING_HASH]).toMatch(/^[0-9a-f]{16}$/);
    expect(before.mail[ANNOTATION_KEYRING_HASH]).toBe(before.chat[ANNOTATION_KEYRING_HASH]);
    const jobs = await migrationJobs();
    await setKeyring(ROTATED);
    const after = await eventually('chat and mail on the new keyring', async () => {
      const chat = await annotationsOf('chat');
      const mail = await annotationsOf('mail');
      return chat[ANNOTATION_KEYRING_HASH] !== before.chat[ANNOTATION_KEYRING_HASH] && mail[ANNOTATION_KEYRING_HASH] === chat[ANNOTATION_KEYRING_HASH] ? { chat, mail } : undefined;
    }, 30_000, 250);
    expect(after.chat[ANNOTATION_CONFIG_HASH]).toBe(before.chat[ANNOTATION_CONFIG_HASH]);
    expect(await annotationsOf('balancer')).toEqual(before.balancer);
    expect(await migrationJobs()).toEqual(jobs);
    for (const component of ['chat', 'mail']) await markDeploymentReady(kube, namespace, `desk-${component}`);
  });

  it('a keyring that is not one is Degraded (SecretKeyInvalid) without showing it, and rolls nothing; fixed, the cluster recovers', async () => {
    const before = await annotationsOf('chat');
    const bad = `k3:${Buffer.alloc(16, 5).toString('base64')}`;
    await setKeyring(bad);
    const degraded = await eventually('Degraded: SecretKeyInvalid', async () => {
      const found = condition(await readCluster(kube, namespace, 'desk'), 'Degraded');
      return found?.status === 'True' && found.reason === 'SecretKeyInvalid' ? found : undefined;
    }, 30_000, 250);
    expect(degraded.message).toBe(`Secret ${namespace}/keyring (spec.keyringSecret) key "keys" is not a keyring: key "k3": must be 32 bytes in base64 (it is 16)`);
    expect(kubectlOk(['get', '-n', namespace, '-o', 'json', 'smartchatclusters,events'])).not.toContain(bad.slice(3));
    expect(await annotationsOf('chat')).toEqual(before);
    await setKeyring(ROTATED);
    await eventually('Degraded cleared', async () => condition(await readCluster(kube, namespace, 'desk'), 'Degraded')?.status === 'False', 30_000, 250);
    expect(await annotationsOf('chat')).toEqual(before);
  });

  it('the SMTP Service follows the spec: back inside the cluster, it drops what only a load balancer has', async () => {
    patch({ mail: { smtp: { serviceType: 'ClusterIP', port: 2525, allowedFrom: [] } } });
    const smtp = await eventually('a ClusterIP SMTP Service', async () => {
      const found = await kube.core.readNamespacedService({ name: 'desk-mail-smtp', namespace });
      return found.spec?.type === 'ClusterIP' ? found : undefined;
    }, 30_000, 250);
    expect(smtp.spec?.externalTrafficPolicy).toBeUndefined();
    expect(smtp.spec?.ports).toEqual([{ name: 'smtp', port: 2525, targetPort: 'smtp', protocol: 'TCP' }]);
    // Without allowedFrom the listener admits the pods of the namespace only.
    const fence = await eventually('the fence without the relay', async () => {
      const found = await readPolicy();
      return found.spec?.ingress?.[0]?._from?.[0]?.ipBlock ? undefined : found;
    }, 30_000, 250);
    expect(fence.spec?.ingress?.[0]).toEqual({ _from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 2525 }] });
  });

  it('mail off takes its Deployment, Services, budget and fence away and empties the Mail column; chat keeps the keyring', async () => {
    patch({ mail: { enabled: false } });
    await eventually('no mail objects', async () => Object.values(await mailObjects()).every((found) => !found), 30_000, 250);
    const off = await eventually('no mail in the status', async () => {
      const cluster = await readCluster(kube, namespace, 'desk');
      return cluster.status?.mail === undefined ? cluster : undefined;
    }, 30_000, 250);
    expect(condition(off, 'Available')?.status).toBe('True');
    const [header, row] = kubectlOk(['get', 'scc', 'desk', '-n', namespace]).split('\n') as [string, string];
    expect(row.slice(header.indexOf(' MAIL '), header.indexOf(' REASON ')).trim()).toBe('');
    expect(row).toMatch(/desk\s+True\s+\S+\s+2\/2\s+2\/2\s+1\/1\s+Ready/);
    expect(kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=desk,reason=MailRemoved', '-o', 'jsonpath={.items[*].message}'])).toContain('deleted Deployment desk-mail');
    expect(keyringOf(await readDeployment('chat'))).toEqual(keyringReference);
    // The stores no longer admit mail pods.
    const redis = (await kube.objects.read({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'desk-redis', namespace } })) as V1NetworkPolicy;
    expect(JSON.stringify(redis.spec?.ingress)).not.toContain('"mail"');
  });

  it('a keyring Secret that does not exist is Degraded (SecretNotFound), naming the field', async () => {
    apply(clusterManifest('nokeys', { keyringSecret: { name: 'keyring-missing' } }));
    const degraded = await eventually('Degraded: SecretNotFound', async () => {
      const found = condition(await readCluster(kube, namespace, 'nokeys'), 'Degraded');
      return found?.status === 'True' ? found : undefined;
    }, 30_000, 250);
    expect(degraded).toMatchObject({ reason: 'SecretNotFound' });
    expect(degraded.message).toContain(`Secret ${namespace}/keyring-missing (spec.keyringSecret) does not exist`);
    kubectlOk(['delete', 'scc', 'nokeys', '-n', namespace, '--wait=false']);
  });

  it('the API server refuses bad mail settings, with a message that says why', () => {
    const refused = (spec: Record<string, unknown>) => {
      const result = kubectl(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('bad', spec)));
      expect(result.status, JSON.stringify(spec)).not.toBe(0);
      return result.stderr;
    };
    const keyringSecret = { name: 'keyring' };
    expect(refused({ mail: { enabled: true } })).toContain('spec.mail needs spec.keyringSecret');
    expect(refused({ keyringSecret: {} })).toContain('spec.keyringSecret.name');
    expect(refused({ keyringSecret, mail: { enabled: true, replicas: 6 } })).toContain('spec.mail.replicas');
    expect(refused({ mail: { replicas: 0 } })).toContain('spec.mail.replicas');
    expect(refused({ mail: { pollSeconds: 0 } })).toContain('spec.mail.pollSeconds');
    expect(refused({ mail: { maxMessageBytes: 209_715_201 } })).toContain('spec.mail.maxMessageBytes');
    expect(refused({ mail: { maxMessageBytes: 9999 } })).toContain('spec.mail.maxMessageBytes');
    expect(refused({ mail: { sendAttempts: 51 } })).toContain('spec.mail.sendAttempts');
    expect(refused({ mail: { retryBaseSeconds: 3601 } })).toContain('spec.mail.retryBaseSeconds');
    expect(refused({ mail: { acknowledgementsPerSenderPerHour: 101 } })).toContain('spec.mail.acknowledgementsPerSenderPerHour');
    expect(refused({ mail: { smtp: { serviceType: 'ExternalName' } } })).toContain('spec.mail.smtp.serviceType');
    expect(refused({ mail: { smtp: { port: 0 } } })).toContain('spec.mail.smtp.port');
    expect(refused({ keyringSecret, mail: { enabled: true, smtp: { serviceType: 'LoadBalancer' } } })).toContain('needs spec.mail.smtp.allowedFrom');
    expect(refused({ keyringSecret, mail: { enabled: true, smtp: { serviceType: 'NodePort', allowedFrom: [] } } })).toContain('needs spec.mail.smtp.allowedFrom');
    expect(refused({ mail: { smtp: { allowedFrom: [{}] } } })).toContain('a peer is a namespaceSelector and/or a podSelector, or an ipBlock alone');
    expect(refused({ mail: { smtp: { serviceAnnotations: { 'not a key!': 'x' } } } })).toContain('every key must be an annotation key');
    expect(refused({ mail: { egress: { cidrs: [] } } })).toContain('spec.mail.egress.cidrs');
    expect(refused({ mail: { egress: { cidrs: ['10.0.0.300/8'] } } })).toContain('spec.mail.egress.cidrs[0]');
    expect(refused({ mail: { egress: { ports: [] } } })).toContain('spec.mail.egress.ports');
    expect(refused({ mail: { egress: { ports: [993, 993] } } })).toContain('spec.mail.egress.ports');
    expect(refused({ mail: { egress: { ports: [70000] } } })).toContain('spec.mail.egress.ports[0]');
    expect(refused({ mail: { enabled: 'yes' } })).toContain('spec.mail.enabled');
    expect(kubectl(['get', 'smartchatcluster', 'bad', '-n', namespace]).status).not.toBe(0);
    // Without NetworkPolicies nothing closes a load balancer, so none is refused for want of allowedFrom.
    expect(kubectl(['apply', '--dry-run=server', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('open', { keyringSecret, networkPolicies: { enabled: false }, mail: { enabled: true, smtp: { serviceType: 'LoadBalancer' } } }))).status).toBe(0);
  });
});
