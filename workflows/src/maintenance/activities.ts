import { type Db, purgeBuyerData, purgeIdempotencyKeys } from '@switchyard/db';
import { Context } from '@temporalio/activity';

const BATCH = 1000;

/** What the maintenance activities need; the worker wires the real ones. */
export interface MaintenanceActivityDeps {
  db: Db;
}

/** Activities of the platform's maintenance workflows. */
export function createMaintenanceActivities(deps: MaintenanceActivityDeps) {
  return {
    /** Erases buyer PII of orders finished more than `retentionDays` ago, in batches (R-ONB-3). */
    async purgeExpiredBuyerData({ retentionDays }: { retentionDays: number }): Promise<number> {
      const before = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000);
      let total = 0;
      for (;;) {
        const n = await purgeBuyerData(deps.db, before, BATCH);
        total += n;
        Context.current().heartbeat(total);
        if (n < BATCH) return total;
      }
    },
    /** Deletes partner API idempotency keys older than two days (they are promised for one). */
    async purgeExpiredIdempotencyKeys(): Promise<number> {
      return purgeIdempotencyKeys(deps.db, new Date(Date.now() - 2 * 24 * 60 * 60 * 1000));
    },
  };
}

export type MaintenanceActivities = ReturnType<typeof createMaintenanceActivities>;
