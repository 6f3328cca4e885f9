import { FEE_SETTINGS_ENV } from '@switchyard/billing';
import { OPS_ENV, TRACING_ENV } from '@switchyard/observability/env';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false'])
  .default('true')
  .transform((v) => v === 'true');

/** Configuration of the billing service, parsed once at boot. */
export const billingEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).default(5),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  BILLING_TASK_QUEUE: z.string().default('billing'),
  /** Stripe's secret key; `sk_test_…` against the simulator or Stripe's test mode. */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/),
  /** Unset: api.stripe.com. `pnpm start` points it at the Stripe simulator. */
  STRIPE_API_URL: z.url().optional(),
  /** The signing secret of the webhook endpoint (`whsec_…`). */
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
  STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Where the hosted payment-method page sends the tenant back. */
  BILLING_RETURN_URL: z.url().default('http://127.0.0.1:3000/'),
  /** The currency of the payment-method page (Checkout asks for one in setup mode). */
  BILLING_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  /** Create the Temporal Schedules of the monthly close and the daily reconciliation at boot. */
  BILLING_SCHEDULE: flag,
  /** The platform's default plan, as the worker charges it: the reconciliation checks with it. */
  ...FEE_SETTINGS_ENV,
  /** How often webhook events kept but not applied (a crash in between) are applied again. */
  EVENT_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
  /** A prebuilt workflow bundle (tests build it once); unset: bundled at boot. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...OPS_ENV,
  ...TRACING_ENV,
});

export type BillingEnv = z.infer<typeof billingEnvSchema>;

export function parseBillingEnv(env: Record<string, string | undefined>): BillingEnv {
  return billingEnvSchema.parse(env);
}

/** The billing service's configuration from the process environment; the only place it is read. */
export function loadBillingEnv(): BillingEnv {
  return parseBillingEnv(process.env);
}

/** What `pnpm billing:close` needs: where Temporal is. */
export const closeCommandEnvSchema = billingEnvSchema.pick({
  TEMPORAL_ADDRESS: true,
  TEMPORAL_NAMESPACE: true,
  BILLING_TASK_QUEUE: true,
});

export function loadCloseCommandEnv() {
  return closeCommandEnvSchema.parse(process.env);
}

/** What `pnpm billing:reconcile` needs: the close command's, and when a close is stuck. */
export const reconcileCommandEnvSchema = closeCommandEnvSchema.extend({
  BILLING_STUCK_AFTER_MS: z.coerce.number().int().min(0).optional(),
});

export function loadReconcileCommandEnv() {
  return reconcileCommandEnvSchema.parse(process.env);
}
