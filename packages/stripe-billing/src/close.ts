import {
  getPeriodInvoice,
  ledgerMonthlyTotals,
  ledgerPeriodTotals,
  listCarryovers,
  listPeriodInvoices,
  saveCarryovers,
  savePeriodInvoice,
  type Trx,
  updatePeriodInvoice,
  withTenant,
} from '@switchyard/db';
import {
  type CurrencyInvoicePlan,
  type InvoiceLine,
  type LateChange,
  lateChanges,
  nextInvoiceStatus,
  periodRange,
  planCloseInvoices,
} from '@switchyard/domain';
import { BillingError } from './errors.ts';
import { type CloseRef, stripeKeys } from './keys.ts';
import { callStripe, type StripeDeps, settleFoundCall } from './outbox.ts';
import type { Stripe } from './stripe-client.ts';

/** A close's plan as plain data for a workflow: amounts as decimal strings. */
export interface ClosePlanInvoice {
  currency: string;
  totalMinor: string;
  lines: Array<{ key: string; amountMinor: string; description: string }>;
  /** What this invoice bills of earlier, already invoiced periods (absent: nothing). */
  carried?: Array<{ forPeriod: string; amountMinor: string }>;
}

/**
 * Changes dated in periods before `period` that their own invoices could not bill: a period
 * counts as closed once it and every earlier period has no draft invoice left and a later or
 * equal period has a finalized one (an empty month has no invoice of its own). What a closed
 * period holds now, less what its invoice billed of it and what other finalized closes
 * carried, is owed. A close run again for `period` does not count its own carry-overs, so it
 * plans the same lines.
 */
async function lateChangesBefore(trx: Trx, tenantId: string, period: string) {
  const invoices = (await listPeriodInvoices(trx, tenantId)).filter((i) => i.period < period);
  const final = (i: { status: string }) => i.status !== 'draft';
  const open = invoices.filter((i) => !final(i)).map((i) => i.period);
  const firstOpen = open.sort()[0];
  const closedUpTo = invoices
    .filter(final)
    .map((i) => i.period)
    .filter((p) => firstOpen === undefined || p < firstOpen)
    .sort()
    .at(-1);
  if (closedUpTo === undefined) return [];
  const carried = await listCarryovers(trx, tenantId);
  const status = new Map(invoices.map((i) => [`${i.period} ${i.currency}`, i.status]));
  const isFinal = (p: string, c: string) => final({ status: status.get(`${p} ${c}`) ?? 'draft' });
  const billed = [
    // What each closed invoice billed of its own period: its total less what it carried.
    ...invoices.filter(final).map((i) => ({
      period: i.period,
      currency: i.currency,
      amountMinor:
        BigInt(i.ledger_total_minor) -
        carried
          .filter((c) => c.period === i.period && c.currency === i.currency)
          .reduce((s, c) => s + c.amountMinor, 0n),
    })),
    ...carried
      .filter((c) => c.period !== period && isFinal(c.period, c.currency))
      .map((c) => ({ period: c.forPeriod, currency: c.currency, amountMinor: c.amountMinor })),
  ];
  const ledger = await ledgerMonthlyTotals(trx, {
    tenantId,
    to: periodRange(closedUpTo).to,
  });
  return lateChanges({ ledger, billed });
}

/**
 * What the tenant's ledger says it owes for the period, one invoice per currency, with the
 * late changes of closed periods as lines naming them. A currency already invoiced for the
 * period (a close run again) is planned as that invoice: no lines to add, its recorded total;
 * what the ledger gained since goes on the next close.
 */
