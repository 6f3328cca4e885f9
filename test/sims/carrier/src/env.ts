import { z } from 'zod';
import { failModes } from './behaviour.ts';

/** The only place the sim reads process.env (CONVENTIONS: env parsed once at boot). */
export const carrierSimEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  HOST: z.string().default('127.0.0.1'),
  /** Comma-separated keys accepted in `X-Api-Key`. */
  CARRIER_API_KEYS: z.string().min(8),
  CARRIER_FAIL_MODE: z.enum(failModes).default('none'),
  /** Delay from label to first scan; empty: never scanned. */
  FIRST_SCAN_AFTER_MS: z.coerce.number().int().min(0).optional(),
  NEVER_SCAN_RATE: z.coerce.number().min(0).max(1).optional(),
});

export type CarrierSimEnv = z.infer<typeof carrierSimEnvSchema>;

export function parseCarrierSimEnv(source: Record<string, string | undefined>): CarrierSimEnv {
  const result = carrierSimEnvSchema.safeParse(source);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid carrier sim environment:\n  ${fields.join('\n  ')}`);
  }
  return result.data;
}
