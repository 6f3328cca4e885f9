import { FEE_SETTINGS_ENV } from '@switchyard/billing';
import { OPS_ENV, TRACING_ENV } from '@switchyard/observability/env';
import { z } from 'zod';

/** Worker capacity (slots, pollers, sticky cache); absent, the Temporal SDK's defaults. */
export const workerTuningEnvSchema = z.object({
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  WORKER_WORKFLOW_TASK_POLLERS: z.coerce.number().int().min(1).optional(),
  WORKER_ACTIVITY_TASK_POLLERS: z.coerce.number().int().min(1).optional(),
  /**
   * On SIGTERM the worker stops polling and lets in-flight activities finish for this long
   * before cancelling them (a Kubernetes pod's terminationGracePeriodSeconds must exceed it).
   */
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
});

/** Configuration of the worker, parsed once at boot. */
export const workerEnvSchema = workerTuningEnvSchema.extend({
  DATABASE_URL: z.url(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('orders'),
  TTS_API_URL: z.url(),
  TTS_AUTH_URL: z.url(),
  TTS_APP_KEY: z.string().min(1),
  TTS_APP_SECRET: z.string().min(1),
  /** `kid:base64key[,kid:base64key…]`, first one encrypts (see @switchyard/auth). */
  ENCRYPTION_KEYS: z.string().min(1),
  PARTNER_API_URL: z.url(),
  /** The platform's default fee plan, as the worker charges it (shown by billing.plan). */
  ...FEE_SETTINGS_ENV,
  /** R-ONB-3: days after an order is finished before its buyer data is erased. */
  BUYER_DATA_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  /**
   * The carrier-tracking service (an aggregator's API) asked before every push-back (R-TRK-2)
   * and by the first-scan sweep (R-SLA-1), and the platform's key there.
   */
  CARRIER_API_URL: z.url(),
  CARRIER_API_KEY: z.string().min(8),
  /** One call's budget; a slow carrier must not hold a push-back. */
  CARRIER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** How often the first-scan sweep looks for parcels still unscanned 72 h on (R-SLA-1). */
  FIRST_SCAN_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60 * 1000),
  /** R-RT-2: the SMTP server batch e-mails go through, `smtp://user:pass@host:587`. */
  SMTP_URL: z.url().optional(),
  /** The platform's file address: sender of batch e-mails, where suppliers reply. */
  FILES_EMAIL_FROM: z.email().default('files@switchyard.invalid'),
  /** Refuse to send batch e-mails without STARTTLS (set false only for a local relay). */
  SMTP_REQUIRE_TLS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How often the file-batch sweep looks for due slots and SFTP answer files. */
  FILE_BATCH_TICK_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * Issue 10 item 4: where operator alerts (a paused supplier endpoint, an order no supplier
   * could take) are pushed, signed with the secret (`whsec_<base64>`); unset, they are only
   * listed by ops.alerts.list.
   */
  OPERATOR_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPERATOR_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/)
    .optional(),
  /** How often alerts due for the operator webhook are sent. */
  ALERT_DELIVERY_TICK_MS: z.coerce.number().int().min(1000).default(10_000),
  /** Connections to PostgreSQL; activities and local activities share them. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The operations listener (`/healthz`, `/readyz`, `/metrics`); unset, none runs. */
  OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OPS_HOST: z.string().default('127.0.0.1'),
  /** `host:port` of the Temporal SDK's Prometheus listener (task slots, pollers…); unset, none. */
  TEMPORAL_METRICS_BIND_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/)
    .optional(),
  ...OPS_ENV,
  ...TRACING_ENV,
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

// A webhook without its secret would send unsigned alerts; a secret alone is a typo.
const alertWebhookPaired = (e: WorkerEnv) =>
  (e.OPERATOR_WEBHOOK_URL === undefined) === (e.OPERATOR_WEBHOOK_SECRET === undefined);

export function parseWorkerEnv(env: Record<string, string | undefined>): WorkerEnv {
  return workerEnvSchema
    .refine(alertWebhookPaired, {
      message: 'OPERATOR_WEBHOOK_URL and OPERATOR_WEBHOOK_SECRET are set together',
      path: ['OPERATOR_WEBHOOK_SECRET'],
    })
    .parse(env);
}

/** The worker's configuration from the process environment; the only place it is read. */
export function loadWorkerEnv(): WorkerEnv {
  return parseWorkerEnv(process.env);
}
