import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/** One calendar day of a tenant's orders, counted as the promise report counts them (R-SLA-5). */
export interface DailyFigures {
  /** The day in the caller's time zone, `YYYY-MM-DD`. */
  day: string;
  /** Orders received that day, cancelled ones left out. */
  received: number;
  /** Of those, with tracking handed back (pushed, or ready for the seller's export). */
  shipped: number;
  /** Shipped ones with a marketplace deadline, and those that met it (R-SLA-1). */
  withDeadline: number;
  beforeDeadline: number;
}

/**
 * The tenant's orders of the last `days` calendar days in `timeZone` (today included), one row
 * per day, oldest first; a day without orders comes back as zeros. Each order counts on the day
 * it was received, so a day's shipped and on-time figures fill in as its orders ship. Runs in
 * the tenant's transaction (RLS) and reads two index ranges from the window's start: orders
 * through orders_tenant_created, shipping events through order_events_tenant_shipped.
 * `timeZone` must be a zone name PostgreSQL knows (the caller validates it).
 */
export async function dailyFigures(
  trx: Trx,
  v: { days: number; timeZone: string; now: Date },
): Promise<DailyFigures[]> {
  // Local midnight of the window's first day, as an instant: a constant for the planner, so
  // both ranges below are index ranges.
  const today = sql`(${v.now}::timestamptz at time zone ${v.timeZone})::date`;
  const since = sql`((${today} - ${v.days - 1}::int)::timestamp at time zone ${v.timeZone})`;
  const { rows } = await sql<{
    day: string;
    received: string;
    shipped: string;
    with_deadline: string;
    before_deadline: string;
  }>`
    with days as (
      select d::date as day
      from generate_series(${today} - ${v.days - 1}::int, ${today}, interval '1 day') d
    ), shipped as (
      -- An order's tracking goes back after it arrived, so from the window's start on.
      select e.order_id, min(e.at) as at from order_events e
      where e.kind in ('tracking_pushed', 'tracking_ready_for_export') and e.at >= ${since}
      group by e.order_id
    ), received as (
      select (o.created_at at time zone ${v.timeZone})::date as day, s.at, o.ship_by
      from orders o left join shipped s on s.order_id = o.id
      where o.created_at >= ${since} and o.status <> 'cancelled'
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
      count(r.day) as received,
      count(r.at) as shipped,
      count(*) filter (where r.at is not null and r.ship_by is not null) as with_deadline,
      count(*) filter (where r.at <= r.ship_by) as before_deadline
    from days left join received r on r.day = days.day
    group by days.day
    order by days.day`.execute(trx);
  return rows.map((r) => ({
    day: r.day,
    received: Number(r.received),
    shipped: Number(r.shipped),
    withDeadline: Number(r.with_deadline),
    beforeDeadline: Number(r.before_deadline),
  }));
}
