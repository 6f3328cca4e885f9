/**
 * The no-op ceiling's worker, run as its own process like the platform's worker: it polls its
 * own task queue and plays the supplier for its workflows. Prints `noop worker running` once
 * it polls; stops on SIGTERM.
 */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { z } from 'zod';
import { createNoopActivities } from './activities.ts';

const count = z.coerce.number().int().min(1).optional();
const env = z
  .object({
    TEMPORAL_ADDRESS: z.string().min(1),
    TASK_QUEUE: z.string().min(1),
    ACK_DELAY_MS: z.coerce.number().int().min(0),
    SHIP_DELAY_MS: z.coerce.number().int().min(0),
    // The platform worker's capacity settings, so that both workers run alike.
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: count,
    WORKER_MAX_CONCURRENT_ACTIVITIES: count,
    WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: count,
    WORKER_WORKFLOW_TASK_POLLERS: count,
    WORKER_ACTIVITY_TASK_POLLERS: count,
  })
  .parse(process.env);

const client = new Client({
  connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }),
});
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS }),
  taskQueue: env.TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
  activities: createNoopActivities(client, { ackMs: env.ACK_DELAY_MS, shipMs: env.SHIP_DELAY_MS }),
  maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
  maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
  maxConcurrentLocalActivityExecutions: env.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
  maxConcurrentWorkflowTaskPolls: env.WORKER_WORKFLOW_TASK_POLLERS,
  maxConcurrentActivityTaskPolls: env.WORKER_ACTIVITY_TASK_POLLERS,
});
process.once('SIGTERM', () => worker.shutdown());
const running = worker.run();
console.log('noop worker running');
await running;
process.exit(0);
