import { type Db, ledgerPeriodTotals, withTenant } from '@switchyard/db';
import {
  type BillingPeriod,
  billingPeriod,
  type CurrencySummary,
  summarizeTotals,
} from '../period.ts';

/**
 * A tenant's bill for a month so far (the current one unless named): per currency, orders,
 * fees, markup, credits, adjustments and total, from the month close's own aggregate.
 */
export async function periodToDate(
  db: Db,
  v: { tenantId: string; month?: string | undefined; now: Date },
): Promise<{ period: BillingPeriod; currencies: CurrencySummary[] }> {
  const period = billingPeriod(v.month, v.now);
  const totals = await withTenant(db, v.tenantId, (trx) =>
    ledgerPeriodTotals(trx, { tenantId: v.tenantId, from: period.from, to: period.to }),
  );
  return { period, currencies: summarizeTotals(totals) };
}
