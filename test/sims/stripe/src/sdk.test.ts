import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultStripeBehaviour } from './behaviour.ts';
import { type StripeSim, startStripeSim } from './sim.ts';

// The simulator driven through the real `stripe` SDK, over HTTP.

const KEY = 'sk_test_sim_platform';
let sim: StripeSim;
let stripe: Stripe;
const sdk = (key = KEY) =>
  new Stripe(key, { host: sim.host, port: sim.port, protocol: 'http', maxNetworkRetries: 0 });

beforeAll(async () => {
  sim = await startStripeSim({ apiKeys: [KEY] });
  stripe = sdk();
});
afterAll(() => sim.close());
beforeEach(() => Object.assign(sim.behaviour, defaultStripeBehaviour));

async function stripeError(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(Stripe.errors.StripeError);
  return e as InstanceType<typeof Stripe.errors.StripeError>;
}

describe('authentication', () => {
  it('refuses a missing, unknown or live key with 401 in Stripe shape', async () => {
    const unknown = await stripeError(sdk('sk_test_someone_else').customers.list());
    expect(unknown.statusCode).toBe(401);
    expect(unknown.type).toBe('StripeAuthenticationError');
    const live = await stripeError(sdk('sk_live_sim_platform').customers.list());
    expect(live.statusCode).toBe(401);
    const res = await fetch(`${sim.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
  });
});

describe('customers', () => {
  it('creates, retrieves, updates metadata, lists and searches by metadata', async () => {
    const tenant = `t-${Date.now()}`;
    const c = await stripe.customers.create({ name: 'Acme', metadata: { tenant_id: tenant } });
    expect(c.id).toMatch(/^cus_/);
    expect(((await stripe.customers.retrieve(c.id)) as Stripe.Customer).metadata).toEqual({
      tenant_id: tenant,
    });
    const updated = await stripe.customers.update(c.id, {
      metadata: { plan: 'std', tenant_id: '' },
    });
    expect(updated.metadata).toEqual({ plan: 'std' });
    await stripe.customers.update(c.id, { metadata: { tenant_id: tenant } });
    const found = await stripe.customers.search({ query: `metadata['tenant_id']:'${tenant}'` });
    expect(found.data.map((x) => x.id)).toEqual([c.id]);
    const list = await stripe.customers.list({ limit: 1 });
    expect(list.data[0]!.id).toBe(c.id);
  });

  it('answers 404 resource_missing for an unknown id and 400 for unknown parameters', async () => {
    const missing = await stripeError(stripe.customers.retrieve('cus_doesnotexist'));
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('resource_missing');
    const unknown = await stripeError(
      stripe.customers.create({ bogus: 'x' } as Stripe.CustomerCreateParams),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe('parameter_unknown');
    expect(unknown.param).toBe('bogus');
  });

  it('refuses NUL characters, non-form bodies and huge bodies with a 4xx', async () => {
    const nul = await stripeError(stripe.customers.create({ name: 'a\u0000b' }));
    expect(nul.statusCode).toBe(400);
    const json = await fetch(`${sim.url}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: '{"name":"x"}',
    });
    expect(json.status).toBe(400);
    const huge = await fetch(`${sim.url}/v1/customers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `name=${'x'.repeat(600_000)}`,
    });
    expect(huge.status).toBe(413);
  });
});

describe('invoices', () => {
  it('draft → items → finalize (open, numbered) → pay out of band (paid)', async () => {
    const c = await stripe.customers.create({ name: 'Lifecycle' });
    const inv = await stripe.invoices.create({
      customer: c.id,
      auto_advance: false,
      currency: 'usd',
      metadata: { period: '2026-11' },
    });
    expect(inv.status).toBe('draft');
    await stripe.invoiceItems.create({
      customer: c.id,
      invoice: inv.id,
      amount: 900,
      currency: 'usd',
      description: '30 orders × $0.30',
    });
    await stripe.invoiceItems.create({
      customer: c.id,
      invoice: inv.id,
      amount: -100,
      currency: 'usd',
      description: 'SLA credit',
    });
    const draft = await stripe.invoices.retrieve(inv.id);
    expect(draft.total).toBe(800);
    expect(draft.lines.data.map((l) => l.amount)).toEqual([900, -100]);
    const open = await stripe.invoices.finalizeInvoice(inv.id);
    expect(open.status).toBe('open');
    expect(open.number).toBeTruthy();
    expect(open.hosted_invoice_url).toContain(inv.id);
    const late = await stripeError(
      stripe.invoiceItems.create({ customer: c.id, invoice: inv.id, amount: 1, currency: 'usd' }),
    );
    expect(late.code).toBe('invoice_not_editable');
    expect((await stripeError(stripe.invoices.finalizeInvoice(inv.id))).statusCode).toBe(400);
    const paid = await stripe.invoices.pay(inv.id, { paid_out_of_band: true });
    expect(paid.status).toBe('paid');
    expect(paid.amount_paid).toBe(800);
  });

  it('void and mark_uncollectible only from open', async () => {
    const c = await stripe.customers.create({});
    const a = await stripe.invoices.create({ customer: c.id, auto_advance: false });
    await stripe.invoiceItems.create({
      customer: c.id,
      invoice: a.id,
      amount: 500,
      currency: 'usd',
    });
    expect((await stripeError(stripe.invoices.voidInvoice(a.id))).code).toBe(
      'invoice_not_editable',
    );
    await stripe.invoices.finalizeInvoice(a.id);
    expect((await stripe.invoices.markUncollectible(a.id)).status).toBe('uncollectible');
    expect((await stripe.invoices.voidInvoice(a.id)).status).toBe('void');
  });

  it('a zero invoice is paid on finalize; a card charge without a card is refused', async () => {
    const c = await stripe.customers.create({});
    const zero = await stripe.invoices.create({ customer: c.id, auto_advance: false });
    expect((await stripe.invoices.finalizeInvoice(zero.id)).status).toBe('paid');
    const owed = await stripe.invoices.create({ customer: c.id, auto_advance: false });
    await stripe.invoiceItems.create({
      customer: c.id,
      invoice: owed.id,
      amount: 100,
      currency: 'usd',
    });
    await stripe.invoices.finalizeInvoice(owed.id);
    const e = await stripeError(stripe.invoices.pay(owed.id));
    expect(e.statusCode).toBe(400);
  });

  it('lists by customer newest first with limit, starting_after and has_more', async () => {
    const c = await stripe.customers.create({});
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await stripe.invoices.create({ customer: c.id, auto_advance: false })).id);
    const first = await stripe.invoices.list({ customer: c.id, limit: 2 });
    expect(first.data.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    expect(first.has_more).toBe(true);
    const rest = await stripe.invoices.list({ customer: c.id, limit: 10, starting_after: ids[3] });
    expect(rest.data.map((i) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.has_more).toBe(false);
    const all: string[] = [];
    for await (const inv of stripe.invoices.list({ customer: c.id, limit: 2 })) all.push(inv.id);
    expect(all).toEqual([...ids].reverse());
    const other = await stripe.customers.create({});
    expect((await stripe.invoices.list({ customer: other.id })).data).toEqual([]);
  });

  it("refuses an item over Stripe's 8-digit amount limit with amount_too_large, saving nothing", async () => {
    const c = await stripe.customers.create({});
    const at = await stripe.invoiceItems.create({
      customer: c.id,
      amount: 99_999_999,
      currency: 'jpy',
    });
    expect(at.amount).toBe(99_999_999);
    for (const amount of [100_000_000, -100_000_000]) {
      const key = `too-large-${amount}-${Date.now()}`;
      const e = await stripeError(
        stripe.invoiceItems.create(
          { customer: c.id, amount, currency: 'usd' },
          { idempotencyKey: key },
        ),
      );
      expect([e.statusCode, e.type, e.code, e.param]).toEqual([
        400,
        'StripeInvalidRequestError',
        'amount_too_large',
        'amount',
      ]);
    }
    expect([...sim.store.invoiceItems.values()].filter((ii) => ii.customer === c.id)).toHaveLength(
      1,
    );
  });

  it('refuses an item in another currency than its invoice', async () => {
    const c = await stripe.customers.create({});
    const inv = await stripe.invoices.create({
      customer: c.id,
      auto_advance: false,
      currency: 'eur',
    });
    const e = await stripeError(
      stripe.invoiceItems.create({ customer: c.id, invoice: inv.id, amount: 1, currency: 'usd' }),
    );
    expect(e.param).toBe('currency');
  });
});

describe('idempotency keys', () => {
  it('same key and params: the saved response, marked replayed; other params: 400 idempotency_error', async () => {
    const key = `idem-${Date.now()}`;
    const a = await stripe.customers.create({ name: 'Once' }, { idempotencyKey: key });
    const b = await stripe.customers.create({ name: 'Once' }, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(a.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    const conflict = await stripeError(
      stripe.customers.create({ name: 'Twice' }, { idempotencyKey: key }),
    );
    expect(conflict.statusCode).toBe(400);
    expect(conflict.type).toBe('StripeIdempotencyError');
    expect(sim.store.customers.size).toBe(
      [...sim.store.customers.values()].filter((c) => c.name !== 'Twice').length,
    );
  });

  it('a saved error replays too; a parameter refusal leaves the key free', async () => {
    const key = `idem-err-${Date.now()}`;
    const first = await stripeError(
      stripe.invoices.finalizeInvoice('in_missing', {}, { idempotencyKey: key }),
    );
    const again = await stripeError(
      stripe.invoices.finalizeInvoice('in_missing', {}, { idempotencyKey: key }),
    );
    expect([first.statusCode, again.statusCode]).toEqual([404, 404]);
    const badKey = `idem-bad-${Date.now()}`;
    await stripeError(
      stripe.customers.create({ bogus: 1 } as Stripe.CustomerCreateParams, {
        idempotencyKey: badKey,
      }),
    );
    const ok = await stripe.customers.create({ name: 'ok' }, { idempotencyKey: badKey });
    expect(ok.id).toMatch(/^cus_/);
  });
});

describe('failures on command', () => {
  it('unavailable: 503 without running the request, for the next n requests only', async () => {
    Object.assign(sim.behaviour, { failMode: 'unavailable', failCount: 1 });
    const before = sim.store.customers.size;
    const e = await stripeError(stripe.customers.create({ name: 'down' }));
    expect(e.statusCode).toBe(503);
    expect(sim.store.customers.size).toBe(before);
    expect((await stripe.customers.create({ name: 'up' })).id).toMatch(/^cus_/);
  });

  it('lost_response: the request ran; a retry with its key gets the saved result', async () => {
    Object.assign(sim.behaviour, { failMode: 'lost_response', failCount: 1, hangMs: 0 });
    const key = `lost-${Date.now()}`;
    const e = await stripeError(stripe.customers.create({ name: 'lost' }, { idempotencyKey: key }));
    expect(e.statusCode).toBe(500);
    const retried = await stripe.customers.create({ name: 'lost' }, { idempotencyKey: key });
    expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect([...sim.store.customers.values()].filter((c) => c.name === 'lost')).toHaveLength(1);
  });

  it('timeout: the SDK gives up on its own timeout', async () => {
    Object.assign(sim.behaviour, { failMode: 'timeout', failCount: 1, hangMs: 5_000 });
    const slow = new Stripe(KEY, {
      host: sim.host,
      port: sim.port,
      protocol: 'http',
      maxNetworkRetries: 0,
      timeout: 200,
    });
    const e = await stripeError(slow.customers.list());
    expect(e.type).toBe('StripeConnectionError');
  });
});
