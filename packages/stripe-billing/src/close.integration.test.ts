import { listStripeCalls, withTenant } from '@switchyard/db';
import { defaultStripeBehaviour, type StripeSim, startStripeSim } from '@switchyard/sim-stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addEntries, seedBillingTenant } from '../../../test/harness/billing.ts';
import { freshDatabase } from '../../../test/harness/database.ts';
import { addCloseInvoiceLine, finalizeCloseInvoice, openCloseInvoice } from './close.ts';
import { ensureStripeCustomer } from './customers.ts';
import { BillingError } from './errors.ts';
import { createStripeClient, type Stripe } from './stripe-client.ts';

// The close's steps against the Stripe simulator: refusals, lost answers, a draft changed at
// Stripe. The workflow around them is tested in test/e2e/billing-close.test.ts.

const KEY = 'sk_test_close_steps';
let env: Awaited<ReturnType<typeof freshDatabase>>;
let sim: StripeSim;
let stripe: Stripe;

beforeAll(async () => {
  env = await freshDatabase();
  sim = await startStripeSim({ apiKeys: [KEY] });
  stripe = createStripeClient({ apiKey: KEY, apiUrl: sim.url });
});
beforeEach(() => Object.assign(sim.behaviour, defaultStripeBehaviour));
afterAll(async () => {
  await sim?.close();
  await env?.close();
});

async function draft(name: string) {
  const deps = { db: env.db, stripe };
  const t = await seedBillingTenant(env.db, name, 1);
  await addEntries(env.db, t.tenantId, [
    {
      orderId: t.orderIds[0]!,
      kind: 'order_fee',
      amountMinor: 30n,
      currency: 'USD',
      at: '2026-10-09T00:00:00Z',
    },
  ]);
  const customerId = await ensureStripeCustomer(deps, t.tenantId);
  const ref = { tenantId: t.tenantId, period: '2026-10', currency: 'USD' };
  const invoiceId = await openCloseInvoice(deps, ref, customerId, 30n);
  const line = { key: 'order_fee', amountMinor: '30', description: '1 order × 0.30 USD fee' };
  await addCloseInvoiceLine(deps, { ...ref, customerId, invoiceId }, line);
  return { deps, ref, customerId, invoiceId, line };
}
const calls = (tenantId: string) =>
  withTenant(env.db, tenantId, (trx) => listStripeCalls(trx, tenantId));

describe('close steps', () => {
  it('a draft changed at Stripe does not match the ledger: no finalize, BILLING_TOTAL_MISMATCH', async () => {
    const d = await draft('mismatch');
    await stripe.invoiceItems.create({
      customer: d.customerId,
      invoice: d.invoiceId,
      amount: 500,
      currency: 'usd',
    });
    const err = await finalizeCloseInvoice(
      d.deps,
      { ...d.ref, invoiceId: d.invoiceId },
      30n,
      1,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BillingError);
    expect((err as BillingError).code).toBe('BILLING_TOTAL_MISMATCH');
    expect((await stripe.invoices.retrieve(d.invoiceId)).status).toBe('draft');
  });

  it('run again after the ledger changed, a finalized invoice is reported, not taken as billed', async () => {
    const d = await draft('changed');
    const done = await finalizeCloseInvoice(d.deps, { ...d.ref, invoiceId: d.invoiceId }, 30n, 1);
    expect(done.status).toBe('open');
    expect(
      await finalizeCloseInvoice(d.deps, { ...d.ref, invoiceId: d.invoiceId }, 30n, 1),
    ).toEqual(done);
    const err = await finalizeCloseInvoice(
      d.deps,
      { ...d.ref, invoiceId: d.invoiceId },
      60n,
      2,
    ).catch((e: unknown) => e);
    expect((err as BillingError).code).toBe('BILLING_TOTAL_MISMATCH');
  });

  it('a refusal by Stripe is recorded in the outbox with its code and not retried', async () => {
    const d = await draft('refused');
    await finalizeCloseInvoice(d.deps, { ...d.ref, invoiceId: d.invoiceId }, 30n, 1);
    const late = { key: 'adjustment', amountMinor: '5', description: 'late' };
    const err = await addCloseInvoiceLine(
      d.deps,
      { ...d.ref, customerId: d.customerId, invoiceId: d.invoiceId },
      late,
    ).catch((e: unknown) => e);
    expect((err as BillingError).code).toBe('STRIPE_REJECTED');
    const row = (await calls(d.ref.tenantId)).find((c) =>
      c.idempotency_key.endsWith(':item:adjustment'),
    );
    expect([row?.status, row?.error_code]).toEqual(['failed', 'invoice_not_editable']);
  });

  it('an answer lost after Stripe made the invoice: the retry finds it, the outbox row completes', async () => {
    const deps = { db: env.db, stripe };
    const t = await seedBillingTenant(env.db, 'lost', 0);
    const customerId = await ensureStripeCustomer(deps, t.tenantId);
    const ref = { tenantId: t.tenantId, period: '2026-10', currency: 'EUR' };
    Object.assign(sim.behaviour, {
      failMode: 'lost_response',
      failCount: 1,
      failMatch: '^POST /v1/invoices$',
      hangMs: 0,
    });
    const first = await openCloseInvoice(deps, ref, customerId, 25n).catch((e: unknown) => e);
    expect(first).not.toBeInstanceOf(BillingError); // retryable: a Temporal retry follows
    expect((await calls(t.tenantId)).find((c) => c.operation === 'invoices.create')?.status).toBe(
      'pending',
    );
    const invoiceId = await openCloseInvoice(deps, ref, customerId, 25n);
    const ours = [...sim.store.invoices.values()].filter(
      (i) => i.metadata.tenant_id === t.tenantId,
    );
    expect(ours.map((i) => i.id)).toEqual([invoiceId]);
    const row = (await calls(t.tenantId)).find((c) => c.operation === 'invoices.create');
    expect([row?.status, row?.stripe_object_id]).toEqual(['succeeded', invoiceId]);
  });

  it('Stripe down while the customer is created: a retryable error, then one customer', async () => {
    const deps = { db: env.db, stripe };
    const t = await seedBillingTenant(env.db, 'down', 0);
    Object.assign(sim.behaviour, {
      failMode: 'unavailable',
      failCount: 1,
      failMatch: '^POST /v1/customers$',
    });
    const first = await ensureStripeCustomer(deps, t.tenantId).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Error);
    expect(first).not.toBeInstanceOf(BillingError);
    const id = await ensureStripeCustomer(deps, t.tenantId);
    expect(await ensureStripeCustomer(deps, t.tenantId)).toBe(id);
    expect(
      [...sim.store.customers.values()].filter((c) => c.metadata.tenant_id === t.tenantId),
    ).toHaveLength(1);
  });
});
