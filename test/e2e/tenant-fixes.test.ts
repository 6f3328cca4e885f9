import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppRouter, registerSupplier } from '@switchyard/api';
import { decrypt } from '@switchyard/auth';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

// R-CHK-1, R-CHK-2, issue 4 item 7: a failed check holds the order with its reasons on the
// timeline; the tenant's fix (a new mapping, a corrected address) re-runs the checks and
// releases the hold. Over real HTTP, Postgres and Temporal.

const trpc = (p: Platform, token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${p.apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } }),
    ],
  });
type Client = ReturnType<typeof trpc>;

/** What the supplier was sent, as JSON, per order number. */
type DispatchBody = {
  order: {
    order_number: string;
    lines: Array<{ sku_code: string; quantity: number }>;
    recipient: Record<string, unknown>;
  };
};

/**
 * Sits between the platform and the supplier sim and keeps each dispatch body, so the test can
 * see exactly what the supplier received. The signature covers the body only, so forwarding
 * the same bytes and headers keeps it valid.
 */
async function startRecordingProxy(target: string) {
  const bodies: DispatchBody[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    bodies.push(JSON.parse(body.toString('utf8')) as DispatchBody);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k))
        headers.set(k, v);
    }
    const r = await fetch(target, { method: 'POST', headers, body });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dispatches`,
    sentFor: (orderNumber: string) => bodies.filter((b) => b.order.order_number === orderNumber),
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The order of a marketplace order number, once the platform has recorded it. */
async function orderIdOf(client: Client, orderNumber: string) {
  const o = await eventually(async () =>
    (await client.orders.list.query({ limit: 100 })).items.find(
      (i) => i.orderNumber === orderNumber,
    ),
  );
  return o.id;
}

/** Waits until the checks hold the order and its `held` step is on the timeline. */
function heldOrder(client: Client, id: string) {
  return eventually(async () => {
    const o = await client.orders.get.query({ id });
    return o.status === 'on_hold' && o.timeline.some((e) => e.kind === 'held') ? o : undefined;
  });
}

/** tRPC's error code and message, to compare refusals exactly. */
async function refusal(call: Promise<unknown>) {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCClientError);
  const e = err as TRPCClientError<AppRouter>;
  return { code: e.data?.code, httpStatus: e.data?.httpStatus, message: e.message };
}

const ledgerOf = (p: Platform, orderId: string) =>
  p.admin
    .selectFrom('ledger_entries')
    .select(['kind', 'amount_minor', 'currency'])
    .where('order_id', '=', orderId)
    .execute()
    .then((rows) => rows.map((l) => [l.kind, l.amount_minor, l.currency]));

const withoutCleaning = (kinds: string[]) => kinds.filter((k) => k !== 'address_cleaned');

let p: Platform;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let a: Client;
let b: Client;

beforeAll(async () => {
  p = await startPlatform({ tenants: 2 });
  proxy = await startRecordingProxy(`${p.supplier.url}/dispatches`);
  // Point factory-a at the recording proxy: re-register it (same signing secret) as an operator
  // would; that rotates its partner key, so the sim gets the new one.
  const s = await p.admin
    .selectFrom('suppliers')
    .selectAll()
    .where('id', '=', p.supplierId)
    .executeTakeFirstOrThrow();
  const { partnerKey } = await registerSupplier(
    { db: p.db, keyring: p.keyring },
    {
      code: s.code,
      name: s.name,
      endpointUrl: proxy.url,
      signingSecret: decrypt(p.keyring, s.signing_secret_enc),
      countries: s.countries,
      carriers: s.carriers,
    },
  );
  p.supplier.setPartnerApi(`${p.apiUrl}/partner/v1`, partnerKey);
  a = trpc(p, p.tenants[0]!.apiToken);
  b = trpc(p, p.tenants[1]!.apiToken);
});
afterAll(async () => {
  await p?.close();
  await proxy?.close();
});

describe('tenant fixes release held orders', () => {
  it('an unmapped SKU holds the order; the tenant maps it and the order completes once', async () => {
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId, {
      items: [
        {
          skuId: 'NEW-SKU-1',
          sellerSku: 'NEW-1',
          productId: '1',
          productName: 'New thing',
          unitPrice: '9.99',
          quantity: 1,
        },
      ],
    });
    const id = await orderIdOf(a, sim.id);
    const held = await heldOrder(a, id);
    expect(held.holds.map((h) => [h.code, h.rule])).toEqual([['SKU_UNMAPPED', 'R-CHK-1']]);
    expect(held.holds[0]!.message).toContain('NEW-SKU-1');
    expect(held.holds[0]!.messageZh).toContain('未映射');
    expect(held.holds[0]!.fix).toMatch(/mapping/i);
    const heldStep = held.timeline.find((e) => e.kind === 'held')!;
    expect((heldStep.detail.holds as Array<{ code: string }>).map((h) => h.code)).toEqual([
      'SKU_UNMAPPED',
    ]);
    expect(withoutCleaning(held.timeline.map((e) => e.kind))).toEqual(['received', 'held']);
    // Nothing went to the supplier while the order was held.
    expect(proxy.sentFor(sim.id)).toEqual([]);
    expect(p.tts.packages(sim.id)).toEqual([]);

    const fix = await a.skuMappings.upsert.mutate({
      marketplaceSkuId: 'NEW-SKU-1',
      sellerSku: 'NEW-1',
      supplierItemCode: 'SUP-NEW-1',
    });
    // Exactly the one held order of this tenant was asked to re-check.
    expect(fix.rechecked).toBe(1);
    expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });

    const done = await a.orders.get.query({ id });
    expect(done.status).toBe('completed');
    expect(done.holds).toEqual([]);
    expect(withoutCleaning(done.timeline.map((e) => e.kind))).toEqual([
      'received',
      'held',
      'hold_released',
      'dispatched',
      'acknowledged',
      'tracking_pushed',
      'charged',
      'completed',
    ]);
    // The supplier got the mapped item code, never the marketplace SKU; one package, one fee.
    const sent = proxy.sentFor(sim.id);
    expect(sent.map((d) => d.order.lines)).toEqual([
      [{ sku_code: 'SUP-NEW-1', quantity: 1, name: 'New thing' }],
    ]);
    expect(p.tts.packages(sim.id)).toHaveLength(1);
    expect(p.tts.packages(sim.id)[0]!.trackingNumber).toBe(done.trackingNumber);
    expect(await ledgerOf(p, id)).toEqual([['order_fee', '30', 'USD']]);
    const listed = await a.skuMappings.list.query({ limit: 200 });
    expect(listed.items.filter((m) => m.marketplaceSkuId === 'NEW-SKU-1')).toEqual([
      expect.objectContaining({
        id: fix.id,
        sellerSku: 'NEW-1',
        supplierItemCode: 'SUP-NEW-1',
        unitsPerSku: 1,
        components: null,
        active: true,
      }),
    ]);
  });

  it('a PO Box holds the order; the tenant corrects the address and the supplier gets it', async () => {
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId, { badAddress: 'PO_BOX' });
    const id = await orderIdOf(a, sim.id);
    const held = await heldOrder(a, id);
    expect(held.holds.map((h) => [h.code, h.rule])).toEqual([['PO_BOX', 'R-CHK-2']]);
    const poBox = held.recipient!.addressLines[0]!;
    expect(poBox).toMatch(/^PO Box \d+$/);
    expect(held.addressCorrected).toBe(false);
    expect(proxy.sentFor(sim.id)).toEqual([]);

    // Shape is validated at the edge: nothing is stored, nothing is signalled.
    const good = {
      name: held.recipient!.name,
      phone: held.recipient!.phone,
      addressLines: ['350 Fifth Avenue'],
      city: 'New York',
      region: 'NY',
      postalCode: '10118',
      country: 'us',
    };
    for (const bad of [
      { ...good, addressLines: [] },
      { ...good, addressLines: ['x'.repeat(121)] },
      { ...good, addressLines: ['a', 'b', 'c', 'd'] },
      { ...good, country: 'USA' },
      { ...good, name: '  ' },
    ]) {
      expect(await refusal(a.orders.updateAddress.mutate({ id, address: bad }))).toMatchObject({
        code: 'BAD_REQUEST',
        httpStatus: 400,
      });
    }
    const untouched = await p.admin
      .selectFrom('orders')
      .select(['recipient_override_enc', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ recipient_override_enc: null, status: 'on_hold' });

    expect(await a.orders.updateAddress.mutate({ id, address: good })).toEqual({
      status: 'rechecking',
    });
    expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });

    // The supplier received the corrected address, once, and no trace of the PO Box.
    const sent = proxy.sentFor(sim.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.order.recipient).toEqual({
      name: good.name,
      phone: good.phone,
      address_lines: ['350 Fifth Avenue'],
      city: 'New York',
      region: 'NY',
      postal_code: '10118',
      country: 'US',
    });
    expect(JSON.stringify(sent[0])).not.toContain(poBox);

    const done = await a.orders.get.query({ id });
    expect(done).toMatchObject({ status: 'completed', holds: [], addressCorrected: true });
    expect(done.recipient?.addressLines).toEqual(['350 Fifth Avenue']);
    expect(withoutCleaning(done.timeline.map((e) => e.kind))).toEqual([
      'received',
      'held',
      'address_corrected',
      'hold_released',
      'dispatched',
      'acknowledged',
      'tracking_pushed',
      'charged',
      'completed',
    ]);
    // The timeline says that the address was corrected, never what it is (R-ONB-3).
    expect(done.timeline.find((e) => e.kind === 'address_corrected')!.detail).toEqual({
      by: 'tenant',
    });
    const timeline = JSON.stringify(done.timeline);
    for (const pii of ['Fifth', good.name, good.phone, '10118'])
      expect(timeline).not.toContain(pii);
    // Nor does the list output carry the address.
    const listed = JSON.stringify((await a.orders.list.query({ limit: 100 })).items);
    for (const pii of ['Fifth', good.name, poBox]) expect(listed).not.toContain(pii);
    expect(p.tts.packages(sim.id)).toHaveLength(1);
    expect(await ledgerOf(p, id)).toEqual([['order_fee', '30', 'USD']]);

    // A completed order is no longer held: a late correction or re-check is refused.
    const late = await refusal(a.orders.updateAddress.mutate({ id, address: good }));
    expect(late).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(late.message).toContain('completed');
    expect(await refusal(a.orders.recheck.mutate({ id }))).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
    });
  });

  it("another tenant cannot see, correct, re-check or release a tenant's held order", async () => {
    const [ta, tb] = [p.tenants[0]!, p.tenants[1]!];
    const sim = p.tts.createOrder(ta.simShopId, {
      items: [{ skuId: 'NEW-SKU-2', sellerSku: 'NEW-2', productName: 'Other', quantity: 2 }],
    });
    const id = await orderIdOf(a, sim.id);
    await heldOrder(a, id);
    const snapshot = async () => ({
      order: await p.admin
        .selectFrom('orders')
        .select(['status', 'holds', 'recipient_override_enc', 'updated_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
      events: await p.admin
        .selectFrom('order_events')
        .select(['kind', 'dedupe_key'])
        .where('order_id', '=', id)
        .orderBy('id')
        .execute(),
    });
    const before = await snapshot();

    // B's answers for A's order are exactly those for an order that does not exist.
    const ghost = randomUUID();
    const address = {
      name: 'Mallory',
      phone: '+12025550100',
      addressLines: ['1 Elsewhere Road'],
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: 'US',
    };
    const calls = (client: Client, target: string) => [
      client.orders.get.query({ id: target }),
      client.orders.updateAddress.mutate({ id: target, address }),
      client.orders.recheck.mutate({ id: target }),
    ];
    const foreign = await Promise.all(calls(b, id).map(refusal));
    const unknown = await Promise.all(calls(b, ghost).map(refusal));
    expect(foreign).toEqual(unknown);
    for (const r of foreign)
      expect(r).toEqual({ code: 'NOT_FOUND', httpStatus: 404, message: 'order not found' });
    expect((await b.orders.list.query({ limit: 100 })).items.map((o) => o.id)).not.toContain(id);

    // B's mapping table is B's own: A's rows are not in it, and B mapping the very SKU A is
    // missing releases nothing of A's.
    const mine = await a.skuMappings.list.query({ limit: 200 });
    const theirs = await b.skuMappings.list.query({ limit: 200 });
    const aIds = new Set(mine.items.map((m) => m.id));
    expect(theirs.items.some((m) => aIds.has(m.id))).toBe(false);
    expect(theirs.items.map((m) => m.marketplaceSkuId)).not.toContain('NEW-SKU-1');
    const bFix = await b.skuMappings.upsert.mutate({
      marketplaceSkuId: 'NEW-SKU-2',
      supplierItemCode: 'SUP-NEW-2',
    });
    expect(bFix.rechecked).toBe(0);
    expect((await a.skuMappings.list.query({ limit: 200 })).items.map((m) => m.id)).not.toContain(
      bFix.id,
    );
    // Shops: each tenant sees its own.
    expect((await b.shops.list.query()).items.map((s) => s.platformShopId)).toEqual([tb.simShopId]);

    // Give a wrongly delivered signal time to act, then check nothing moved.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await snapshot()).toEqual(before);
    expect(proxy.sentFor(sim.id)).toEqual([]);
    expect((await a.orders.get.query({ id })).status).toBe('on_hold');

    // A's own fix still releases it: the hold was real, and only A could lift it.
    const aFix = await a.skuMappings.upsert.mutate({
      marketplaceSkuId: 'NEW-SKU-2',
      sellerSku: 'NEW-2',
      supplierItemCode: 'SUP-NEW-2',
      unitsPerSku: 3,
    });
    expect(aFix.rechecked).toBe(1);
    expect(await p.orderResult(ta.tenantId, ta.shopId, sim.id)).toEqual({ status: 'completed' });
    // Two units of a 3-pack listing: six supplier units (R-CHK-1 quantities).
    expect(proxy.sentFor(sim.id).map((d) => d.order.lines)).toEqual([
      [{ sku_code: 'SUP-NEW-2', quantity: 6, name: 'Other' }],
    ]);
  });

  it('pages through the mapping table without gaps or repeats', async () => {
    const all = (await a.skuMappings.list.query({ limit: 200 })).items;
    expect(all.length).toBeGreaterThan(3);
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await a.skuMappings.list.query({ limit: 2, ...(cursor && { cursor }) });
      paged.push(...page.items.map((m) => m.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all.map((m) => m.id));
    expect(await refusal(a.skuMappings.list.query({ cursor: 'not-a-cursor' }))).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
    });
    expect((await a.shops.list.query()).items).toEqual([
      expect.objectContaining({
        platformShopId: p.tenants[0]!.simShopId,
        status: 'active',
        consecutiveStrikes: 0,
      }),
    ]);
  });
});
