/** Billing operations over the database; the api's procedures and the worker call these. */
export { adjustLedger } from './adjust.ts';
export { BillingError, type BillingErrorCode } from './errors.ts';
export { periodToDate } from './period.ts';
export { planInEffect, setTenantPlan, tenantPlans, toFeePlan } from './plans.ts';
export { ledgerFindings } from './reconcile.ts';
