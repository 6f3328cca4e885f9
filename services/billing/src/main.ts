import { serve } from '@hono/node-server';
import { platformPlanFromEnv } from '@switchyard/billing';
import { createDb, pingDatabase } from '@switchyard/db';
import { createServiceMetrics } from '@switchyard/observability/metrics';
import {
  startTracing,
  traceStripeCalls,
  tracingClientInterceptors,
} from '@switchyard/observability/tracing';
import { createStripeClient } from '@switchyard/stripe-billing';
import { ensureMonthCloseSchedule, ensureReconcileSchedule } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createBillingApp } from './app.ts';
import { loadBillingEnv } from './env.ts';
import { sweepStripeEvents } from './event-sweep.ts';
import { createBillingWorker } from './worker.ts';

const env = loadBillingEnv();
const log = (msg: string, err?: unknown) =>
  console.error(
    JSON.stringify({ level: 50, service: 'billing', msg, err: err ? String(err) : undefined }),
  );
const info = (msg: string, extra: object = {}) =>
  console.log(JSON.stringify({ level: 30, service: 'billing', msg, ...extra }));

// Traces only when a collector is configured: month close steps and their Stripe calls.
const tracing = env.OTEL_EXPORTER_OTLP_ENDPOINT
  ? startTracing({ serviceName: 'billing', url: env.OTEL_EXPORTER_OTLP_ENDPOINT })
  : undefined;
const db = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
const stripe = createStripeClient({
  apiKey: env.STRIPE_SECRET_KEY,
  apiUrl: env.STRIPE_API_URL,
  timeoutMs: env.STRIPE_TIMEOUT_MS,
});
if (tracing) traceStripeCalls(stripe);
const deps = { db, stripe, fees: platformPlanFromEnv(env) };

const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
const temporal = new Client({
  connection: clientConnection,
  namespace: env.TEMPORAL_NAMESPACE,
  ...(tracing && { interceptors: tracingClientInterceptors() }),
});
const worker = await createBillingWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.BILLING_TASK_QUEUE,
  deps,
  workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
  tracing: tracing !== undefined,
});
if (env.BILLING_SCHEDULE) {
  await ensureMonthCloseSchedule(temporal, env.BILLING_TASK_QUEUE);
  await ensureReconcileSchedule(temporal, env.BILLING_TASK_QUEUE);
}

const app = createBillingApp({
  ...deps,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET,
  returnUrl: env.BILLING_RETURN_URL,
  currency: env.BILLING_CURRENCY,
  log,
  ops: {
    metrics: createServiceMetrics('billing'),
    ...(env.METRICS_TOKEN && { metricsToken: env.METRICS_TOKEN }),
    readinessTimeoutMs: env.READINESS_TIMEOUT_MS,
    readiness: {
      postgres: () => pingDatabase(db),
      temporal: () => temporal.workflowService.getSystemInfo({}),
    },
  },
});
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (a) =>
  info('billing running', { port: a.port, taskQueue: env.BILLING_TASK_QUEUE }),
);
const sweep = setInterval(
  () => void sweepStripeEvents({ ...deps, log }).catch((err) => log('event sweep failed', err)),
  env.EVENT_SWEEP_MS,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    server.close();
    worker.shutdown();
  });
// run() resolves after a shutdown signal once in-flight tasks have drained.
await worker.run();
await connection.close();
await clientConnection.close();
await db.destroy();
await tracing?.shutdown();
process.exit(0);
