// One prom-client registry per process with the default process metrics, labelled by service,
// and the /metrics response.
import { collectDefaultMetrics, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Summary, Registry } from 'prom-client';

export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface MetricsResponse {
  contentType: string;
  body: string;
}

export async function renderMetrics(registry: Registry): Promise<MetricsResponse> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
