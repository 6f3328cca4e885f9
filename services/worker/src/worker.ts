import { parseKeyring } from '@switchyard/auth';
import { platformPlanFromEnv } from '@switchyard/billing';
import { createHttpCarrierTracking } from '@switchyard/carriers';
import type { Db } from '@switchyard/db';
import { tracingWorkerOptions } from '@switchyard/observability/tracing';
import { createEmailBatchSender, createHttpPushConnector } from '@switchyard/suppliers';
import { createTikTokShopClient } from '@switchyard/tiktok-shop';
import {
  createWorkerActivities,
  tracingWorkflowModules,
  type WorkerActivityDeps,
  workflowsPath,
} from '@switchyard/workflows';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { z } from 'zod';
import type { WorkerEnv, workerTuningEnvSchema } from './env.ts';

export function orderActivityDeps(env: WorkerEnv, db: Db, temporal: Client): WorkerActivityDeps {
  return {
    db,
    temporal,
    orderTaskQueue: env.TEMPORAL_TASK_QUEUE,
    keyring: parseKeyring(env.ENCRYPTION_KEYS),
    marketplace: (onCall) =>
      createTikTokShopClient({
        apiBaseUrl: env.TTS_API_URL,
        authBaseUrl: env.TTS_AUTH_URL,
        appKey: env.TTS_APP_KEY,
        appSecret: env.TTS_APP_SECRET,
        onCall,
      }),
    suppliers: createHttpPushConnector(),
    carriers: createHttpCarrierTracking({
      baseUrl: env.CARRIER_API_URL,
      apiKey: env.CARRIER_API_KEY,
      timeoutMs: env.CARRIER_TIMEOUT_MS,
    }),
    files: {
      email: env.SMTP_URL
        ? createEmailBatchSender({
            smtpUrl: env.SMTP_URL,
            from: env.FILES_EMAIL_FROM,
            requireTls: env.SMTP_REQUIRE_TLS,
          })
        : undefined,
    },
    partnerApiUrl: env.PARTNER_API_URL,
    fees: platformPlanFromEnv(env),
  };
}

/** The worker options a deployment may tune: slots, pollers and the sticky cache. */
export type WorkerTuning = Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentLocalActivityExecutions'
  | 'maxConcurrentWorkflowTaskPolls'
  | 'maxConcurrentActivityTaskPolls'
  | 'shutdownGraceTime'
>;

/**
 * The tuning the environment asks for; what it leaves out keeps the SDK's default, except the
 * shutdown grace: the SDK's 0 would cancel every running activity the moment a pod is drained.
 */
export function workerTuning(env: z.infer<typeof workerTuningEnvSchema>): WorkerTuning {
  const t: WorkerTuning = {
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: env.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
    maxConcurrentWorkflowTaskPolls: env.WORKER_WORKFLOW_TASK_POLLERS,
    maxConcurrentActivityTaskPolls: env.WORKER_ACTIVITY_TASK_POLLERS,
    shutdownGraceTime: env.WORKER_SHUTDOWN_GRACE_MS,
  };
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));
}

/**
 * A worker for the order task queue (order and per-shop workflows). Tests pass a prebuilt `workflowBundle` so the bundle is
 * made once per run instead of once per worker.
 */
export function createOrderWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: WorkerActivityDeps;
  workflowBundle?: { code: string };
  tuning?: WorkerTuning;
  /**
   * Activities continue the trace of the api's workflow start (startTracing must have run); a
   * prebuilt bundle must have been built with tracingWorkflowModules.
   */
  tracing?: boolean;
}): Promise<Worker> {
  const traced =
    opts.tracing && tracingWorkerOptions(opts.workflowBundle ? [] : tracingWorkflowModules);
  return Worker.create({
    ...opts.tuning,
    ...traced,
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    activities: createWorkerActivities(opts.deps),
  });
}
