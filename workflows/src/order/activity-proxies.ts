import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { OrderActivities } from './activities.ts';

const SECOND = 1000;

/**
 * The order's activity retry backoff: 1 s doubling to 100 s. A compressed-time simulation
 * divides it by its time scale (`FulfillmentPolicy.simulatedTimeScale`), like every other wait
 * that stands for time; production inputs carry no scale and get exactly these options.
 */
function retry(scale: number) {
  if (scale === 1)
    return { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '100 seconds' };
  // A millisecond at least: Temporal refuses a zero interval.
  const ms = (real: number) => Math.max(1, Math.round(real / scale));
  return {
    initialInterval: ms(SECOND),
    backoffCoefficient: 2,
    maximumInterval: ms(100 * SECOND),
  };
}

/**
 * The proxies the order workflow runs its steps through, with the retry backoff of `scale`
 * (1: the platform's own). Retry options travel with each scheduled step and are no part of a
 * history's commands, so a replay matches whatever they are; and an input without a scale
 * (every order started before it existed) gets the very options it always had.
 */
export function orderActivityProxies(scale = 1) {
  const RETRY = retry(scale);
  // A supplier that stays unreachable for about a minute is skipped for the next candidate.
  const DISPATCH_RETRY = { ...RETRY, maximumAttempts: 6 };
  return {
    acts: proxyActivities<OrderActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY }),
    // Short steps of orders from version 3 (recording and checking, notes, re-checks): no
    // activity task round trip through the server. A local activity may run again when a worker
    // dies before its result is recorded; every one is idempotent, as any activity is. What
    // follows a shipment (an update) stays a regular activity: it is scheduled in the same
    // commit that accepts the update, whereas a local activity writes before that commit (a
    // workflow task that then fails drops the update while the dispatch already reads shipped),
    // and the update is answered only when its workflow task completes, which a local push-back
    // would hold for three marketplace calls. An acknowledgement needs no step here from
    // version 4: the partner API records it before it tells the workflow (a signal today), and
    // tells it again on a repeat, so a lost message is delivered by the supplier's retry; and
    // at the deadline the dispatch row, not the workflow's memory, says whether it came
    // (R-SLA-2).
    local: proxyLocalActivities<OrderActivities>({
      startToCloseTimeout: '30 seconds',
      retry: RETRY,
    }),
    dispatchActs: proxyActivities<OrderActivities>({
      startToCloseTimeout: '30 seconds',
      retry: DISPATCH_RETRY,
    }),
    // From version 5 the dispatch is a local activity too: no activity task round trip (three
    // history events and a workflow task). It reruns under the same id (uuid4 replays), which
    // the supplier keys on; the acknowledgement that may come while it runs is a signal, which
    // waits for no workflow task.
    localDispatch: proxyLocalActivities<OrderActivities>({
      startToCloseTimeout: '30 seconds',
      retry: DISPATCH_RETRY,
    }),
  };
}
