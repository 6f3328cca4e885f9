import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type { Registry };

/** Seconds; the webhook intake answers in a few milliseconds, a tRPC page in tens of them. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const HTTP_DURATION = 'switchyard_http_request_duration_seconds';

export interface ServiceMetrics {
  registry: Registry;
  /** By method, route pattern (never the raw path: ids must not become labels) and status class. */
  httpDuration: Histogram<'method' | 'route' | 'status_class'>;
}

/**
 * A registry of one service's own: process metrics (CPU, memory, event loop lag) and HTTP
 * latency. One per service instance, not prom-client's global one, so the services that tests
 * run in one process keep their series apart.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: HTTP_DURATION,
    help: 'HTTP request latency by route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  return { registry, httpDuration };
}

/** The Prometheus text of a registry, with its content type. */
export async function renderMetrics(registry: Registry): Promise<{ body: string; type: string }> {
  return { body: await registry.metrics(), type: registry.contentType };
}
