import type { CarrierTrackingStatus } from '@switchyard/domain';

export { CARRIER_TRACKING_STATUSES, type CarrierTrackingStatus } from '@switchyard/domain';

/** One number as the carrier knows it. */
export interface CarrierTrackingResult {
  /** Our carrier code, as asked. */
  carrier: string;
  trackingNumber: string;
  status: CarrierTrackingStatus;
  /** The carrier's first physical scan (R-SLA-1); null until the parcel has been scanned. */
  firstScanAt: Date | null;
}

/** A number to look up. */
export interface CarrierTrackingQuery {
  carrier: string;
  trackingNumber: string;
}

export interface LookupOptions {
  /** Cancels the call (e.g. the Temporal activity's cancellation signal). */
  signal?: AbortSignal;
}

/**
 * A source of carrier tracking facts. Each call makes one attempt: retries and their
 * schedule belong to the caller (a Temporal activity makes them durable). Failures that are
 * not an answer about the number throw {@link CarrierTrackingError}.
 */
export interface CarrierTracking {
  /** What the carrier knows about one number; `unknown` when it knows nothing of it. */
  lookup(
    carrier: string,
    trackingNumber: string,
    opts?: LookupOptions,
  ): Promise<CarrierTrackingResult>;
  /**
   * Many numbers in one call, answered in the order asked (at most {@link MAX_BATCH}); for
   * the first-scan sweep.
   */
  lookupMany(
    queries: readonly CarrierTrackingQuery[],
    opts?: LookupOptions,
  ): Promise<CarrierTrackingResult[]>;
}

/** The most numbers one `lookupMany` call takes; aggregators cap batches about here. */
export const MAX_BATCH = 50;

/** True when the carrier has the label: created or further along (R-TRK-2). */
export function isKnownToCarrier(status: CarrierTrackingStatus): boolean {
  return status !== 'unknown';
}
