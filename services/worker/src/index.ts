export { parseWorkerEnv, type WorkerEnv } from './env.ts';
export { createOrderWorker, orderActivityDeps } from './worker.ts';
