export { parseWorkerEnv, type WorkerEnv, workerEnvSchema, workerTuningEnvSchema } from './env.ts';
export { createOrderWorker, orderActivityDeps, type WorkerTuning, workerTuning } from './worker.ts';
