import { type Db, pingDatabase, readPlatformFacts } from '@switchyard/db';
import {
  createServiceMetrics,
  type OpsRoutes,
  registerPlatformFacts,
} from '@switchyard/observability/metrics';
import type { Client } from '@temporalio/client';

/**
 * The api's operations routes: HTTP latency, the platform facts counted in PostgreSQL at
 * scrape time (orders by outcome, holds, SLA breaches, re-routes, delivery failures, push-back
 * refusals, ledger totals, inbox lag), and readiness of PostgreSQL and the Temporal frontend.
 */
export function apiOps(opts: {
  db: Db;
  temporal: Client;
  metricsToken?: string;
  metricsCacheMs: number;
  readinessTimeoutMs: number;
}): OpsRoutes {
  const metrics = createServiceMetrics('api');
  registerPlatformFacts(metrics.registry, () => readPlatformFacts(opts.db), {
    cacheMs: opts.metricsCacheMs,
  });
  return {
    metrics,
    ...(opts.metricsToken && { metricsToken: opts.metricsToken }),
    readinessTimeoutMs: opts.readinessTimeoutMs,
    readiness: {
      postgres: () => pingDatabase(opts.db),
      temporal: () => opts.temporal.workflowService.getSystemInfo({}),
    },
  };
}
