import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { ShopActivities } from './activities.ts';
import type { ReconcilerInput, TokenKeeperInput } from './messages.ts';

const acts = proxyActivities<ShopActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// Long-lived loops restart themselves before their history grows large.
const ITERATIONS_PER_RUN = 100;

/**
 * R-ONB-2: refreshes the shop's access token ahead of expiry, forever. A refresh that fails for
 * good marks the shop `needs_reauth` and notifies the tenant (inside the activity), then stops.
 */
export async function shopTokenKeeper(
  input: TokenKeeperInput,
): Promise<'needs_reauth' | 'inactive'> {
  for (let i = 0; i < ITERATIONS_PER_RUN; i++) {
    const state = await acts.tokenExpiry({ tenantId: input.tenantId, shopId: input.shopId });
    if (!state.active) return 'inactive';
    const wait = state.accessExpiresAtMs - input.refreshAheadMs - Date.now();
    if (wait > 0) await sleep(wait);
    const refreshed = await acts.refreshShopTokens({
      tenantId: input.tenantId,
      shopId: input.shopId,
    });
    if (refreshed === 'needs_reauth') return 'needs_reauth';
  }
  return continueAsNew<typeof shopTokenKeeper>(input);
}

/**
 * R-IN-2: every `intervalMs`, lists the shop's orders updated since the last pass (windows
 * overlap) and feeds them into the same idempotent intake as webhooks.
 */
export async function shopReconciler(input: ReconcilerInput): Promise<void> {
  let sinceMs = input.sinceMs;
  for (let i = 0; i < ITERATIONS_PER_RUN; i++) {
    const untilMs = Date.now();
    const pass = await acts.reconcileShopOrders({
      tenantId: input.tenantId,
      shopId: input.shopId,
      fromMs: sinceMs - input.overlapMs,
      untilMs,
    });
    if (!pass.active) return;
    sinceMs = untilMs;
    await sleep(input.intervalMs);
  }
  return continueAsNew<typeof shopReconciler>({ ...input, sinceMs });
}
