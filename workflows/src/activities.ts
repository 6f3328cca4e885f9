import type { Client } from '@temporalio/client';
import { createImportActivities } from './imports/activities.ts';
import { createMaintenanceActivities } from './maintenance/activities.ts';
import { createOrderActivities } from './order/activities.ts';
import { createOrderIntake } from './order/client.ts';
import type { OrderActivityDeps } from './order/deps.ts';
import { createShipmentActivities } from './shipment/activities.ts';
import { createShopActivities } from './shop/activities.ts';
import type { ShopActivityDeps } from './shop/deps.ts';

/**
 * What the worker's activities need: each family's own, and the Temporal client through which
 * the families that find orders (shop reconciliation, CSV import) hand them to the order family.
 */
export interface WorkerActivityDeps extends OrderActivityDeps, Omit<ShopActivityDeps, 'orders'> {
  temporal: Client;
  orderTaskQueue: string;
}

/** Every activity the worker registers, each family wired with its own dependencies. */
export function createWorkerActivities(deps: WorkerActivityDeps) {
  const orders = createOrderIntake(deps.temporal, deps.orderTaskQueue);
  return {
    ...createOrderActivities(deps),
    ...createShopActivities({ ...deps, orders }),
    ...createImportActivities({ db: deps.db, orders }),
    ...createMaintenanceActivities({ db: deps.db }),
    ...createShipmentActivities(deps),
  };
}
