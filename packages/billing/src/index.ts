export {
  CREDITED_SLAS,
  type CreditedSla,
  SLA_CREDIT_KINDS,
  type SlaCreditKind,
} from '@switchyard/domain';
export { MAX_ADJUSTMENT_MAJOR, MAX_REASON_LENGTH, validateAdjustment } from './adjustment.ts';
export {
  breachedPromises,
  type Charge,
  type ChargeExplanation,
  computeLogisticsMarkup,
  computeOrderFee,
  computeSlaCredit,
  SUPPLIER_SETTLEMENT_CURRENCY,
} from './charges.ts';
export {
  type BillingPeriod,
  billingPeriod,
  type CurrencySummary,
  projectToPeriodEnd,
  summarizeTotals,
} from './period.ts';
export {
  type FeePlan,
  type FeePlanTerms,
  PLAN_CURRENCIES,
  PLAN_LIMITS,
  PLATFORM_DEFAULT_PLAN,
  type PlanCurrency,
  type PlanProblem,
  platformPlan,
  platformPlanFromSettings,
  validatePlanTerms,
} from './plan.ts';
export { applyRateBp, minorPerMajor } from './rounding.ts';
export { FEE_SETTINGS_ENV, platformPlanFromEnv } from './settings.ts';
