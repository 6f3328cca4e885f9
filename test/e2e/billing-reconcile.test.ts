import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { insertDispatch, listBillingFindings, upsertSupplier, withTenant } from '@switchyard/db';
import { createStripeClient, type Stripe } from '@switchyard/stripe-billing';
import { runBillingReconcile, runMonthClose } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STRIPE_KEY, seedBillingTenant, startBillingService } from '../harness/billing.ts';
import { freshDatabase } from '../harness/database.ts';

// Issue 11: the billing reconciliation workflow on the billing service's worker, against the
// Stripe simulator over HTTP. Each kind of discrepancy is planted and exactly it is reported;
// fixed, it is resolved; a clean billing reports nothing.

type Env = Awaited<ReturnType<typeof freshDatabase>>;
let env: Env;
let billing: Awaited<ReturnType<typeof startBillingService>>;
let connection: Connection;
let temporal: Client;
let stripe: Stripe;
const taskQueue = `billing-recon-${randomUUID()}`;
const OCT = '2026-10-15T12:00:00Z';
const HOURS_6 = 6 * 3_600_000;

beforeAll(async () => {
  env = await freshDatabase();
  billing = await startBillingService({ appUrl: env.appUrl, taskQueue });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  temporal = new Client({ connection });
  stripe = createStripeClient({ apiKey: STRIPE_KEY, apiUrl: billing.stripe.url });
});
afterAll(async () => {
  await billing?.close();
  await connection?.close();
  await env?.close();
});

const reconcile = () => runBillingReconcile(temporal, { stuckAfterMs: HOURS_6 }, taskQueue);
const found = (r: { findings: Array<{ kind: string; subject: string }> }) =>
  r.findings.map((f) => `${f.kind} ${f.subject}`).sort();
const billingAlerts = () =>
  env.admin
    .selectFrom('operator_alerts')
    .selectAll()
    .where('kind', '=', 'billing_discrepancy')
    .execute();

/** An order the worker completed and charged, as its billing writes it (key and all). */
async function completedAndCharged(tenantId: string, orderId: string, fee = true) {
  await sql`update orders set status = 'completed' where id = ${orderId}`.execute(env.admin);
  if (fee)
    await sql`insert into ledger_entries
        (tenant_id, order_id, kind, amount_minor, currency, created_at, entry_key)
      values (${tenantId}, ${orderId}, 'order_fee', 30, 'USD', ${OCT}, ${`order_fee:${orderId}`})`.execute(
      env.admin,
    );
}

