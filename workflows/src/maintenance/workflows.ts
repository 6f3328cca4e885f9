import { continueAsNew, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { MaintenanceActivities } from './activities.ts';
import type { RetentionInput } from './messages.ts';

const acts = proxyActivities<MaintenanceActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/** R-ONB-3: once a day, erase the buyer data of orders finished longer ago than the retention. */
export async function buyerDataRetention(input: RetentionInput): Promise<void> {
  for (let day = 0; day < 30; day++) {
    await acts.purgeExpiredBuyerData({ retentionDays: input.retentionDays });
    // Partner API idempotency keys are promised for 24 hours; older ones go with the same run.
    if (patched('purge-idempotency-keys')) await acts.purgeExpiredIdempotencyKeys();
    await sleep('1 day');
  }
  return continueAsNew<typeof buyerDataRetention>(input);
}
