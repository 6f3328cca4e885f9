// Entry point of the workflow bundle: every workflow type the worker registers.

export { billingReconcile, monthClose, monthCloseAll } from './billing/workflows.ts';
export { fileBatchSweep } from './file-batches/workflows.ts';
export { csvImportStarter } from './imports/workflows.ts';
export { buyerDataRetention } from './maintenance/workflows.ts';
export { orderFulfillment } from './order/workflows.ts';
export { firstScanSweep } from './shipment/workflows.ts';
export { shopReconciler, shopTokenKeeper } from './shop/workflows.ts';
