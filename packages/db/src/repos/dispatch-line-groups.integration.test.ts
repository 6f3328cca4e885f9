import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withSupplier, withTenant } from '../client.ts';
import type { SupplierLine } from '../schema.ts';
import { seedOrder, seedShop } from '../testing/seed.ts';
import {
  getDispatchStanding,
  insertDispatch,
  markDispatchAcknowledged,
  markDispatchShipped,
  reserveDispatchStock,
} from './dispatches.ts';
import { upsertSupplierItems } from './supplier-registry.ts';
import { upsertSupplier } from './suppliers.ts';
import { createTenant } from './tenants.ts';

/**
 * R-RT-1 split: an order no single supplier fills goes out as line groups. A group's dispatch
 * holds and consumes its own lines' units only, and is superseded only by a later dispatch of
 * the same group: the groups of one order are open side by side.
 */
describe('line-group dispatches', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  const suppliers: Record<string, string> = {};
  let tenantId: string;
  let orderId: string;
  const LINES: SupplierLine[] = [
    { supplierItemCode: 'MUG', quantity: 2, sources: [{ skuId: 'sku-mug', quantity: 2 }] },
    { supplierItemCode: 'LID', quantity: 1, sources: [{ skuId: 'sku-lid', quantity: 1 }] },
  ];

  beforeAll(async () => {
    env = await freshDatabase();
    for (const code of ['MUGS', 'LIDS', 'LIDS2']) {
      suppliers[code] = await upsertSupplier(env.db, {
        code,
        name: code,
        endpointUrl: `https://${code.toLowerCase()}.example/dispatch`,
        signingSecretEnc: 'x',
        partnerKeyHash: `hash-${code}`,
        countries: ['US'],
        carriers: ['USPS'],
      });
      // Each stocks one of the two items only, three units of it.
      await withSupplier(env.db, suppliers[code]!, (trx) =>
        upsertSupplierItems(trx, suppliers[code]!, [
          { supplierItemCode: code.startsWith('MUG') ? 'MUG' : 'LID', stock: 3, unitCostMinor: 1 },
        ]),
      );
    }
    tenantId = await createTenant(env.db, 'A');
    orderId = await withTenant(env.db, tenantId, async (trx) => {
      const shopId = await seedShop(trx, tenantId, 'shop-a');
      const id = await seedOrder(trx, { tenantId, shopId, platformOrderId: 'o-split' });
      await trx
        .updateTable('orders')
        .set({ supplier_lines: JSON.stringify(LINES), status: 'dispatched' })
        .where('id', '=', id)
        .execute();
      return id;
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  const dispatch = (id: string, supplier: string, index: number, attempt: number) =>
    withTenant(env.db, tenantId, async (trx) => {
      await insertDispatch(trx, {
        id,
        tenantId,
        orderId,
        supplierId: suppliers[supplier]!,
        workflowId: 'wf-split',
        attempt,
        group: { index, lines: LINES.filter((_, i) => i === index) },
      });
      return reserveDispatchStock(trx, id);
    });
  const stock = (supplier: string) =>
    env.admin
      .selectFrom('supplier_items')
      .select(['supplier_item_code as code', 'stock', 'reserved'])
      .where('supplier_id', '=', suppliers[supplier]!)
      .executeTakeFirstOrThrow();
  const standing = (id: string) =>
    withTenant(env.db, tenantId, (trx) => getDispatchStanding(trx, id));

  it('holds each group’s own units at its own supplier, though neither stocks the whole order', async () => {
    expect(await dispatch('d_mug_1', 'MUGS', 0, 0)).toBe(true);
    expect(await dispatch('d_lid_1', 'LIDS', 1, 0)).toBe(true);
    expect(await stock('MUGS')).toEqual({ code: 'MUG', stock: 3, reserved: 2 });
    expect(await stock('LIDS')).toEqual({ code: 'LID', stock: 3, reserved: 1 });
    const row = await env.admin
      .selectFrom('dispatches')
      .select(['line_group', 'lines'])
      .where('id', '=', 'd_lid_1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ line_group: 1, lines: [LINES[1]] });
  });

  it('keeps both groups open side by side: each is the latest of its group', async () => {
    expect(await standing('d_mug_1')).toMatchObject({ status: 'sent', latest: true });
    expect(await standing('d_lid_1')).toMatchObject({ status: 'sent', latest: true });
    const acked = await withTenant(env.db, tenantId, (trx) =>
      markDispatchAcknowledged(trx, 'd_mug_1', null),
    );
    expect(acked?.supplierId).toBe(suppliers.MUGS);
  });

  it('re-routing one group supersedes that group’s dispatch only', async () => {
    expect(await dispatch('d_lid_2', 'LIDS2', 1, 1)).toBe(true);
    expect(await standing('d_lid_1')).toMatchObject({ latest: false });
    expect(await standing('d_lid_2')).toMatchObject({ latest: true });
    expect(await standing('d_mug_1')).toMatchObject({ latest: true });
    // The superseded dispatch can no longer be acknowledged; the other group's still ships.
    const late = await withTenant(env.db, tenantId, (trx) =>
      markDispatchAcknowledged(trx, 'd_lid_1', null),
    );
    expect(late).toBeUndefined();
    await withTenant(env.db, tenantId, (trx) =>
      markDispatchShipped(trx, 'd_mug_1', '9400111899223197428490', 'USPS'),
    );
    expect(await stock('MUGS')).toEqual({ code: 'MUG', stock: 1, reserved: 0 });
    expect(await stock('LIDS2')).toEqual({ code: 'LID', stock: 3, reserved: 1 });
  });

  it('refuses a group without its lines, or lines without a group', async () => {
    await expect(
      env.admin
        .insertInto('dispatches')
        .values({
          id: 'd_bad',
          tenant_id: tenantId,
          order_id: orderId,
          supplier_id: suppliers.MUGS!,
          workflow_id: 'wf-split',
          attempt: 9,
          line_group: 0,
        })
        .execute(),
    ).rejects.toThrow(/dispatches_group_lines/);
  });
});
