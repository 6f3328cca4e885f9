import type { SlaCreditKind } from '@switchyard/domain';
import { minorPerMajor } from './rounding.ts';

/** Currencies a plan may bill in; their decimals come from @switchyard/domain's money. */
export const PLAN_CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'SGD',
  'MYR',
  'THB',
  'PHP',
  'MXN',
  'CNY',
  'JPY',
  'KRW',
  'VND',
  'IDR',
  'KWD',
  'BHD',
  'JOD',
  'OMR',
  'TND',
] as const;
export type PlanCurrency = (typeof PLAN_CURRENCIES)[number];

/** What a tenant pays (R-BIL-1) and is credited (R-SLA-5), from `effectiveFrom` on. */
export interface FeePlanTerms {
  currency: string;
  /** Base fee per fulfilled order, minor units of `currency`. */
  orderFeeMinor: bigint;
  /** Markup on the supplier's logistics cost, basis points (1000 = 10%). */
  markupBp: number;
  slaCreditKind: SlaCreditKind;
  /** `amount`: minor units of `currency` per breached promise; `percent`: bp of the order fee. */
  slaCreditValue: bigint;
  /** Whether an order cancelled before it shipped still pays its order fee. */
  chargeCancelled: boolean;
}

/** A plan as charges are computed with it; `id` null is the platform's default plan. */
export interface FeePlan extends FeePlanTerms {
  id: string | null;
  effectiveFrom: Date | null;
}

/**
 * The platform's plan for a tenant that has none of its own: the market's typical $0.30 per
 * order and 10% markup (R-BIL-1), no SLA credit beyond the contract, cancelled orders free.
 */
export const PLATFORM_DEFAULT_PLAN: Readonly<FeePlan> = Object.freeze({
  id: null,
  effectiveFrom: null,
  currency: 'USD',
  orderFeeMinor: 30n,
  markupBp: 1000,
  slaCreditKind: 'none',
  slaCreditValue: 0n,
  chargeCancelled: false,
});

/** The platform default with the deployment's overrides (the worker's fee settings). */
export function platformPlan(terms: Partial<FeePlanTerms> = {}): FeePlan {
  return { ...PLATFORM_DEFAULT_PLAN, ...terms, id: null, effectiveFrom: null };
}

/**
 * The platform default with a deployment's fee settings (`ORDER_FEE_MINOR`, `FEE_CURRENCY`,
 * `MARKUP_BP`, read by the worker, which charges with it, and the api, which shows it). A
 * setting no plan could hold throws, so a service refuses to boot rather than mischarge.
 */
export function platformPlanFromSettings(s: {
  currency: string;
  orderFeeMinor: number;
  markupBp: number;
}): FeePlan {
  const plan = platformPlan({
    currency: s.currency,
    orderFeeMinor: BigInt(s.orderFeeMinor),
    markupBp: s.markupBp,
  });
  const problems = validatePlanTerms(plan);
  if (problems.length > 0)
    throw new RangeError(
      `fee settings: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    );
  return plan;
}

/** Bounds no contract goes beyond; amounts in major units, so the same in every currency. */
export const PLAN_LIMITS = Object.freeze({
  maxOrderFeeMajor: 1000n,
  maxMarkupBp: 10_000,
  maxSlaCreditMajor: 1000n,
  maxSlaCreditBp: 10_000,
});

/** One reason terms cannot be a plan, by field. */
export interface PlanProblem {
  field: keyof FeePlanTerms;
  message: string;
}

/** Every reason these terms cannot be a plan; empty when they can. */
export function validatePlanTerms(t: FeePlanTerms): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!(PLAN_CURRENCIES as readonly string[]).includes(t.currency)) {
    problems.push({ field: 'currency', message: `not a billing currency: ${t.currency}` });
    return problems;
  }
  const maxFee = PLAN_LIMITS.maxOrderFeeMajor * minorPerMajor(t.currency);
  if (t.orderFeeMinor < 0n || t.orderFeeMinor > maxFee)
    problems.push({ field: 'orderFeeMinor', message: `0 to ${maxFee} minor units` });
  if (!Number.isSafeInteger(t.markupBp) || t.markupBp < 0 || t.markupBp > PLAN_LIMITS.maxMarkupBp)
    problems.push({
      field: 'markupBp',
      message: `whole basis points, 0 to ${PLAN_LIMITS.maxMarkupBp}`,
    });
  const maxCredit =
    t.slaCreditKind === 'amount'
      ? PLAN_LIMITS.maxSlaCreditMajor * minorPerMajor(t.currency)
      : t.slaCreditKind === 'percent'
        ? BigInt(PLAN_LIMITS.maxSlaCreditBp)
        : 0n;
  if (t.slaCreditValue < 0n || t.slaCreditValue > maxCredit)
    problems.push({
      field: 'slaCreditValue',
      message:
        t.slaCreditKind === 'none'
          ? '0 when the plan gives no SLA credit'
          : `0 to ${maxCredit} (${t.slaCreditKind === 'amount' ? 'minor units' : 'basis points of the order fee'})`,
    });
  return problems;
}
