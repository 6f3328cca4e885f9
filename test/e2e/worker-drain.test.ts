import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseWorkerEnv, workerTuning } from '@switchyard/worker';
import { Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installQuietRuntime, quietBundlerLogger } from '../harness/runtime.ts';

/**
 * A pod being drained gets SIGTERM, on which the SDK calls worker.shutdown(). With the
 * environment's shutdown grace the activity already running finishes and its result is kept;
 * with the SDK's own default (0) it is cancelled at once. Both are shown, so the test fails if
 * the grace stops reaching the worker.
 */
const REQUIRED = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  TTS_API_URL: 'http://127.0.0.1:1',
  TTS_AUTH_URL: 'http://127.0.0.1:1',
  TTS_APP_KEY: 'k',
  TTS_APP_SECRET: 's',
  ENCRYPTION_KEYS: 'k1:AAAA',
  PARTNER_API_URL: 'http://127.0.0.1:2/partner/v1',
  CARRIER_API_URL: 'http://127.0.0.1:3',
  CARRIER_API_KEY: 'ck_test_key',
};

describe('worker drain on shutdown', () => {
  let bundle: { code: string };
  let connection: Connection;
  let client: Client;
  beforeAll(async () => {
    installQuietRuntime();
    bundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./worker-drain/workflow.ts', import.meta.url)),
      logger: quietBundlerLogger,
    });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await connection?.close();
  });

  /** Starts the probe, asks the worker to stop mid-activity, then lets the activity end. */
  async function drainWith(grace: Record<string, string>) {
    const taskQueue = `drain-${randomUUID()}`;
    let started!: () => void;
    const activityStarted = new Promise<void>((r) => {
      started = r;
    });
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let cancelled = false;
    const nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await Worker.create({
      ...workerTuning(parseWorkerEnv({ ...REQUIRED, ...grace })),
      connection: nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: {
        async slowStep() {
          started();
          try {
            // `cancelled` rejects when the worker cancels the activity.
            await Promise.race([released, Context.current().cancelled]);
          } catch (err) {
            cancelled = true;
            throw err;
          }
          return 'finished';
        },
      },
    });
    const running = worker.run();
    const handle = await client.workflow.start('drainProbe', {
      taskQueue,
      workflowId: `drain-${randomUUID()}`,
    });
    await activityStarted;
    worker.shutdown();
    // The activity ends only after shutdown was asked for: a drain waits for it.
    await new Promise((r) => setTimeout(r, 500));
    release();
    await running;
    await nativeConnection.close();
    const outcome = await Promise.race([
      handle.result().then((v) => ({ result: v })),
      // No worker is left to run the rest of the workflow; its state is read from history.
      new Promise<{ result: undefined }>((r) => setTimeout(() => r({ result: undefined }), 100)),
    ]);
    const history = await handle.fetchHistory();
    const completedActivity = history.events?.some((e) => e.activityTaskCompletedEventAttributes);
    await handle.terminate('test over').catch(() => {});
    return { cancelled, completedActivity, outcome };
  }

  it('lets the running activity finish within WORKER_SHUTDOWN_GRACE_MS', async () => {
    const drained = await drainWith({ WORKER_SHUTDOWN_GRACE_MS: '60000' });
    expect(drained.cancelled).toBe(false);
    expect(drained.completedActivity).toBe(true);
  });

  it('cancels it at once with no grace (the SDK default the worker no longer uses)', async () => {
    const drained = await drainWith({ WORKER_SHUTDOWN_GRACE_MS: '0' });
    expect(drained.cancelled).toBe(true);
    expect(drained.completedActivity).toBe(false);
  });
});
