import { registerSupplier } from '@switchyard/onboarding';
import { type SupplierSim, startSupplierSim } from '@switchyard/sim-supplier';
import { SIM_PRODUCTS } from '@switchyard/sim-tiktok-shop';
import { generateWebhookSecret } from '@switchyard/suppliers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-RT-1 with R-CHK-3, over real HTTP, Temporal and PostgreSQL: a TikTok Shipping order no single
 * supplier can fill is split by line groups, and each group ships on a label of its own — a
 * package of the group's line items only, bought from the TikTok Shop simulator — which only
 * the supplier of that group can print. Each package is handed over by Ship Package; the last
 * completes the order.
 */
describe('TikTok Shipping, split: one label per line group', () => {
  let p: Platform;
  let lids: SupplierSim;
  let lidsKey = '';
  const [a, b] = [SIM_PRODUCTS[0]!.skus[0]!, SIM_PRODUCTS[1]!.skus[0]!];
  const itemB = `SUP-${b.sellerSku}`;
  const channel = { countries: ['US'], carriers: ['TIKTOK_SHIPPING'] };

  beforeAll(async () => {
    p = await startPlatform();
    // Factory A prints platform labels and no longer stocks the second item.
    await p.admin
      .updateTable('suppliers')
      .set((eb) => ({ carriers: eb.fn('array_append', ['carriers', eb.val('TIKTOK_SHIPPING')]) }))
      .where('id', '=', p.supplierId)
      .execute();
    await p.admin
      .insertInto('supplier_rates')
      .values({
        supplier_id: p.supplierId,
        country: 'US',
        carrier: 'TIKTOK_SHIPPING',
        parcel_cost_minor: 0,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await p.admin
      .updateTable('supplier_items')
      .set({ stock: 0 })
      .where('supplier_id', '=', p.supplierId)
      .where('supplier_item_code', '=', itemB)
      .execute();
    // The "lids" supplier stocks the second item only.
    const signingSecret = generateWebhookSecret();
    lids = await startSupplierSim({
      signingSecret,
      partnerApiUrl: `${p.apiUrl}/partner/v1`,
      partnerKey: 'sy_pk_pending',
      carrierApi: p.carrierAccount,
      behaviour: { ackDelayMs: 20, shipDelayMs: 50 },
    });
    const r = await registerSupplier(
      { db: p.db, keyring: p.keyring },
      {
        code: 'lids',
        name: 'lids',
        endpointUrl: `${lids.url}/dispatches`,
        signingSecret,
        ...channel,
      },
    );
    lidsKey = r.partnerKey;
    lids.setPartnerApi(`${p.apiUrl}/partner/v1`, r.partnerKey);
    await p.admin
      .insertInto('supplier_items')
      .values({
        supplier_id: r.supplierId,
        supplier_item_code: itemB,
        stock: 100,
        unit_cost_minor: 300,
      })
      .execute();
    await p.admin
      .insertInto('supplier_rates')
      .values({
        supplier_id: r.supplierId,
        country: 'US',
        carrier: 'TIKTOK_SHIPPING',
        parcel_cost_minor: 0,
      })
      .execute();
  });
  afterAll(async () => {
    await lids?.close();
    await p?.close();
  });

  const t = () => p.tenants[0]!;

  it('buys a package per group with its own line items; each supplier prints only its own', async () => {
    const sim = p.tts.createOrder(t().simShopId, {
      shippingType: 'TIKTOK',
      items: [
        { skuId: a.skuId, sellerSku: a.sellerSku, quantity: 2 },
        { skuId: b.skuId, sellerSku: b.sellerSku, quantity: 1 },
      ],
    });
    expect(await p.orderResult(t().tenantId, t().shopId, sim.id)).toEqual({ status: 'completed' });

    // Two packages, one per group: the two units of A in one, the unit of B in the other.
    const packages = p.tts.labelPackages(sim.id);
    expect(packages).toHaveLength(2);
    const skuOf = (id: string) =>
      p.tts.getOrder(sim.id)!.lineItems.find((l) => l.id === id)!.sku_id;
    const bySku = Object.fromEntries(
      packages.map((x) => [String(skuOf(x.lineItemIds[0]!)), x] as const),
    );
    expect(bySku[String(a.skuId)]!.lineItemIds.map(skuOf)).toEqual([a.skuId, a.skuId]);
    expect(bySku[String(b.skuId)]!.lineItemIds.map(skuOf)).toEqual([b.skuId]);
    expect(packages.every((x) => x.handoverMethod === 'DROP_OFF')).toBe(true);
    expect(p.tts.getOrder(sim.id)?.status).toBe('AWAITING_COLLECTION');

    // Each supplier printed its own group's label, never the other's.
    const pkgA = bySku[String(a.skuId)]!;
    const pkgB = bySku[String(b.skuId)]!;
    const printedA = p.supplier.printed().map((l) => l.trackingNumber);
    const printedB = lids.printed().map((l) => l.trackingNumber);
    expect(printedA).toContain(pkgA.trackingNumber);
    expect(printedA).not.toContain(pkgB.trackingNumber);
    expect(printedB).toEqual([pkgB.trackingNumber]);

    // The labels are stored per group; the dispatches carry their group's.
    const rows = await p.admin
      .selectFrom('order_labels as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .select(['l.line_group', 'l.package_id', 'l.handed_over_at'])
      .where('o.platform_order_id', '=', sim.id)
      .orderBy('l.line_group')
      .execute();
    expect(rows.map((r) => [r.line_group, r.package_id])).toEqual([
      [0, pkgA.id],
      [1, pkgB.id],
    ]);
    expect(rows.every((r) => r.handed_over_at !== null)).toBe(true);

    // The lids supplier cannot fetch the label of the other group's dispatch (R-RT-1: 404).
    const dispatchA = p.supplier.received().find((r) => r.orderNumber === sim.id)!.dispatchId;
    const stolen = await fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatchA}/label`, {
      headers: { authorization: `Bearer ${lidsKey}` },
    });
    expect(stolen.status).toBe(404);
  });

  it('declares the parcel with the catalog’s weights from the stock feed (R-CHK-3), a bad weight refused per row', async () => {
    // Factory A reports a weight for the first item; a row with an impossible one is refused alone.
    const res = await fetch(`${p.apiUrl}/partner/v1/catalog/stock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.partnerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [
          { sku_code: `SUP-${a.sellerSku}`, stock: 100, weight_grams: 250 },
          { sku_code: `SUP-${b.sellerSku}`, stock: 0, weight_grams: -5 },
        ],
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      applied: 1,
      rejected: [{ index: 1, code: 'WEIGHT_INVALID' }],
    });
    const sim = p.tts.createOrder(t().simShopId, {
      shippingType: 'TIKTOK',
      items: [{ skuId: a.skuId, sellerSku: a.sellerSku, quantity: 2 }],
    });
    expect(await p.orderResult(t().tenantId, t().shopId, sim.id)).toEqual({ status: 'completed' });
    const [pkg, ...more] = p.tts.labelPackages(sim.id);
    expect(more).toEqual([]);
    // Two units of 250 g and 100 g of packing, not the default 900 g.
    expect(pkg!.parcel.grams).toBe(600);
  });

  it('a seller-shipped order is never matched with a label row: none is looked up for it', async () => {
    const sim = p.tts.createOrder(t().simShopId, {
      items: [{ skuId: a.skuId, sellerSku: a.sellerSku, quantity: 1 }],
    });
    expect(await p.orderResult(t().tenantId, t().shopId, sim.id)).toEqual({ status: 'completed' });
    const order = await p.admin
      .selectFrom('orders as o')
      .innerJoin('dispatches as d', 'd.order_id', 'o.id')
      .select(['o.id', 'o.tracking_number', 'o.carrier', 'd.id as dispatchId'])
      .where('o.platform_order_id', '=', sim.id)
      .where('d.status', '=', 'shipped')
      .executeTakeFirstOrThrow();
    // A stray label row on the order (no such row is ever written for it): were it looked up,
    // the pushed number would be refused as not the label's (TRACKING_NOT_LABEL).
    await p.admin
      .insertInto('order_labels')
      .values({
        tenant_id: t().tenantId,
        order_id: order.id,
        package_id: '1154999999999999999',
        tracking_number: '9400111206206406260787',
        carrier: 'USPS',
        document_type: 'application/pdf',
      })
      .execute();
    const again = await p.activities.pushTracking({
      tenantId: t().tenantId,
      orderId: order.id,
      dispatchId: order.dispatchId,
      trackingNumber: order.tracking_number!,
      carrier: order.carrier!,
    });
    expect(again).toMatchObject({ ok: true });
  });
});
