import {
  type Db,
  feePlanAt,
  insertFeePlan,
  type Trx,
  upcomingFeePlans,
  withTenant,
} from '@switchyard/db';
import type { SlaCreditKind } from '@switchyard/domain';
import { type FeePlan, type FeePlanTerms, validatePlanTerms } from '../plan.ts';
import { BillingError } from './errors.ts';

type PlanRow = {
  id: string;
  effective_from: Date | string;
  currency: string;
  order_fee_minor: string;
  markup_bp: number;
  sla_credit_kind: SlaCreditKind;
  sla_credit_value: string;
  charge_cancelled: boolean;
};

/** A stored plan as charges are computed with it. */
export function toFeePlan(r: PlanRow): FeePlan {
  return {
    id: r.id,
    effectiveFrom: new Date(r.effective_from),
    currency: r.currency,
    orderFeeMinor: BigInt(r.order_fee_minor),
    markupBp: r.markup_bp,
    slaCreditKind: r.sla_credit_kind,
    slaCreditValue: BigInt(r.sla_credit_value),
    chargeCancelled: r.charge_cancelled,
  };
}

/** The plan a tenant's charge at `at` is computed with: its own, else the platform default. */
export async function planInEffect(
  trx: Trx,
  v: { tenantId: string; at: Date; platformDefault: FeePlan },
): Promise<FeePlan> {
  const row = await feePlanAt(trx, v.tenantId, v.at);
  return row ? toFeePlan(row) : v.platformDefault;
}

/** The plan in effect now and those scheduled after it. */
export async function tenantPlans(
  db: Db,
  v: { tenantId: string; now: Date; platformDefault: FeePlan },
): Promise<{ current: FeePlan; upcoming: FeePlan[] }> {
  return withTenant(db, v.tenantId, async (trx) => ({
    current: await planInEffect(trx, { ...v, at: v.now }),
    upcoming: (await upcomingFeePlans(trx, v.tenantId, v.now)).map(toFeePlan),
  }));
}

/** How far back an operator's "from now" may reach: the time a request takes to arrive. */
const CLOCK_SKEW_MS = 60_000;

/**
 * An operator sets a tenant's plan from `effectiveFrom` (default now) on. Plans never start in
 * the past: a line already computed keeps the plan it names. A plan scheduled ahead may be
 * replaced by setting another at the same start.
 */
export async function setTenantPlan(
  db: Db,
  v: {
    tenantId: string;
    effectiveFrom?: Date | undefined;
    terms: FeePlanTerms;
    operatorId: string;
    now: Date;
  },
): Promise<FeePlan> {
  const problems = validatePlanTerms(v.terms);
  if (problems.length > 0)
    throw new BillingError('PLAN_INVALID', 'the plan cannot be set', problems);
  const effectiveFrom = v.effectiveFrom ?? v.now;
  if (effectiveFrom.getTime() < v.now.getTime() - CLOCK_SKEW_MS)
    throw new BillingError('PLAN_RETROACTIVE', 'a plan cannot start in the past');
  return withTenant(db, v.tenantId, async (trx) => {
    const tenant = await trx
      .selectFrom('tenants')
      .select('id')
      .where('id', '=', v.tenantId)
      .executeTakeFirst();
    if (!tenant) throw new BillingError('TENANT_NOT_FOUND', 'no tenant with this id');
    const t = v.terms;
    const row = await insertFeePlan(trx, {
      tenantId: v.tenantId,
      effectiveFrom,
      currency: t.currency,
      orderFeeMinor: t.orderFeeMinor,
      markupBp: t.markupBp,
      slaCreditKind: t.slaCreditKind,
      slaCreditValue: t.slaCreditValue,
      chargeCancelled: t.chargeCancelled,
      setBy: v.operatorId,
    });
    if (!row)
      throw new BillingError('PLAN_IN_EFFECT', 'a plan already in effect starts at this time');
    return toFeePlan(row);
  });
}
