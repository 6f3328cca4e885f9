import { z } from 'zod';

export const supplierModes = [
  'normal',
  'silent',
  'reject',
  'bad_tracking',
  'no_tracking',
  'unlabelled_tracking',
] as const;
export const simCarriers = ['USPS', 'UPS', 'YunExpress'] as const;

/**
 * How the fake supplier behaves. Every field is a real failure seen with suppliers
 * (no ack: R-SLA-2, late or missing tracking: R-SLA-3/4, fake numbers: R-TRK-1), so tests
 * can drive each platform path.
 */
export const supplierBehaviourSchema = z.object({
  /**
   * `silent` accepts the webhook but never acks; `no_tracking` acks but never ships;
   * `unlabelled_tracking` ships a well-formed number it never created a label for (R-TRK-2).
   */
  mode: z.enum(supplierModes),
  /** Delay from receipt to the ack (or reject) call. */
  ackDelayMs: z.int().min(0),
  /** Delay from receipt to the shipment call (never before the ack). */
  shipDelayMs: z.int().min(0),
  /** Carrier of the tracking numbers it generates and the channel it acks with. */
  carrier: z.enum(simCarriers),
  /** Share of inbound dispatches answered 503, as a flaky supplier IT system would. */
  failRate: z.number().min(0).max(1),
  /** Added before answering an inbound dispatch. */
  latencyMs: z.int().min(0),
  /**
   * Tries per callback (ack, shipment) before giving up: 3 quick ones by default; more make a
   * patient supplier that backs off up to 5 s and honours Retry-After, as through an outage.
   */
  callbackAttempts: z.int().min(1).max(10_000),
  /** Share of callbacks sent twice at once with the same idempotency key (a retry storm). */
  duplicateCallbackRate: z.number().min(0).max(1),
  /** On a `tracking.rejected` notice: do nothing, or ship again with a fresh, labelled number. */
  onTrackingRejected: z.enum(['ignore', 'reship']),
});

export type SupplierBehaviour = z.infer<typeof supplierBehaviourSchema>;
export type SupplierMode = SupplierBehaviour['mode'];
export type SimCarrier = SupplierBehaviour['carrier'];

/** Strict so that a typo in a control PATCH fails loudly instead of being ignored. */
export const behaviourPatchSchema = supplierBehaviourSchema.partial().strict();

/** Fast enough for tests, slow enough that ack and shipment arrive in order. */
export const defaultBehaviour: SupplierBehaviour = {
  mode: 'normal',
  ackDelayMs: 50,
  shipDelayMs: 150,
  carrier: 'USPS',
  failRate: 0,
  latencyMs: 0,
  callbackAttempts: 3,
  duplicateCallbackRate: 0,
  onTrackingRejected: 'ignore',
};
