import { parseKeyring } from '@switchyard/auth';
import { platformPlanFromEnv } from '@switchyard/billing';
import { createDb } from '@switchyard/db';
import { createLogger } from '@switchyard/observability';
import { startTracing, tracingClientInterceptors } from '@switchyard/observability/tracing';
import { createStripeClient } from '@switchyard/stripe-billing';
import { createEmailBatchSender } from '@switchyard/suppliers';
import { createTikTokShopClient } from '@switchyard/tiktok-shop';
import { DEFAULT_SHOP_TIMING } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { createApp } from './app.ts';
import { edgeOverrides, loadApiEnv } from './env.ts';
import { startAnswerMailReceiver } from './mail/answer-mail.ts';
import { apiOps } from './ops.ts';
import { startShipmentSweep } from './partner/shipment-sweep.ts';
import { serveApi } from './serve.ts';
import { createInboxDispatcher } from './webhooks/dispatcher.ts';
import { createIntakeGauge } from './webhooks/intake-gauge.ts';

const env = loadApiEnv();
const log = createLogger('api', { level: env.LOG_LEVEL });
const db = createDb(env.DATABASE_URL);
const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
// Traces only when a collector is configured: workflow starts carry the trace to the worker.
const tracing = env.OTEL_EXPORTER_OTLP_ENDPOINT
  ? startTracing({ serviceName: 'api', url: env.OTEL_EXPORTER_OTLP_ENDPOINT })
  : undefined;
const temporal = new Client({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  ...(tracing && { interceptors: tracingClientInterceptors() }),
});
const deps = {
  db,
  temporal,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  tiktok: {
    appKey: env.TTS_APP_KEY,
    appSecret: env.TTS_APP_SECRET,
    authorizeUrl: env.TTS_AUTHORIZE_URL,
    serviceId: env.TTS_SERVICE_ID,
    client: createTikTokShopClient({
      apiBaseUrl: env.TTS_API_URL,
      authBaseUrl: env.TTS_AUTH_URL,
      appKey: env.TTS_APP_KEY,
      appSecret: env.TTS_APP_SECRET,
    }),
  },
  keyring: parseKeyring(env.ENCRYPTION_KEYS),
  ...(env.PARTNER_API_URL && { partnerApiUrl: env.PARTNER_API_URL }),
  shopTiming: { ...DEFAULT_SHOP_TIMING, reconcileIntervalMs: env.RECONCILE_INTERVAL_MS },
  edge: edgeOverrides(env),
  defaultFeePlan: platformPlanFromEnv(env),
  log,
  ...(env.PORTAL_DIR && { portalDir: env.PORTAL_DIR }),
  ...(env.STRIPE_SECRET_KEY && {
    stripe: {
      client: createStripeClient({
        apiKey: env.STRIPE_SECRET_KEY,
        ...(env.STRIPE_API_URL && { apiUrl: env.STRIPE_API_URL }),
        timeoutMs: env.STRIPE_TIMEOUT_MS,
      }),
      returnUrl: env.BILLING_RETURN_URL,
      currency: env.BILLING_CURRENCY,
    },
  }),
  ops: apiOps({
    db,
    temporal,
    metricsToken: env.METRICS_TOKEN,
    metricsCacheMs: env.METRICS_CACHE_MS,
    readinessTimeoutMs: env.READINESS_TIMEOUT_MS,
  }),
};
// The dispatcher's claiming transaction stays open while its entries are handed on: a pool of
// its own keeps it from taking a connection the requests need.
const claimDb = createDb(env.DATABASE_URL, { max: 1 });
// Starting workflows waits while webhooks pour in: the answers come first (R-IN-1).
const intakeGauge = createIntakeGauge();
const dispatcher = createInboxDispatcher({ ...deps, claimDb, intakeBusy: intakeGauge.busy });
const app = createApp({ ...deps, nudgeInbox: dispatcher.nudge, intakeGauge });
dispatcher.start();
// R-SLA-3: a supplier's recorded shipment reaches its workflow even when the wake-up was lost.
const stopShipmentSweep = startShipmentSweep(
  { db, temporal, log },
  { everyMs: env.SHIPMENT_SWEEP_MS, rewakeAfterMs: env.SHIPMENT_REWAKE_AFTER_MS },
);

const server = serveApi(app.fetch, { port: env.PORT, hostname: env.HOST }, (info) =>
  log.info({ port: info.port }, 'api listening'),
);
// R-RT-2: suppliers' answer files by e-mail reply, when a port is configured.
const reports = env.SMTP_URL
  ? createEmailBatchSender({
      smtpUrl: env.SMTP_URL,
      from: env.FILES_EMAIL_FROM,
      requireTls: env.SMTP_REQUIRE_TLS,
    })
  : undefined;
const mail =
  env.SMTP_INBOUND_PORT === undefined
    ? undefined
    : await startAnswerMailReceiver(deps, {
        address: env.FILES_EMAIL_FROM,
        port: env.SMTP_INBOUND_PORT,
        reports,
      });
if (mail) log.info({ port: mail.port }, 'answer mail receiver listening');

// Requests already taken finish before the pools they use close (bounded: a client holding a
// connection open must not stall the exit); new connections are refused from the start.
const DRAIN_MS = 10_000;

async function shutdown() {
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
  await mail?.close();
  reports?.close();
  await dispatcher.stop();
  await stopShipmentSweep();
  await connection.close();
  await Promise.all([db.destroy(), claimDb.destroy()]);
  await tracing?.shutdown();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
