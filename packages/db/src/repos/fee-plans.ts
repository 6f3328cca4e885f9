import type { SlaCreditKind } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Trx } from '../client.ts';

const PLAN_COLUMNS = [
  'id',
  'effective_from',
  'currency',
  'order_fee_minor',
  'markup_bp',
  'sla_credit_kind',
  'sla_credit_value',
  'charge_cancelled',
] as const;

/**
 * The tenant's plan in effect at `at` (the latest started by then); undefined when it has none
 * of its own and the platform default applies.
 */
export async function feePlanAt(trx: Trx, tenantId: string, at: Date) {
  return trx
    .selectFrom('fee_plans')
    .select(PLAN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The tenant's plans starting after `at`, soonest first. */
export async function upcomingFeePlans(trx: Trx, tenantId: string, at: Date) {
  return trx
    .selectFrom('fee_plans')
    .select(PLAN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('effective_from', '>', at)
    .orderBy('effective_from')
    .execute();
}

/**
 * Stores a tenant's plan from `effectiveFrom` on. A plan at the same start is replaced only
 * while that start is still ahead: once a plan is in effect lines may have been computed with
 * it, so it stays as it was. Undefined when a plan already in effect holds that start.
 */
export async function insertFeePlan(
  trx: Trx,
  v: {
    tenantId: string;
    effectiveFrom: Date;
    currency: string;
    orderFeeMinor: bigint;
    markupBp: number;
    slaCreditKind: SlaCreditKind;
    slaCreditValue: bigint;
    chargeCancelled: boolean;
    setBy: string;
  },
) {
  const values = {
    currency: v.currency,
    order_fee_minor: v.orderFeeMinor,
    markup_bp: v.markupBp,
    sla_credit_kind: v.slaCreditKind,
    sla_credit_value: v.slaCreditValue,
    charge_cancelled: v.chargeCancelled,
    set_by: v.setBy,
  };
  return trx
    .insertInto('fee_plans')
    .values({ tenant_id: v.tenantId, effective_from: v.effectiveFrom, ...values })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'effective_from'])
        .doUpdateSet(values)
        .where(sql.ref('fee_plans.effective_from'), '>', sql<Date>`now()`),
    )
    .returning(PLAN_COLUMNS)
    .executeTakeFirst();
}
