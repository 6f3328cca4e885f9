import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withTenant } from '../client.ts';
import { seedShop } from '../testing/seed.ts';
import { type PromiseFigures, promiseFigures } from './reports.ts';
import { createTenant } from './tenants.ts';

type Env = Awaited<ReturnType<typeof freshDatabase>>;
const HOUR = 3600 * 1000;
const KINDS = ['received', 'dispatched', 'tracking_pushed', 'tracking_ready_for_export'] as const;

/** A small deterministic generator: the same seed, the same data set. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Order {
  id: string;
  tenantId: string;
  createdAt: number;
  shipBy: number | null;
  status: string;
}
interface Event {
  orderId: string;
  kind: string;
  at: number;
}

/** R-SLA-5 computed the plain way, from every row of one tenant, for comparison. */
function reference(orders: Order[], events: Event[], since: number, promiseS: number) {
  const counted = orders.filter((o) => o.createdAt >= since && o.status !== 'cancelled');
  let shipped = 0;
  let sumS = 0;
  let within = 0;
  let withDeadline = 0;
  let beforeDeadline = 0;
  for (const o of counted) {
    const back = events
      .filter((e) => e.orderId === o.id && e.kind.startsWith('tracking_'))
      .map((e) => e.at);
    if (back.length === 0) continue;
    const at = Math.min(...back);
    shipped++;
    sumS += (at - o.createdAt) / 1000;
    if (at - o.createdAt <= promiseS * 1000) within++;
    if (o.shipBy !== null) withDeadline++;
    if (o.shipBy !== null && at <= o.shipBy) beforeDeadline++;
  }
  return {
    orders: counted.length,
    shipped,
    meanResponseS: shipped ? sumS / shipped : null,
    withinPromise: within,
    withDeadline,
    beforeDeadline,
  } satisfies PromiseFigures;
}

/**
 * The promise report's figures against a plain computation, on a randomized data set of two
 * tenants (orders over 40 days, some cancelled, some without deadline, none to several
 * hand-back events each, at times from its receipt on). Guards the
 * report's results while its indexes change (20261202010000_order_events_shipped).
 */
describe('promise figures (R-SLA-5)', () => {
  let env: Env;
  const tenants: string[] = [];
  const orders: Order[] = [];
  const events: Event[] = [];
  const now = Date.now();

  beforeAll(async () => {
    env = await freshDatabase();
    const rand = mulberry32(Number(process.env.REPORTS_SEED ?? 12));
    for (const name of ['A', 'B']) {
      const tenantId = await createTenant(env.db, name);
      tenants.push(tenantId);
      const shopId = await withTenant(env.db, tenantId, (trx) => seedShop(trx, tenantId, name));
      for (let i = 0; i < 150; i++) {
        const createdAt = now - Math.floor(rand() * 40 * 24 * HOUR);
        const r = rand();
        const status = r < 0.1 ? 'cancelled' : r < 0.6 ? 'completed' : 'dispatched';
        const shipBy = rand() < 0.2 ? null : createdAt + Math.floor(rand() * 72 * HOUR);
        const { rows } = await sql<{ id: string }>`
          insert into orders (tenant_id, shop_id, platform_order_id, workflow_id, status, ship_by,
            created_at)
          values (${tenantId}, ${shopId}, ${`${name}-${i}`}, ${`wf-${name}-${i}`}, ${status},
            ${shipBy === null ? null : new Date(shipBy)}, ${new Date(createdAt)})
          returning id`.execute(env.admin);
        const id = rows[0]!.id;
        orders.push({ id, tenantId, createdAt, shipBy, status });
        const n = Math.floor(rand() * 4);
        for (let k = 0; k < n; k++) {
          const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
          // As the platform writes them: after the order (see promiseFigures), up to 4 days on.
          const at = createdAt + Math.floor(rand() * 96 * HOUR);
          events.push({ orderId: id, kind, at });
          await sql`
            insert into order_events (tenant_id, order_id, kind, dedupe_key, at)
            values (${tenantId}, ${id}, ${kind}, ${`${kind}-${k}`}, ${new Date(at)})`.execute(
            env.admin,
          );
        }
      }
    }
    await sql`analyze`.execute(env.admin);
  });
  afterAll(() => env?.close());

  it('counts each tenant’s orders as the plain computation does, for any window', async () => {
    const shippedSomewhere = events.some((e) => e.kind.startsWith('tracking_'));
    expect(shippedSomewhere).toBe(true);
    for (const tenantId of tenants)
      for (const days of [1, 7, 30, 90])
        for (const promiseS of [3600, 24 * 3600]) {
          const since = now - days * 24 * HOUR;
          const got = await withTenant(env.db, tenantId, (trx) =>
            promiseFigures(trx, { since: new Date(since), promiseS }),
          );
          const want = reference(
            orders.filter((o) => o.tenantId === tenantId),
            events,
            since,
            promiseS,
          );
          expect({ ...got, meanResponseS: null }).toEqual({ ...want, meanResponseS: null });
          if (want.meanResponseS === null) expect(got.meanResponseS).toBeNull();
          else expect(got.meanResponseS).toBeCloseTo(want.meanResponseS, 3);
        }
  });
});
