import type { AppRouter } from '@switchyard/api';
import { SIM_PRODUCTS } from '@switchyard/sim-tiktok-shop';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/** R-IN-3, R-TRK-3: a seller without API access works by files only, both ways. */
describe('a file-only shop', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('imports orders by CSV, ships them through a supplier and returns tracking by export, with no API call', async () => {
    const t = p.tenants[0]!;
    const trpc = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${p.apiUrl}/trpc`,
          headers: { authorization: `Bearer ${t.apiToken}` },
        }),
      ],
    });
    const shop = await trpc.shops.createCsvShop.mutate({
      name: 'Market stall',
      region: 'US',
      platformShopId: 'SC-7788',
    });
    const shops = await trpc.shops.list.query();
    expect(shops.items.find((s) => s.id === shop.id)).toMatchObject({
      mode: 'csv',
      platformShopId: 'SC-7788',
    });
    await expect(
      trpc.shops.createCsvShop.mutate({ name: 'again', region: 'US', platformShopId: 'SC-7788' }),
    ).rejects.toThrow(/already exists/);

    const sku = SIM_PRODUCTS[0]!.skus[0]!;
    const ids = ['577000000000000001', '577000000000000002', '577000000000000003'];
    const header =
      'Order ID,SKU ID,Seller SKU,Quantity,Recipient,Phone #,Zipcode,Country,State,City,Detail Address,Shipping Provider Name';
    const rows = ids.map(
      (id, i) =>
        `${id},${sku.skuId},${sku.sellerSku},${i + 1},Jane Doe,+12125550142,10118,US,NY,New York,"350 5th Ave, Apt ${i + 1}",USPS`,
    );
    const res = await fetch(`${p.apiUrl}/v1/imports/orders?shop_id=${shop.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiToken}`, 'content-type': 'text/csv' },
      body: [header, ...rows].join('\r\n'),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(3);

    for (const id of ids)
      expect(await p.orderResult(t.tenantId, shop.id, id)).toEqual({ status: 'completed' });
    const orders = await p.admin
      .selectFrom('orders')
      .select(['id', 'tracking_number'])
      .where('shop_id', '=', shop.id)
      .execute();
    expect(orders).toHaveLength(3);
    const calls = await p.admin
      .selectFrom('api_calls')
      .select('endpoint')
      .where('target', '=', 'tiktok')
      .where(
        'order_id',
        'in',
        orders.map((o) => o.id),
      )
      .execute();
    expect(calls).toEqual([]);
    const kinds = await p.admin
      .selectFrom('order_events')
      .select('kind')
      .where('order_id', '=', orders[0]!.id)
      .execute();
    expect(kinds.map((k) => k.kind)).toContain('tracking_ready_for_export');

    const exported = await fetch(`${p.apiUrl}/v1/exports/shipping.csv?shop_id=${shop.id}`, {
      headers: { authorization: `Bearer ${t.apiToken}` },
    });
    const lines = (await exported.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1);
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(ids);
    for (const l of lines) {
      const cells = l.split(',');
      expect(cells[6]).toBe('USPS');
      expect(orders.map((o) => o.tracking_number)).toContain(cells[7]);
    }
  });
});
