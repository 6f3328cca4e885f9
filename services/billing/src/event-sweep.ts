import { listUnprocessedStripeEvents, markStripeEventProcessed } from '@switchyard/db';
import { applyStripeEvent, type StripeDeps } from '@switchyard/stripe-billing';

/**
 * Applies webhook events that were kept but not applied (the process died in between, or
 * Stripe could not be reached to re-fetch the object). Returns how many it applied.
 */
export async function sweepStripeEvents(
  deps: StripeDeps & { log: (m: string, e?: unknown) => void },
): Promise<number> {
  let applied = 0;
  for (const e of await listUnprocessedStripeEvents(deps.db)) {
    try {
      await applyStripeEvent(deps, { type: e.type, objectId: e.object_id });
      await markStripeEventProcessed(deps.db, e.event_id);
      applied++;
    } catch (err) {
      deps.log(`stripe event ${e.event_id} still not applied`, err);
    }
  }
  return applied;
}
