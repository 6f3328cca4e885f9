import type { Client } from '@temporalio/client';
import { createFileBatchActivities } from './file-batches/activities.ts';
import type { FileBatchActivityDeps } from './file-batches/deps.ts';
import { createImportActivities } from './imports/activities.ts';
import { createMaintenanceActivities } from './maintenance/activities.ts';
import { createOrderActivities } from './order/activities.ts';
import { createOrderIntake } from './order/client.ts';
import type { OrderActivityDeps } from './order/deps.ts';
import { processSupplierFile } from './order/supplier-files.ts';
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
  /** Batch files for suppliers without IT (R-RT-2): the SMTP sender, SFTP, a clock for tests. */
  files?: Pick<FileBatchActivityDeps, 'email' | 'sftp' | 'now' | 'ackWindowMs'>;
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
    ...createFileBatchActivities({
      ...deps.files,
      db: deps.db,
      keyring: deps.keyring,
      partnerApiUrl: deps.partnerApiUrl,
      answers: (file) => processSupplierFile(deps, file),
    }),
  };
}