export async function planMonthClose(
  deps: Pick<StripeDeps, 'db'>,
  tenantId: string,
  period: string,
): Promise<ClosePlanInvoice[]> {
  const { from, to } = periodRange(period);
  const { aggregates, late, done } = await withTenant(deps.db, tenantId, async (trx) => ({
    aggregates: await ledgerPeriodTotals(trx, { tenantId, from, to }),
    late: await lateChangesBefore(trx, tenantId, period),
    done: (await listPeriodInvoices(trx, tenantId, period)).filter((i) => i.status !== 'draft'),
  }));
  const planned = planCloseInvoices(aggregates, late).map((p: CurrencyInvoicePlan) => ({
    currency: p.currency,
    totalMinor: p.totalMinor.toString(),
    lines: p.lines.map((l: InvoiceLine) => ({
      key: l.key,
      amountMinor: l.amountMinor.toString(),
      description: l.description,
    })),
    ...carriedOf(late, p.currency),
  }));
  const finalized = done.map((i) => ({
    currency: i.currency,
    totalMinor: String(i.ledger_total_minor),
    lines: [],
  }));
  return [
    ...finalized,
    ...planned.filter((p) => !done.some((i) => i.currency === p.currency)),
  ].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

function carriedOf(late: readonly LateChange[], currency: string) {
  const own = late.filter((l) => l.currency === currency);
  return own.length === 0
    ? {}
    : {
        carried: own.map((l) => ({ forPeriod: l.period, amountMinor: l.amountMinor.toString() })),
      };
}

const matches = (inv: Stripe.Invoice, ref: CloseRef) =>
  inv.metadata?.tenant_id === ref.tenantId &&
  inv.metadata?.period === ref.period &&
  inv.metadata?.currency === ref.currency;

/**
 * The draft invoice of one (tenant, period, currency). A resumed close finds what it already
 * made: our table, then the customer's invoices at Stripe by metadata, and only then creates
 * one (`auto_advance: false`: nothing is sent until the total is checked).
 */
export async function openCloseInvoice(
  deps: StripeDeps,
  ref: CloseRef,
  customerId: string,
  ledgerTotalMinor: bigint,
  carried: ReadonlyArray<{ forPeriod: string; amountMinor: string }> = [],
): Promise<string> {
  const known = await withTenant(deps.db, ref.tenantId, (trx) =>
    getPeriodInvoice(trx, ref.tenantId, ref.period, ref.currency),
  );
  if (known) return known.stripe_invoice_id;
  let found: Stripe.Invoice | undefined;
  for await (const inv of deps.stripe.invoices.list({ customer: customerId, limit: 100 })) {
    if (matches(inv, ref)) {
      found = inv;
      break;
    }
  }
  if (found)
    await settleFoundCall(deps, {
      tenantId: ref.tenantId,
      idempotencyKey: stripeKeys.invoice(ref),
      stripeObjectId: found.id,
    });
  const invoice =
    found ??
    (await callStripe(
      deps,
      {
        tenantId: ref.tenantId,
        idempotencyKey: stripeKeys.invoice(ref),
        operation: 'invoices.create',
        request: { customerId, ...ref },
      },
      (opts) =>
        deps.stripe.invoices.create(
          {
            customer: customerId,
            auto_advance: false,
            collection_method: 'charge_automatically',
            currency: ref.currency.toLowerCase(),
            description: `Switchyard fulfillment fees, ${ref.period}`,
            metadata: { tenant_id: ref.tenantId, period: ref.period, currency: ref.currency },
            pending_invoice_items_behavior: 'exclude',
          },
          opts,
        ),
    ));
  // The carry-overs go with the invoice row: its total and what it bills of earlier periods
  // are recorded together, or not at all.
  return withTenant(deps.db, ref.tenantId, async (trx) => {
    const id = await savePeriodInvoice(trx, {
      ...ref,
      stripeInvoiceId: invoice.id,
      ledgerTotalMinor,
    });
    await saveCarryovers(trx, {
      ...ref,
      lines: carried.map((c) => ({ forPeriod: c.forPeriod, amountMinor: BigInt(c.amountMinor) })),
    });
    return id;
  });
}

/** The items already on the invoice, by the line key in their metadata. */
async function itemsByLine(deps: StripeDeps, invoiceId: string) {
  const byLine = new Map<string, Stripe.InvoiceItem>();
  for await (const ii of deps.stripe.invoiceItems.list({ invoice: invoiceId, limit: 100 }))
    if (ii.metadata?.line) byLine.set(ii.metadata.line, ii);
  return byLine;
}

/** Adds one aggregated line to the draft, unless an item for that line is already on it. */
export async function addCloseInvoiceLine(
  deps: StripeDeps,
  ref: CloseRef & { customerId: string; invoiceId: string },
  line: { key: string; amountMinor: string; description: string },
): Promise<string> {
  // Lines over Stripe's per-item limit were split by the plan (splitInvoiceLine); one that is
  // not is refused by Stripe (amount_too_large) and ends the close for an operator.
  const amount = BigInt(line.amountMinor);
  const existing = (await itemsByLine(deps, ref.invoiceId)).get(line.key);
  if (existing) {
    await settleFoundCall(deps, {
      tenantId: ref.tenantId,
      idempotencyKey: stripeKeys.item(ref, line.key),
      stripeObjectId: existing.id,
    });
    return existing.id;
  }
  const item = await callStripe(
    deps,
    {
      tenantId: ref.tenantId,
      idempotencyKey: stripeKeys.item(ref, line.key),
      operation: 'invoiceItems.create',
      request: { invoiceId: ref.invoiceId, ...line },
    },
    (opts) =>
      deps.stripe.invoiceItems.create(
        {
          customer: ref.customerId,
          invoice: ref.invoiceId,
          amount: Number(amount),
          currency: ref.currency.toLowerCase(),
          description: line.description,
          metadata: { tenant_id: ref.tenantId, period: ref.period, line: line.key },
        },
        opts,
      ),
  );
  return item.id;
}

/**
 * Checks Stripe's total against the ledger's and finalizes, now with `auto_advance` so that
 * Stripe collects the payment and runs its dunning. An invoice already finalized (a
 * resumed close) is only recorded; a total that differs stops the close for an operator.
 */
export async function finalizeCloseInvoice(
  deps: StripeDeps,
  ref: CloseRef & { invoiceId: string },
  ledgerTotalMinor: bigint,
  expectedLines: number,
): Promise<{ status: string; totalMinor: string; number: string | null }> {
  let invoice = await deps.stripe.invoices.retrieve(ref.invoiceId);
  if (invoice.status !== 'draft')
    await settleFoundCall(deps, {
      tenantId: ref.tenantId,
      idempotencyKey: stripeKeys.finalize(ref),
      stripeObjectId: invoice.id,
    });
  if (invoice.status === 'draft') {
    const lines = await itemsByLine(deps, ref.invoiceId);
    if (BigInt(invoice.total) !== ledgerTotalMinor || lines.size !== expectedLines)
      throw new BillingError(
        'BILLING_TOTAL_MISMATCH',
        `Stripe's draft ${invoice.id} totals ${invoice.total} in ${lines.size} lines; the ledger says ${ledgerTotalMinor} in ${expectedLines}`,
      );
    invoice = await callStripe(
      deps,
      {
        tenantId: ref.tenantId,
        idempotencyKey: stripeKeys.finalize(ref),
        operation: 'invoices.finalizeInvoice',
        request: { invoiceId: ref.invoiceId },
      },
      (opts) => deps.stripe.invoices.finalizeInvoice(ref.invoiceId, { auto_advance: true }, opts),
    );
  }
  await withTenant(deps.db, ref.tenantId, async (trx) => {
    const row = await getPeriodInvoice(trx, ref.tenantId, ref.period, ref.currency);
    await updatePeriodInvoice(trx, ref.invoiceId, {
      status: nextInvoiceStatus(row?.status ?? 'draft', {
        status: invoice.status ?? 'draft',
        attemptCount: invoice.attempt_count,
      }),
      stripeTotalMinor: BigInt(invoice.total),
      hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
      invoicePdf: invoice.invoice_pdf ?? null,
    });
  });
  // A close run again after the ledger changed: the finalized invoice cannot take the
  // difference; say so rather than report the period as billed.
  if (BigInt(invoice.total) !== ledgerTotalMinor)
    throw new BillingError(
      'BILLING_TOTAL_MISMATCH',
      `invoice ${invoice.id} is ${invoice.status} at ${invoice.total}; the ledger now says ${ledgerTotalMinor}`,
    );
  return {
    status: invoice.status ?? 'draft',
    totalMinor: String(invoice.total),
    number: invoice.number,
  };
}
