import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withSupplier, withTenant } from '../client.ts';
import { seedOrder, seedShop } from '../testing/seed.ts';
import {
  insertDispatch,
  markDispatchRejected,
  markDispatchShipped,
  markDispatchWithdrawn,
  reserveDispatchStock,
} from './dispatches.ts';
import { applyStockFeed, upsertSupplierItems } from './supplier-registry.ts';
import { upsertSupplier } from './suppliers.ts';
import { createTenant } from './tenants.ts';

/**
 * R-RT-1: a dispatch holds its units at its supplier until it ships (consumed) or is given back
 * (withdrawn, rejected); each move happens once, concurrent dispatches never hold more than the
 * supplier has, and a tenant moves only its own dispatches' units.
 */
describe('stock reservations', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let supplierId: string;
  let tenantA: string;
  let tenantB: string;
  let shopA: string;
  let n = 0;

  beforeAll(async () => {
    env = await freshDatabase();
    supplierId = await upsertSupplier(env.db, {
      code: 'RSV',
      name: 'RSV',
      endpointUrl: 'https://rsv.example/dispatch',
      signingSecretEnc: 'x',
      partnerKeyHash: 'hash-RSV',
      countries: ['US'],
      carriers: ['USPS'],
    });
    tenantA = await createTenant(env.db, 'A');
    tenantB = await createTenant(env.db, 'B');
    shopA = await withTenant(env.db, tenantA, (trx) => seedShop(trx, tenantA, 'shop-a'));
  });
  afterAll(async () => {
    await env?.close();
  });

  const setStock = (code: string, stock: number) =>
    withSupplier(env.db, supplierId, (trx) =>
      upsertSupplierItems(trx, supplierId, [{ supplierItemCode: code, stock, unitCostMinor: 100 }]),
    );
  const item = (code: string) =>
    env.admin
      .selectFrom('supplier_items')
      .select(['stock', 'reserved'])
      .where('supplier_id', '=', supplierId)
      .where('supplier_item_code', '=', code)
      .executeTakeFirstOrThrow();

  /** A dispatch of a new order of tenant A for `lines`, written as the dispatch step does. */
  async function dispatch(lines: Array<{ code: string; quantity: number }>) {
    const id = `d_rsv_${++n}`;
    await withTenant(env.db, tenantA, async (trx) => {
      const orderId = await seedOrder(trx, {
        tenantId: tenantA,
        shopId: shopA,
        platformOrderId: `o-${n}`,
      });
      await trx
        .updateTable('orders')
        .set({
          supplier_lines: JSON.stringify(
            lines.map((l) => ({ supplierItemCode: l.code, quantity: l.quantity, sources: [] })),
          ),
        })
        .where('id', '=', orderId)
        .execute();
      await insertDispatch(trx, {
        id,
        tenantId: tenantA,
        orderId,
        supplierId,
        workflowId: `wf-${n}`,
        attempt: 0,
      });
    });
    return id;
  }
  const reserve = (id: string, tenantId = tenantA) =>
    withTenant(env.db, tenantId, (trx) => reserveDispatchStock(trx, id));

  it('holds the units of a dispatch once, and refuses one the stock cannot cover', async () => {
    await setStock('CUP', 5);
    const a = await dispatch([
      { code: 'CUP', quantity: 2 },
      { code: 'CUP', quantity: 1 },
    ]);
    expect(await reserve(a)).toBe(true);
    expect(await reserve(a)).toBe(true); // a retried step holds nothing more
    expect(await item('CUP')).toEqual({ stock: 5, reserved: 3 });
    const b = await dispatch([{ code: 'CUP', quantity: 3 }]);
    expect(await reserve(b)).toBe(false);
    expect(await item('CUP')).toEqual({ stock: 5, reserved: 3 });
    // An item the supplier does not stock at all cannot be held either; nothing else is.
    const c = await dispatch([
      { code: 'CUP', quantity: 1 },
      { code: 'NOPE', quantity: 1 },
    ]);
    expect(await reserve(c)).toBe(false);
    expect(await item('CUP')).toEqual({ stock: 5, reserved: 3 });
  });

  it('gives units back when withdrawn or rejected, and consumes them when shipped, each once', async () => {
    await setStock('PLATE', 10);
    const [w, r, s] = [
      await dispatch([{ code: 'PLATE', quantity: 2 }]),
      await dispatch([{ code: 'PLATE', quantity: 3 }]),
      await dispatch([{ code: 'PLATE', quantity: 4 }]),
    ];
    for (const id of [w, r, s]) expect(await reserve(id)).toBe(true);
    expect(await item('PLATE')).toEqual({ stock: 10, reserved: 9 });
    await withTenant(env.db, tenantA, async (trx) => {
      await markDispatchWithdrawn(trx, w);
      await markDispatchWithdrawn(trx, w);
      await markDispatchRejected(trx, r);
      await markDispatchRejected(trx, r);
      await markDispatchShipped(trx, s, '9400111206206406260787', 'USPS');
      await markDispatchShipped(trx, s, '9400111206206406260787', 'USPS');
    });
    expect(await item('PLATE')).toEqual({ stock: 6, reserved: 0 });
    // A withdrawn dispatch never holds units again (a step replayed after it was taken back).
    expect(await reserve(w)).toBe(false);
    expect(await item('PLATE')).toEqual({ stock: 6, reserved: 0 });
  });

  it('a supplier’s feed sets what is on hand and leaves what is held', async () => {
    await setStock('BOWL', 4);
    const d = await dispatch([{ code: 'BOWL', quantity: 3 }]);
    expect(await reserve(d)).toBe(true);
    await withSupplier(env.db, supplierId, (trx) =>
      applyStockFeed(trx, supplierId, [
        { supplierItemCode: 'BOWL', stock: 2, unitCostMinor: null },
      ]),
    );
    expect(await item('BOWL')).toEqual({ stock: 2, reserved: 3 });
    // Nothing left to promise, and shipping what was held empties the shelf, never below zero.
    expect(await reserve(await dispatch([{ code: 'BOWL', quantity: 1 }]))).toBe(false);
    await withTenant(env.db, tenantA, (trx) =>
      markDispatchShipped(trx, d, '9400111206206406260788', 'USPS'),
    );
    expect(await item('BOWL')).toEqual({ stock: 0, reserved: 0 });
  });

  it('concurrent dispatches never hold more units than the supplier has', async () => {
    await setStock('SPOON', 7);
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await dispatch([{ code: 'SPOON', quantity: 1 }]));
    const held = await Promise.all(ids.map((id) => reserve(id)));
    expect(held.filter(Boolean)).toHaveLength(7);
    expect(await item('SPOON')).toEqual({ stock: 7, reserved: 7 });
  });

  it('another tenant cannot hold, give back or consume the units of a dispatch not its own', async () => {
    await setStock('FORK', 5);
    const d = await dispatch([{ code: 'FORK', quantity: 2 }]);
    expect(await reserve(d, tenantB)).toBe(false);
    expect(await item('FORK')).toEqual({ stock: 5, reserved: 0 });
    expect(await reserve(d)).toBe(true);
    await withTenant(env.db, tenantB, async (trx) => {
      await markDispatchWithdrawn(trx, d);
      await markDispatchShipped(trx, d, '9400111206206406260789', 'USPS');
    });
    expect(await item('FORK')).toEqual({ stock: 5, reserved: 2 });
    // Outside any tenant's scope nothing moves at all.
    await env.db.transaction().execute((trx) => reserveDispatchStock(trx, d));
    expect(await item('FORK')).toEqual({ stock: 5, reserved: 2 });
  });
});
