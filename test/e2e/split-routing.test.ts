import { registerSupplier } from '@switchyard/onboarding';
import { type SupplierSim, startSupplierSim } from '@switchyard/sim-supplier';
import { SIM_PRODUCTS } from '@switchyard/sim-tiktok-shop';
import { generateWebhookSecret } from '@switchyard/suppliers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { trpc } from '../harness/walking-skeleton.ts';

/**
 * R-RT-1 over real HTTP, Temporal and PostgreSQL: an order no single supplier can fill goes out
 * as line groups. Factory A stocks the first item only, the "lids" suppliers the second only:
 * each group is dispatched to its own supplier with its own lines, acknowledged and shipped on
 * its own, pushed back as its own package, and the order completes with the last one. A group
 * whose supplier rejects it is re-routed to the group's next supplier; the other group is not
 * disturbed.
 */
describe('an order split across suppliers', () => {
  let p: Platform;
  const sims: SupplierSim[] = [];
  const ids: Record<string, string> = {};
  const [a, b] = [SIM_PRODUCTS[0]!.skus[0]!, SIM_PRODUCTS[1]!.skus[0]!];
  const itemA = `SUP-${a.sellerSku}`;
  const itemB = `SUP-${b.sellerSku}`;

  /** Another supplier simulator, registered, stocking `item` only. */
  async function addSupplier(code: string, item: string, unitCostMinor: number, reject = false) {
    const signingSecret = generateWebhookSecret();
    const sim = await startSupplierSim({
      signingSecret,
      partnerApiUrl: `${p.apiUrl}/partner/v1`,
      partnerKey: 'sy_pk_pending',
      carrierApi: p.carrierAccount,
      behaviour: { ackDelayMs: 20, shipDelayMs: 50, ...(reject && { mode: 'reject' as const }) },
    });
    sims.push(sim);
    const reach = { countries: ['US', 'GB'], carriers: ['USPS', 'UPS'] };
    const r = await registerSupplier(
      { db: p.db, keyring: p.keyring },
      { code, name: code, endpointUrl: `${sim.url}/dispatches`, signingSecret, ...reach },
    );
    sim.setPartnerApi(`${p.apiUrl}/partner/v1`, r.partnerKey);
    ids[code] = r.supplierId;
    await p.admin
      .insertInto('supplier_items')
      .values({
        supplier_id: r.supplierId,
        supplier_item_code: item,
        stock: 100,
        unit_cost_minor: unitCostMinor,
      })
      .execute();
    await p.admin
      .insertInto('supplier_rates')
      .values(
        reach.countries.flatMap((country) =>
          reach.carriers.map((carrier) => ({
            supplier_id: r.supplierId,
            country,
            carrier,
            parcel_cost_minor: 500,
          })),
        ),
      )
      .execute();
    return sim;
  }

  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    // Factory A no longer stocks the second item: no supplier has both.
    await p.admin
      .updateTable('supplier_items')
      .set({ stock: 0 })
      .where('supplier_id', '=', p.supplierId)
      .where('supplier_item_code', '=', itemB)
      .execute();
    await addSupplier('lids', itemB, 300);
    // Cheaper, so ranked first for the second item, but it rejects what it is sent.
    await addSupplier('lids-cheap', itemB, 100, true);
    // The first tenant excludes the rejecting supplier; the second does not.
    await trpc(p, p.tenants[0]!.apiToken).suppliers.setPreference.mutate({
      supplierId: ids['lids-cheap']!,
      preference: 'exclude',
    });
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await p?.close();
  });

  async function splitOrder(tenant: number) {
    const t = p.tenants[tenant]!;
    const order = p.tts.createOrder(t.simShopId, {
      items: [
        { skuId: a.skuId, sellerSku: a.sellerSku, quantity: 2 },
        { skuId: b.skuId, sellerSku: b.sellerSku, quantity: 1 },
      ],
    });
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    const dispatches = await p.admin
      .selectFrom('dispatches as d')
      .innerJoin('orders as o', 'o.id', 'd.order_id')
      .innerJoin('suppliers as s', 's.id', 'd.supplier_id')
      .select(['o.id as orderId', 's.code', 'd.status', 'd.line_group', 'd.lines'])
      .where('o.platform_order_id', '=', order.id)
      .orderBy('d.line_group')
      .orderBy('d.attempt')
      .execute();
    return { order, dispatches, orderId: dispatches[0]!.orderId };
  }

  it('dispatches each line group to a supplier that stocks it, one package each, and completes', async () => {
    const { order, dispatches, orderId } = await splitOrder(0);
    expect(
      dispatches.map((d) => [
        d.line_group,
        d.code,
        d.status,
        d.lines!.map((l) => l.supplierItemCode),
      ]),
    ).toEqual([
      [0, 'factory-a', 'shipped', [itemA]],
      [1, 'lids', 'shipped', [itemB]],
    ]);
    // Each package holds its own group's marketplace line items: two of the first, one of the other.
    const packages = p.tts.packages(order.id);
    expect(packages.map((x) => x.orderLineItemIds.length).sort()).toEqual([1, 2]);
    expect(new Set(packages.map((x) => x.trackingNumber)).size).toBe(2);
    // Each supplier held and then used its own units only.
    const stock = await p.admin
      .selectFrom('supplier_items')
      .select(['supplier_id', 'supplier_item_code', 'reserved'])
      .where('supplier_item_code', 'in', [itemA, itemB])
      .where('reserved', '>', 0)
      .execute();
    expect(stock).toEqual([]);
    const row = await p.admin
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
    // Charged once for the order (R-BIL-3).
    const fees = await p.admin
      .selectFrom('ledger_entries')
      .select('id')
      .where('order_id', '=', orderId)
      .where('kind', '=', 'order_fee')
      .execute();
    expect(fees).toHaveLength(1);
    const diag = await trpc(p, p.tenants[0]!.apiToken).orders.diagnose.query({ id: orderId });
    expect(diag.routing[0]).toMatchObject({ decision: 'split' });
    expect(
      diag.dispatches.map((d) => [d.lineGroup?.index, d.supplier, d.trackingNumber !== null]),
    ).toEqual([
      [0, 'Factory A', true],
      [1, 'lids', true],
    ]);
  });

  it('re-routes a group its supplier rejects to the group’s next supplier; the other group ships as sent', async () => {
    const { dispatches } = await splitOrder(1);
    expect(dispatches.map((d) => [d.line_group, d.code, d.status])).toEqual([
      [0, 'factory-a', 'shipped'],
      // Taken back once it said no, as a whole order's dispatch is.
      [1, 'lids-cheap', 'withdrawn'],
      [1, 'lids', 'shipped'],
    ]);
  });

  it('a group with no supplier left while the other shipped holds the rest (LINE_GROUP_NO_SUPPLIER) and alerts the operator; a re-check ships it', async () => {
    const t = p.tenants[0]!;
    const lids = sims[0]!;
    // The only supplier of the second item the first tenant uses refuses what it is sent.
    lids.behaviour.mode = 'reject';
    try {
      const order = p.tts.createOrder(t.simShopId, {
        items: [
          { skuId: a.skuId, sellerSku: a.sellerSku, quantity: 1 },
          { skuId: b.skuId, sellerSku: b.sellerSku, quantity: 1 },
        ],
      });
      const row = await eventually(async () => {
        const r = await p.admin
          .selectFrom('orders')
          .select(['id', 'status', 'holds'])
          .where('platform_order_id', '=', order.id)
          .executeTakeFirst();
        return r?.status === 'on_hold' && r;
      }, 120_000);
      expect(row.holds).toMatchObject([{ code: 'LINE_GROUP_NO_SUPPLIER', rule: 'R-RT-1' }]);
      // The first group's package is on its way; the order is not failed.
      expect(p.tts.packages(order.id)).toHaveLength(1);
      const alerts = await p.admin
        .selectFrom('operator_alerts')
        .select(['kind', 'detail'])
        .where('order_id', '=', row.id)
        .execute();
      expect(alerts).toMatchObject([
        { kind: 'order_unfulfilled', detail: { code: 'LINE_GROUP_NO_SUPPLIER', lineGroups: [1] } },
      ]);
      // Another tenant cannot re-check it; its own tenant can, once the supplier takes orders.
      await expect(
        trpc(p, p.tenants[1]!.apiToken).orders.recheck.mutate({ id: row.id }),
      ).rejects.toThrow();
      lids.behaviour.mode = 'normal';
      await trpc(p, t.apiToken).orders.recheck.mutate({ id: row.id });
      expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
      expect(p.tts.packages(order.id)).toHaveLength(2);
      const groups = await p.admin
        .selectFrom('dispatches')
        .select(['line_group', 'status'])
        .where('order_id', '=', row.id)
        .orderBy('line_group')
        .orderBy('attempt')
        .execute();
      expect(groups.map((g) => [g.line_group, g.status])).toEqual([
        [0, 'shipped'],
        // Taken back once it said no.
        [1, 'withdrawn'],
        [1, 'shipped'],
      ]);
    } finally {
      lids.behaviour.mode = 'normal';
    }
  });
});
