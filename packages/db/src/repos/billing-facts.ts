import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/**
 * What the supplier's parcel to this order costs: its quoted rate for the order's destination
 * and carrier (`supplier_rates`, the parcel part of routing's landed cost), in the settlement
 * currency's minor units. Undefined when the supplier quotes none.
 */
export async function logisticsCostOf(
  trx: Trx,
  v: { supplierId: string; orderId: string },
): Promise<bigint | undefined> {
  const r = await trx
    .selectFrom('orders as o')
    .innerJoin('supplier_rates as r', (j) =>
      j.onRef('r.country', '=', 'o.ship_country').onRef('r.carrier', '=', 'o.carrier'),
    )
    .select('r.parcel_cost_minor')
    .where('o.id', '=', v.orderId)
    .where('r.supplier_id', '=', v.supplierId)
    .executeTakeFirst();
  return r && BigInt(r.parcel_cost_minor);
}

/**
 * An order's receipt, its marketplace deadline and when its first tracking went back (pushed,
 * or ready for the seller's export): the R-SLA-5 response as `reports.promise` measures it.
 */
export async function responseTimesOf(trx: Trx, orderId: string) {
  return trx
    .selectFrom('orders as o')
    .select((eb) => [
      'o.created_at as receivedAt',
      'o.ship_by as shipBy',
      eb
        .selectFrom('order_events as e')
        .select(sql<Date | null>`min(e.at)`.as('at'))
        .whereRef('e.order_id', '=', 'o.id')
        .where('e.kind', 'in', ['tracking_pushed', 'tracking_ready_for_export'])
        .as('respondedAt'),
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
}
