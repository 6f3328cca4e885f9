import type { BillingFindingKind } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Db } from '../client.ts';
import { raiseOperatorAlert } from './operator-alerts.ts';

export interface BillingFinding {
  kind: BillingFindingKind;
  /** What it is about, stable from run to run: an order, a dispatch, an invoice, an object. */
  subject: string;
  tenantId: string | null;
  detail: Record<string, unknown>;
}

// The reconciliation reads across tenants through functions owned by the schema's owner
// (20261201060000_billing_reconciliation): ids and amounts only.

export async function reconUnbilledOrders(db: Db) {
  const { rows } = await sql<{ tenant_id: string; order_id: string; completed_at: Date }>`
    select * from billing_recon_unbilled_orders()`.execute(db);
  return rows;
}

export async function reconUnbilledDispatches(db: Db) {
  const { rows } = await sql<{
    tenant_id: string;
    order_id: string;
    dispatch_id: string;
    supplier_id: string;
    shipped_at: Date | null;
  }>`select * from billing_recon_unbilled_dispatches()`.execute(db);
  return rows;
}

export async function reconInvoices(db: Db) {
  const { rows } = await sql<{
    tenant_id: string;
    period: string;
    currency: string;
    stripe_invoice_id: string;
    status: string;
    ledger_total_minor: string;
    created_at: Date;
  }>`select * from billing_recon_invoices()`.execute(db);
  return rows;
}

export async function reconCustomers(db: Db) {
  const { rows } = await sql<{ tenant_id: string; stripe_customer_id: string }>`
    select * from billing_recon_customers()`.execute(db);
  return rows;
}

/**
 * Records one reconciliation run: each finding is kept once per (kind, subject) and seen
 * again; one that had been resolved opens again; open findings this run did not find are
 * resolved. A finding that opens raises a `billing_discrepancy` operator alert in the same
 * transaction (so a retried run neither loses nor repeats it). Returns the findings that
 * opened in this run (new, or back), with their ids.
 */
export async function recordBillingFindings(
  db: Db,
  findings: readonly BillingFinding[],
  now: Date,
): Promise<Array<BillingFinding & { id: string; openedAt: Date }>> {
  return db.transaction().execute(async (trx) => {
    const opened: Array<BillingFinding & { id: string; openedAt: Date }> = [];
    for (const f of findings) {
      const row = await trx
        .insertInto('billing_findings')
        .values({
          kind: f.kind,
          subject: f.subject,
          tenant_id: f.tenantId,
          detail: JSON.stringify(f.detail),
          first_seen_at: now,
          last_seen_at: now,
          opened_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['kind', 'subject']).doUpdateSet({
            detail: (eb) => eb.ref('excluded.detail'),
            last_seen_at: now,
            opened_at: sql<Date>`case when billing_findings.resolved_at is null
              then billing_findings.opened_at else ${now}::timestamptz end`,
            resolved_at: null,
          }),
        )
        .returning(['id', 'opened_at'])
        .executeTakeFirstOrThrow();
      if (row.opened_at.getTime() !== now.getTime()) continue;
      opened.push({ ...f, id: row.id, openedAt: row.opened_at });
      const orderId = typeof f.detail.orderId === 'string' ? f.detail.orderId : null;
      await raiseOperatorAlert(trx, {
        kind: 'billing_discrepancy',
        dedupeKey: `billing:${f.kind}:${f.subject}:${now.toISOString()}`,
        tenantId: f.tenantId,
        orderId,
        message: `Billing reconciliation: ${f.kind.replaceAll('_', ' ')} (${f.subject})`,
        detail: { findingId: row.id, kind: f.kind, subject: f.subject, ...f.detail },
        deliver: true,
      });
    }
    await trx
      .updateTable('billing_findings')
      .set({ resolved_at: now })
      .where('resolved_at', 'is', null)
      .where('last_seen_at', '<', now)
      .execute();
    return opened;
  });
}

/** Findings newest first; `open` keeps those the last run still found. */
export async function listBillingFindings(db: Db, opts: { open?: boolean; limit?: number } = {}) {
  return db
    .selectFrom('billing_findings')
    .selectAll()
    .$if(opts.open === true, (q) => q.where('resolved_at', 'is', null))
    .orderBy('id', 'desc')
    .$if(opts.limit !== undefined, (q) => q.limit(opts.limit!))
    .execute();
}
