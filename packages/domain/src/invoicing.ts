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

/**
 * What the billing reconciliation reports: a fulfilled order without its fee, a shipped
 * dispatch without the markup its plan asks, a Stripe invoice whose total is not the ledger's,
 * a close left unfinished, a Stripe object carrying our metadata that we do not know.
 */
export const BILLING_FINDING_KINDS = [
  'order_fee_missing',
  'markup_missing',
  'total_mismatch',
  'close_stuck',
  'stripe_unknown',
] as const;
export type BillingFindingKind = (typeof BILLING_FINDING_KINDS)[number];

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
  /**
   * Stable within the close: the item's metadata and idempotency key carry it. A ledger kind,
   * `late:YYYY-MM` for changes to a closed period, and `…/i-of-n` for a part of a split line.
   */
  key: string;
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
export function planCloseInvoices(
  aggregates: readonly LedgerAggregate[],
  late: readonly LateChange[] = [],
  maxItemMinor: bigint = STRIPE_MAX_ITEM_MINOR,
): CurrencyInvoicePlan[] {
  const byCurrency = new Map<string, LedgerAggregate[]>();
  for (const a of aggregates) {
    if (a.count === 0 || a.amountMinor === 0n) continue;
    byCurrency.set(a.currency, [...(byCurrency.get(a.currency) ?? []), a]);
  }
  for (const l of late)
    if (l.amountMinor !== 0n && !byCurrency.has(l.currency)) byCurrency.set(l.currency, []);
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
    const lateLines = late
      .filter((l) => l.currency === currency && l.amountMinor !== 0n)
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .map((l) => ({
        key: `late:${l.period}`,
        amountMinor: l.amountMinor,
        description: `Changes to ${l.period} after its invoice (late charges, credits, adjustments)`,
      }));
    const split = [...lines, ...lateLines].flatMap((l) => splitInvoiceLine(l, maxItemMinor));
    return {
      currency,
      lines: split,
      totalMinor: split.reduce((s, l) => s + l.amountMinor, 0n),
    };
  });
}

/**
 * Stripe refuses an invoice item whose amount has more than 8 digits of minor units
 * (`amount_too_large`, 99,999,999 in any currency). A larger line becomes parts of the largest
 * amount and a last part of the rest, same sign, summing exactly to the line; the part keys
 * name the count so the same line always splits the same way (its idempotency keys too).
 */
export const STRIPE_MAX_ITEM_MINOR = 99_999_999n;

export function splitInvoiceLine(
  line: InvoiceLine,
  maxMinor: bigint = STRIPE_MAX_ITEM_MINOR,
): InvoiceLine[] {
  if (maxMinor <= 0n) throw new RangeError('maxMinor must be positive');
  const neg = line.amountMinor < 0n;
  const mag = neg ? -line.amountMinor : line.amountMinor;
  if (mag <= maxMinor) return [line];
  const n = (mag + maxMinor - 1n) / maxMinor;
  return Array.from({ length: Number(n) }, (_, i) => {
    const part = BigInt(i) < n - 1n ? maxMinor : mag - maxMinor * (n - 1n);
    return {
      key: `${line.key}/${i + 1}-of-${n}`,
      amountMinor: neg ? -part : part,
      description: `${line.description} (part ${i + 1} of ${n})`,
    };
  });
}

/**
 * What a closed period's ledger gained after its invoice was finalized (a finalized
 * invoice is never edited): billed on the next close as one line naming the period, once
 * (R-BIL-3).
 */
export interface LateChange {
  period: string;
  currency: string;
  amountMinor: bigint;
}

/**
 * The late changes of the periods before a close, per (period, currency): the ledger's total
 * now, less what the period's own invoice billed of it, less what other closes already carried.
 */
export function lateChanges(v: {
  ledger: ReadonlyArray<{ period: string; currency: string; amountMinor: bigint }>;
  billed: ReadonlyArray<{ period: string; currency: string; amountMinor: bigint }>;
}): LateChange[] {
  const owed = new Map<string, LateChange>();
  const at = (period: string, currency: string) => {
    const k = `${period} ${currency}`;
    const row = owed.get(k) ?? { period, currency, amountMinor: 0n };
    owed.set(k, row);
    return row;
  };
  for (const l of v.ledger) at(l.period, l.currency).amountMinor += l.amountMinor;
  for (const b of v.billed) at(b.period, b.currency).amountMinor -= b.amountMinor;
  return [...owed.values()]
    .filter((l) => l.amountMinor !== 0n)
    .sort((a, b) => `${a.period} ${a.currency}`.localeCompare(`${b.period} ${b.currency}`));
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
