import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withSupplier, withTenant } from '../client.ts';
import { seedOrder, seedShop } from '../testing/seed.ts';
import { insertDispatch, markDispatchWithdrawn } from './dispatches.ts';
import { getDispatchLabel, getOrderLabel, saveOrderLabel } from './order-labels.ts';
import { upsertSupplier } from './suppliers.ts';
import { createTenant } from './tenants.ts';

/** R-CHK-3 labels: one per order, the tenant's, and readable by a supplier only through its open dispatch. */
describe('order labels', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  const supplier = (code: string) =>
    upsertSupplier(env.db, {
      code,
      name: code,
      endpointUrl: `https://${code}.example/dispatch`,
      signingSecretEnc: 'x',
      partnerKeyHash: `hash-${code}`,
      countries: ['US'],
      carriers: ['TIKTOK_SHIPPING'],
    });
  let ids: { tenantA: string; tenantB: string; orderA: string; s1: string; s2: string };

  beforeAll(async () => {
    env = await freshDatabase();
    const [s1, s2] = [await supplier('s1'), await supplier('s2')];
    const tenantA = await createTenant(env.db, 'a');
    const tenantB = await createTenant(env.db, 'b');
    const orderA = await withTenant(env.db, tenantA, async (trx) => {
      const shopId = await seedShop(trx, tenantA, 'shop-a');
      const orderId = await seedOrder(trx, { tenantId: tenantA, shopId, platformOrderId: 'o-a' });
      const dispatches: Array<[string, string]> = [
        ['d_old', s2],
        ['d_now', s1],
      ];
      for (const [i, [id, supplierId]] of dispatches.entries())
        await insertDispatch(trx, {
          id,
          tenantId: tenantA,
          orderId,
          supplierId,
          workflowId: 'wf',
          attempt: i,
        });
      await markDispatchWithdrawn(trx, 'd_old', {});
      const label = {
        tenantId: tenantA,
        orderId,
        packageId: '1154000000000000001',
        trackingNumber: '9400111206206406260787',
        carrier: 'USPS',
        serviceId: '7208502187360519001',
        serviceName: 'USPS Ground Advantage',
        priceMinor: 450n,
        currency: 'USD',
        documentEnc: 'v1.k.iv.body',
        documentType: 'application/pdf',
      };
      await saveOrderLabel(trx, label);
      // A retried purchase keeps the first label.
      const again = await saveOrderLabel(trx, { ...label, packageId: '1154000000000000002' });
      expect(again.package_id).toBe('1154000000000000001');
      return orderId;
    });
    ids = { tenantA, tenantB, orderA, s1, s2 };
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows the label to its tenant only', async () => {
    expect(
      await withTenant(env.db, ids.tenantA, (trx) => getOrderLabel(trx, ids.orderA)),
    ).toMatchObject({
      package_id: '1154000000000000001',
    });
    expect(
      await withTenant(env.db, ids.tenantB, (trx) => getOrderLabel(trx, ids.orderA)),
    ).toBeUndefined();
  });

  it('gives it to the supplier of the open dispatch, not to the one it was taken from', async () => {
    expect(
      await withSupplier(env.db, ids.s1, (trx) => getDispatchLabel(trx, 'd_now')),
    ).toMatchObject({
      tracking_number: '9400111206206406260787',
    });
    expect(
      await withSupplier(env.db, ids.s2, (trx) => getDispatchLabel(trx, 'd_old')),
    ).toBeUndefined();
    expect(
      await withSupplier(env.db, ids.s2, (trx) => getDispatchLabel(trx, 'd_now')),
    ).toBeUndefined();
    // Not even by reading the table directly.
    const raw = await withSupplier(env.db, ids.s2, (trx) =>
      trx.selectFrom('order_labels').select('package_id').execute(),
    );
    expect(raw).toEqual([]);
  });

  it('erases the document with the buyer data (R-ONB-3)', async () => {
    await env.admin
      .updateTable('orders')
      .set({ recipient_enc: 'v1.k.iv.addr' })
      .where('id', '=', ids.orderA)
      .execute();
    await env.admin
      .updateTable('orders')
      .set({ recipient_enc: null })
      .where('id', '=', ids.orderA)
      .execute();
    const row = await env.admin
      .selectFrom('order_labels')
      .select(['document_enc', 'tracking_number'])
      .where('order_id', '=', ids.orderA)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ document_enc: null, tracking_number: '9400111206206406260787' });
  });

  it('R-RT-1 split: each line group has its own label, which only that group’s supplier reads', async () => {
    const [g0, g1] = [await supplier('g0'), await supplier('g1')];
    const orderId = await withTenant(env.db, ids.tenantA, async (trx) => {
      const shopId = await seedShop(trx, ids.tenantA, 'shop-split');
      const orderId = await seedOrder(trx, {
        tenantId: ids.tenantA,
        shopId,
        platformOrderId: 'o-split',
      });
      for (const [index, supplierId] of [g0, g1].entries()) {
        await insertDispatch(trx, {
          id: `d_g${index}`,
          tenantId: ids.tenantA,
          orderId,
          supplierId,
          workflowId: 'wf',
          attempt: 0,
          group: { index, lines: [{ supplierItemCode: `ITEM-${index}`, quantity: 1 }] },
        });
        const label = {
          tenantId: ids.tenantA,
          orderId,
          packageId: `11540000000000001${index}`,
          trackingNumber: `94001112062064062607${index}0`,
          carrier: 'USPS',
          serviceId: null,
          serviceName: null,
          priceMinor: null,
          currency: null,
          documentEnc: 'v1.k.iv.body',
          documentType: 'application/pdf',
          lineGroup: index,
        };
        expect((await saveOrderLabel(trx, label)).package_id).toBe(label.packageId);
        // A retried purchase for the same group keeps the first label.
        const again = await saveOrderLabel(trx, { ...label, packageId: `99${label.packageId}` });
        expect(again.package_id).toBe(label.packageId);
      }
      return orderId;
    });
    const tenant = await withTenant(env.db, ids.tenantA, async (trx) => ({
      whole: await getOrderLabel(trx, orderId),
      g1: await getOrderLabel(trx, orderId, 1),
    }));
    expect(tenant).toMatchObject({ whole: undefined, g1: { package_id: '115400000000000011' } });
    expect(await withSupplier(env.db, g0, (trx) => getDispatchLabel(trx, 'd_g0'))).toMatchObject({
      package_id: '115400000000000010',
    });
    const seen = await withSupplier(env.db, g1, (trx) =>
      trx.selectFrom('order_labels').select('package_id').where('order_id', '=', orderId).execute(),
    );
    expect(seen).toEqual([{ package_id: '115400000000000011' }]);
  });
});
