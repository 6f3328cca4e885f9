import { formatMoney } from './money.ts';
import type { LedgerKind } from './statuses.ts';

/**
 * Our view of a Stripe invoice of a month close. `payment_failed` is an open invoice whose last
 * charge failed; the others follow Stripe's statuses (`open` is `finalized`).
 */
export const INVOICE_STATUSES = [
  'draft',
  'finalized',
  'paid',
  'payment_failed',
  'voided',
  'uncollectible',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Where one Stripe call of the outbox stands. */
export const STRIPE_CALL_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type StripeCallStatus = (typeof STRIPE_CALL_STATUSES)[number];

/** A billing period: a calendar month in UTC, `YYYY-MM`. */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The instants a period covers, `[from, to)`. */
export function periodRange(period: string): { from: Date; to: Date } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError(`not a period (YYYY-MM): ${JSON.stringify(period)}`);
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(year, month, 1)), to: new Date(Date.UTC(year, month + 1, 1)) };
}

/** The month before the one `at` falls in: what a close run at `at` bills. */
export function previousPeriod(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** One (kind, currency) sum of a tenant's ledger over a period. */
export interface LedgerAggregate {
  kind: LedgerKind;
  currency: string;
  /** Entries summed. */
  count: number;
  amountMinor: bigint;
  /** Smallest and largest entry, to say "N × fee" when every entry is the same. */
  minMinor: bigint;
  maxMinor: bigint;
}

/** An invoice item of a close: one per kind and currency, so an invoice stays far below 250. */
export interface InvoiceLine {
  /** Stable within the close: the item's metadata and idempotency key carry it. */
  key: LedgerKind;
  amountMinor: bigint;
  description: string;
}

export interface CurrencyInvoicePlan {
  currency: string;
  lines: InvoiceLine[];
  totalMinor: bigint;
}

// Math.min and Math.max take numbers, not bigints.
const lesser = (a: bigint, b: bigint) => (a <= b ? a : b);
const greater = (a: bigint, b: bigint) => (a >= b ? a : b);

const ORDER = ['order_fee', 'logistics_markup', 'sla_credit', 'adjustment'] as const;

function describe(a: LedgerAggregate): string {
  const n = a.count;
  const plural = (word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (a.kind) {
    case 'order_fee':
      return a.minMinor === a.maxMinor
        ? `${plural('order')} × ${formatMoney(a.minMinor, a.currency)} fee`
        : `${plural('order')}, per-order fees (R-BIL-1)`;
    case 'logistics_markup':
      return `Logistics markup on ${plural('order')}`;
    case 'sla_credit':
      return `SLA credits on ${plural('order')} (R-SLA-5)`;
    case 'adjustment':
      return `${plural('adjustment')} by operators`;
  }
}

/**
 * The invoices of a month close, one per currency (a Stripe invoice has one currency): a line
 * per ledger kind, in a fixed order, lines of zero left out. A currency whose lines all sum to
 * nothing still gets an invoice when it has lines (a credit note to the seller is an invoice
 * too); a currency without entries gets none.
 */
export function planCloseInvoices(aggregates: readonly LedgerAggregate[]): CurrencyInvoicePlan[] {
  const byCurrency = new Map<string, LedgerAggregate[]>();
  for (const a of aggregates) {
    if (a.count === 0 || a.amountMinor === 0n) continue;
    byCurrency.set(a.currency, [...(byCurrency.get(a.currency) ?? []), a]);
  }
  return [...byCurrency.keys()].sort().map((currency) => {
    const rows = byCurrency.get(currency)!;
    const lines = ORDER.flatMap((kind) => {
      const own = rows.filter((r) => r.kind === kind);
      if (own.length === 0) return [];
      // One row per (kind, currency) from the ledger's GROUP BY; merged in case a caller splits.
      const merged = { ...own[0]! };
      for (const y of own.slice(1)) {
        merged.count += y.count;
        merged.amountMinor += y.amountMinor;
        merged.minMinor = lesser(merged.minMinor, y.minMinor);
        merged.maxMinor = greater(merged.maxMinor, y.maxMinor);
      }
      return [{ key: kind, amountMinor: merged.amountMinor, description: describe(merged) }];
    });
    return { currency, lines, totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0n) };
  });
}

/** How far along an invoice is; a later event never moves it back. */
const RANK: Record<InvoiceStatus, number> = {
  draft: 0,
  finalized: 1,
  payment_failed: 2,
  paid: 3,
  uncollectible: 3,
  voided: 4,
};

/**
 * Our status for the Stripe invoice as re-fetched now, given what we had. Webhooks arrive in
 * any order and are only hints: the fetched object decides, and only a failed charge on a
 * still-open invoice is remembered beyond Stripe's `open`.
 */
export function nextInvoiceStatus(
  current: InvoiceStatus,
  stripe: { status: string; attemptCount: number },
): InvoiceStatus {
  const fetched: InvoiceStatus =
    stripe.status === 'paid'
      ? 'paid'
      : stripe.status === 'void'
        ? 'voided'
        : stripe.status === 'uncollectible'
          ? 'uncollectible'
          : stripe.status === 'open'
            ? stripe.attemptCount > 0
              ? 'payment_failed'
              : 'finalized'
            : 'draft';
  // uncollectible → void, and paid after uncollectible, are real moves at Stripe.
  if (current === 'uncollectible' && (fetched === 'voided' || fetched === 'paid')) return fetched;
  return RANK[fetched] >= RANK[current] ? fetched : current;
}
