// How services start the workflows of every family: by the workflow function, so the compiler
// checks what each is started with.
export { startImportStarter } from './imports/client.ts';
export { startRetentionJob } from './maintenance/client.ts';
export {
  createOrderIntake,
  type OrderStart,
  orderWorkflowInput,
  startOrderWorkflow,
  startOrReleaseOrderWorkflow,
} from './order/client.ts';
export { ORDER_TASK_QUEUE } from './shared/start-once.ts';
export { startFirstScanSweep } from './shipment/client.ts';
export { DEFAULT_SHOP_TIMING, type ShopWorkflowTiming, startShopWorkflows } from './shop/client.ts';
