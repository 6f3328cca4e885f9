import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';
import type { CarrierTrackingStatus } from '../schema.ts';

/** A parcel pushed back, as the first-scan sweep reads it (R-SLA-1). */
export interface AwaitingShipment {
  tenantId: string;
  orderId: string;
  trackingNumber: string;
  carrier: string;
  dispatchId: string;
  supplierId: string;
  shopId: string;
  pushedAt: Date;
}

/**
 * Records a pushed-back parcel once; a retried push-back changes nothing. `firstScanAt` when
 * the carrier had scanned it already at the push.
 */
export async function recordShipment(
  trx: Trx,
  v: {
    tenantId: string;
    orderId: string;
    trackingNumber: string;
    carrier: string;
    dispatchId: string;
    supplierId: string;
    shopId: string;
    carrierStatus: CarrierTrackingStatus | null;
    firstScanAt: Date | null;
  },
) {
  await trx
    .insertInto('shipments')
    .values({
      tenant_id: v.tenantId,
      order_id: v.orderId,
      tracking_number: v.trackingNumber,
      carrier: v.carrier,
      dispatch_id: v.dispatchId,
      supplier_id: v.supplierId,
      shop_id: v.shopId,
      carrier_status: v.carrierStatus,
      checked_at: v.carrierStatus === null ? null : new Date(),
      first_scan_at: v.firstScanAt,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'order_id', 'tracking_number']).doNothing())
    .execute();
}

/**
 * Parcels pushed back before `before` with neither a first scan nor an alert yet, oldest
 * first, across tenants (a SECURITY DEFINER function: ids and numbers only).
 */
export async function listShipmentsAwaitingFirstScan(
  db: Db,
  before: Date,
  limit: number,
): Promise<AwaitingShipment[]> {
  const { rows } = await sql<{
    tenant_id: string;
    order_id: string;
    tracking_number: string;
    carrier: string;
    dispatch_id: string;
    supplier_id: string;
    shop_id: string;
    pushed_at: Date;
  }>`select * from shipments_awaiting_first_scan(${before}, ${limit})`.execute(db);
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    orderId: r.order_id,
    trackingNumber: r.tracking_number,
    carrier: r.carrier,
    dispatchId: r.dispatch_id,
    supplierId: r.supplier_id,
    shopId: r.shop_id,
    pushedAt: new Date(r.pushed_at),
  }));
}

type ShipmentKey = { orderId: string; trackingNumber: string };

/**
 * Stores the carrier's first scan; true only for the call that stored it (so its timeline
 * step is written once).
 */
export async function recordFirstScan(
  trx: Trx,
  v: ShipmentKey & { status: CarrierTrackingStatus; firstScanAt: Date },
): Promise<boolean> {
  const row = await trx
    .updateTable('shipments')
    .set({ carrier_status: v.status, first_scan_at: v.firstScanAt, checked_at: new Date() })
    .where('order_id', '=', v.orderId)
    .where('tracking_number', '=', v.trackingNumber)
    .where('first_scan_at', 'is', null)
    .returning('order_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks the parcel alerted for a missing first scan; true only for the call that marked it,
 * so the tenant is alerted once per parcel whatever is retried (R-SLA-1).
 */
export async function markFirstScanMissing(
  trx: Trx,
  v: ShipmentKey & { status: CarrierTrackingStatus },
): Promise<boolean> {
  const row = await trx
    .updateTable('shipments')
    .set({ carrier_status: v.status, alerted_at: new Date(), checked_at: new Date() })
    .where('order_id', '=', v.orderId)
    .where('tracking_number', '=', v.trackingNumber)
    .where('first_scan_at', 'is', null)
    .where('alerted_at', 'is', null)
    .returning('order_id')
    .executeTakeFirst();
  return row !== undefined;
}
