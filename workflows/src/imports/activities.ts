import { type Db, listImportedOrderIds, withTenant } from '@switchyard/db';
import { Context } from '@temporalio/activity';
import type { OrderIntake } from '../shared/order-intake.ts';

const PARALLEL_STARTS = 16;

/** What the CSV import starter's activities need; the worker wires the real ones. */
export interface ImportActivityDeps {
  db: Db;
  orders: Pick<OrderIntake, 'start'>;
}

/** Activities of the CSV import starter. */
export function createImportActivities(deps: ImportActivityDeps) {
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
          ids.slice(i, i + PARALLEL_STARTS).map((platformOrderId) =>
            deps.orders.start({
              tenantId: input.tenantId,
              shopId: input.shopId,
              platformOrderId,
              source: 'csv',
            }),
          ),
        );
        Context.current().heartbeat(i);
      }
      return { count: ids.length, last: ids.at(-1) ?? null };
    },
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;
