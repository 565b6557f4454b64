// The operational endpoints of a process without an API of its own (the balancer): liveness,
// readiness and Prometheus metrics on a small HTTP server.
import { createServer, type Server } from 'node:http';
import type { HealthChecks } from './health.js';
import { renderMetrics, type Registry } from './metrics.js';

export async function startOpsServer(options: { host: string; port: number; health: HealthChecks; registry: Registry }): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const send = (status: number, type: string, body: string) => response.writeHead(status, { 'content-type': type }).end(body);
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return send(405, 'application/json', '{"error":{"code":"SC_ERR_METHOD_NOT_ALLOWED","message":"Only GET"}}');
    if (path === '/healthz') return send(200, 'application/json', JSON.stringify(options.health.liveness()));
    if (path === '/readyz') {
      void options.health.readiness().then((report) => send(report.ok ? 200 : 503, 'application/json', JSON.stringify(report)));
      return;
    }
    if (path === '/metrics') {
      void renderMetrics(options.registry).then((metrics) => send(200, metrics.contentType, metrics.body));
      return;
    }
    send(404, 'application/json', '{"error":{"code":"SC_ERR_NOT_FOUND","message":"No such endpoint"}}');
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, options.host, () => resolve()));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : options.port };
}
