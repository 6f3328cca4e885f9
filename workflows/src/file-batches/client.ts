import type { Client } from '@temporalio/client';
import { ORDER_TASK_QUEUE, startOnce } from '../shared/start-once.ts';
import { FILE_BATCH_WORKFLOW_ID } from './messages.ts';
import { fileBatchSweep } from './workflows.ts';

/** Starts the platform's file-batch sweep (R-RT-2) unless it already runs. */
export async function startFileBatchSweep(
  client: Client,
  tickMs = 60_000,
  taskQueue = ORDER_TASK_QUEUE,
  workflowId = FILE_BATCH_WORKFLOW_ID,
) {
  return startOnce(client, fileBatchSweep, {
    workflowId,
    taskQueue,
    args: [{ version: 1, tickMs }],
  });
}
