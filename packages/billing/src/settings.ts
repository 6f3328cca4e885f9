import { z } from 'zod';
import type { FeePlan } from './plan.ts';
import { platformPlanFromSettings } from './plan.ts';

/**
 * The deployment's default fee plan as environment variables (R-BIL-1), one shape for the
 * worker, which charges with it, and the api, which shows it: they can never disagree on how
 * the settings are read.
 */
export const FEE_SETTINGS_ENV = {
  ORDER_FEE_MINOR: z.coerce.number().int().min(0).default(30),
  FEE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  MARKUP_BP: z.coerce.number().int().min(0).max(10_000).default(1000),
};

/** The platform plan of parsed fee settings; throws on terms no plan could hold. */
export function platformPlanFromEnv(env: {
  ORDER_FEE_MINOR: number;
  FEE_CURRENCY: string;
  MARKUP_BP: number;
}): FeePlan {
  return platformPlanFromSettings({
    currency: env.FEE_CURRENCY,
    orderFeeMinor: env.ORDER_FEE_MINOR,
    markupBp: env.MARKUP_BP,
  });
}
