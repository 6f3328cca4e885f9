import { z } from 'zod';

/**
 * The observability settings each service's env.ts spreads into its schema (read only there):
 * who may scrape `/metrics`, how long `/readyz` waits for a dependency, and where traces go.
 */
export const OPS_ENV = {
  /**
   * Bearer token Prometheus presents to `/metrics` (`Authorization: Bearer …`); unset, the
   * endpoint is not served. The series are counts by status and code, never tenant data, but
   * rates and volumes are still the business's own.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** How long one `/readyz` waits for each dependency before calling it down. */
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
};

/** Traces (api, worker). */
export const TRACING_ENV = {
  /**
   * The OpenTelemetry collector's OTLP/HTTP base URL (`…/v1/traces` is appended); unset, no
   * spans are made. The standard variable's name, read here like every other setting.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
};

/** The api's extra: how long a read of the platform facts serves scrapes (all replicas alike). */
export const PLATFORM_FACTS_ENV = {
  METRICS_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
};
