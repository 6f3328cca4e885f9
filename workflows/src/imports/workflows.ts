import { proxyActivities } from '@temporalio/workflow';
import type { ImportActivities } from './activities.ts';
import type { ImportStarterInput } from './messages.ts';

const acts = proxyActivities<ImportActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Starts the order workflow of every order of a CSV import (R-IN-3), page by page. Durable: a
 * crash resumes from the last page, and starting an order twice changes nothing.
 */
export async function csvImportStarter(input: ImportStarterInput): Promise<{ orders: number }> {
  let after = '';
  let orders = 0;
  for (;;) {
    const page = await acts.startImportedOrders({ ...input, after, limit: 500 });
    orders += page.count;
    if (page.count < 500 || !page.last) return { orders };
    after = page.last;
  }
}
