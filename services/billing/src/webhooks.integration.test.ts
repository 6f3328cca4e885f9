import { issueApiToken } from '@switchyard/auth/credentials';
import { getBillingCustomer, withTenant } from '@switchyard/db';
import {
  type StripeEvent,
  type StripeSim,
  signPayload,
  startStripeSim,
  TEST_CARDS,
} from '@switchyard/sim-stripe';
import {
  addCloseInvoiceLine,
  createStripeClient,
  ensureStripeCustomer,
  finalizeCloseInvoice,
  openCloseInvoice,
  type Stripe,
} from '@switchyard/stripe-billing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEntries, seedBillingTenant } from '../../../test/harness/billing.ts';
import { freshDatabase } from '../../../test/harness/database.ts';
import { createBillingApp } from './app.ts';
import { sweepStripeEvents } from './event-sweep.ts';

// POST /webhooks/stripe and the payment-method link, on the billing app over a real database
// and the Stripe simulator: signatures, staleness, replays and events out of order.

const KEY = 'sk_test_webhooks';
const SECRET = 'whsec_webhook_test_secret_123456';
let env: Awaited<ReturnType<typeof freshDatabase>>;
let sim: StripeSim;
let stripe: Stripe;
let app: ReturnType<typeof createBillingApp>;
let tenantId: string;
let invoiceId: string;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  env = await freshDatabase();
  sim = await startStripeSim({ apiKeys: [KEY] });
  stripe = createStripeClient({ apiKey: KEY, apiUrl: sim.url });
  app = createBillingApp({
    db: env.db,
    stripe,
    webhookSecret: SECRET,
    returnUrl: 'https://seller.example/billing',
    currency: 'USD',
    log: () => {},
  });
  const t = await seedBillingTenant(env.db, 'hooks', 1);
  tenantId = t.tenantId;
  await addEntries(env.db, tenantId, [
    {
      orderId: t.orderIds[0]!,
      kind: 'order_fee',
      amountMinor: 30n,
      currency: 'USD',
      at: '2026-10-05T00:00:00Z',
    },
  ]);
  const deps = { db: env.db, stripe };
  const customerId = await ensureStripeCustomer(deps, tenantId);
  const ref = { tenantId, period: '2026-10', currency: 'USD' };
  invoiceId = await openCloseInvoice(deps, ref, customerId, 30n);
  await addCloseInvoiceLine(
    deps,
    { ...ref, customerId, invoiceId },
    {
      key: 'order_fee',
      amountMinor: '30',
      description: '1 order × 0.30 USD fee',
    },
  );
  await finalizeCloseInvoice(deps, { ...ref, invoiceId }, 30n, 1);
});
afterAll(async () => {
  await sim?.close();
  await env?.close();
});

const post = (body: string, signature?: string) =>
  app.request('/webhooks/stripe', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature !== undefined ? { 'stripe-signature': signature } : {}),
    },
    body,
  });
const deliver = (event: StripeEvent, t = now(), secret = SECRET) => {
  const payload = JSON.stringify(event);
  return post(payload, signPayload(payload, secret, t));
};
const eventOf = (type: string, objectId: string) => {
  const e = sim
    .events()
    .findLast((x) => x.type === type && (x.data.object as { id: string }).id === objectId);
  if (!e) throw new Error(`no ${type} event for ${objectId}`);
  return e;
};
const ourStatus = async () =>
  (
    await withTenant(env.db, tenantId, (trx) =>
      trx
        .selectFrom('billing_invoices')
        .select('status')
        .where('stripe_invoice_id', '=', invoiceId)
        .executeTakeFirstOrThrow(),
    )
  ).status;
const pastDue = async () =>
  (await withTenant(env.db, tenantId, (trx) => getBillingCustomer(trx, tenantId)))!.past_due_since;
const inbox = () => env.admin.selectFrom('stripe_events').selectAll().execute();
const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

