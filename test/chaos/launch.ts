import { rm } from 'node:fs/promises';
import { type LaunchedPlatform, launchPlatform } from '@switchyard/infra/launch-platform';

/**
 * The platform scaled out on one machine: `apis` api processes behind a round-robin balancer,
 * `workers` workers on one task queue, and the Temporal server on PostgreSQL (4 history
 * shards), every process with its log under `logDir` (emptied first, so a scan reads this run).
 */
export async function launchScaledOut(opts: {
  logDir: string;
  apis: number;
  workers: number;
  log?: (m: string) => void;
}): Promise<LaunchedPlatform> {
  await rm(opts.logDir, { recursive: true, force: true });
  return launchPlatform({
    mode: { server: 'postgres', shards: 4 },
    logDir: opts.logDir,
    apis: opts.apis,
    workers: opts.workers,
    log: opts.log,
  });
}
