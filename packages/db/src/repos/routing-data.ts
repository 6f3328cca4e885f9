import type { RoutingSupplier, SupplierPreferenceKind } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/** How far back a supplier's record counts for routing (the scorecard's rolling window). */
export const SCORECARD_DAYS = 30;

export interface RoutingData {
  suppliers: RoutingSupplier[];
  /** The tenant's pins, best first, and exclusions (R-RT-1). */
  pinned: string[];
  excluded: string[];
}

/** What the item codes, destination, channel and time of one order are, for routing. */
export interface RoutingDataNeed {
  itemCodes: readonly string[];
  country: string;
  carrier: string;
  now: Date;
}

/** One row of `routing_candidates`: a candidate supplier. */
export interface RoutingCandidateRow {
  id: string;
  code: string;
  countries: string[];
  carriers: string[];
  time_zone: string;
  cutoff_minute: number;
  handling_days: number;
  daily_capacity: number | null;
  items: Record<string, [number, string]> | null;
  parcel_cost_minor: string | null;
  dispatched_today: string;
  dispatched: string;
  acked_in_time: string;
  shipped: string;
  shipped_on_time: string;
  valid_tracking: string;
  preference: SupplierPreferenceKind | null;
  position: number | null;
}

/**
 * Everything routing needs for one order, in one statement (R-RT-1): the active suppliers that
 * stock any of its items, or that the tenant pinned or excluded (so the explanation can say
 * why they were not used), each with its catalog rows for those items, its parcel rate to the
 * destination by the channel, what it has taken today (its own local day) and its record over
 * the scorecard window. Runs in the tenant's transaction: preferences are read under its RLS.
 * The statement is the database function `routing_candidates`, whose plan the connection keeps.
 */
export async function loadRoutingData(trx: Trx, need: RoutingDataNeed): Promise<RoutingData> {
  const codes = [...new Set(need.itemCodes)];
  const { rows } = await sql<RoutingCandidateRow>`
    select * from routing_candidates(${codes}::text[], ${need.country}, ${need.carrier},
      ${need.now}::timestamptz, ${SCORECARD_DAYS}::int)`.execute(trx);
  return routingDataFromRows(rows);
}

/** The candidates as the pure decision takes them, with the tenant's pins in their order. */
export function routingDataFromRows(rows: readonly RoutingCandidateRow[]): RoutingData {
  const suppliers = rows.map(
    (r): RoutingSupplier => ({
      id: r.id,
      code: r.code,
      countries: r.countries,
      carriers: r.carriers,
      items: Object.fromEntries(
        Object.entries(r.items ?? {}).map(([code, [stock, cost]]) => [
          code,
          { stock, unitCostMinor: Number(cost) },
        ]),
      ),
      parcelCostMinor: r.parcel_cost_minor === null ? null : Number(r.parcel_cost_minor),
      timeZone: r.time_zone,
      cutoffMinute: r.cutoff_minute,
      handlingDays: r.handling_days,
      dailyCapacity: r.daily_capacity,
      dispatchedToday: Number(r.dispatched_today),
      record: {
        dispatched: Number(r.dispatched),
        ackedInTime: Number(r.acked_in_time),
        shipped: Number(r.shipped),
        shippedOnTime: Number(r.shipped_on_time),
        validTracking: Number(r.valid_tracking),
      },
    }),
  );
  const pins = rows.filter((r) => r.preference === 'pin');
  pins.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.code < b.code ? -1 : 1));
  return {
    suppliers,
    pinned: pins.map((r) => r.id),
    excluded: rows.filter((r) => r.preference === 'exclude').map((r) => r.id),
  };
}