describe('POST /webhooks/stripe refuses what Stripe did not sign, now', () => {
  it('no signature, another secret, a changed body: 400, nothing kept', async () => {
    const event = eventOf('invoice.finalized', invoiceId);
    expect(await errorCode(await post(JSON.stringify(event)))).toBe('WEBHOOK_UNSIGNED');
    expect(await errorCode(await deliver(event, now(), 'whsec_someone_else_0000'))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    const payload = JSON.stringify(event);
    const tampered = payload.replace('invoice.finalized', 'invoice.paid');
    expect(await errorCode(await post(tampered, signPayload(payload, SECRET, now())))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    expect(await inbox()).toEqual([]);
  });

  it('a signature older or newer than 300 s: 400 WEBHOOK_STALE', async () => {
    const event = eventOf('invoice.finalized', invoiceId);
    expect(await errorCode(await deliver(event, now() - 301))).toBe('WEBHOOK_STALE');
    expect(await errorCode(await deliver(event, now() + 301))).toBe('WEBHOOK_STALE');
    expect(await inbox()).toEqual([]);
  });

  it('empty, NUL, non-JSON and huge bodies: a clear 4xx, never 5xx', async () => {
    for (const body of ['', '\u0000', 'not json', '{"id":"evt_1"}']) {
      const res = await post(body, signPayload(body, SECRET, now()));
      expect([body, res.status]).toEqual([body, 400]);
    }
    const huge = 'x'.repeat(300 * 1024);
    expect((await post(huge, signPayload(huge, SECRET, now()))).status).toBe(413);
    expect(await inbox()).toEqual([]);
  });
});

describe('events are kept once and only hint: the object is fetched again', () => {
  it('invoice.finalized moves our invoice; the same event again is a duplicate', async () => {
    const event = eventOf('invoice.finalized', invoiceId);
    const first = await deliver(event);
    expect(await first.json()).toEqual({ received: true, outcome: 'applied' });
    const again = await deliver(event);
    expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' });
    expect((await inbox()).filter((e) => e.event_id === event.id)).toHaveLength(1);
    expect(await ourStatus()).toBe('finalized');
  });

  it('a failed charge flags the tenant past due; payment clears it; a late stale event moves nothing back', async () => {
    // The tenant saves a declining card through the hosted page.
    const token = await issueApiToken(env.db, tenantId, 'billing test');
    expect((await app.request('/v1/payment-method-link', { method: 'POST' })).status).toBe(401);
    const linkRes = await app.request('/v1/payment-method-link', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const { url } = (await linkRes.json()) as { url: string };
    const saved = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ card_number: TEST_CARDS.declines }),
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    const sessionId = new URL(url).pathname.split('/').pop()!;
    await deliver(eventOf('checkout.session.completed', sessionId));
    const customer = await withTenant(env.db, tenantId, (trx) => getBillingCustomer(trx, tenantId));
    expect(customer!.default_payment_method).toMatch(/^pm_/);

    // Stripe charges the card (auto_advance) and it declines.
    await stripe.invoices.pay(invoiceId).catch(() => undefined);
    const failed = eventOf('invoice.payment_failed', invoiceId);
    await deliver(failed);
    expect(await ourStatus()).toBe('payment_failed');
    expect(await pastDue()).toBeInstanceOf(Date);

    // Paid out of band; the paid event arrives, then the failure is delivered again late.
    await stripe.invoices.pay(invoiceId, { paid_out_of_band: true });
    await deliver(eventOf('invoice.paid', invoiceId));
    expect(await ourStatus()).toBe('paid');
    expect(await pastDue()).toBeNull();
    const late = { ...failed, id: `${failed.id}late` };
    expect(await (await deliver(late)).json()).toEqual({ received: true, outcome: 'applied' });
    expect(await ourStatus()).toBe('paid');
    expect(await pastDue()).toBeNull();
  });

  it('Stripe unreachable while applying: kept, answered 200, applied later by the sweep', async () => {
    const paid = eventOf('invoice.paid', invoiceId);
    const hint = { ...paid, id: `${paid.id}sweep` };
    Object.assign(sim.behaviour, {
      failMode: 'unavailable',
      failCount: null,
      failMatch: '^GET /v1/invoices/',
    });
    try {
      expect(await (await deliver(hint)).json()).toEqual({ received: true, outcome: 'deferred' });
    } finally {
      Object.assign(sim.behaviour, { failMode: 'none', failMatch: null });
    }
    const kept = async () => (await inbox()).find((e) => e.event_id === hint.id);
    expect((await kept())?.processed_at).toBeNull();
    expect(await sweepStripeEvents({ db: env.db, stripe, log: () => {} })).toBe(1);
    expect((await kept())?.processed_at).toBeInstanceOf(Date);
  });

  it('an event about an object that is not ours is kept and ignored', async () => {
    const other = await stripe.customers.create({ name: 'not ours' });
    const res = await deliver(eventOf('customer.created', other.id));
    expect(await res.json()).toEqual({ received: true, outcome: 'ignored' });
  });
});
