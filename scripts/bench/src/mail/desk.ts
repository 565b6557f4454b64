// The desk PROFILE=mail runs against: one admin (the bench's agent, promoted), one team, and one
// support mailbox created over the API as an admin would, inbound by SMTP relay, outbound to the
// local mail server, without acknowledgements (so that customers' mailboxes hold only the replies).
import type { Mailbox } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';
import { login } from '../loadgen/clients.js';

export interface Desk {
  adminToken: string;
  teamId: string;
  mailbox: Mailbox;
}

export async function prepareDesk(options: {
  pg: PgPool;
  node: string;
  agent: { email: string; password: string };
  support: string;
  mailServer: { host: string; port: number };
}): Promise<Desk> {
  const { pg, node, agent } = options;
  await pg.query(`UPDATE agents SET role = 'admin' WHERE email = $1`, [agent.email]);
  const { rows } = await pg.query<{ id: string }>(`INSERT INTO teams (name) VALUES ('Bench mail team') RETURNING id`);
  const teamId = rows[0]!.id;
  const adminToken = await login(node, agent.email, agent.password);
  const response = await fetch(`${node}/v1/mailboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      address: options.support,
      displayName: 'Поддержка (bench)',
      teamId,
      topic: 'email',
      inbound: 'smtp',
      smtp: { host: options.mailServer.host, port: options.mailServer.port, security: 'none' },
      signature: 'Служба поддержки',
      autoAcknowledge: false,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /v1/mailboxes: ${response.status} ${text.slice(0, 300)}`);
  return { adminToken, teamId, mailbox: JSON.parse(text) as Mailbox };
}
