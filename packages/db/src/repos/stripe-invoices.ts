import type { InvoiceStatus } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';
import { type PageRequest, pageByKeyset } from '../keyset.ts';

/** The tenant's Stripe customer, if it has one yet. */
export async function getBillingCustomer(trx: Trx, tenantId: string) {
  return trx
    .selectFrom('billing_customers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

/** Stores the tenant's Stripe customer once; returns the one stored (the first writer's). */
export async function saveBillingCustomer(
  trx: Trx,
  v: { tenantId: string; stripeCustomerId: string },
): Promise<string> {
  await trx
    .insertInto('billing_customers')
    .values({ tenant_id: v.tenantId, stripe_customer_id: v.stripeCustomerId })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  const row = await getBillingCustomer(trx, v.tenantId);
  return row!.stripe_customer_id;
}

export async function setBillingPaymentMethod(trx: Trx, tenantId: string, paymentMethod: string) {
  await trx
    .updateTable('billing_customers')
    .set({ default_payment_method: paymentMethod })
    .where('tenant_id', '=', tenantId)
    .execute();
}

/**
 * Flags (a date) or clears (null) a past-due tenant. Its orders keep shipping: the flag is
 * for people and reports, never a gate in the order flow.
 */
export async function setPastDue(trx: Trx, tenantId: string, since: Date | null) {
  await trx
    .updateTable('billing_customers')
    .set({ past_due_since: since })
    .where('tenant_id', '=', tenantId)
    .$if(since !== null, (q) => q.where('past_due_since', 'is', null))
    .execute();
}

/** The tenant a Stripe customer belongs to, before any tenant scope exists (webhooks). */
export async function tenantOfStripeCustomer(db: Db, customerId: string): Promise<string | null> {
  const { rows } = await sql<{ t: string | null }>`
    select billing_tenant_of_customer(${customerId}) as t`.execute(db);
  return rows[0]?.t ?? null;
}

/** Tenants with ledger entries in `[from, to)`: whom a scheduled month close bills. */
export async function tenantsWithLedgerEntries(db: Db, from: Date, to: Date): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`
    select t from billing_tenants_with_entries(${from}, ${to}) as t order by t`.execute(db);
  return rows.map((r) => r.t);
}

export async function getPeriodInvoice(
  trx: Trx,
  tenantId: string,
  period: string,
  currency: string,
) {
  return trx
    .selectFrom('billing_invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('period', '=', period)
    .where('currency', '=', currency)
    .executeTakeFirst();
}

export async function listPeriodInvoices(trx: Trx, tenantId: string, period?: string) {
  return trx
    .selectFrom('billing_invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .$if(period !== undefined, (q) => q.where('period', '=', period!))
    .orderBy('id')
    .execute();
}

/**
 * The tenant's invoices, newest first (by the close that recorded them), a keyset page at a
 * time: what the portal's billing page lists with Stripe's links.
 */
export async function listInvoicesPage(trx: Trx, opts: PageRequest & { tenantId: string }) {
  const q = trx
    .selectFrom('billing_invoices')
    .select([
      'id',
      'period',
      'currency',
      'status',
      'ledger_total_minor',
      'stripe_total_minor',
      'hosted_invoice_url',
      'invoice_pdf',
      'created_at',
    ])
    .where('tenant_id', '=', opts.tenantId);
  return pageByKeyset(q, { columns: [{ ref: 'id', kind: 'bigint' }], direction: 'desc' }, opts);
}

export async function getInvoiceByStripeId(trx: Trx, stripeInvoiceId: string) {
  return trx
    .selectFrom('billing_invoices')
    .selectAll()
    .where('stripe_invoice_id', '=', stripeInvoiceId)
    .executeTakeFirst();
}

/** Records the Stripe invoice of a (tenant, period, currency) once; returns the stored id. */
export async function savePeriodInvoice(
  trx: Trx,
  v: {
    tenantId: string;
    period: string;
    currency: string;
    stripeInvoiceId: string;
    ledgerTotalMinor: bigint;
  },
): Promise<string> {
  await trx
    .insertInto('billing_invoices')
    .values({
      tenant_id: v.tenantId,
      period: v.period,
      currency: v.currency,
      stripe_invoice_id: v.stripeInvoiceId,
      ledger_total_minor: v.ledgerTotalMinor,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'period', 'currency']).doNothing())
    .execute();
  const row = await getPeriodInvoice(trx, v.tenantId, v.period, v.currency);
  return row!.stripe_invoice_id;
}

export async function updatePeriodInvoice(
  trx: Trx,
  stripeInvoiceId: string,
  v: {
    status: InvoiceStatus;
    stripeTotalMinor?: bigint;
    hostedInvoiceUrl?: string | null;
    invoicePdf?: string | null;
  },
) {
  await trx
    .updateTable('billing_invoices')
    .set({
      status: v.status,
      updated_at: new Date(),
      ...(v.stripeTotalMinor !== undefined ? { stripe_total_minor: v.stripeTotalMinor } : {}),
      ...(v.hostedInvoiceUrl !== undefined ? { hosted_invoice_url: v.hostedInvoiceUrl } : {}),
      ...(v.invoicePdf !== undefined ? { invoice_pdf: v.invoicePdf } : {}),
    })
    .where('stripe_invoice_id', '=', stripeInvoiceId)
    .execute();
}
