import { createDb } from '@switchyard/db';
import { startTracing, tracingClientInterceptors } from '@switchyard/observability/tracing';
import {
  createAlertDelivery,
  startFileBatchSweep,
  startFirstScanSweep,
  startRetentionJob,
} from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadWorkerEnv } from './env.ts';
import { installTemporalMetrics, serveWorkerOps } from './ops.ts';
import { createOrderWorker, orderActivityDeps, workerTuning } from './worker.ts';

const env = loadWorkerEnv();
// Before any connection: the SDK's runtime is created with the first one.
if (env.TEMPORAL_METRICS_BIND_ADDRESS) installTemporalMetrics(env.TEMPORAL_METRICS_BIND_ADDRESS);
// Traces only when a collector is configured: the SDK's interceptors cost a span per step.
const tracing = env.OTEL_EXPORTER_OTLP_ENDPOINT
  ? startTracing({ serviceName: 'worker', url: env.OTEL_EXPORTER_OTLP_ENDPOINT })
  : undefined;
const db = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
const temporal = new Client({
  connection: clientConnection,
  namespace: env.TEMPORAL_NAMESPACE,
  ...(tracing && { interceptors: tracingClientInterceptors() }),
});
const worker = await createOrderWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  deps: orderActivityDeps(env, db, temporal),
  tuning: workerTuning(env),
  tracing: tracing !== undefined,
});
const ops =
  env.OPS_PORT === undefined
    ? undefined
    : serveWorkerOps({
        db,
        temporal,
        port: env.OPS_PORT,
        hostname: env.OPS_HOST,
        metricsToken: env.METRICS_TOKEN,
        readinessTimeoutMs: env.READINESS_TIMEOUT_MS,
      });
console.log(
  JSON.stringify({
    level: 30,
    service: 'worker',
    msg: 'worker running',
    taskQueue: env.TEMPORAL_TASK_QUEUE,
  }),
);
await startRetentionJob(temporal, env.BUYER_DATA_RETENTION_DAYS, env.TEMPORAL_TASK_QUEUE);
// R-SLA-1: the first-scan watch, one sweep for the platform (started once, whatever restarts).
await startFirstScanSweep(temporal, {
  intervalMs: env.FIRST_SCAN_SWEEP_INTERVAL_MS,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
});
await startFileBatchSweep(temporal, env.FILE_BATCH_TICK_MS, env.TEMPORAL_TASK_QUEUE);
// Operator alerts to the on-call's webhook, when one is configured (issue 10 item 4).
const alerts =
  env.OPERATOR_WEBHOOK_URL && env.OPERATOR_WEBHOOK_SECRET
    ? createAlertDelivery({
        db,
        webhook: { url: env.OPERATOR_WEBHOOK_URL, signingSecret: env.OPERATOR_WEBHOOK_SECRET },
        onError: (err) =>
          console.error(
            JSON.stringify({
              level: 50,
              service: 'worker',
              msg: 'alert delivery',
              err: String(err),
            }),
          ),
      }).start(env.ALERT_DELIVERY_TICK_MS)
    : undefined;
// run() resolves after a shutdown signal once in-flight tasks have drained.
await worker.run();
ops?.close();
await alerts?.stop();
await connection.close();
await clientConnection.close();
await db.destroy();
await tracing?.shutdown();
