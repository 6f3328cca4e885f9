import {
  getPeriodInvoice,
  ledgerPeriodTotals,
  savePeriodInvoice,
  updatePeriodInvoice,
  withTenant,
} from '@switchyard/db';
import {
  type CurrencyInvoicePlan,
  type InvoiceLine,
  nextInvoiceStatus,
  periodRange,
  planCloseInvoices,
} from '@switchyard/domain';
import { BillingError } from './errors.ts';
import { type CloseRef, stripeKeys } from './keys.ts';
import { callStripe, type StripeDeps, settleFoundCall } from './outbox.ts';
import type { Stripe } from './stripe-client.ts';

/** Stripe's largest amount for one item (8 digits of minor units). */
const MAX_ITEM_AMOUNT = 99_999_999n;

/** A close's plan as plain data for a workflow: amounts as decimal strings. */
export interface ClosePlanInvoice {
  currency: string;
  totalMinor: string;
  lines: Array<{ key: string; amountMinor: string; description: string }>;
}

/** What the tenant's ledger says it owes for the period, one invoice per currency. */
export async function planMonthClose(
  deps: Pick<StripeDeps, 'db'>,
  tenantId: string,
  period: string,
): Promise<ClosePlanInvoice[]> {
  const { from, to } = periodRange(period);
  const aggregates = await withTenant(deps.db, tenantId, (trx) =>
    ledgerPeriodTotals(trx, { tenantId, from, to }),
  );
  return planCloseInvoices(aggregates).map((p: CurrencyInvoicePlan) => ({
    currency: p.currency,
    totalMinor: p.totalMinor.toString(),
    lines: p.lines.map((l: InvoiceLine) => ({
      key: l.key,
      amountMinor: l.amountMinor.toString(),
      description: l.description,
    })),
  }));
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
  return withTenant(deps.db, ref.tenantId, (trx) =>
    savePeriodInvoice(trx, { ...ref, stripeInvoiceId: invoice.id, ledgerTotalMinor }),
  );
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
  const amount = BigInt(line.amountMinor);
  if (amount > MAX_ITEM_AMOUNT || amount < -MAX_ITEM_AMOUNT)
    throw new BillingError(
      'BILLING_LINE_TOO_LARGE',
      `${line.key} of ${line.amountMinor} ${ref.currency} exceeds Stripe's item limit`,
    );
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
