// The mail role under test: `node --import tsx services/chat/src/mail-main.ts` (the e-mail channel),
// started like a balancer (service-node.ts) on a free operations port, with its SMTP listener for
// relayed mail on another free loopback port. Ready when /readyz answers and the listener greets.
import { connect } from 'node:net';
import { freePort } from './chat-nodes.js';
import { sleep } from './orchestration.js';
import { startServiceNode, type ServiceNode } from './service-node.js';

export interface MailNode extends ServiceNode {
  /** The SMTP listener for relayed mail, on 127.0.0.1. */
  smtpPort: number;
}

/** Whether an SMTP server on 127.0.0.1:port answers with its 220 greeting within a second. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('220')));
    socket.once('error', () => done(false));
  });
}

/**
 * `env` is the chat process's environment plus the mail role's own settings: it must share the
 * chat process's stores, events topic, queue prefix and secret keys.
 */
export async function startMailNode(name: string, env: Record<string, string>, logDir: string, readyTimeoutMs: number): Promise<MailNode> {
  const smtpPort = await freePort();
  const startedAt = Date.now();
  const node = await startServiceNode({
    name,
    entry: 'services/chat/src/mail-main.ts',
    portVariable: 'SMARTCHAT_OPS_PORT',
    env: { ...env, SMARTCHAT_MAIL_SMTP_HOST: '127.0.0.1', SMARTCHAT_MAIL_SMTP_PORT: String(smtpPort) },
    logDir,
    readyTimeoutMs,
  });
  // /readyz answers as soon as the operations server is up; the SMTP listener binds just after.
  while (!(await greets(smtpPort))) {
    if (!node.running() || Date.now() - startedAt > readyTimeoutMs) {
      await node.stop();
      throw new Error(`${name}'s SMTP listener on 127.0.0.1:${smtpPort} did not greet within ${readyTimeoutMs} ms; see ${node.logFile}`);
    }
    await sleep(250);
  }
  return { ...node, smtpPort };
}
