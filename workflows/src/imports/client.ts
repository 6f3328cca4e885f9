import type { Client } from '@temporalio/client';
import { ORDER_TASK_QUEUE, startOnce } from '../shared/start-once.ts';
import { type ImportStarterInput, importStarterWorkflowId } from './messages.ts';
import { csvImportStarter } from './workflows.ts';

/** Starts the durable starter of a CSV import's orders; a second call finds it. */
export async function startImportStarter(
  client: Client,
  input: Omit<ImportStarterInput, 'version'>,
  taskQueue = ORDER_TASK_QUEUE,
) {
  await startOnce(client, csvImportStarter, {
    workflowId: importStarterWorkflowId(input.importId),
    taskQueue,
    args: [{ version: 1, ...input }],
  });
}
