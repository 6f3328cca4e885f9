import type { FeePlan, FeePlanTerms } from '@switchyard/billing';
import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/** A stored plan as charges are computed with it. */
export function toFeePlan(r: {
  id: string;
  effective_from: Date;
  currency: string;
  order_fee_minor: string;
  markup_bp: number;
  sla_credit_kind: FeePlan['slaCreditKind'];
  sla_credit_value: string;
  charge_cancelled: boolean;
}): FeePlan {
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

/**
 * The tenant's plan in effect at `at` (the latest started by then), or undefined when it has
 * none of its own and the platform default applies.
 */
export async function feePlanAt(
  trx: Trx,
  tenantId: string,
  at: Date,
): Promise<FeePlan | undefined> {
  const r = await trx
    .selectFrom('fee_plans')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && toFeePlan(r);
}

/** The tenant's plans starting after `at`, soonest first. */
export async function upcomingFeePlans(trx: Trx, tenantId: string, at: Date): Promise<FeePlan[]> {
  const rows = await trx
    .selectFrom('fee_plans')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('effective_from', '>', at)
    .orderBy('effective_from')
    .execute();
  return rows.map(toFeePlan);
}

/**
 * Sets a tenant's plan from `effectiveFrom` on. A plan at the same start replaces it only while
 * that start is still ahead: once a plan is in effect, lines may have been computed with it,
 * so it stays as it was. Returns the stored plan, or undefined when one already in effect
 * holds that start.
 */
export async function setFeePlan(
  trx: Trx,
  v: { tenantId: string; effectiveFrom: Date; terms: FeePlanTerms; setBy: string },
): Promise<FeePlan | undefined> {
  const t = v.terms;
  const values = {
    currency: t.currency,
    order_fee_minor: t.orderFeeMinor,
    markup_bp: t.markupBp,
    sla_credit_kind: t.slaCreditKind,
    sla_credit_value: t.slaCreditValue,
    charge_cancelled: t.chargeCancelled,
    set_by: v.setBy,
  };
  const r = await trx
    .insertInto('fee_plans')
    .values({ tenant_id: v.tenantId, effective_from: v.effectiveFrom, ...values })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'effective_from'])
        .doUpdateSet(values)
        .where(sql.ref('fee_plans.effective_from'), '>', sql<Date>`now()`),
    )
    .returningAll()
    .executeTakeFirst();
  return r && toFeePlan(r);
}
