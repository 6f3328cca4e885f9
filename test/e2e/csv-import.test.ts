import { orderWorkflowId } from '@switchyard/domain';
import type { SimOrder } from '@switchyard/sim-tiktok-shop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/** R-IN-3: the seller center's export, uploaded as CSV, enters the same intake as webhooks. */
describe('CSV order import', () => {
  let p: Platform;
  beforeAll(async () => {
    // Only the CSV path may bring these orders in: no webhooks, no reconciliation in the window.
    p = await startPlatform({ tenants: 2, shopTiming: { reconcileIntervalMs: 60 * 60 * 1000 } });
    p.tts.faults.dropWebhookRate = 1;
    // Each shop's first reconciliation pass runs at once; let it finish before orders exist.
    await eventually(async () => {
      const passes = await p.admin
        .selectFrom('api_calls')
        .select('id')
        .where('endpoint', 'like', '%orders/search%')
        .execute();
      return passes.length >= p.tenants.length;
    });
  });
  afterAll(async () => {
    await p?.close();
  });

  const HEADER = [
    'Order ID',
    'Order Status',
    'SKU ID',
    'Seller SKU',
    'Product Name',
    'Quantity',
    'Recipient',
    'Phone #',
    'Zipcode',
    'Country',
    'State',
    'City',
    'Detail Address',
    'Shipping Provider Name',
  ];
  const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
  /** The seller center's rows for a marketplace order: one row per SKU with its quantity. */
  function rowsOf(o: SimOrder, patch: Partial<Record<string, string>> = {}): string[] {
    const a = o.recipientAddress as {
      name?: string;
      phone_number?: string;
      postal_code?: string;
      region_code?: string;
      address_line1?: string;
      address_line2?: string;
      district_info?: Array<{ address_level: string; address_name: string; iso_code: string }>;
    };
    const bySku = new Map<string, { sellerSku: string; name: string; qty: number }>();
    for (const li of o.lineItems) {
      const e = bySku.get(li.sku_id) ?? { sellerSku: li.seller_sku, name: li.product_name, qty: 0 };
      e.qty += 1;
      bySku.set(li.sku_id, e);
    }
    return [...bySku].map(([skuId, l]) => {
      const v: Record<string, string> = {
        'Order ID': o.id,
        'Order Status': 'Awaiting Shipment',
        'SKU ID': skuId,
        'Seller SKU': l.sellerSku,
        'Product Name': l.name,
        Quantity: String(l.qty),
        Recipient: a.name ?? '',
        'Phone #': a.phone_number ?? '',
        Zipcode: a.postal_code ?? '',
        Country: a.region_code ?? '',
        State: (a.district_info?.find((d) => d.address_level === 'L1')?.iso_code ?? '').replace(
          /^US-/,
          '',
        ),
        City: a.district_info?.find((d) => d.address_level === 'L3')?.address_name ?? '',
        'Detail Address': [a.address_line1, a.address_line2].filter(Boolean).join(', '),
        'Shipping Provider Name': 'USPS',
        ...patch,
      };
      return HEADER.map((h) => q(v[h] ?? '')).join(',');
    });
  }
  const csvOf = (lines: string[]) => `\uFEFF${[HEADER.join(','), ...lines].join('\r\n')}\r\n`;
  const upload = (token: string, shopId: string, body: string | Uint8Array) =>
    fetch(`${p.apiUrl}/v1/imports/orders?shop_id=${shopId}&filename=export.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
    });
  const counts = async () => ({
    imports: (await p.admin.selectFrom('csv_imports').select('id').execute()).length,
    imported: (await p.admin.selectFrom('imported_orders').select('platform_order_id').execute())
      .length,
  });

  let good: SimOrder[] = [];
  let file = '';

  it('imports good orders, reports bad ones row by row, and fulfils each good order once', async () => {
    const t = p.tenants[0]!;
    good = Array.from({ length: 6 }, () => p.tts.createOrder(t.simShopId));
    const bad = p.tts.createOrder(t.simShopId);
    const lines = [...good.flatMap((o) => rowsOf(o)), ...rowsOf(bad, { 'Phone #': '' })];
    file = csvOf(lines);
    const res = await upload(t.apiToken, t.shopId, file);
    expect(res.status).toBe(201);
    const report = (await res.json()) as {
      accepted: number;
      rejected: number;
      rejections: Array<{ orderNumber: string; errors: Array<{ code: string; row: number }> }>;
    };
    expect(report.accepted).toBe(good.length);
    expect(report.rejected).toBe(1);
    expect(report.rejections[0]!.orderNumber).toBe(bad.id);
    expect(report.rejections[0]!.errors.map((e) => e.code)).toContain('PHONE_INVALID');
    expect(report.rejections[0]!.errors[0]!.row).toBeGreaterThan(good.length); // spreadsheet row of the bad line

    for (const o of good)
      expect(await p.orderResult(t.tenantId, t.shopId, o.id)).toEqual({ status: 'completed' });
    for (const o of good) expect(p.tts.packages(o.id)).toHaveLength(1);
    const orders = await p.admin
      .selectFrom('orders')
      .select(['platform_order_id', 'source'])
      .execute();
    expect(orders.map((o) => o.source)).toEqual(good.map(() => 'csv'));
    expect(orders.map((o) => o.platform_order_id)).not.toContain(bad.id);
    const wf = await p.temporal.workflow
      .getHandle(orderWorkflowId(t.tenantId, t.shopId, bad.id))
      .describe()
      .catch(() => undefined);
    expect(wf).toBeUndefined();
  });

  it('re-importing the same file changes nothing', async () => {
    const t = p.tenants[0]!;
    const before = await counts();
    const res = await upload(t.apiToken, t.shopId, file);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect(await counts()).toEqual(before);
    expect(
      await p.admin
        .selectFrom('ledger_entries')
        .select('id')
        .where('kind', '=', 'order_fee')
        .execute(),
    ).toHaveLength(good.length);
  });

  it('refuses empty, binary and wrong-column files with a clear code, writing nothing', async () => {
    const t = p.tenants[0]!;
    const before = await counts();
    const cases: Array<[string | Uint8Array, number, string]> = [
      ['', 422, 'CSV_EMPTY'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0x00]), 422, 'CSV_NOT_TEXT'],
      ['Name,Price\r\nMug,3\r\n', 422, 'CSV_COLUMNS_MISSING'],
      [`${HEADER.join(',')}\r\n"unterminated,1\r\n`, 422, 'CSV_MALFORMED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await upload(t.apiToken, t.shopId, body);
      expect(res.status, code).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
  });

  it('rejects rows with text PostgreSQL cannot store, row by row, and keeps the good orders', async () => {
    const t = p.tenants[1]!;
    const fine = p.tts.createOrder(t.simShopId);
    const nul = p.tts.createOrder(t.simShopId);
    const idNul = p.tts.createOrder(t.simShopId);
    const lines = [
      ...rowsOf(fine),
      ...rowsOf(nul, { Recipient: 'Ann\u0000Lee' }),
      ...rowsOf(idNul, { 'Order ID': `${idNul.id}\u0000` }),
    ];
    const before = await counts();
    const res = await upload(t.apiToken, t.shopId, csvOf(lines));
    expect(res.status).toBe(201);
    const report = (await res.json()) as {
      accepted: number;
      rejected: number;
      rejections: Array<{
        orderNumber: string | null;
        errors: Array<{ code: string; column: string; message: string }>;
      }>;
    };
    expect(report.accepted).toBe(1);
    // One rejection for the order, and one per row whose id cannot be stored: such a row
    // names no order.
    expect(new Set(report.rejections.map((r) => r.orderNumber))).toEqual(new Set([nul.id, null]));
    for (const r of report.rejections)
      expect(r.errors).toContainEqual(
        expect.objectContaining({
          code: 'INPUT_INVALID_TEXT',
          column: r.orderNumber ? 'Recipient' : 'Order ID',
        }),
      );
    expect(JSON.stringify(report)).not.toContain('\\u0000');
    const imported = await p.admin
      .selectFrom('imported_orders')
      .select('platform_order_id')
      .where('shop_id', '=', t.shopId)
      .execute();
    expect(imported.map((r) => r.platform_order_id)).toEqual([fine.id]);
    expect(await counts()).toEqual({ imports: before.imports + 1, imported: before.imported + 1 });
  });

  it('refuses a NUL in the query string with 400 INPUT_INVALID_TEXT, writing nothing', async () => {
    const t = p.tenants[1]!;
    const before = await counts();
    const res = await fetch(`${p.apiUrl}/v1/imports/orders?shop_id=${t.shopId}&filename=a%00.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiToken}`, 'content-type': 'text/csv' },
      body: csvOf(rowsOf(p.tts.createOrder(t.simShopId))),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: unknown } };
    expect(body.error).toMatchObject({
      code: 'INPUT_INVALID_TEXT',
      details: { path: 'query.filename[0]' },
    });
    expect(await counts()).toEqual(before);
  });

  it("a tenant cannot import into another tenant's shop, nor without a token", async () => {
    const [a, b] = p.tenants;
    const res = await upload(b!.apiToken, a!.shopId, file);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SHOP_NOT_FOUND');
    const anon = await fetch(`${p.apiUrl}/v1/imports/orders?shop_id=${a!.shopId}`, {
      method: 'POST',
      body: file,
    });
    expect(anon.status).toBe(401);
  });

  it('exports shipped orders in the bulk-shipping template, carrier in column 7 (R-TRK-3)', async () => {
    const t = p.tenants[0]!;
    const res = await fetch(`${p.apiUrl}/v1/exports/shipping.csv?shop_id=${t.shopId}`, {
      headers: { authorization: `Bearer ${t.apiToken}` },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(good.length + 1);
    const cells = lines[1]!.split(',').map((c) => c.replace(/^"|"$/g, ''));
    expect(cells[6]).toBe('USPS');
    expect(good.map((o) => o.id)).toContain(cells[0]);
    expect(p.tts.packages(cells[0]!)[0]!.trackingNumber).toBe(cells[7]);
  });
});
