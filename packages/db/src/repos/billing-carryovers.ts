import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/**
 * A tenant's ledger before `to`, summed by month (`YYYY-MM`, UTC) and currency: what the
 * closed periods hold now, late changes included. One statement over `ledger_entries_period`.
 */
export async function ledgerMonthlyTotals(
  trx: Trx,
  v: { tenantId: string; to: Date },
): Promise<Array<{ period: string; currency: string; amountMinor: bigint }>> {
  const rows = await trx
    .selectFrom('ledger_entries')
    .select([
      sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM')`.as('period'),
      'currency',
      sql<string>`sum(amount_minor)`.as('amount'),
    ])
    .where('tenant_id', '=', v.tenantId)
    .where('created_at', '<', v.to)
    .groupBy([sql`1`, 'currency'])
    .execute();
  return rows.map((r) => ({
    period: r.period,
    currency: r.currency,
    amountMinor: BigInt(r.amount),
  }));
}

/** Every carry-over of the tenant: which invoice period billed what of which earlier one. */
export async function listCarryovers(trx: Trx, tenantId: string) {
  const rows = await trx
    .selectFrom('billing_carryovers')
    .select(['currency', 'period', 'for_period', 'amount_minor'])
    .where('tenant_id', '=', tenantId)
    .orderBy('period')
    .orderBy('for_period')
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    period: r.period,
    forPeriod: r.for_period,
    amountMinor: BigInt(r.amount_minor),
  }));
}

/** Records what an invoice carries of earlier periods, once, with the invoice's own row. */
export async function saveCarryovers(
  trx: Trx,
  v: {
    tenantId: string;
    currency: string;
    period: string;
    lines: ReadonlyArray<{ forPeriod: string; amountMinor: bigint }>;
  },
): Promise<void> {
  if (v.lines.length === 0) return;
  await trx
    .insertInto('billing_carryovers')
    .values(
      v.lines.map((l) => ({
        tenant_id: v.tenantId,
        currency: v.currency,
        period: v.period,
        for_period: l.forPeriod,
        amount_minor: l.amountMinor,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'currency', 'period', 'for_period']).doNothing())
    .execute();
}
