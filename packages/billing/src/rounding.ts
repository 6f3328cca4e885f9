import { currencyExponent } from '@switchyard/domain';

/**
 * THE rounding rule of billing, the only one (README "Billing"):
 *
 * - Money is integer minor units of its currency (bigint): cents for USD/EUR (2 decimals), yen
 *   and won for JPY/KRW (0), fils and millimes for KWD/BHD/JOD/OMR/TND (3). A rate applied to
 *   an amount gives minor units of the same currency, so the currency's exponent never enters
 *   the arithmetic: 10% of ¥125 and 10% of $1.25 both round 12.5 minor units.
 * - Rates are basis points (1 bp = 0.01%). `amount × bp / 10 000` is computed exactly in
 *   integers and rounded once, per ledger line, to the nearest minor unit, a tie (exactly half)
 *   going away from zero: half-up on the magnitude, so a credit of −12.5 is −13 as a charge of
 *   12.5 is 13.
 * - Sums (period totals, invoices) add rounded lines and are never rounded again.
 *
 * Half-up rather than banker's (half-to-even): every line stands alone on the tenant's ledger
 * with its basis and rate, and half-up is the rule a tenant re-deriving one line by hand
 * expects (it is also what card receipts and Stripe's own amounts use). Banker's rounding only
 * pays off when rounded values are summed and rounded again, which this ledger never does; its
 * bias, at most half a minor unit on the lines that tie exactly, is the price of that.
 */
export function applyRateBp(amountMinor: bigint, rateBp: number): bigint {
  if (!Number.isSafeInteger(rateBp) || rateBp < 0)
    throw new RangeError(`a rate is whole basis points >= 0, not ${rateBp}`);
  const magnitude = amountMinor < 0n ? -amountMinor : amountMinor;
  const rounded = (magnitude * BigInt(rateBp) + 5_000n) / 10_000n;
  return amountMinor < 0n ? -rounded : rounded;
}

/** Minor units in one major unit of a currency: 100 for USD, 1 for JPY, 1000 for KWD. */
export function minorPerMajor(currency: string): bigint {
  return 10n ** BigInt(currencyExponent(currency));
}