describe('billing reconciliation', () => {
  let closed: { tenantId: string; orderIds: string[]; invoiceId: string; customerId: string };

  it('a clean billing (orders charged, a close finalized at the ledger total) reports nothing', async () => {
    const t = await seedBillingTenant(env.db, 'clean', 2);
    for (const o of t.orderIds) await completedAndCharged(t.tenantId, o);
    const close = await runMonthClose(
      temporal,
      { tenantId: t.tenantId, period: '2026-10' },
      taskQueue,
    );
    expect(close.invoices.map((i) => [i.status, i.totalMinor])).toEqual([['open', '60']]);
    const invoice = await stripe.invoices.retrieve(close.invoices[0]!.invoiceId);
    closed = {
      ...t,
      invoiceId: invoice.id!,
      customerId: String(invoice.customer),
    };

    // Run as the schedule runs it (the workflow by name, its default threshold).
    const workflowId = `billing:reconcile:clean:${randomUUID()}`;
    const r = await temporal.workflow.execute('billingReconcile', {
      workflowId,
      taskQueue,
      args: [{ version: 1 }],
    });
    expect(r).toEqual({ findings: [], opened: 0 });
    expect(await listBillingFindings(env.db)).toEqual([]);
    expect(await billingAlerts()).toEqual([]);
    // Its history replays against today's workflow code.
    const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
    const code = await readFile(inject('workflowBundlePath'), 'utf8');
    await Worker.runReplayHistory({ workflowBundle: { code } }, history);
  });

  it('each planted discrepancy is reported exactly, once; fixed, it is resolved', async () => {
    // A completed order without its fee (R-BIL-3).
    const t = await seedBillingTenant(env.db, 'planted', 2);
    const [unfeed, shipped] = t.orderIds as [string, string];
    await completedAndCharged(t.tenantId, unfeed, false);
    // A shipped dispatch whose plan (10 % markup by default) asks a markup it does not have;
    // the supplier's parcel rate is its logistics cost.
    await completedAndCharged(t.tenantId, shipped);
    const supplierId = await upsertSupplier(env.admin, {
      code: 'recon-sup',
      name: 'Recon supplier',
      endpointUrl: 'http://127.0.0.1:9',
      signingSecretEnc: 'unused',
      partnerKeyHash: 'recon-sup',
      countries: ['US'],
      carriers: ['USPS'],
    });
    await sql`update orders set carrier = 'USPS' where id = ${shipped}`.execute(env.admin);
    await sql`insert into supplier_rates (supplier_id, country, carrier, parcel_cost_minor)
      values (${supplierId}, 'US', 'USPS', 600)`.execute(env.admin);
    const dispatchId = `d-recon-${randomUUID()}`;
    await withTenant(env.db, t.tenantId, (trx) =>
      insertDispatch(trx, {
        id: dispatchId,
        tenantId: t.tenantId,
        orderId: shipped,
        supplierId,
        workflowId: 'recon',
        attempt: 0,
      }),
    );
    await sql`update dispatches set status = 'shipped', shipped_at = ${OCT} where id = ${dispatchId}`.execute(
      env.admin,
    );
    // A finalized invoice changed at Stripe: its total is no longer the ledger's.
    billing.stripe.store.invoiceItems.set('ii_planted', {
      id: 'ii_planted',
      created: Math.floor(Date.now() / 1000),
      customer: closed.customerId,
      invoice: closed.invoiceId,
      amount: 7,
      currency: 'usd',
      description: null,
      metadata: {},
    });
    // A close whose draft has waited longer than the threshold.
    const stuck = await stripe.invoices.create({
      customer: closed.customerId,
      auto_advance: false,
      metadata: { tenant_id: closed.tenantId, period: '2026-09', currency: 'USD' },
    });
    await sql`insert into billing_invoices
        (tenant_id, period, currency, stripe_invoice_id, ledger_total_minor, created_at)
      values (${closed.tenantId}, '2026-09', 'USD', ${stuck.id}, 0, now() - interval '7 hours')`.execute(
      env.admin,
    );
    // Objects carrying our metadata that we never made.
    const stranger = randomUUID();
    const cus = await stripe.customers.create({ metadata: { tenant_id: stranger } });
    const inv = await stripe.invoices.create({
      customer: cus.id,
      metadata: { tenant_id: stranger },
    });
    const ii = await stripe.invoiceItems.create({
      customer: cus.id,
      amount: 100,
      currency: 'usd',
      metadata: { tenant_id: stranger, line: 'order_fee' },
    });

    const planted = [
      `order_fee_missing order:${unfeed}`,
      `markup_missing dispatch:${dispatchId}`,
      `total_mismatch invoice:${closed.invoiceId}`,
      `close_stuck close:${closed.tenantId}:2026-09:USD`,
      `stripe_unknown customer:${cus.id}`,
      `stripe_unknown invoice:${inv.id}`,
      `stripe_unknown invoiceitem:${ii.id}`,
    ].sort();
    const first = await reconcile();
    expect(found(first)).toEqual(planted);
    expect(first.opened).toBe(7);
    const rows = await listBillingFindings(env.db, { open: true });
    expect(rows.map((f) => `${f.kind} ${f.subject}`).sort()).toEqual(planted);
    const markup = rows.find((f) => f.kind === 'markup_missing')!;
    expect(markup.detail).toMatchObject({ expectedMinor: '60', currency: 'USD', dispatchId });
    expect(rows.find((f) => f.kind === 'total_mismatch')!.detail).toMatchObject({
      stripeTotalMinor: '67',
      ledgerTotalMinor: '60',
    });
    // One operator alert per finding, with its tenant and order where it has them.
    const alerts = await billingAlerts();
    expect(alerts).toHaveLength(7);
    expect(alerts.find((a) => a.order_id === unfeed)?.tenant_id).toBe(t.tenantId);
    expect(alerts.every((a) => a.next_delivery_at !== null)).toBe(true);

    // Found again: the same findings, nothing new, no second alert.
    const second = await reconcile();
    expect(found(second)).toEqual(planted);
    expect(second.opened).toBe(0);
    expect(await listBillingFindings(env.db)).toHaveLength(7);
    expect(await billingAlerts()).toHaveLength(7);

    // Fixed: the charges written, the planted item gone, the draft finalized, strangers gone.
    await sql`insert into ledger_entries
        (tenant_id, order_id, kind, amount_minor, currency, created_at, entry_key, dispatch_id)
      values (${t.tenantId}, ${unfeed}, 'order_fee', 30, 'USD', ${OCT}, ${`order_fee:${unfeed}`}, null),
        (${t.tenantId}, ${shipped}, 'logistics_markup', 60, 'USD', ${OCT},
          ${`logistics_markup:${dispatchId}`}, ${dispatchId})`.execute(env.admin);
    billing.stripe.store.invoiceItems.delete('ii_planted');
    await stripe.invoices.finalizeInvoice(stuck.id!);
    await sql`update billing_invoices set status = 'finalized' where stripe_invoice_id = ${stuck.id}`.execute(
      env.admin,
    );
    billing.stripe.store.invoiceItems.delete(ii.id);
    billing.stripe.store.invoices.delete(inv.id!);
    billing.stripe.store.customers.delete(cus.id);

    const third = await reconcile();
    expect(third).toEqual({ findings: [], opened: 0 });
    const after = await listBillingFindings(env.db);
    expect(after).toHaveLength(7);
    expect(after.every((f) => f.resolved_at !== null)).toBe(true);
    expect(await billingAlerts()).toHaveLength(7);
  }, 180_000);
});
