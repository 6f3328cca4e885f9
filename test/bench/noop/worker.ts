/**
 * The no-op ceiling's worker, run as its own process like the platform's worker: it polls its
 * own task queue and plays the supplier for its workflows. Prints `noop worker running` once
 * it polls; stops on SIGTERM.
 */
import { fileURLToPath } from 'node:url';
import { workerTuning, workerTuningEnvSchema } from '@switchyard/worker';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { z } from 'zod';
import { createNoopActivities } from './activities.ts';

// The platform worker's capacity settings, so that both workers run alike.
const env = workerTuningEnvSchema
  .extend({
    TEMPORAL_ADDRESS: z.string().min(1),
    TASK_QUEUE: z.string().min(1),
    ACK_DELAY_MS: z.coerce.number().int().min(0),
    SHIP_DELAY_MS: z.coerce.number().int().min(0),
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
  ...workerTuning(env),
});
process.once('SIGTERM', () => worker.shutdown());
const running = worker.run();
console.log('noop worker running');
await running;
process.exit(0);
