import { readFile } from 'node:fs/promises';
import {
  type BillingActivityDeps,
  createBillingActivities,
  workflowsPath,
} from '@switchyard/workflows';
import { type NativeConnection, Worker } from '@temporalio/worker';

/** The billing task queue's worker: month closes and the scheduled close of every tenant. */
export async function createBillingWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: BillingActivityDeps;
  workflowBundlePath?: string;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundlePath
      ? { workflowBundle: { code: await readFile(opts.workflowBundlePath, 'utf8') } }
      : { workflowsPath }),
    activities: createBillingActivities(opts.deps),
  });
}
