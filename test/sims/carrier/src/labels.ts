import type { CarrierBehaviour } from './behaviour.ts';

export type SimTrackingStatus = 'label_created' | 'in_transit' | 'delivered' | 'exception';

/** A label a shipper created; what the carrier knows about its parcel. */
export interface Label {
  carrier: string;
  trackingNumber: string;
  createdAt: number;
  /** When the parcel is (or was) first scanned; null: not planned. */
  firstScanAt: number | null;
  /** Set on command: the parcel ends in this state. */
  finalStatus: 'delivered' | 'exception' | null;
}

export const labelKey = (carrier: string, trackingNumber: string) =>
  `${carrier}\u0000${trackingNumber}`;

/** The carrier's view of a label at `now`. */
export function describeLabel(l: Label, now: number) {
  const scanned = l.firstScanAt !== null && l.firstScanAt <= now;
  const status: SimTrackingStatus = l.finalStatus ?? (scanned ? 'in_transit' : 'label_created');
  return {
    carrier: l.carrier,
    tracking_number: l.trackingNumber,
    status,
    first_scan_at: scanned ? new Date(l.firstScanAt!).toISOString() : null,
    label_created_at: new Date(l.createdAt).toISOString(),
  };
}

/** The labels the carrier has issued; numbers it never issued are unknown to it. */
export function createLabelBook(deps: { now: () => number; rng: () => number }) {
  const labels = new Map<string, Label>();
  return {
    /** Creates the label, or returns the existing one (a shipper's retry). */
    create(carrier: string, trackingNumber: string, b: CarrierBehaviour) {
      const key = labelKey(carrier, trackingNumber);
      const existing = labels.get(key);
      if (existing) return { label: existing, created: false };
      const createdAt = deps.now();
      const never = b.firstScanAfterMs === null || deps.rng() < b.neverScanRate;
      const label: Label = {
        carrier,
        trackingNumber,
        createdAt,
        firstScanAt: never ? null : createdAt + (b.firstScanAfterMs ?? 0),
        finalStatus: null,
      };
      labels.set(key, label);
      return { label, created: true };
    },
    get: (carrier: string, trackingNumber: string) => labels.get(labelKey(carrier, trackingNumber)),
    all: () => [...labels.values()],
  };
}

export type LabelBook = ReturnType<typeof createLabelBook>;
