import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';
import { expectError } from './bad-input/helpers.ts';

/**
 * R-RT-1 data over HTTP: a supplier's stock and cost feed at `POST /partner/v1/catalog/stock`.
 * Bad rows are reported by position with a stable code while the good rows are applied; a key
 * changes only its own supplier's catalog; routing uses what the feed says.
 */
describe('partner API: the stock and cost feed', () => {
  let p: Platform;
  let otherKey: string;
  let otherId: string;

  beforeAll(async () => {
    p = await startPlatform();
    ({ partnerKey: otherKey, supplierId: otherId } = await p.registerIdleSupplier('factory-z'));
  });
  afterAll(async () => {
    await p?.close();
  });

  const feed = (body: unknown, key = p.partnerKey, raw?: string) =>
    fetch(`${p.apiUrl}/partner/v1/catalog/stock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
  const catalog = (supplierId: string) =>
    p.admin
      .selectFrom('supplier_items')
      .select(['supplier_item_code', 'stock', 'unit_cost_minor'])
      .where('supplier_id', '=', supplierId)
      .orderBy('supplier_item_code')
      .execute();

  it('applies the good rows and reports the bad ones by position', async () => {
    const before = await catalog(p.supplierId);
    const code = before[0]!.supplier_item_code;
    const res = await feed({
      items: [
        { sku_code: code, stock: 7 },
        { sku_code: 'NEW-ITEM', stock: 3, unit_cost: '2.25' },
        { sku_code: 'GHOST', stock: 3 },
        { sku_code: code, stock: -4 },
        { stock: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      applied: 2,
      rejected: [
        { index: 2, code: 'ITEM_UNKNOWN', message: expect.any(String) },
        { index: 3, code: 'STOCK_INVALID', message: expect.any(String) },
        { index: 4, code: 'SKU_CODE_INVALID', message: expect.any(String) },
      ],
    });
    const after = await catalog(p.supplierId);
    expect(after.find((r) => r.supplier_item_code === code)).toEqual({
      supplier_item_code: code,
      stock: 7,
      unit_cost_minor: before[0]!.unit_cost_minor, // no cost sent: the cost is kept
    });
    expect(after.find((r) => r.supplier_item_code === 'NEW-ITEM')).toMatchObject({
      stock: 3,
      unit_cost_minor: '225',
    });
    expect(after.some((r) => r.supplier_item_code === 'GHOST')).toBe(false);
  });

  it('changes only the calling supplier’s own catalog', async () => {
    const mine = await catalog(p.supplierId);
    const res = await feed(
      { items: [{ sku_code: mine[0]!.supplier_item_code, stock: 0, unit_cost: '0.01' }] },
      otherKey,
    );
    expect(await res.json()).toMatchObject({ applied: 1, rejected: [] });
    expect(await catalog(p.supplierId)).toEqual(mine);
    expect(await catalog(otherId)).toEqual([
      { supplier_item_code: mine[0]!.supplier_item_code, stock: 0, unit_cost_minor: '1' },
    ]);
  });

  it('refuses a bad envelope with a stable code and applies nothing', async () => {
    const before = await catalog(p.supplierId);
    await expectError(await feed({ items: [] }), 400, 'BAD_REQUEST');
    await expectError(await feed({}), 400, 'BAD_REQUEST');
    await expectError(await feed(undefined, p.partnerKey, '{"items": ['), 400, 'BAD_REQUEST');
    const many = Array.from({ length: 2001 }, (_, i) => ({ sku_code: `X${i}`, stock: 1 }));
    const tooMany = await feed({ items: many });
    expect([400, 413]).toContain(tooMany.status);
    await expectError(
      await feed({ items: [{ sku_code: 'a\u0000b', stock: 1, unit_cost: '1' }] }),
      400,
      'INPUT_INVALID_TEXT',
    );
    await expectError(
      await feed({ items: [{ sku_code: 'A', stock: 1 }] }, 'sy_pk_nope'),
      401,
      'PARTNER_UNAUTHORIZED',
    );
    expect(await catalog(p.supplierId)).toEqual(before);
  });

  it('routing follows the feed: with nothing in stock the order finds no supplier', async () => {
    const t = p.tenants[0]!;
    const items = (await catalog(p.supplierId)).map((r) => ({
      sku_code: r.supplier_item_code,
      stock: 0,
    }));
    expect(await (await feed({ items })).json()).toMatchObject({ rejected: [] });
    const order = p.tts.createOrder(t.simShopId);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toMatchObject({
      status: 'failed',
    });
    const [routed] = await p.admin
      .selectFrom('order_events as e')
      .innerJoin('orders as o', 'o.id', 'e.order_id')
      .select('e.detail')
      .where('o.platform_order_id', '=', order.id)
      .where('e.kind', '=', 'routed')
      .execute();
    expect(routed!.detail).toMatchObject({ decision: 'none' });
    const rejected = (routed!.detail as { rejected: Array<{ code: string; reasons: string[] }> })
      .rejected;
    expect(rejected.find((r) => r.code === 'factory-a')!.reasons).toEqual(['out_of_stock']);
    expect(p.supplier.received()).toEqual([]);
  });
});
