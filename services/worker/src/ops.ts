import { serve } from '@hono/node-server';
import { type Db, pingDatabase } from '@switchyard/db';
import { createServiceMetrics, mountOps } from '@switchyard/observability/metrics';
import type { Client } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { Hono } from 'hono';

/**
 * Hands the Temporal SDK's own metrics (task slots, pollers, schedule-to-start latency, sticky
 * cache) to a Prometheus listener of the SDK's core at `bindAddress`. The runtime is one per
 * process and installs once, before the first connection: main.ts calls it first thing, and
 * only when configured, so processes that run workers in-process (tests) keep their own.
 */
export function installTemporalMetrics(bindAddress: string): void {
  Runtime.install({
    telemetryOptions: { metrics: { prometheus: { bindAddress } } },
  });
}

/**
 * The worker's operations listener: `/healthz`, `/readyz` (PostgreSQL, Temporal frontend) and
 * `/metrics` (the process's own; the SDK's are on TEMPORAL_METRICS_BIND_ADDRESS).
 */
export function serveWorkerOps(opts: {
  db: Db;
  temporal: Client;
  port: number;
  hostname: string;
  metricsToken?: string;
  readinessTimeoutMs: number;
}) {
  const app = new Hono();
  mountOps(app, {
    metrics: createServiceMetrics('worker'),
    ...(opts.metricsToken && { metricsToken: opts.metricsToken }),
    readinessTimeoutMs: opts.readinessTimeoutMs,
    readiness: {
      postgres: () => pingDatabase(opts.db),
      temporal: () => opts.temporal.workflowService.getSystemInfo({}),
    },
  });
  return serve({ fetch: app.fetch, port: opts.port, hostname: opts.hostname });
}
