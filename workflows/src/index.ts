export {
  DEFAULT_SHOP_TIMING,
  ORDER_TASK_QUEUE,
  type ShopWorkflowTiming,
  startImportStarter,
  startOrderWorkflow,
  startOrReleaseOrderWorkflow,
  startRetentionJob,
  startShopWorkflows,
} from './client.ts';
export { createImportActivities, type ImportActivities } from './imports/activities.ts';
export { type ImportStarterInput, importStarterWorkflowId } from './imports/messages.ts';
export {
  createMaintenanceActivities,
  type MaintenanceActivities,
} from './maintenance/activities.ts';
export { createOrderActivities, type OrderActivities } from './order/activities.ts';
export type { OrderActivityDeps } from './order/deps.ts';
export * from './order/messages.ts';
export { createShopActivities, type ShopActivities } from './shop/activities.ts';
export * from './shop/messages.ts';
export { workflowsPath } from './workflows-path.ts';
