import type { Client } from '@temporalio/client';
import { ORDER_TASK_QUEUE, startOnce } from '../shared/start-once.ts';
import { RETENTION_WORKFLOW_ID } from './messages.ts';
import { buyerDataRetention } from './workflows.ts';

/** Starts the daily buyer-data retention job (R-ONB-3) unless it already runs. */
export async function startRetentionJob(
  client: Client,
  retentionDays: number,
  taskQueue = ORDER_TASK_QUEUE,
) {
  await startOnce(client, buyerDataRetention, {
    workflowId: RETENTION_WORKFLOW_ID,
    taskQueue,
    args: [{ version: 1, retentionDays }],
  });
}
