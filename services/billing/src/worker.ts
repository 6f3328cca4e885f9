import { readFile } from 'node:fs/promises';
import { tracingWorkerOptions } from '@switchyard/observability/tracing';
import {
  type BillingActivityDeps,
  createBillingActivities,
  tracingWorkflowModules,
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
  /**
   * Activities traced (startTracing must have run), continuing a trace their workflow's start
   * carried; a prebuilt bundle is used as it was built.
   */
  tracing?: boolean;
}): Promise<Worker> {
  const traced =
    opts.tracing && tracingWorkerOptions(opts.workflowBundlePath ? [] : tracingWorkflowModules);
  return Worker.create({
    ...traced,
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundlePath
      ? { workflowBundle: { code: await readFile(opts.workflowBundlePath, 'utf8') } }
      : { workflowsPath }),
    activities: createBillingActivities(opts.deps),
  });
}
