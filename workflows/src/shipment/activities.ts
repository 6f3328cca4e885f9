import { type CarrierTracking, CarrierTrackingError, MAX_BATCH } from '@switchyard/carriers';
import {
  type AwaitingShipment,
  appendOrderEvent,
  getOrder,
  listShipmentsAwaitingFirstScan,
  markFirstScanMissing,
  notifyTenant,
  recordFirstScan,
  withTenant,
} from '@switchyard/db';
import { type CarrierTrackingStatus, describeDuration } from '@switchyard/domain';
import { Context } from '@temporalio/activity';
import { type SupplierNoticeDeps, sendSupplierNotice } from '../shared/supplier-notice.ts';

/** What the shipment activities need; the worker wires the real ones. */
export interface ShipmentActivityDeps extends SupplierNoticeDeps {
  /** Absent: no carrier to ask, so the sweep does nothing (it never alerts blind). */
  carriers?: CarrierTracking | undefined;
}

// Batches per pass; what is left waits for the next pass.
const MAX_BATCHES = 20;

function heartbeat(details: unknown) {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (a test calling the function): nothing to report to.
  }
}

/** Activities of the first-scan watch (R-SLA-1). */
export function createShipmentActivities(deps: ShipmentActivityDeps) {
  /** Stores the first scan and its timeline step, once. */
  async function recordScan(s: AwaitingShipment, status: CarrierTrackingStatus, at: Date) {
    await withTenant(deps.db, s.tenantId, async (trx) => {
      const stored = await recordFirstScan(trx, { ...s, status, firstScanAt: at });
      if (!stored) return;
      await appendOrderEvent(trx, {
        tenantId: s.tenantId,
        orderId: s.orderId,
        kind: 'first_scan_recorded',
        dedupeKey: `first_scan_recorded:${s.trackingNumber}`,
        detail: {
          trackingNumber: s.trackingNumber,
          carrier: s.carrier,
          firstScanAt: at.toISOString(),
        },
      });
    });
  }

  /**
   * Reminds the supplier (its connector; the notice id dedupes a repeat), then alerts the
   * tenant once. False when the supplier could not be reached: the parcel waits for the next
   * pass, so neither is lost.
   */
  async function alert(s: AwaitingShipment, status: CarrierTrackingStatus, windowMs: number) {
    const notice = await sendSupplierNotice(deps, s, {
      type: 'shipment.first_scan_missing',
      notice_id: `first_scan_missing:${s.dispatchId}:${s.trackingNumber}`,
      dispatch_id: s.dispatchId,
      tracking_number: s.trackingNumber,
      carrier: s.carrier,
      pushed_at: s.pushedAt.toISOString(),
    });
    if (notice === 'failed') return false;
    return withTenant(deps.db, s.tenantId, async (trx) => {
      if (!(await markFirstScanMissing(trx, { ...s, status }))) return false;
      const order = await getOrder(trx, s.orderId);
      const ref = order?.platform_order_id ?? s.orderId;
      await notifyTenant(trx, {
        tenantId: s.tenantId,
        shopId: s.shopId,
        kind: 'first_scan_missing',
        message: `Order ${ref}: ${s.carrier} has not scanned parcel ${s.trackingNumber} ${describeDuration(windowMs)} after its tracking was pushed (carrier status: ${status}); the supplier was asked to check.`,
        dedupeKey: `first_scan_missing:${s.orderId}:${s.trackingNumber}`,
      });
      await appendOrderEvent(trx, {
        tenantId: s.tenantId,
        orderId: s.orderId,
        kind: 'first_scan_missing',
        dedupeKey: `first_scan_missing:${s.trackingNumber}`,
        detail: {
          rule: 'R-SLA-1',
          trackingNumber: s.trackingNumber,
          carrier: s.carrier,
          carrierStatus: status,
          pushedAt: s.pushedAt.toISOString(),
          supplierNotice: notice,
        },
      });
      return true;
    });
  }

  return {
    /**
     * One pass of the first-scan watch (R-SLA-1): parcels pushed back more than
     * `firstScanWindowMs` ago with no first scan, oldest first, asked about in batches.
     * Idempotent: a parcel is alerted once, a scan recorded once, whatever is retried. A carrier
     * outage ends the pass early; the next one asks again.
     */
    async sweepFirstScans({
      firstScanWindowMs,
    }: {
      firstScanWindowMs: number;
    }): Promise<{ checked: number; scanned: number; alerted: number; carrierError?: string }> {
      const totals = { checked: 0, scanned: 0, alerted: 0 };
      const carriers = deps.carriers;
      if (!carriers) return totals;
      const before = new Date(Date.now() - firstScanWindowMs);
      for (let b = 0; b < MAX_BATCHES; b++) {
        const due = await listShipmentsAwaitingFirstScan(deps.db, before, MAX_BATCH);
        if (due.length === 0) break;
        let answers: Awaited<ReturnType<CarrierTracking['lookupMany']>>;
        try {
          answers = await carriers.lookupMany(
            due.map((s) => ({ carrier: s.carrier, trackingNumber: s.trackingNumber })),
          );
        } catch (err) {
          if (err instanceof CarrierTrackingError) return { ...totals, carrierError: err.code };
          throw err;
        }
        let waiting = 0;
        for (const [i, s] of due.entries()) {
          const a = answers[i]!;
          totals.checked += 1;
          if (a.firstScanAt) {
            await recordScan(s, a.status, a.firstScanAt);
            totals.scanned += 1;
          } else if (await alert(s, a.status, firstScanWindowMs)) totals.alerted += 1;
          else waiting += 1;
        }
        heartbeat(totals);
        // A parcel left waiting would come back first in the next batch: leave it to the next pass.
        if (waiting > 0 || due.length < MAX_BATCH) break;
      }
      return totals;
    },
  };
}

export type ShipmentActivities = ReturnType<typeof createShipmentActivities>;
