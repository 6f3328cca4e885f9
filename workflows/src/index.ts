export { ORDER_TASK_QUEUE, startOrderWorkflow } from './client.ts';
export { createOrderActivities, type OrderActivities } from './order/activities.ts';
export type { OrderActivityDeps } from './order/deps.ts';
export * from './order/messages.ts';
export { workflowsPath } from './workflows-path.ts';
