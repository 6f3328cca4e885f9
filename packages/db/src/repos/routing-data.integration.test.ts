import { type RouteDecision, type RoutingSupplier, routeOrder } from '@switchyard/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withTenant } from '../client.ts';
import {
  createRoutingReference,
  loadRoutingDataByReference,
} from '../testing/routing-reference.ts';
import { loadRoutingData, type RoutingData } from './routing-data.ts';
import { addSupplierDay, setSupplierPreference } from './supplier-registry.ts';
import { createTenant } from './tenants.ts';

/** A small deterministic generator (mulberry32), so a failure repeats. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

const ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Pacific/Kiritimati'];
const ITEMS = 30;
const SUPPLIERS = 40;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;

const byCode = (d: RoutingData) => ({
  ...d,
  suppliers: [...d.suppliers].sort((a: RoutingSupplier, b) => (a.code < b.code ? -1 : 1)),
});

/**
 * R-RT-1: routing reads each candidate's record from running totals (two rows) instead of
 * summing its 30 days on every order. On a network written every way the platform writes it
 * (bulk, day by day, outcome by outcome, late counts on an earlier day, a correction of every
 * day at once, days ahead of the order's own), it loads the same candidates as the reference
 * statement, and the decision is the same.
 */
describe('routing data from running totals', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  const tenants: string[] = [];
  const rnd = prng(20261130);

  beforeAll(async () => {
    env = await freshDatabase();
    await createRoutingReference(env.admin);
    for (let g = 0; g < SUPPLIERS; g++) {
      const row = await env.admin
        .insertInto('suppliers')
        .values({
          code: `S${String(g).padStart(2, '0')}`,
          name: `S${g}`,
          endpoint_url: `https://s${g}.example/d`,
          signing_secret_enc: 'x',
          countries: g % 9 === 0 ? ['GB'] : ['US', 'GB'],
          carriers: g % 7 === 0 ? ['UPS'] : ['USPS', 'UPS'],
          time_zone: ZONES[g % ZONES.length]!,
          handling_days: g % 3,
          cutoff_minute: 300 + rnd.int(1_000),
          daily_capacity: g % 4 === 0 ? 3 + rnd.int(5) : null,
          active: g % 13 !== 5,
          paused_at: g % 17 === 3 ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const items = Array.from({ length: 8 }, (_, k) => (g * 3 + k * 5) % ITEMS);
      await env.admin
        .insertInto('supplier_items')
        .values(
          [...new Set(items)].map((k) => {
            const stock = rnd.int(6);
            return {
              supplier_id: row.id,
              supplier_item_code: `IT-${k}`,
              stock,
              reserved: rnd.int(stock + 2),
              unit_cost_minor: 100 + rnd.int(500),
            };
          }),
        )
        .execute();
      if (g % 11 !== 4)
        await env.admin
          .insertInto('supplier_rates')
          .values({
            supplier_id: row.id,
            country: 'US',
            carrier: 'USPS',
            parcel_cost_minor: 200 + rnd.int(400),
          })
          .execute();
      // Days from 45 before to 2 after the first order, in no particular order, one statement.
      const days = [...new Set(Array.from({ length: 25 }, () => rnd.int(48) - 45))];
      await env.admin
        .insertInto('supplier_days')
        .values(
          days.map((d) => ({
            supplier_id: row.id,
            day: new Date(NOW + d * DAY).toISOString().slice(0, 10),
            dispatched: rnd.int(30),
            acked_in_time: rnd.int(30),
            shipped: rnd.int(30),
            shipped_on_time: rnd.int(30),
            valid_tracking: rnd.int(30),
          })),
        )
        .execute();
      // Outcomes as the platform counts them, on the supplier's local day of the database clock.
      for (let k = rnd.int(4); k > 0; k--)
        await env.db.transaction().execute((trx) =>
          addSupplierDay(trx, row.id, {
            dispatched: 1,
            ackedInTime: rnd.int(2),
            shipped: rnd.int(2),
            shippedOnTime: rnd.int(2),
            validTracking: rnd.int(2),
          }),
        );
      // A correction of every day at once, in one statement.
      if (g % 3 === 0)
        await sql`update supplier_days set acked_in_time = acked_in_time + 1
          where supplier_id = ${row.id}`.execute(env.admin);
      // A count that lands on an earlier day after later days were written.
      await sql`
        update supplier_days set shipped = shipped + 3, valid_tracking = valid_tracking + 1
        where supplier_id = ${row.id}
          and day = (select min(day) from supplier_days where supplier_id = ${row.id})`.execute(
        env.admin,
      );
    }
    for (const name of ['A', 'B']) tenants.push(await createTenant(env.db, name));
    const ids = (
      await env.admin.selectFrom('suppliers').select('id').orderBy('code').execute()
    ).map((r) => r.id);
    await withTenant(env.db, tenants[0]!, async (trx) => {
      await setSupplierPreference(trx, tenants[0]!, ids[2]!, { kind: 'pin', position: 1 });
      await setSupplierPreference(trx, tenants[0]!, ids[6]!, { kind: 'pin', position: 0 });
      await setSupplierPreference(trx, tenants[0]!, ids[10]!, { kind: 'exclude' });
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  const wrongTotals = async () => {
    const { rows } = await sql<{ wrong: number; days: number }>`
      select count(*) filter (where d.total_dispatched <> t.dispatched
          or d.total_acked_in_time <> t.acked or d.total_shipped <> t.shipped
          or d.total_shipped_on_time <> t.on_time or d.total_valid_tracking <> t.valid)::int
          as wrong, count(*)::int as days
      from supplier_days d join (
        select supplier_id, day, sum(dispatched) over w as dispatched,
          sum(acked_in_time) over w as acked, sum(shipped) over w as shipped,
          sum(shipped_on_time) over w as on_time, sum(valid_tracking) over w as valid
        from supplier_days window w as (partition by supplier_id order by day)
      ) t using (supplier_id, day)`.execute(env.admin);
    return rows[0]!;
  };

  it('keeps every day’s totals equal to the sum of the supplier’s days up to it', async () => {
    const { wrong, days } = await wrongTotals();
    expect(days).toBeGreaterThan(SUPPLIERS * 15);
    expect(wrong).toBe(0);
  });

  it('keeps them while a late count on one day and the next day’s first count race', async () => {
    const { id } = await env.admin
      .insertInto('suppliers')
      .values({
        code: 'RACE',
        name: 'RACE',
        endpoint_url: 'https://race.example/d',
        signing_secret_enc: 'x',
        countries: ['US'],
        carriers: ['USPS'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await env.admin
      .insertInto('supplier_days')
      .values({ supplier_id: id, day: '2026-11-29', shipped: 2 })
      .execute();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const pause = () => new Promise((r) => setTimeout(r, 200));
    // A transaction that began before midnight counts on the old day and commits late…
    const late = env.db.transaction().execute(async (trx) => {
      await sql`update supplier_days set shipped = shipped + 5
        where supplier_id = ${id} and day = '2026-11-29'`.execute(trx);
      await gate;
    });
    await pause();
    // …while the new day's first outcome starts its totals from the old day's.
    const next = env.db
      .transaction()
      .execute((trx) =>
        sql`insert into supplier_days (supplier_id, day, shipped) values (${id}, '2026-11-30', 1)`.execute(
          trx,
        ),
      );
    await pause();
    release();
    await Promise.all([late, next]);
    const today = await env.admin
      .selectFrom('supplier_days')
      .select('total_shipped')
      .where('supplier_id', '=', id)
      .where(sql<boolean>`day = '2026-11-30'`)
      .executeTakeFirstOrThrow();
    expect(Number(today.total_shipped)).toBe(8);
    expect((await wrongTotals()).wrong).toBe(0);
  });

  it('refuses to move counts to another supplier or day', async () => {
    await expect(sql`update supplier_days set day = day - 1`.execute(env.admin)).rejects.toThrow(
      /fixed/,
    );
  });

  it('loads the same candidates and takes the same decision as the reference', async () => {
    const kinds = new Set<RouteDecision['kind']>();
    for (let k = 0; k < 300; k++) {
      const tenantId = tenants[k % 2]!;
      // Orders over several days and every hour, so local days and windows differ.
      const now = new Date(NOW - 3 * DAY + rnd.int(6 * DAY));
      const lines = Array.from({ length: 1 + rnd.int(3) }, () => ({
        supplierItemCode: `IT-${rnd.int(ITEMS + 2)}`,
        quantity: 1 + rnd.int(3),
      }));
      const need = {
        itemCodes: lines.map((l) => l.supplierItemCode),
        country: rnd.int(5) === 0 ? 'GB' : 'US',
        carrier: rnd.int(5) === 0 ? 'UPS' : 'USPS',
        now,
      };
      const [fast, reference] = await withTenant(env.db, tenantId, async (trx) => [
        await loadRoutingData(trx, need),
        await loadRoutingDataByReference(trx, need),
      ]);
      expect(byCode(fast)).toEqual(byCode(reference));
      const decide = (d: RoutingData) =>
        routeOrder(d.suppliers, {
          country: need.country,
          carrier: need.carrier,
          lines,
          nowMs: now.getTime(),
          shipByMs: now.getTime() + 48 * 3_600_000,
          pinned: d.pinned,
          excluded: d.excluded,
        });
      const decision = decide(fast);
      expect(decision).toEqual(decide(reference));
      kinds.add(decision.kind);
    }
    // The orders reach every kind of decision, so each path was compared.
    expect([...kinds].sort()).toEqual(['none', 'single', 'split']);
  });
});
