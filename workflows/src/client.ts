import { orderWorkflowId } from '@switchyard/domain';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { OrderWorkflowInput } from './order/messages.ts';

export const ORDER_TASK_QUEUE = 'orders';

/**
 * Starts the order's workflow once: the id is derived from the order, so a duplicated or
 * replayed notification finds the running (or finished) workflow and changes nothing (R-IN-1).
 */
export async function startOrderWorkflow(
  client: Client,
  input: Omit<OrderWorkflowInput, 'version'>,
  taskQueue = ORDER_TASK_QUEUE,
): Promise<{ workflowId: string; started: boolean }> {
  const workflowId = orderWorkflowId(input.tenantId, input.shopId, input.platformOrderId);
  try {
    await client.workflow.start('orderFulfillment', {
      workflowId,
      taskQueue,
      args: [{ version: 1, ...input } satisfies OrderWorkflowInput],
      // A finished order's id stays taken: a late duplicate must not fulfil the order twice.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { workflowId, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
    throw err;
  }
}
