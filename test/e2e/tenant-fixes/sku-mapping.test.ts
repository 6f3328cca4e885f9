import { describe, expect, it } from 'vitest';
import {
  heldOrder,
  ledgerOf,
  orderIdOf,
  refusal,
  useTenantFixPlatform,
  withoutCleaning,
} from './helpers.ts';

// R-CHK-1: an unmapped SKU holds the order; the tenant's new mapping re-runs the checks and
// releases the hold. Over real HTTP, Postgres and Temporal.

const suite = useTenantFixPlatform();

describe('tenant fixes release held orders', () => {
  it('an unmapped SKU holds the order; the tenant maps it and the order completes once', async () => {
    const { p, proxy, a } = suite;
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

    await p.stockItems(['SUP-NEW-1']);
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
      'routed',
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
    expect(await ledgerOf(p, id)).toEqual([
      ['logistics_markup', '60', 'USD'],
      ['order_fee', '30', 'USD'],
    ]);
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

  it('pages through the mapping table without gaps or repeats', async () => {
    const { p, a } = suite;
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
