import { DEFAULT_FULFILLMENT_POLICY } from '@switchyard/domain';
import type { Client } from '@temporalio/client';
import { ORDER_TASK_QUEUE, startOnce } from '../shared/start-once.ts';
import { FIRST_SCAN_SWEEP_WORKFLOW_ID, type FirstScanSweepInput } from './messages.ts';
import { firstScanSweep } from './workflows.ts';

/**
 * Starts the first-scan sweep (R-SLA-1) unless it already runs. The window defaults to the
 * platform policy's 72 hours.
 */
export async function startFirstScanSweep(
  client: Client,
  opts: {
    intervalMs: number;
    firstScanWindowMs?: number;
    taskQueue?: string;
    workflowId?: string;
  },
) {
  const input: FirstScanSweepInput = {
    version: 1,
    firstScanWindowMs: opts.firstScanWindowMs ?? DEFAULT_FULFILLMENT_POLICY.firstScanWindowMs,
    intervalMs: opts.intervalMs,
  };
  return startOnce(client, firstScanSweep, {
    workflowId: opts.workflowId ?? FIRST_SCAN_SWEEP_WORKFLOW_ID,
    taskQueue: opts.taskQueue ?? ORDER_TASK_QUEUE,
    args: [input],
  });
}
