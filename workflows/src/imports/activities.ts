import { listImportedOrderIds, withTenant } from '@switchyard/db';
import { Context } from '@temporalio/activity';
import { startOrderWorkflow } from '../client.ts';
import type { OrderActivityDeps } from '../order/deps.ts';

const PARALLEL_STARTS = 16;

/** Activities of the CSV import starter. */
export function createImportActivities(
  deps: Pick<OrderActivityDeps, 'db' | 'temporal' | 'orderTaskQueue'>,
) {
  return {
    /** Starts the next page of an import's orders through the same idempotent intake as webhooks. */
    async startImportedOrders(input: {
      tenantId: string;
      shopId: string;
      importId: string;
      after: string;
      limit: number;
    }) {
      const ids = await withTenant(deps.db, input.tenantId, (trx) =>
        listImportedOrderIds(trx, input.importId, input.after, input.limit),
      );
      for (let i = 0; i < ids.length; i += PARALLEL_STARTS) {
        await Promise.all(
          ids
            .slice(i, i + PARALLEL_STARTS)
            .map((platformOrderId) =>
              startOrderWorkflow(
                deps.temporal,
                { tenantId: input.tenantId, shopId: input.shopId, platformOrderId, source: 'csv' },
                deps.orderTaskQueue,
              ),
            ),
        );
        Context.current().heartbeat(i);
      }
      return { count: ids.length, last: ids.at(-1) ?? null };
    },
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;
