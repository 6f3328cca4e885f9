import type { Rng } from '../tracking.ts';
import { draw } from './distribution.ts';
import type { SupplierProfile } from './profile.ts';

/** What a supplier means to do with one dispatch, decided when it reads it. Simulated ms. */
export type DispatchPlan =
  | { kind: 'silent' }
  | { kind: 'reject'; afterMs: number }
  | {
      kind: 'ship';
      ackAfterMs: number;
      shipAfterMs: number;
      badTracking: boolean;
      fixAfterMs: number;
    };

/**
 * Draws one dispatch's plan from the profile. Every draw is taken whatever the outcome, in a
 * fixed order, so one profile and seed always give the same plan for the same order.
 */
export function planDispatch(p: SupplierProfile, rng: Rng): DispatchPlan {
  const silent = rng() < p.silenceRate;
  const reject = rng() < p.rejectRate;
  const ackAfterMs = draw(p.ackDelayMs, rng);
  const shipAfterMs = Math.max(ackAfterMs, draw(p.shipDelayMs, rng));
  const badTracking = rng() < p.badTrackingRate;
  const fixAfterMs = draw(p.fixTrackingAfterMs, rng);
  if (silent) return { kind: 'silent' };
  if (reject) return { kind: 'reject', afterMs: ackAfterMs };
  return { kind: 'ship', ackAfterMs, shipAfterMs, badTracking, fixAfterMs };
}
