import { FEE_SETTINGS_ENV } from '@switchyard/billing';
import { OPS_ENV, PLATFORM_FACTS_ENV, TRACING_ENV } from '@switchyard/observability/env';
import { z } from 'zod';
import { DEFAULT_EDGE_POLICY, type EdgePolicyOverrides, type RateKind } from './edge/policy.ts';

const perSecond = z.coerce.number().positive().optional();
const count = z.coerce.number().int().positive().optional();

/** Configuration of the API service, parsed once at boot. */
export const apiEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on; a container sets 0.0.0.0 so its port can be published. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('orders'),
  TTS_APP_KEY: z.string().min(1),
  TTS_APP_SECRET: z.string().min(1),
  TTS_API_URL: z.url().default('https://open-api.tiktokglobalshop.com'),
  TTS_AUTH_URL: z.url().default('https://auth.tiktok-shops.com'),
  TTS_AUTHORIZE_URL: z.url().default('https://services.tiktokshop.com/open/authorize'),
  TTS_SERVICE_ID: z.string().min(1),
  /** The platform's default fee plan, as the worker charges it (shown by billing.plan). */
  ...FEE_SETTINGS_ENV,
  /** `kid:base64key[,kid:base64key…]`, first one encrypts (see @switchyard/auth). */
  ENCRYPTION_KEYS: z.string().min(1),
  /** How often each shop's orders are reconciled by polling (R-IN-2). */
  RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60 * 1000),
  /**
   * R-SLA-3: how often the api looks for suppliers' recorded shipments whose order's workflow
   * has not taken them, and how long one waits after its last wake-up before it is woken again.
   */
  SHIPMENT_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
  SHIPMENT_REWAKE_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
  /** The partner API's public base URL (`…/partner/v1`), named in pulled dispatches; as the worker's. */
  PARTNER_API_URL: z.url().optional(),
  /** The seller portal's built files (services/portal/dist), served at `/`; unset, none. */
  PORTAL_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Stripe's secret key, for the portal's payment-method page; unset, the page is refused. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/)
    .optional(),
  /** Unset: api.stripe.com. `pnpm start` points it at the Stripe simulator. */
  STRIPE_API_URL: z.url().optional(),
  STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Where the hosted payment-method page sends the tenant back (the portal's billing page). */
  BILLING_RETURN_URL: z.url().default('http://127.0.0.1:3000/billing'),
  /** The currency of the payment-method page (Checkout asks for one in setup mode). */
  BILLING_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  /** R-RT-2: port of the SMTP receiver of suppliers' e-mailed answer files; unset, none runs. */
  SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The platform's file address, the one recipient the receiver takes. */
  FILES_EMAIL_FROM: z.email().default('files@switchyard.invalid'),
  /** Where reports of e-mailed answer files are sent from, `smtp://user:pass@host:587`. */
  SMTP_URL: z.url().optional(),
  /** Refuse to send reports without STARTTLS (set false only for a local relay). */
  SMTP_REQUIRE_TLS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  // Edge limits; unset means the default of edge/policy.ts. Rates are per api replica.
  RATE_TENANT_PER_S: perSecond,
  RATE_TENANT_BURST: count,
  RATE_PARTNER_KEY_PER_S: perSecond,
  RATE_PARTNER_KEY_BURST: count,
  RATE_IP_PER_S: perSecond,
  RATE_IP_BURST: count,
  RATE_AUTH_FAILURES_PER_S: perSecond,
  RATE_AUTH_FAILURES_BURST: count,
  TRPC_MAX_BATCH: count,
  TRPC_MAX_RESPONSE_BYTES: count,
  /** Addresses of proxies whose X-Forwarded-For / X-Forwarded-Proto are believed, comma-separated. */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ...OPS_ENV,
  ...TRACING_ENV,
  ...PLATFORM_FACTS_ENV,
  /** max-age of Strict-Transport-Security on requests that came over TLS; 0 sends none. */
  HSTS_MAX_AGE_S: z.coerce.number().int().min(0).optional(),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;

export function parseApiEnv(env: Record<string, string | undefined>): ApiEnv {
  return apiEnvSchema.parse(env);
}

/** The service's configuration from the process environment; the only place it is read. */
export function loadApiEnv(): ApiEnv {
  return parseApiEnv(process.env);
}

/** The edge limits set in the environment; the rest keep the defaults of edge/policy.ts. */
export function edgeOverrides(env: ApiEnv): EdgePolicyOverrides {
  const rates: EdgePolicyOverrides['rates'] = {};
  const rate = (kind: RateKind, perSecond?: number, burst?: number) => {
    if (perSecond === undefined && burst === undefined) return;
    rates[kind] = {
      perSecond: perSecond ?? DEFAULT_EDGE_POLICY.rates[kind].perSecond,
      burst: burst ?? DEFAULT_EDGE_POLICY.rates[kind].burst,
    };
  };
  rate('tenant', env.RATE_TENANT_PER_S, env.RATE_TENANT_BURST);
  rate('partnerKey', env.RATE_PARTNER_KEY_PER_S, env.RATE_PARTNER_KEY_BURST);
  rate('ip', env.RATE_IP_PER_S, env.RATE_IP_BURST);
  rate('authFailures', env.RATE_AUTH_FAILURES_PER_S, env.RATE_AUTH_FAILURES_BURST);
  return {
    rates,
    ...(env.TRPC_MAX_BATCH !== undefined && { trpcMaxBatch: env.TRPC_MAX_BATCH }),
    ...(env.TRPC_MAX_RESPONSE_BYTES !== undefined && {
      trpcMaxResponseBytes: env.TRPC_MAX_RESPONSE_BYTES,
    }),
    ...(env.TRUSTED_PROXIES !== undefined && { trustedProxies: env.TRUSTED_PROXIES }),
    ...(env.HSTS_MAX_AGE_S !== undefined && { hstsMaxAgeS: env.HSTS_MAX_AGE_S }),
  };
}
