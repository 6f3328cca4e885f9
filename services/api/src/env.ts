import { z } from 'zod';

/** Configuration of the API service, parsed once at boot. */
export const apiEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
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
  /** `kid:base64key[,kid:base64key…]`, first one encrypts (see @switchyard/auth). */
  ENCRYPTION_KEYS: z.string().min(1),
  /** How often each shop's orders are reconciled by polling (R-IN-2). */
  RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60 * 1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;

export function parseApiEnv(env: Record<string, string | undefined>): ApiEnv {
  return apiEnvSchema.parse(env);
}

/** The service's configuration from the process environment; the only place it is read. */
export function loadApiEnv(): ApiEnv {
  return parseApiEnv(process.env);
}
