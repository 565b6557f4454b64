// Before any test: every local dependency must answer on its port, or the run stops with one
// message that says which are missing and how to start them.
import { connect } from 'node:net';
import { readLocalEnv } from './local-env.js';

const probe = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });

export default async function checkDependencies(): Promise<void> {
  const env = readLocalEnv();
  const ports: Record<string, string | undefined> = {
    postgres: env.SC_PG_PORT,
    redis: env.SC_REDIS_PORT,
    rabbitmq: env.SC_RABBIT_PORT,
    cassandra: env.SC_CASSANDRA_PORT,
    kafka: env.SC_KAFKA_PORT,
    prometheus: env.SC_PROMETHEUS_PORT,
    'mail server (SMTP)': env.SC_MAIL_SMTP_PORT,
    'mail server (IMAP)': env.SC_MAIL_IMAP_PORT,
  };
  const down: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (!(await probe(Number(port)))) down.push(`${name} (127.0.0.1:${port})`);
  }
  if (down.length > 0) {
    throw new Error(`the tests need the local dependencies, and these do not answer: ${down.join(', ')}. Start them with "make infra-up" (or run "make test", which does).`);
  }
}
