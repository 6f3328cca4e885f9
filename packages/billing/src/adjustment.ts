import { PLAN_CURRENCIES } from './plan.ts';
import { minorPerMajor } from './rounding.ts';

/** An operator's correction is at most this many major units either way, in any currency. */
export const MAX_ADJUSTMENT_MAJOR = 100_000n;
export const MAX_REASON_LENGTH = 500;

/** Every reason an operator's adjustment cannot be written; empty when it can. */
export function validateAdjustment(a: {
  amountMinor: bigint;
  currency: string;
  reason: string;
}): Array<{ field: 'amountMinor' | 'currency' | 'reason'; message: string }> {
  const problems: Array<{ field: 'amountMinor' | 'currency' | 'reason'; message: string }> = [];
  if (!(PLAN_CURRENCIES as readonly string[]).includes(a.currency))
    return [{ field: 'currency', message: `not a billing currency: ${a.currency}` }];
  const max = MAX_ADJUSTMENT_MAJOR * minorPerMajor(a.currency);
  if (a.amountMinor === 0n || a.amountMinor > max || a.amountMinor < -max)
    problems.push({
      field: 'amountMinor',
      message: `non-zero, at most ${max} minor units either way`,
    });
  if (a.reason.trim().length === 0 || a.reason.length > MAX_REASON_LENGTH)
    problems.push({ field: 'reason', message: `1 to ${MAX_REASON_LENGTH} characters, not blank` });
  return problems;
}
