import { randomUUID } from 'node:crypto';
import { stockSimCatalog } from '@switchyard/infra/sim-catalog';
import { registerSupplier } from '@switchyard/onboarding';
import { type SupplierSim, startSupplierSim } from '@switchyard/sim-supplier';
import { generateWebhookSecret } from '@switchyard/suppliers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { trpc } from '../harness/walking-skeleton.ts';

/**
 * R-RT-1 over real HTTP, Temporal and PostgreSQL: routing picks the supplier with the lower
 * landed cost from the registry, explains itself, and follows each tenant's own pins and
 * exclusions, which no other tenant can see or change.
 */
describe('routing across the supplier network', () => {
  let p: Platform;
  let factoryB: SupplierSim;
  let factoryBId: string;

  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    const signingSecret = generateWebhookSecret();
    factoryB = await startSupplierSim({
      signingSecret,
      partnerApiUrl: `${p.apiUrl}/partner/v1`,
      partnerKey: 'sy_pk_pending',
      carrierApi: p.carrierAccount, // it prints labels at the carrier (R-TRK-2)
      behaviour: { ackDelayMs: 20, shipDelayMs: 50 },
    });
    const reach = { countries: ['US', 'GB'], carriers: ['USPS', 'UPS'] };
    const registered = await registerSupplier(
      { db: p.db, keyring: p.keyring },
      {
        code: 'factory-b',
        name: 'Factory B',
        endpointUrl: `${factoryB.url}/dispatches`,
        signingSecret,
        ...reach,
      },
    );
    factoryBId = registered.supplierId;
    factoryB.setPartnerApi(`${p.apiUrl}/partner/v1`, registered.partnerKey);
    // Factory B sells the same items for less than factory A (350 + 600 a parcel).
    await stockSimCatalog(
      p.db,
      { supplierId: factoryBId, ...reach },
      { unitCostMinor: 300, parcelCostMinor: 500 },
    );
  });
  afterAll(async () => {
    await factoryB?.close();
    await p?.close();
  });

  /** Creates an order for tenant `i`, waits for it to complete; returns who was sent it. */
  async function fulfil(i: number) {
    const t = p.tenants[i]!;
    const order = p.tts.createOrder(t.simShopId);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({
      status: 'completed',
    });
    const dispatch = await p.admin
      .selectFrom('dispatches as d')
      .innerJoin('orders as o', 'o.id', 'd.order_id')
      .innerJoin('suppliers as s', 's.id', 'd.supplier_id')
      .select(['s.code', 'o.id'])
      .where('o.platform_order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    return dispatch;
  }

  it('sends the order to the supplier with the lower landed cost, and says why', async () => {
    const { code, id } = await fulfil(0);
    expect(code).toBe('factory-b');
    expect(factoryB.received()).toHaveLength(1);
    const diag = await trpc(p, p.tenants[0]!.apiToken).orders.diagnose.query({ id });
    const [decision] = diag.routing;
    expect(decision).toMatchObject({ decision: 'single', chosen: 'factory-b' });
    expect(decision!.ranked!.map((c) => [c.code, c.parts.cost])).toEqual([
      ['factory-b', 1],
      ['factory-a', expect.any(Number)],
    ]);
    expect(decision!.ranked![1]!.parts.cost).toBeLessThan(1);
  });

  it('holds an order’s units from dispatch and takes them from the stock when it ships; units all held send the next order elsewhere', async () => {
    const items = () =>
      p.admin
        .selectFrom('supplier_items')
        .select(['supplier_item_code as code', 'stock', 'reserved'])
        .where('supplier_id', '=', factoryBId)
        .execute()
        .then((rows) => new Map(rows.map((r) => [r.code, r])));
    const before = await items();
    const { code, id } = await fulfil(0);
    expect(code).toBe('factory-b');
    const { supplier_lines: lines } = await p.admin
      .selectFrom('orders')
      .select('supplier_lines')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const after = await items();
    for (const l of lines) {
      expect(after.get(l.supplierItemCode)).toEqual({
        code: l.supplierItemCode,
        stock: before.get(l.supplierItemCode)!.stock - l.quantity,
        reserved: 0,
      });
    }
    // Every unit factory B has is held by dispatches: routing sees none left to promise.
    const holdAll = (reserved: 'stock' | 0) =>
      p.admin
        .updateTable('supplier_items')
        .set((eb) => ({ reserved: reserved === 0 ? 0 : eb.ref('stock') }))
        .where('supplier_id', '=', factoryBId)
        .execute();
    await holdAll('stock');
    try {
      expect((await fulfil(0)).code).toBe('factory-a');
    } finally {
      await holdAll(0);
    }
  });

  it('a supplier whose last units another order took since routing is not sent the order: the next candidate is tried', async () => {
    const t = p.tenants[0]!;
    const order = p.tts.createOrder(t.simShopId);
    const { id: orderId } = await eventually(() =>
      p.admin
        .selectFrom('orders')
        .select('id')
        .where('platform_order_id', '=', order.id)
        .executeTakeFirst(),
    );
    await p.orderResult(t.tenantId, t.shopId, order.id);
    await p.admin
      .updateTable('supplier_items')
      .set((eb) => ({ reserved: eb.ref('stock') }))
      .where('supplier_id', '=', factoryBId)
      .execute();
    const received = factoryB.received().length;
    try {
      // What the dispatch step does when routing chose factory B a moment before.
      const sent = await p.activities.dispatchToSupplier({
        tenantId: t.tenantId,
        orderId,
        supplierId: factoryBId,
        dispatchId: `d_${randomUUID().replaceAll('-', '')}`,
        attempt: 9,
      });
      expect(sent).toEqual({ ok: false });
      expect(factoryB.received()).toHaveLength(received);
      const refused = await p.admin
        .selectFrom('order_events')
        .select('detail')
        .where('order_id', '=', orderId)
        .where('kind', '=', 'dispatch_refused')
        .executeTakeFirstOrThrow();
      expect(refused.detail).toMatchObject({ supplier: 'factory-b', code: 'OUT_OF_STOCK' });
    } finally {
      await p.admin
        .updateTable('supplier_items')
        .set({ reserved: 0 })
        .where('supplier_id', '=', factoryBId)
        .execute();
    }
  });

  it('follows a tenant’s exclusion and pin for that tenant only', async () => {
    const [a, b] = [p.tenants[0]!, p.tenants[1]!].map((t) => trpc(p, t.apiToken));
    await a!.suppliers.setPreference.mutate({ supplierId: factoryBId, preference: 'exclude' });
    const excluded = await fulfil(0);
    expect(excluded.code).toBe('factory-a');
    const diag = await a!.orders.diagnose.query({ id: excluded.id });
    expect(diag.routing[0]!.rejected).toEqual([
      { supplierId: factoryBId, code: 'factory-b', reasons: ['excluded_by_tenant'] },
    ]);
    // The other tenant's orders still go to factory B; it does not see A's exclusion.
    expect((await fulfil(1)).code).toBe('factory-b');
    const listed = await b!.suppliers.list.query({});
    expect(listed.items.map((s) => [s.code, s.preference])).toEqual([
      ['factory-a', null],
      ['factory-b', null],
    ]);
    // Tenant B pins the dearer factory A: routing follows the pin.
    const factoryAId = listed.items[0]!.id;
    await b!.suppliers.setPreference.mutate({ supplierId: factoryAId, preference: 'pin' });
    const pinned = await fulfil(1);
    expect(pinned.code).toBe('factory-a');
    const why = await b!.orders.diagnose.query({ id: pinned.id });
    expect(why.routing[0]!.ranked![0]).toMatchObject({ code: 'factory-a', pinned: true });
    // Cleared, routing decides on its own again.
    await a!.suppliers.setPreference.mutate({ supplierId: factoryBId, preference: 'none' });
    expect((await fulfil(0)).code).toBe('factory-b');
  });

  it('counts each outcome once in the supplier’s day, and a full day sends orders elsewhere', async () => {
    const day = () =>
      p.admin
        .selectFrom('supplier_days')
        .select(['dispatched', 'acked_in_time', 'shipped', 'shipped_on_time', 'valid_tracking'])
        .where('supplier_id', '=', factoryBId)
        .executeTakeFirstOrThrow();
    const sent = factoryB.received().length;
    expect(await day()).toEqual({
      dispatched: sent,
      acked_in_time: sent,
      shipped: sent,
      shipped_on_time: sent,
      valid_tracking: sent,
    });
    // A retried push-back (the worker died before reporting) counts nothing again.
    const [last] = await p.admin
      .selectFrom('dispatches')
      .selectAll()
      .where('supplier_id', '=', factoryBId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .execute();
    await p.activities.pushTracking({
      tenantId: last!.tenant_id,
      orderId: last!.order_id,
      dispatchId: last!.id,
      trackingNumber: last!.tracking_number!,
      carrier: last!.carrier!,
    });
    expect((await day()).shipped).toBe(sent);

    await p.admin
      .updateTable('suppliers')
      .set({ daily_capacity: sent })
      .where('id', '=', factoryBId)
      .execute();
    const full = await fulfil(0);
    expect(full.code).toBe('factory-a');
    const diag = await trpc(p, p.tenants[0]!.apiToken).orders.diagnose.query({ id: full.id });
    expect(diag.routing[0]!.rejected).toEqual([
      { supplierId: factoryBId, code: 'factory-b', reasons: ['capacity_full'] },
    ]);
    await p.admin
      .updateTable('suppliers')
      .set({ daily_capacity: null })
      .where('id', '=', factoryBId)
      .execute();
  });

  it('refuses a preference for a supplier that is not in the network', async () => {
    const a = trpc(p, p.tenants[0]!.apiToken);
    await expect(
      a.suppliers.setPreference.mutate({
        supplierId: '00000000-0000-4000-8000-000000000000',
        preference: 'pin',
      }),
    ).rejects.toThrow(/no such supplier/);
    await expect(
      a.suppliers.setPreference.mutate({ supplierId: 'factory-b', preference: 'exclude' }),
    ).rejects.toThrow();
    const rows = await p.admin.selectFrom('supplier_preferences').selectAll().execute();
    expect(rows.map((r) => r.kind)).toEqual(['pin']); // tenant B's pin only
  });
});
