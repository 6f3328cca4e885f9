import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withTenant } from '../client.ts';
import { seedOrder, seedShop } from '../testing/seed.ts';
import { insertDispatch } from './dispatches.ts';
import {
  listShipmentsAwaitingFirstScan,
  markFirstScanMissing,
  recordFirstScan,
  recordShipment,
} from './shipments.ts';
import { upsertSupplier } from './suppliers.ts';
import { createTenant } from './tenants.ts';

/** R-SLA-1: the first-scan watch's rows, written once, listed across tenants, alerted once. */
describe('shipments', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  const parcels: Array<{ tenantId: string; orderId: string; trackingNumber: string }> = [];

  beforeAll(async () => {
    env = await freshDatabase();
    const supplierId = await upsertSupplier(env.db, {
      code: 'S1',
      name: 'S1',
      endpointUrl: 'https://s1.example/dispatch',
      signingSecretEnc: 'x',
      partnerKeyHash: 'hash-s1',
      countries: ['US'],
      carriers: ['USPS'],
    });
    for (const [i, name] of ['a', 'b'].entries()) {
      const tenantId = await createTenant(env.db, name);
      await withTenant(env.db, tenantId, async (trx) => {
        const shopId = await seedShop(trx, tenantId, `shop-${name}`);
        const orderId = await seedOrder(trx, { tenantId, shopId, platformOrderId: `o-${name}` });
        const dispatchId = `d_${name}`;
        await insertDispatch(trx, {
          id: dispatchId,
          tenantId,
          orderId,
          supplierId,
          workflowId: 'wf',
          attempt: 0,
        });
        const trackingNumber = `940011120620640626078${i}`;
        const v = {
          tenantId,
          orderId,
          trackingNumber,
          carrier: 'USPS',
          dispatchId,
          supplierId,
          shopId,
          carrierStatus: 'label_created' as const,
          firstScanAt: null,
        };
        // A retried push-back records the parcel once.
        await recordShipment(trx, v);
        await recordShipment(trx, v);
        parcels.push({ tenantId, orderId, trackingNumber });
      });
    }
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lists parcels of every tenant pushed before the window, and none inside it', async () => {
    const later = new Date(Date.now() + 60_000);
    const due = await listShipmentsAwaitingFirstScan(env.db, later, 10);
    expect(due.map((s) => s.trackingNumber).sort()).toEqual(parcels.map((p) => p.trackingNumber));
    expect(await listShipmentsAwaitingFirstScan(env.db, new Date(Date.now() - 60_000), 10)).toEqual(
      [],
    );
    expect(await listShipmentsAwaitingFirstScan(env.db, later, 1)).toHaveLength(1);
  });

  it('keeps each tenant to its own rows (RLS)', async () => {
    const [a, b] = parcels;
    const seen = await withTenant(env.db, a!.tenantId, (trx) =>
      trx.selectFrom('shipments').select('tracking_number').execute(),
    );
    expect(seen).toEqual([{ tracking_number: a!.trackingNumber }]);
    // Another tenant's parcel cannot be marked from this tenant's transaction.
    expect(
      await withTenant(env.db, a!.tenantId, (trx) =>
        markFirstScanMissing(trx, { ...b!, status: 'label_created' }),
      ),
    ).toBe(false);
  });

  it('alerts a parcel once and records a first scan once; neither is listed again', async () => {
    const [a, b] = parcels;
    const mark = () =>
      withTenant(env.db, a!.tenantId, (trx) =>
        markFirstScanMissing(trx, { ...a!, status: 'label_created' }),
      );
    expect(await mark()).toBe(true);
    expect(await mark()).toBe(false);
    const scan = () =>
      withTenant(env.db, b!.tenantId, (trx) =>
        recordFirstScan(trx, { ...b!, status: 'in_transit', firstScanAt: new Date() }),
      );
    expect(await scan()).toBe(true);
    expect(await scan()).toBe(false);
    expect(await listShipmentsAwaitingFirstScan(env.db, new Date(Date.now() + 60_000), 10)).toEqual(
      [],
    );
  });
});
