import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Client, heldOrder, orderIdOf, refusal, useTenantFixPlatform } from './helpers.ts';

// Tenant isolation of fixes (R-CHK-*): only the tenant that owns a held order can see, correct, re-check or release
// it. Over real HTTP, Postgres and Temporal.

const suite = useTenantFixPlatform();

describe('tenant fixes release held orders', () => {
  it("another tenant cannot see, correct, re-check or release a tenant's held order", async () => {
    const { p, proxy, a, b } = suite;
    const [ta, tb] = [p.tenants[0]!, p.tenants[1]!];
    await p.stockItems(['SUP-A-ONLY', 'SUP-NEW-2']);
    // A mapping only tenant A has, made before A's order exists (so it re-checks nothing).
    await a.skuMappings.upsert.mutate({
      marketplaceSkuId: 'A-ONLY-SKU',
      supplierItemCode: 'SUP-A-ONLY',
    });
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
    expect(mine.items.map((m) => m.marketplaceSkuId)).toContain('A-ONLY-SKU');
    const theirs = await b.skuMappings.list.query({ limit: 200 });
    const aIds = new Set(mine.items.map((m) => m.id));
    expect(theirs.items.some((m) => aIds.has(m.id))).toBe(false);
    expect(theirs.items.map((m) => m.marketplaceSkuId)).not.toContain('A-ONLY-SKU');
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
});
