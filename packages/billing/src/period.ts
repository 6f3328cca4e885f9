import type { LedgerKind } from '@switchyard/domain';

/** A billing period: a calendar month in UTC, [from, to). */
export interface BillingPeriod {
  /** `YYYY-MM`. */
  month: string;
  from: Date;
  to: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month `YYYY-MM` (UTC), or the one `now` falls in. */
export function billingPeriod(month: string | undefined, now: Date): BillingPeriod {
  const m = month === undefined ? undefined : MONTH.exec(month);
  if (month !== undefined && !m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const y = m ? Number(m[1]) : now.getUTCFullYear();
  const mo = m ? Number(m[2]) - 1 : now.getUTCMonth();
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const at = (month: number) => new Date(new Date(0).setUTCFullYear(y, month, 1));
  const from = at(mo);
  const to = at(mo + 1);
  return { month: from.toISOString().slice(0, 7), from, to };
}

/** A period's lines of one currency, by kind, as the tenant's bill shows them. */
export interface CurrencySummary {
  currency: string;
  /** Orders charged their fee. */
  orders: number;
  feesMinor: bigint;
  markupMinor: bigint;
  /** Negative: what the tenant is credited. */
  creditsMinor: bigint;
  adjustmentsMinor: bigint;
  totalMinor: bigint;
}

/** Per-currency summaries of a period's (kind, currency) totals; no amounts are converted. */
export function summarizeTotals(
  totals: ReadonlyArray<{ kind: LedgerKind; currency: string; count: number; amountMinor: bigint }>,
): CurrencySummary[] {
  const by = new Map<string, CurrencySummary>();
  for (const t of totals) {
    const s = by.get(t.currency) ?? {
      currency: t.currency,
      orders: 0,
      feesMinor: 0n,
      markupMinor: 0n,
      creditsMinor: 0n,
      adjustmentsMinor: 0n,
      totalMinor: 0n,
    };
    if (t.kind === 'order_fee') {
      s.orders += t.count;
      s.feesMinor += t.amountMinor;
    } else if (t.kind === 'logistics_markup') s.markupMinor += t.amountMinor;
    else if (t.kind === 'sla_credit') s.creditsMinor += t.amountMinor;
    else s.adjustmentsMinor += t.amountMinor;
    s.totalMinor += t.amountMinor;
    by.set(t.currency, s);
  }
  return [...by.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/**
 * The running estimate of a period's invoice: what is billed so far, carried on at the same
 * pace to the period's end (integer arithmetic, rounded half-up like every amount). Before a
 * full hour has passed the pace says little, so the estimate is what is billed so far.
 */
export function projectToPeriodEnd(toDateMinor: bigint, period: BillingPeriod, now: Date): bigint {
  const elapsed = BigInt(
    Math.max(0, Math.min(now.getTime(), period.to.getTime()) - period.from.getTime()),
  );
  const length = BigInt(period.to.getTime() - period.from.getTime());
  if (elapsed < 3_600_000n || elapsed >= length) return toDateMinor;
  const neg = toDateMinor < 0n;
  const mag = neg ? -toDateMinor : toDateMinor;
  const projected = (mag * length * 2n + elapsed) / (elapsed * 2n);
  return neg ? -projected : projected;
}
