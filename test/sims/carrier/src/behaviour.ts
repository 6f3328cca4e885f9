import { z } from 'zod';

export const failModes = ['none', 'unavailable', 'timeout', 'rate_limited'] as const;

/**
 * How the fake carrier (a tracking aggregator in front of every carrier) behaves. Each field
 * is a failure seen with real ones: labels never scanned (R-SLA-1), an outage, a hung call,
 * rate limits.
 */
export const carrierBehaviourSchema = z.object({
  /**
   * Of the tracking endpoints (labels are created at the carrier itself and keep working):
   * `unavailable` answers 503, `timeout` holds the call for `hangMs`, `rate_limited` answers 429.
   */
  failMode: z.enum(failModes),
  /** How long `timeout` holds a call before answering 504. */
  hangMs: z.int().min(0).max(600_000),
  /** Delay from label creation to the first scan, for labels created from now on; null: never. */
  firstScanAfterMs: z.int().min(0).nullable(),
  /** Share of new labels that are never scanned, whatever `firstScanAfterMs` says. */
  neverScanRate: z.number().min(0).max(1),
  /** Requests per API key and second before 429; null: no limit. */
  requestsPerSecond: z.int().min(1).nullable(),
});

export type CarrierBehaviour = z.infer<typeof carrierBehaviourSchema>;

/** Strict so that a typo in a control PATCH fails loudly instead of being ignored. */
export const behaviourPatchSchema = carrierBehaviourSchema.partial().strict();

/** A label is scanned as soon as it is created; nothing fails. */
export const defaultCarrierBehaviour: CarrierBehaviour = {
  failMode: 'none',
  hangMs: 30_000,
  firstScanAfterMs: 0,
  neverScanRate: 0,
  requestsPerSecond: null,
};
