// The workflows package for services and tests: starts, activities and message definitions.
// The workflow bundle's entry is ./workflows.ts.

export { createWorkerActivities, type WorkerActivityDeps } from './activities.ts';
export {
  type BillingActivities,
  type BillingActivityDeps,
  createBillingActivities,
} from './billing/activities.ts';
export {
  ensureMonthCloseSchedule,
  ensureReconcileSchedule,
  runBillingReconcile,
  runMonthClose,
  startMonthClose,
} from './billing/client.ts';
export * from './billing/messages.ts';
export * from './client.ts';
export {
  createFileBatchActivities,
  type FileBatchActivities,
} from './file-batches/activities.ts';
export { batchFileName, buildBatchCsv } from './file-batches/batch-file.ts';
export { startFileBatchSweep } from './file-batches/client.ts';
export type { FileBatchActivityDeps } from './file-batches/deps.ts';
export {
  FILE_BATCH_WORKFLOW_ID,
  type FileBatchInput,
  type SweepSummary,
} from './file-batches/messages.ts';
export {
  createImportActivities,
  type ImportActivities,
  type ImportActivityDeps,
} from './imports/activities.ts';
export {
  type ImportOrderDeps,
  type ImportReport,
  importOrderExport,
} from './imports/import-export.ts';
export { type ImportStarterInput, importStarterWorkflowId } from './imports/messages.ts';
export {
  createMaintenanceActivities,
  type MaintenanceActivities,
  type MaintenanceActivityDeps,
} from './maintenance/activities.ts';
export { RETENTION_WORKFLOW_ID, type RetentionInput } from './maintenance/messages.ts';
export { type MarketplaceEventDeps, routeMarketplaceEvent } from './marketplace-events.ts';
export {
  ALERT_RETRY_SCHEDULE_MS,
  type AlertDeliveryDeps,
  createAlertDelivery,
  type OperatorWebhook,
} from './operator/alert-delivery.ts';
export {
  type RedeliveryDeps,
  RedeliveryError,
  type RedeliveryErrorCode,
  redeliverDispatch,
} from './operator/redeliver.ts';
export { createOrderActivities, type OrderActivities } from './order/activities.ts';
export type { OrderActivityDeps } from './order/deps.ts';
export {
  correctOrderAddress,
  type OrderFixDeps,
  OrderFixError,
  type OrderFixErrorCode,
  recheckOrder,
  saveSkuMapping,
} from './order/fixes.ts';
export * from './order/messages.ts';
export {
  processSupplierFile,
  SupplierFileBusyError,
  type SupplierFileInput,
  type SupplierFileReport,
} from './order/supplier-files.ts';
export {
  deliverSupplierMessage,
  type SupplierMessage,
  type SupplierMessageDeps,
  SupplierMessageError,
  type SupplierMessageErrorCode,
} from './order/supplier-messages.ts';
export { sweepSupplierShipments } from './order/supplier-shipment.ts';
export type { MarketplaceDeps } from './shared/deps.ts';
export type { OrderIntake } from './shared/order-intake.ts';
export {
  createShipmentActivities,
  type ShipmentActivities,
  type ShipmentActivityDeps,
} from './shipment/activities.ts';
export {
  FIRST_SCAN_SWEEP_WORKFLOW_ID,
  type FirstScanSweepInput,
  type FirstScanSweepProgress,
  firstScanSweepProgressQuery,
} from './shipment/messages.ts';
export { createShopActivities, type ShopActivities } from './shop/activities.ts';
export { type ConnectShopsDeps, connectShops } from './shop/connect-shops.ts';
export type { ShopActivityDeps } from './shop/deps.ts';
export * from './shop/messages.ts';
export { tracingWorkflowModules, workflowsPath } from './workflows-path.ts';
