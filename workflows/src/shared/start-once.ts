import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';

/** The task queue of the platform's workflows unless the caller names another. */
export const ORDER_TASK_QUEUE = 'orders';

/**
 * Starts a workflow under a deterministic id unless one with that id exists; every start
 * goes through it, which is what makes repeated starts harmless. The workflow is passed as its
 * function, so the compiler checks the arguments it is started with.
 * Returns whether this call started it.
 */
export async function startOnce<W extends Workflow>(
  client: Client,
  workflow: W,
  options: WorkflowStartOptions<W>,
): Promise<boolean> {
  try {
    await client.workflow.start(workflow, options);
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
