import { randomUUID } from 'node:crypto';
import { withTenant } from '@switchyard/db';
import { seedOrder } from '@switchyard/db/testing';
import type { StripeSim } from '@switchyard/sim-stripe';
import { runMonthClose } from '@switchyard/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addEntries,
  STRIPE_KEY,
  startBillingService,
  startBillingStripeSim,
} from '../harness/billing.ts';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

type Answer = {
  status: number;
  body: {
    result?: { data?: unknown };
    error?: { data?: { code?: string; appCode?: string | null } };
  };
};
type Invoice = { id: string; period: string; currency: string; status: string; total: unknown };
type InvoicePage = { items: Invoice[]; nextCursor: string | null };

/**
 * The portal's billing procedures over HTTP: the invoices a month close recorded (issue 11),
 * each tenant its own under RLS, and Stripe's payment-method page asked for by the api itself;
 * hostile input is a 400 with a code, never a 5xx, and writes nothing.
 */
describe('billing.invoices and billing.paymentMethodLink', { timeout: 240_000 }, () => {
  let p: Platform;
  let stripe: StripeSim;
  let billing: Awaited<ReturnType<typeof startBillingService>>;
  const taskQueue = `billing-${randomUUID()}`;
  const SEPT = '2026-09-10T12:00:00Z';
  const OCT = '2026-10-15T12:00:00Z';

  async function call(token: string, path: string, input: unknown, mutation = false) {
    const url = `${p.apiUrl}/trpc/${path}`;
    const res = mutation
      ? await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: typeof input === 'string' ? input : JSON.stringify(input),
        })
      : await fetch(
          input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify(input))}`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
    // An over-long URL is refused by the HTTP edge before tRPC, without a JSON body.
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Answer['body'] };
  }
  const data = <T>(a: Answer) => {
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    return a.body.result!.data as T;
  };
  const refused = (a: Answer) => ({ status: a.status, appCode: a.body.error?.data?.appCode });
  const tenant = (i: number) => p.tenants[i]!;
  const stripeCalls = () =>
    p.admin.selectFrom('stripe_calls').select(['tenant_id', 'idempotency_key']).execute();

  beforeAll(async () => {
    stripe = await startBillingStripeSim();
    p = await startPlatform({ tenants: 2, stripe: { url: stripe.url, apiKey: STRIPE_KEY } });
    billing = await startBillingService({ appUrl: p.databaseUrl, taskQueue, stripe });
    // Tenant A: September in USD and October in JPY (no minor unit); tenant B: October in USD.
    const orderOf = (i: number, n: string) =>
      withTenant(p.db, tenant(i).tenantId, (trx) =>
        seedOrder(trx, {
          tenantId: tenant(i).tenantId,
          shopId: tenant(i).shopId,
          platformOrderId: n,
        }),
      );
    const a = await orderOf(0, 'inv-a1');
    const b = await orderOf(1, 'inv-b1');
    await addEntries(p.db, tenant(0).tenantId, [
      { orderId: a, kind: 'order_fee', amountMinor: 30n, currency: 'USD', at: SEPT },
      { orderId: a, kind: 'order_fee', amountMinor: 45n, currency: 'JPY', at: OCT },
    ]);
    await addEntries(p.db, tenant(1).tenantId, [
      { orderId: b, kind: 'order_fee', amountMinor: 50n, currency: 'USD', at: OCT },
    ]);
    for (const [i, period] of [
      [0, '2026-09'],
      [0, '2026-10'],
      [1, '2026-10'],
    ] as const)
      await runMonthClose(p.temporal, { tenantId: tenant(i).tenantId, period }, taskQueue);
  });
  afterAll(async () => {
    await billing?.close();
    await p?.close();
  });

  it('lists the invoices the close recorded, newest first, with Stripe’s hosted page', async () => {
    const page = data<InvoicePage>(await call(tenant(0).apiToken, 'billing.invoices', {}));
    expect(page.items.map((i) => [i.period, i.currency, i.status, i.total])).toEqual([
      ['2026-10', 'JPY', 'finalized', { minor: '45', text: expect.stringContaining('45') }],
      ['2026-09', 'USD', 'finalized', { minor: '30', text: expect.stringContaining('0.30') }],
    ]);
    expect(page.nextCursor).toBeNull();
    const full = page.items[0] as Invoice & { hostedInvoiceUrl: string | null };
    expect(full.hostedInvoiceUrl).toMatch(new RegExp(`^${stripe.url}/i/in_`));
    // A page of one, then the next by its cursor: the same two, no repeat.
    const first = data<InvoicePage>(
      await call(tenant(0).apiToken, 'billing.invoices', { limit: 1 }),
    );
    const second = data<InvoicePage>(
      await call(tenant(0).apiToken, 'billing.invoices', { limit: 1, cursor: first.nextCursor }),
    );
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(page.items.map((i) => i.id));
    expect(second.nextCursor).toBeNull();
  });

  it('never shows a tenant another tenant’s invoices, nor pages into them by cursor', async () => {
    const a = data<InvoicePage>(await call(tenant(0).apiToken, 'billing.invoices', {}));
    const b = data<InvoicePage>(await call(tenant(1).apiToken, 'billing.invoices', {}));
    expect(b.items.map((i) => [i.period, i.currency])).toEqual([['2026-10', 'USD']]);
    expect(b.items.some((i) => a.items.some((x) => x.id === i.id))).toBe(false);
    // Tenant A's cursor in tenant B's hands pages only B's own rows (RLS), never A's.
    const firstA = data<InvoicePage>(
      await call(tenant(0).apiToken, 'billing.invoices', { limit: 1 }),
    );
    const crossed = data<InvoicePage>(
      await call(tenant(1).apiToken, 'billing.invoices', { limit: 5, cursor: firstA.nextCursor }),
    );
    expect(crossed.items.every((i) => b.items.some((x) => x.id === i.id))).toBe(true);
  });

  it('refuses hostile paging input with a 400 and a stable code', async () => {
    const t = tenant(0).apiToken;
    for (const [input, appCode] of [
      [{ cursor: 'not-a-cursor' }, 'CURSOR_INVALID'],
      [{ cursor: 'a\u0000b' }, 'INPUT_INVALID_TEXT'],
      [{ cursor: '\ud800' }, 'INPUT_INVALID_TEXT'],
      [{ cursor: 'x'.repeat(100_000) }, 'BAD_REQUEST'],
      [{ limit: 0 }, 'BAD_REQUEST'],
      [{ limit: 1e9 }, 'BAD_REQUEST'],
    ] as const) {
      const r = await call(t, 'billing.invoices', input);
      expect(r.status, JSON.stringify(input).slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      if (appCode !== 'BAD_REQUEST') expect(refused(r)).toEqual({ status: 400, appCode });
    }
  });

  it('gives each tenant a Stripe page of its own customer; a retry gets the same page', async () => {
    const requestId = randomUUID();
    const a1 = data<{ url: string }>(
      await call(tenant(0).apiToken, 'billing.paymentMethodLink', { requestId }, true),
    );
    const a2 = data<{ url: string }>(
      await call(tenant(0).apiToken, 'billing.paymentMethodLink', { requestId }, true),
    );
    expect(a1.url).toMatch(new RegExp(`^${stripe.url}/c/setup/cs_`));
    expect(a2.url).toBe(a1.url);
    // Tenant B sending A's request id gets a page for its own customer, never A's.
    const b = data<{ url: string }>(
      await call(tenant(1).apiToken, 'billing.paymentMethodLink', { requestId }, true),
    );
    expect(b.url).not.toBe(a1.url);
    const sessionOf = (url: string) => stripe.store.checkoutSessions.get(url.split('/').pop()!)!;
    const customerOf = (id: string) => stripe.store.customers.get(id)!.metadata.tenant_id;
    expect(customerOf(sessionOf(a1.url).customer)).toBe(tenant(0).tenantId);
    expect(customerOf(sessionOf(b.url).customer)).toBe(tenant(1).tenantId);
  });

  it('shows a card saved on Stripe’s page to its tenant alone', async () => {
    type Method = { saved: boolean; pastDueSince: string | null };
    const method = (i: number) =>
      call(tenant(i).apiToken, 'billing.paymentMethod', undefined).then((a) => data<Method>(a));
    expect(await method(0)).toEqual({ saved: false, pastDueSince: null });
    const { url } = data<{ url: string }>(
      await call(
        tenant(0).apiToken,
        'billing.paymentMethodLink',
        { requestId: randomUUID() },
        true,
      ),
    );
    // The browser's part: the card form on Stripe's page, then Stripe's webhook to billing.
    const saved = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ card_number: '4242424242424242' }),
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${p.apiUrl}/billing`);
    await eventually(async () => (await method(0)).saved, 60_000);
    expect(await method(1)).toEqual({ saved: false, pastDueSince: null });
  });

  it('refuses hostile request ids with a 400 and calls Stripe for none of them', async () => {
    const before = await stripeCalls();
    const posts = stripe.requests().filter((r) => r.method === 'POST').length;
    for (const requestId of [
      'short',
      'a\u0000bcdefghij',
      '\ud800abcdefghij',
      'x'.repeat(200_000),
      '../../etc/passwd',
      42,
      null,
    ]) {
      const r = await call(tenant(0).apiToken, 'billing.paymentMethodLink', { requestId }, true);
      expect(r.status, String(requestId).slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    const r = await call(tenant(0).apiToken, 'billing.paymentMethodLink', '{"requestId":', true);
    expect(r.status).toBe(400);
    expect(await stripeCalls()).toEqual(before);
    expect(stripe.requests().filter((x) => x.method === 'POST').length).toBe(posts);
  });

  it('is a tenant’s own: without a tenant token there is no page and no invoice list', async () => {
    const r = await fetch(`${p.apiUrl}/trpc/billing.paymentMethodLink`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: randomUUID() }),
    });
    expect(r.status).toBe(401);
    expect((await fetch(`${p.apiUrl}/trpc/billing.invoices`)).status).toBe(401);
  });
});
