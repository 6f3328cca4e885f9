import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { supplierAck, supplierShipment } from './workflows.ts';

export type NoopActivities = ReturnType<typeof createNoopActivities>;

/**
 * Activities that do nothing, except that a dispatch makes the fake supplier answer later with
 * its acknowledgement and shipment, at the supplier simulator's delays (measured from the dispatch), as the
 * partner API would deliver them.
 */
export function createNoopActivities(client: Client, delays: { ackMs: number; shipMs: number }) {
  const later = (ms: number, send: () => Promise<unknown>) =>
    setTimeout(() => void retry(send), ms);
  return {
    async recordOrder() {},
    async dispatchToSupplier() {
      // Always set for an activity a workflow scheduled.
      const { workflowId } = Context.current().info.workflowExecution!;
      const handle = client.workflow.getHandle(workflowId);
      later(delays.ackMs, () => handle.signal(supplierAck));
      later(delays.shipMs, () => handle.executeUpdate(supplierShipment));
    },
    async pushTracking() {},
  };
}

/** A supplier tries again, as the simulator does (three quick tries). */
async function retry(send: () => Promise<unknown>, tries = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await send();
      return;
    } catch (err) {
      if (i >= tries) {
        console.error(`update failed: ${(err as Error).message}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 500 * i));
    }
  }
}
