export { parseWorkerEnv, type WorkerEnv, workerTuningEnvSchema } from './env.ts';
export { createOrderWorker, orderActivityDeps, type WorkerTuning, workerTuning } from './worker.ts';
