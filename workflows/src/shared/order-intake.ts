/** The order a workflow fulfils, as its source announced it. */
export interface OrderRef {
  tenantId: string;
  shopId: string;
  platformOrderId: string;
  /** Where the order came from; absent means the marketplace API. */
  source?: 'marketplace' | 'csv';
}

/**
 * How the other workflow families hand orders to the order family. The worker wires the order
 * family's client into it, so no family imports another. Every call is idempotent: the
 * order's workflow id is derived from the order (R-IN-1).
 */
export interface OrderIntake {
  /** Starts the order's workflow unless it was started before. */
  start(order: OrderRef): Promise<{ started: boolean }>;
  /** The marketplace says the order may ship: starts its workflow or releases the running one. */
  startOrRelease(order: OrderRef): Promise<{ started: boolean }>;
  /** The order was cancelled: tells its workflow, when one runs. */
  cancel(order: OrderRef, reason: string): Promise<void>;
}
