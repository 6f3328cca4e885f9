import { z } from 'zod';

/** The only place the sim reads process.env (CONVENTIONS: env parsed once at boot). */
export const stripeSimEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  HOST: z.string().default('127.0.0.1'),
  /** Comma-separated secret keys accepted (`sk_test_…`). */
  STRIPE_API_KEYS: z.string().min(12),
  /** Where events are delivered (the billing service's `/webhooks/stripe`), and its secret. */
  STRIPE_WEBHOOK_URL: z.url().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
});

export type StripeSimEnv = z.infer<typeof stripeSimEnvSchema>;

export function parseStripeSimEnv(source: Record<string, string | undefined>): StripeSimEnv {
  const result = stripeSimEnvSchema.safeParse(source);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid Stripe sim environment:\n  ${fields.join('\n  ')}`);
  }
  return result.data;
}
