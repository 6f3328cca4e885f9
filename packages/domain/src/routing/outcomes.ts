import { DEFAULT_FULFILLMENT_POLICY } from '../policy.ts';

/**
 * How a dispatch's outcomes count in its supplier's record (R-RT-1 "measured SLA record"),
 * measured against the platform's own clocks so that suppliers compare on one scale, whatever
 * a tenant's policy allowed a single order.
 */

/** R-SLA-2: acknowledged within the platform's acknowledgement window of the dispatch. */
export function ackedInTime(dispatchedAt: Date, ackedAt: Date): boolean {
  return ackedAt.getTime() - dispatchedAt.getTime() <= DEFAULT_FULFILLMENT_POLICY.ackWindowMs;
}

/**
 * R-SLA-1: shipped by the marketplace's deadline, or within the platform's ship window of the
 * dispatch when the marketplace named none.
 */
export function shippedOnTime(dispatchedAt: Date, shippedAt: Date, shipBy: Date | null): boolean {
  const due = shipBy?.getTime() ?? dispatchedAt.getTime() + DEFAULT_FULFILLMENT_POLICY.shipWindowMs;
  return shippedAt.getTime() <= due;
}
