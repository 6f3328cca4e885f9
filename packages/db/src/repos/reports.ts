import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/** A tenant's orders since a time, as the platform's own promise counts them (R-SLA-5). */
export interface PromiseFigures {
  /** Orders received, cancelled ones left out. */
  orders: number;
  /** Of those, with tracking handed back (pushed, or ready for the seller's export). */
  shipped: number;
  /** Mean time from receipt to tracking handed back, over the shipped ones; null: none. */
  meanResponseS: number | null;
  /** Shipped ones whose tracking went back within `promiseS` of receipt. */
  withinPromise: number;
  /** Shipped ones with a marketplace deadline, and those that met it (R-SLA-1). */
  withDeadline: number;
  beforeDeadline: number;
}

/**
 * R-SLA-5: how the tenant's orders since `since` measure against the platform's promise of a
 * shipping response (receipt to tracking handed back). Runs in the tenant's transaction, so it
 * counts that tenant's orders only (RLS).
 *
 * The hand-back events are read as one range of the window (order_events_tenant_shipped) and
 * joined by hash, not probed order by order: at 1,000,000 orders a week's probes took seconds.
 * The range loses nothing: an event's `at` and an order's `created_at` are both the database's
 * clock at insertion, and an order's events are written after it, so every hand-back of an
 * order received since `since` is itself since `since`.
 */
export async function promiseFigures(
  trx: Trx,
  v: { since: Date; promiseS: number },
): Promise<PromiseFigures> {
  const { rows } = await sql<{
    orders: string;
    shipped: string;
    mean_s: number | null;
    within: string;
    with_deadline: string;
    before_deadline: string;
  }>`
    select count(*) as orders,
      count(s.at) as shipped,
      avg(extract(epoch from s.at - o.created_at))::float8 as mean_s,
      count(*) filter (where s.at - o.created_at <= make_interval(secs => ${v.promiseS}))
        as within,
      count(*) filter (where s.at is not null and o.ship_by is not null) as with_deadline,
      count(*) filter (where s.at <= o.ship_by) as before_deadline
    from orders o
    left join (
      select e.order_id, min(e.at) as at from order_events e
      where e.kind in ('tracking_pushed', 'tracking_ready_for_export') and e.at >= ${v.since}
      group by e.order_id
    ) s on s.order_id = o.id
    where o.created_at >= ${v.since} and o.status <> 'cancelled'`.execute(trx);
  const r = rows[0]!;
  return {
    orders: Number(r.orders),
    shipped: Number(r.shipped),
    meanResponseS: r.mean_s === null ? null : Number(r.mean_s),
    withinPromise: Number(r.within),
    withDeadline: Number(r.with_deadline),
    beforeDeadline: Number(r.before_deadline),
  };
}
