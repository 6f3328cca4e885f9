import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from './checkout.ts';
import { type StripeSim, startStripeSim } from './sim.ts';

// The hosted setup page as a browser uses it, and signed webhook delivery with retries.

const KEY = 'sk_test_sim_hooks';
const SECRET = 'whsec_sim_test_secret_0123456789';
let sim: StripeSim;
let stripe: Stripe;
let receiver: Server;
let receiverUrl: string;
/** Status the receiver answers for the next deliveries, then 200. */
const failWith: number[] = [];
const received: Array<{ body: string; signature: string }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += String(d);
    });
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['stripe-signature']) });
      res.statusCode = failWith.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;
  sim = await startStripeSim({
    apiKeys: [KEY],
    webhook: { url: receiverUrl, secret: SECRET },
    behaviour: { webhookRetryDelaysMs: [0, 0, 0] },
  });
  stripe = new Stripe(KEY, { host: sim.host, port: sim.port, protocol: 'http' });
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});

async function completeSetup(card: string) {
  const customer = await stripe.customers.create({ name: 'Card holder' });
  const session = await stripe.checkout.sessions.create({
    mode: 'setup',
    customer: customer.id,
    currency: 'usd',
    success_url: 'https://seller.example/billing?done={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://seller.example/billing',
  });
  const page = await fetch(session.url!);
  const html = await page.text();
  expect(html).toContain('<form method="post"');
  const action = /action="([^"]+)"/.exec(html)![1]!;
  const submit = await fetch(new URL(action, sim.url), {
    method: 'POST',
    body: new URLSearchParams({ card_number: card }),
    redirect: 'manual',
  });
  return { customer, session, submit };
}

describe('Checkout in setup mode', () => {
  it('the hosted page saves a card on the customer and redirects to success_url', async () => {
    const { customer, session, submit } = await completeSetup(TEST_CARDS.pays);
    expect(submit.status).toBe(303);
    expect(submit.headers.get('location')).toBe(
      `https://seller.example/billing?done=${session.id}`,
    );
    const done = await stripe.checkout.sessions.retrieve(session.id);
    expect(done.status).toBe('complete');
    const intent = await stripe.setupIntents.retrieve(done.setup_intent as string);
    const methods = await stripe.customers.listPaymentMethods(customer.id);
    expect(methods.data.map((m) => m.id)).toEqual([intent.payment_method]);
    // A used page does not save a second card.
    const again = await fetch(session.url!);
    expect(await again.text()).toContain('expired or was used');
  });

  it('an invalid card number stays on the page with an error', async () => {
    const { submit } = await completeSetup('1234');
    expect(submit.status).toBe(400);
    expect(await submit.text()).toContain('role="alert"');
  });

  it('a declining card fails the charge with 402 card_declined', async () => {
    const { session } = await completeSetup(TEST_CARDS.declines);
    const done = await stripe.checkout.sessions.retrieve(session.id);
    const pm = (await stripe.setupIntents.retrieve(done.setup_intent as string))
      .payment_method as string;
    const customer = done.customer as string;
    await stripe.customers.update(customer, { invoice_settings: { default_payment_method: pm } });
    const inv = await stripe.invoices.create({ customer, auto_advance: false });
    await stripe.invoiceItems.create({ customer, invoice: inv.id, amount: 1200, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(inv.id);
    const e = await stripe.invoices.pay(inv.id).then(
      () => undefined,
      (err: unknown) => err as InstanceType<typeof Stripe.errors.StripeError>,
    );
    expect(e?.statusCode).toBe(402);
    expect(e?.code).toBe('card_declined');
    expect((await stripe.invoices.retrieve(inv.id)).status).toBe('open');
    expect(
      sim
        .events()
        .some(
          (ev) =>
            ev.type === 'invoice.payment_failed' &&
            (ev.data.object as { id: string }).id === inv.id,
        ),
    ).toBe(true);
  });
});

describe('webhook delivery', () => {
  it('signs each event so that stripe.webhooks.constructEvent accepts it, and retries non-2xx', async () => {
    await sim.webhooksIdle();
    received.length = 0;
    failWith.push(500, 503);
    const c = await stripe.customers.create({ name: 'Hooked' });
    await sim.webhooksIdle();
    const attempts = received.filter((r) => r.body.includes(c.id));
    expect(attempts).toHaveLength(3);
    for (const a of attempts) {
      const event = stripe.webhooks.constructEvent(a.body, a.signature, SECRET, 300);
      expect(event.type).toBe('customer.created');
      expect((event.data.object as Stripe.Customer).id).toBe(c.id);
    }
    const tries = sim.deliveries().filter((d) => d.eventId === JSON.parse(attempts[0]!.body).id);
    expect(tries.map((d) => d.status)).toEqual([500, 503, 200]);
    // Another secret does not verify.
    expect(() =>
      stripe.webhooks.constructEvent(attempts[0]!.body, attempts[0]!.signature, 'whsec_other', 300),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('gives up after the last retry', async () => {
    await sim.webhooksIdle();
    received.length = 0;
    failWith.push(500, 500, 500, 500);
    const c = await stripe.customers.create({ name: 'Never' });
    await sim.webhooksIdle();
    expect(received.filter((r) => r.body.includes(c.id))).toHaveLength(4);
    failWith.length = 0;
  });
});
