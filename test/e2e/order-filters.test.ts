import { insertDispatch, withTenant } from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import type { OrderStatus } from '@switchyard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

type Answer = {
  status: number;
  body: { result?: { data?: unknown }; error?: { data?: { appCode?: string | null } } };
};
type Page = { items: Array<{ id: string }>; nextCursor: string | null };

interface Seeded {
  id: string;
  shop: 'a' | 'b';
  status: OrderStatus;
  createdAt: Date;
  shipBy: Date | null;
  supplier: 'held' | 'withdrawn' | null;
}

/**
 * The orders list's filters (issue 12): SLA risk (R-SLA-1), supplier, shop and dates besides
 * status, alone and together, walked page by page: every page holds exactly the orders the
 * filter selects, newest first, none twice, none missed. Another tenant's shop is not found;
 * hostile filter values are a 400, never a 5xx.
 */
describe('orders.list filters with keyset paging', { timeout: 180_000 }, () => {
  let p: Platform;
  const seeded: Seeded[] = [];
  let shopB = '';
  const now = Date.now();
  const HOUR = 3_600_000;

  async function list(i: number, input: Record<string, unknown>): Promise<Answer> {
    const url = `${p.apiUrl}/trpc/orders.list?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${p.tenants[i]!.apiToken}` },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }
  /** Every page of a filter, 3 at a time, by the cursors handed out. */
  async function walk(filter: Record<string, unknown>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await list(0, { ...filter, limit: 3, ...(cursor && { cursor }) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const page = r.body.result!.data as Page;
      ids.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }
  const expected = (pick: (o: Seeded) => boolean) =>
    seeded
      .filter(pick)
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1))
      .map((o) => o.id);

  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    const t = p.tenants[0]!;
    const statuses: OrderStatus[] = ['received', 'on_hold', 'dispatched', 'shipped', 'completed'];
    const shipBys = [-5 * HOUR, 20 * HOUR, 100 * HOUR, null];
    await withTenant(p.db, t.tenantId, async (trx) => {
      shopB = await seedShop(trx, t.tenantId, 'filters-shop-b');
      for (let i = 0; i < 24; i++) {
        const shop = i % 3 === 0 ? 'b' : 'a';
        const id = await seedOrder(trx, {
          tenantId: t.tenantId,
          shopId: shop === 'a' ? t.shopId : shopB,
          platformOrderId: `filters-${i}`,
        });
        // Two orders share a creation time: the keyset's id breaks the tie.
        const createdAt = new Date(now - (i === 7 ? 6 : i) * HOUR);
        const offset = shipBys[i % shipBys.length]!;
        const o: Seeded = {
          id,
          shop,
          status: statuses[i % statuses.length]!,
          createdAt,
          shipBy: offset === null ? null : new Date(now + offset),
          supplier: i % 4 === 1 ? 'held' : i % 4 === 2 ? 'withdrawn' : null,
        };
        seeded.push(o);
        if (o.supplier) {
          await insertDispatch(trx, {
            id: `filters-d-${i}`,
            tenantId: t.tenantId,
            orderId: id,
            supplierId: p.supplierId,
            workflowId: `wf-filters-${i}`,
            attempt: 1,
          });
        }
      }
    });
    for (const o of seeded) {
      await p.admin
        .updateTable('orders')
        .set({ status: o.status, created_at: o.createdAt, ship_by: o.shipBy })
        .where('id', '=', o.id)
        .execute();
      if (o.supplier === 'withdrawn')
        await p.admin
          .updateTable('dispatches')
          .set({ status: 'withdrawn' })
          .where('order_id', '=', o.id)
          .execute();
    }
    // Tenant B: an order of its own at the same supplier, due now: never in A's lists.
    const b = p.tenants[1]!;
    await withTenant(p.db, b.tenantId, async (trx) => {
      const id = await seedOrder(trx, {
        tenantId: b.tenantId,
        shopId: b.shopId,
        platformOrderId: 'b-1',
      });
      await insertDispatch(trx, {
        id: 'filters-d-b',
        tenantId: b.tenantId,
        orderId: id,
        supplierId: p.supplierId,
        workflowId: 'wf-filters-b',
        attempt: 1,
      });
    });
  });
  afterAll(async () => {
    await p?.close();
  });

  const open = (o: Seeded) =>
    ['received', 'on_hold', 'dispatched', 'acknowledged', 'partially_shipped'].includes(o.status);
  const cases: Array<[string, Record<string, unknown>, (o: Seeded) => boolean]> = [
    ['no filter', {}, () => true],
    ['status', { status: 'on_hold' }, (o) => o.status === 'on_hold'],
    ['shop', { shopB: true }, (o) => o.shop === 'b'],
    ['supplier', { supplier: true }, (o) => o.supplier === 'held'],
    ['late', { slaRisk: 'late' }, (o) => open(o) && o.shipBy !== null && o.shipBy.getTime() < now],
    [
      'at risk',
      { slaRisk: 'at_risk' },
      (o) => open(o) && o.shipBy !== null && o.shipBy.getTime() < now + 48 * HOUR,
    ],
    [
      'dates',
      {
        createdFrom: new Date(now - 12.5 * HOUR).toISOString(),
        createdBefore: new Date(now - 2.5 * HOUR).toISOString(),
      },
      (o) => o.createdAt.getTime() >= now - 12.5 * HOUR && o.createdAt.getTime() < now - 2.5 * HOUR,
    ],
    [
      'shop, at risk and dates together',
      { shopB: true, slaRisk: 'at_risk', createdFrom: new Date(now - 30 * HOUR).toISOString() },
      (o) =>
        o.shop === 'b' &&
        open(o) &&
        o.shipBy !== null &&
        o.shipBy.getTime() < now + 48 * HOUR &&
        o.createdAt.getTime() >= now - 30 * HOUR,
    ],
  ];

  for (const [name, raw, pick] of cases)
    it(`pages through exactly the selected orders: ${name}`, async () => {
      const { shopB: b, supplier, ...filter } = raw;
      const input = {
        ...filter,
        ...(b ? { shopId: shopB } : {}),
        ...(supplier ? { supplierId: p.supplierId } : {}),
      };
      const want = expected(pick);
      // A filter that selects nothing would prove nothing (the seed covers each).
      if (name !== 'no filter') expect(want.length, name).toBeGreaterThan(0);
      expect(await walk(input)).toEqual(want);
    });

  it('answers NOT_FOUND for another tenant’s shop, and never lists its orders', async () => {
    const r = await list(0, { shopId: p.tenants[1]!.shopId });
    expect({ status: r.status, appCode: r.body.error?.data?.appCode }).toEqual({
      status: 404,
      appCode: 'SHOP_NOT_FOUND',
    });
    const bySupplier = await walk({ supplierId: p.supplierId });
    const tenantB = await list(1, { supplierId: p.supplierId });
    const bIds = (tenantB.body.result!.data as Page).items.map((o) => o.id);
    expect(bIds).toHaveLength(1);
    expect(bySupplier.some((id) => bIds.includes(id))).toBe(false);
  });

  it('refuses hostile filter values with a 400 and a code, never a 5xx', async () => {
    const bad: Array<Record<string, unknown>> = [
      { shopId: 'a\u0000b' },
      { shopId: '\ud800' },
      { supplierId: 'x'.repeat(3000) },
      { slaRisk: 'soon' },
      { slaRisk: '\u0000' },
      { createdFrom: 'yesterday' },
      { createdFrom: '2026-11-30T00:00:00Z', createdBefore: '2026-11-29T00:00:00Z' },
      { createdBefore: '9999-99-99T99:99:99Z' },
      { status: 'shipped', shopId: 42 },
    ];
    for (const input of bad) {
      const r = await list(0, input);
      expect(r.status, JSON.stringify(input).slice(0, 80)).toBe(400);
    }
  });
});
