import { z } from 'zod';
import { simCarriers, supplierModes } from './behaviour.ts';

const optionalInt = z.coerce.number().int().min(0).optional();

/** The only place the sim reads process.env (CONVENTIONS: env parsed once at boot). */
export const simEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  HOST: z.string().default('127.0.0.1'),
  SUPPLIER_SIGNING_SECRET: z.string().startsWith('whsec_'),
  /** Empty: call back to the payload's callback_base_url instead. */
  PARTNER_API_URL: z.union([z.url(), z.literal('')]).default(''),
  PARTNER_KEY: z.string().min(1),
  SUPPLIER_MODE: z.enum(supplierModes).default('normal'),
  SUPPLIER_CARRIER: z.enum(simCarriers).default('USPS'),
  ACK_DELAY_MS: optionalInt,
  SHIP_DELAY_MS: optionalInt,
  FAIL_RATE: z.coerce.number().min(0).max(1).optional(),
  LATENCY_MS: optionalInt,
  CALLBACK_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).optional(),
  DUPLICATE_CALLBACK_RATE: z.coerce.number().min(0).max(1).optional(),
  /** The carrier-tracking service labels are created at, and the supplier's key there. */
  CARRIER_API_URL: z.url().optional(),
  CARRIER_API_KEY: z.string().min(8).optional(),
});

export type SimEnv = z.infer<typeof simEnvSchema>;

export function parseSimEnv(source: Record<string, string | undefined>): SimEnv {
  const result = simEnvSchema.safeParse(source);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid supplier sim environment:\n  ${fields.join('\n  ')}`);
  }
  return result.data;
}
