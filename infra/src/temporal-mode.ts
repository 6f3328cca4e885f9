/**
 * Which Temporal server `pnpm start` and `pnpm test` run on, read from the environment in this
 * one place: `SWITCHYARD_TEMPORAL=dev` (default) is the CLI's dev server (SQLite in memory,
 * web UI); `postgres` is the Temporal server on the embedded PostgreSQL, with
 * `SWITCHYARD_TEMPORAL_SHARDS` history shards.
 */

import { type RunningTemporal, startTemporalDevServer } from './temporal.ts';
import { DEFAULT_HISTORY_SHARDS, startTemporalOnPostgres } from './temporal-postgres.ts';

export type TemporalMode = { server: 'dev' } | { server: 'postgres'; shards: number };

export function temporalMode(env: NodeJS.ProcessEnv = process.env): TemporalMode {
  const server = (env.SWITCHYARD_TEMPORAL ?? '').trim().toLowerCase();
  if (server === '' || server === 'dev') return { server: 'dev' };
  if (server !== 'postgres')
    throw new Error(`SWITCHYARD_TEMPORAL=${server}: expected "dev" (the default) or "postgres"`);
  const raw = (env.SWITCHYARD_TEMPORAL_SHARDS ?? '').trim();
  const shards = raw === '' ? DEFAULT_HISTORY_SHARDS : Number(raw);
  if (!Number.isInteger(shards) || shards < 1 || shards > 16_384)
    throw new Error(`SWITCHYARD_TEMPORAL_SHARDS=${raw}: expected a whole number from 1 to 16384`);
  return { server: 'postgres', shards };
}

/** "Temporal dev server" / "Temporal server on PostgreSQL (4 history shards)", for messages. */
export function describeMode(mode: TemporalMode): string {
  return mode.server === 'dev'
    ? 'Temporal dev server'
    : `Temporal server on PostgreSQL (${mode.shards} history shards)`;
}

/**
 * Starts the server `mode` names. The PostgreSQL-backed one keeps its databases on the server of
 * `adminUrl`, so it starts once that PostgreSQL is up.
 */
export async function startTemporal(
  mode: TemporalMode,
  opts: { adminUrl: Promise<string>; ui?: boolean; log?: (m: string) => void },
): Promise<RunningTemporal> {
  if (mode.server === 'dev') return startTemporalDevServer({ ui: opts.ui, log: opts.log });
  return startTemporalOnPostgres({
    adminUrl: await opts.adminUrl,
    shards: mode.shards,
    log: opts.log,
  });
}
