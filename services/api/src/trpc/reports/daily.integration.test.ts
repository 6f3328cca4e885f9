import { createTenant, withTenant } from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../../test/harness/database.ts';
import type { ApiDeps } from '../../deps.ts';
import { appRouter } from '../router.ts';

const HOUR = 60 * 60 * 1000;
const SHANGHAI = 'Asia/Shanghai'; // UTC+8 all year: local midnight is 16:00 UTC the day before

/** `YYYY-MM-DD` of an instant in a zone. */
const dayIn = (zone: string, at: Date) => at.toLocaleDateString('en-CA', { timeZone: zone });
/** That calendar day shifted by `n` days, at `hh:mm` Shanghai time. */
function shanghai(day: string, n: number, hh: number, mm = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n, hh, mm) - 8 * HOUR);
}
const plusDays = (day: string, n: number) => dayIn('UTC', shanghai(day, n, 8));

/** R-SLA-5 per day: the dashboard chart's figures, in the tenant's scope, over real PostgreSQL. */
describe('reports.daily', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let a: string;
  let b: string;
  let today: string;
  const caller = (tenantId: string) =>
    appRouter.createCaller({
      deps: { db: env.db, log: { error() {} } } as unknown as ApiDeps,
      tenantId,
    });

  /** An order received at `at`, its tracking handed back at `shippedAt`, if ever. */
  async function order(
    tenantId: string,
    v: { at: Date; shipBy?: Date; shippedAt?: Date; cancelled?: boolean },
  ) {
    const id = await withTenant(env.db, tenantId, async (trx) =>
      seedOrder(trx, {
        tenantId,
        shopId: await seedShop(trx, tenantId, `shop-${tenantId}`),
        platformOrderId: `o-${v.at.getTime()}-${Math.random()}`,
      }),
    );
    await env.admin
      .updateTable('orders')
      .set({
        created_at: v.at,
        ship_by: v.shipBy ?? null,
        status: v.cancelled ? 'cancelled' : v.shippedAt ? 'completed' : 'received',
      })
      .where('id', '=', id)
      .execute();
    if (v.shippedAt)
      await env.admin
        .insertInto('order_events')
        .values({
          tenant_id: tenantId,
          order_id: id,
          kind: 'tracking_pushed',
          dedupe_key: 'pushed',
          detail: '{}',
          at: v.shippedAt,
        })
        .execute();
  }

  beforeAll(async () => {
    env = await freshDatabase();
    a = await createTenant(env.db, 'a');
    b = await createTenant(env.db, 'b');
    const now = new Date();
    today = dayIn(SHANGHAI, now);
    // Today: one order shipped before its deadline.
    const early = new Date(now.getTime() - 60_000);
    await order(a, { at: early, shipBy: new Date(now.getTime() + HOUR), shippedAt: now });
    // Two days ago: 00:30 (still the day before in UTC) shipped late, 12:00 on time, 13:00 open,
    // and a cancelled one that counts nowhere.
    const late = shanghai(today, -2, 0, 30);
    await order(a, {
      at: late,
      shipBy: new Date(late.getTime() + HOUR),
      shippedAt: new Date(late.getTime() + 2 * HOUR),
    });
    const noon = shanghai(today, -2, 12);
    await order(a, {
      at: noon,
      shipBy: new Date(noon.getTime() + 9 * HOUR),
      shippedAt: new Date(noon.getTime() + HOUR),
    });
    await order(a, { at: shanghai(today, -2, 13) });
    await order(a, { at: shanghai(today, -2, 14), cancelled: true });
    // A week ago: outside a 7-day window, inside a 30-day one. Shipped with no deadline named.
    await order(a, { at: shanghai(today, -7, 9), shippedAt: shanghai(today, -7, 10) });
    // Tenant B's single order, today.
    await order(b, { at: early });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('gives each of the last N days in the zone, oldest first, zeros where there were none', async () => {
    const r = await caller(a).reports.daily({ days: 7, timeZone: SHANGHAI });
    expect(r.timeZone).toBe(SHANGHAI);
    expect(r.days.map((d) => d.day)).toEqual(
      [-6, -5, -4, -3, -2, -1, 0].map((n) => plusDays(today, n)),
    );
    const by = new Map(r.days.map((d) => [d.day, d]));
    expect(by.get(today)).toEqual({
      day: today,
      received: 1,
      shipped: 1,
      withDeadline: 1,
      onTime: 1,
      onTimeShare: 1,
    });
    expect(by.get(plusDays(today, -2))).toEqual({
      day: plusDays(today, -2),
      received: 3,
      shipped: 2,
      withDeadline: 2,
      onTime: 1,
      onTimeShare: 0.5,
    });
    expect(by.get(plusDays(today, -1))).toEqual({
      day: plusDays(today, -1),
      received: 0,
      shipped: 0,
      withDeadline: 0,
      onTime: 0,
      onTimeShare: null,
    });
    expect(r.days.reduce((n, d) => n + d.received, 0)).toBe(4);
  });

  it('reaches back as far as asked, and shows a shipped order with no deadline as no share', async () => {
    const r = await caller(a).reports.daily({ days: 30, timeZone: SHANGHAI });
    expect(r.days).toHaveLength(30);
    expect(r.days.find((d) => d.day === plusDays(today, -7))).toMatchObject({
      received: 1,
      shipped: 1,
      onTimeShare: null,
    });
    expect(r.days.reduce((n, d) => n + d.received, 0)).toBe(5);
  });

  it('puts an order on the day of the reader’s zone: 00:30 in Shanghai is the day before in UTC', async () => {
    const r = await caller(a).reports.daily({ days: 7, timeZone: 'UTC' });
    const utc = new Map(r.days.map((d) => [d.day, d]));
    expect(utc.get(plusDays(today, -3))).toMatchObject({ received: 1, shipped: 1, onTimeShare: 0 });
    expect(utc.get(plusDays(today, -2))).toMatchObject({ received: 2, shipped: 1, onTimeShare: 1 });
  });

  it("shows tenant B its own orders and none of tenant A's", async () => {
    const r = await caller(b).reports.daily({ days: 90, timeZone: SHANGHAI });
    expect(r.days).toHaveLength(90);
    expect(r.days.reduce((n, d) => n + d.received, 0)).toBe(1);
    expect(r.days.reduce((n, d) => n + d.shipped, 0)).toBe(0);
    expect(r.days.at(-1)).toMatchObject({ day: today, received: 1, shipped: 0, onTimeShare: null });
  });

  it('refuses a window outside 7–90 days and anything but a zone name', async () => {
    const bad = [
      { days: 6, timeZone: SHANGHAI },
      { days: 91, timeZone: SHANGHAI },
      { days: 7.5, timeZone: SHANGHAI },
      { days: 7, timeZone: '' },
      { days: 7, timeZone: '+08:00' },
      { days: 7, timeZone: 'Mars/Olympus_Mons' },
      { days: 7, timeZone: 'Asia/Shanghai\u0000' },
      { days: 7, timeZone: '../../etc/passwd' },
      { days: 7, timeZone: `Asia/${'x'.repeat(80)}` },
      { days: 7, timeZone: '\ud800' },
    ];
    for (const input of bad)
      await expect(caller(a).reports.daily(input), JSON.stringify(input)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
  });
});
