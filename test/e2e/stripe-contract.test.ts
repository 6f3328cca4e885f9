import { startStripeMock } from '@switchyard/infra/stripe-mock';
import {
  type RecordedRequest,
  type StripeSim,
  startStripeSim,
  TEST_CARDS,
} from '@switchyard/sim-stripe';
import {
  addCloseInvoiceLine,
  createPaymentMethodLink,
  createStripeClient,
  ensureStripeCustomer,
  finalizeCloseInvoice,
  openCloseInvoice,
  planMonthClose,
  receiveStripeEvent,
  type Stripe,
  stripeFindings,
} from '@switchyard/stripe-billing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEntries, seedBillingTenant } from '../harness/billing.ts';
import { freshDatabase } from '../harness/database.ts';

// Every request the platform's Stripe code makes, recorded by the Stripe simulator, is replayed
// against Stripe's own stripe-mock (built from the Go module proxy by `pnpm run bootstrap`),
// which validates it against Stripe's OpenAPI spec: the simulator must never accept a call
// that the real API refuses.

const KEY = 'sk_test_contract';
let env: Awaited<ReturnType<typeof freshDatabase>>;
let sim: StripeSim;
let stripe: Stripe;

beforeAll(async () => {
  env = await freshDatabase();
  sim = await startStripeSim({ apiKeys: [KEY] });
  stripe = createStripeClient({ apiKey: KEY, apiUrl: sim.url });
});
afterAll(async () => {
  await sim?.close();
  await env?.close();
});

/** The whole billing life of a tenant through the package's functions. */
async function exerciseEveryCall() {
  const deps = { db: env.db, stripe };
  const { tenantId, orderIds } = await seedBillingTenant(env.db, 'contract', 2);
  await addEntries(env.db, tenantId, [
    {
      orderId: orderIds[0]!,
      kind: 'order_fee',
      amountMinor: 30n,
      currency: 'USD',
      at: '2026-10-02T00:00:00Z',
    },
    {
      orderId: orderIds[1]!,
      kind: 'sla_credit',
      amountMinor: -10n,
      currency: 'USD',
      at: '2026-10-03T00:00:00Z',
    },
  ]);
  const customerId = await ensureStripeCustomer(deps, tenantId);
  const [plan] = await planMonthClose(deps, tenantId, '2026-10');
  const ref = { tenantId, period: '2026-10', currency: plan!.currency };
  const invoiceId = await openCloseInvoice(deps, ref, customerId, BigInt(plan!.totalMinor));
  for (const line of plan!.lines)
    await addCloseInvoiceLine(deps, { ...ref, customerId, invoiceId }, line);
  await finalizeCloseInvoice(
    deps,
    { ...ref, invoiceId },
    BigInt(plan!.totalMinor),
    plan!.lines.length,
  );
  const link = await createPaymentMethodLink(deps, {
    tenantId,
    requestId: 'contract-1',
    currency: 'USD',
    returnUrl: 'https://seller.example/billing',
  });
  await fetch(link.url, {
    method: 'POST',
    body: new URLSearchParams({ card_number: TEST_CARDS.pays }),
    redirect: 'manual',
  });
  await stripe.invoices.pay(invoiceId, { paid_out_of_band: true });
  // The webhook side: each event re-fetches its object.
  for (const e of sim
    .events()
    .filter((x) => ['checkout.session.completed', 'invoice.paid'].includes(x.type)))
    await receiveStripeEvent(deps, e as unknown as Stripe.Event);
  // The reconciliation's listings of everything at Stripe.
  await stripeFindings(deps, { now: new Date(), stuckAfterMs: 0 });
}

const replay = (mockUrl: string, r: RecordedRequest) =>
  fetch(`${mockUrl}${r.path}${r.method === 'GET' && r.body ? `?${r.body}` : ''}`, {
    method: r.method,
    headers: {
      authorization: `Bearer ${KEY}`,
      ...(r.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(r.idempotencyKey ? { 'idempotency-key': r.idempotencyKey } : {}),
    },
    ...(r.method === 'POST' ? { body: r.body } : {}),
  });

/** `POST /v1/invoices/in_123/finalize` → `POST /v1/invoices/{id}/finalize`. */
const shape = (r: RecordedRequest) =>
  `${r.method} ${r.path.replace(/\/(cus|in|ii|cs_test|seti|pm)_[A-Za-z0-9]+/g, '/{id}')}`;

describe('stripe-mock contract', () => {
  it('stripe-mock accepts every request the platform made to the simulator', async () => {
    await exerciseEveryCall();
    const made = sim.requests().filter((r) => r.status === 200 && !r.replayed);
    // Every kind of call the platform makes is in the recording.
    expect(new Set(made.map(shape))).toEqual(
      new Set([
        'GET /v1/customers/search',
        'GET /v1/customers',
        'POST /v1/customers',
        'GET /v1/invoices',
        'POST /v1/invoices',
        'GET /v1/invoiceitems',
        'POST /v1/invoiceitems',
        'GET /v1/invoices/{id}',
        'POST /v1/invoices/{id}/finalize',
        'POST /v1/checkout/sessions',
        'POST /v1/invoices/{id}/pay',
        'GET /v1/checkout/sessions/{id}',
        'GET /v1/setup_intents/{id}',
        'POST /v1/customers/{id}',
      ]),
    );
    const mock = await startStripeMock();
    try {
      const refused: string[] = [];
      for (const r of made) {
        const res = await replay(mock.url, r);
        if (res.status >= 400)
          refused.push(`${r.method} ${r.path} ${r.body} → ${res.status} ${await res.text()}`);
        else await res.body?.cancel();
      }
      expect(refused).toEqual([]);
    } finally {
      await mock.stop();
    }
  });

  it('what stripe-mock refuses, the simulator refuses too', async () => {
    const bad: RecordedRequest[] = [
      {
        method: 'POST',
        path: '/v1/customers',
        body: 'bogus=1',
        idempotencyKey: null,
        status: 0,
        replayed: false,
      },
      {
        method: 'POST',
        path: '/v1/invoiceitems',
        body: 'customer=cus_x&currency=usd&amount=abc',
        idempotencyKey: null,
        status: 0,
        replayed: false,
      },
      {
        method: 'POST',
        path: '/v1/invoices',
        body: 'customer=cus_x&auto_advance=maybe',
        idempotencyKey: null,
        status: 0,
        replayed: false,
      },
      {
        method: 'GET',
        path: '/v1/invoices',
        body: 'limit=abc',
        idempotencyKey: null,
        status: 0,
        replayed: false,
      },
    ];
    const mock = await startStripeMock();
    try {
      for (const r of bad) {
        const [atMock, atSim] = await Promise.all([replay(mock.url, r), replay(sim.url, r)]);
        expect([r.body, atMock.status >= 400 && atMock.status < 500], 'stripe-mock').toEqual([
          r.body,
          true,
        ]);
        expect([r.body, atSim.status], 'simulator').toEqual([r.body, 400]);
      }
    } finally {
      await mock.stop();
    }
  });
});
