import { type BillingFinding, reconCustomers, reconInvoices } from '@switchyard/db';
import type { StripeDeps } from './outbox.ts';

/**
 * Stripe's side of the reconciliation: every customer, invoice and invoice item at Stripe is
 * listed (auto-paginated through the SDK) and those carrying our metadata (`tenant_id`) are
 * matched against our rows. Reported: an object we do not know (a close's lost answer that no
 * resumed step found, or a write from outside the platform), a finalized invoice whose total
 * is not the ledger's total recorded for its close, and a close whose invoice is still a draft
 * `stuckAfterMs` after it was opened.
 */
export async function stripeFindings(
  deps: StripeDeps,
  opts: { now: Date; stuckAfterMs: number },
): Promise<BillingFinding[]> {
  const findings: BillingFinding[] = [];
  const invoices = new Map((await reconInvoices(deps.db)).map((i) => [i.stripe_invoice_id, i]));
  const customers = new Map(
    (await reconCustomers(deps.db)).map((c) => [c.stripe_customer_id, c.tenant_id]),
  );
  const unknown = (object: string, id: string, metadata: Record<string, string>) =>
    findings.push({
      kind: 'stripe_unknown',
      subject: `${object}:${id}`,
      tenantId: null, // metadata is not proof of a tenant: the id is only reported
      detail: { object, id, metadata },
    });

  for await (const c of deps.stripe.customers.list({ limit: 100 }))
    if (c.metadata?.tenant_id !== undefined && customers.get(c.id) !== c.metadata.tenant_id)
      unknown('customer', c.id, c.metadata);

  for await (const inv of deps.stripe.invoices.list({ limit: 100 })) {
    if (inv.metadata?.tenant_id === undefined || inv.id === undefined) continue;
    const ours = invoices.get(inv.id);
    if (!ours || ours.tenant_id !== inv.metadata.tenant_id) {
      unknown('invoice', inv.id, inv.metadata);
      continue;
    }
    if (inv.status !== 'draft' && BigInt(inv.total) !== BigInt(ours.ledger_total_minor))
      findings.push({
        kind: 'total_mismatch',
        subject: `invoice:${inv.id}`,
        tenantId: ours.tenant_id,
        detail: {
          invoiceId: inv.id,
          period: ours.period,
          currency: ours.currency,
          stripeTotalMinor: String(inv.total),
          ledgerTotalMinor: String(ours.ledger_total_minor),
        },
      });
  }

  for await (const ii of deps.stripe.invoiceItems.list({ limit: 100 })) {
    if (ii.metadata?.tenant_id === undefined) continue;
    const invoiceId = typeof ii.invoice === 'string' ? ii.invoice : ii.invoice?.id;
    const ours = invoiceId ? invoices.get(invoiceId) : undefined;
    if (!ours || ours.tenant_id !== ii.metadata.tenant_id)
      unknown('invoiceitem', ii.id, ii.metadata);
  }

  for (const i of invoices.values())
    if (
      i.status === 'draft' &&
      opts.now.getTime() - new Date(i.created_at).getTime() > opts.stuckAfterMs
    )
      findings.push({
        kind: 'close_stuck',
        subject: `close:${i.tenant_id}:${i.period}:${i.currency}`,
        tenantId: i.tenant_id,
        detail: {
          invoiceId: i.stripe_invoice_id,
          period: i.period,
          currency: i.currency,
          openedAt: new Date(i.created_at).toISOString(),
        },
      });
  return findings;
}
