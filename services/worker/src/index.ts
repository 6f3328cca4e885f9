export { parseWorkerEnv, type WorkerEnv } from './env.ts';
export { createOrderWorker, orderActivityDeps, type WorkerTuning, workerTuning } from './worker.ts';
