/**
 * The production-shaped Temporal server: persistence and visibility on PostgreSQL (two
 * databases of their own, owned by a role of their own), schema applied by Temporal's own SQL
 * tool, a chosen number of history shards, the four services in one process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@temporalio/client';
import Long from 'long';
import pg from 'pg';
import { ensureTemporalServer, type TemporalServerBinaries } from './bootstrap-temporal-server.ts';
import { describeExit, stopChild, type WatchedChild, watchChild } from './child-output.ts';
import { freePort, isAddressInUse } from './ports.ts';
import { type RunningTemporal, waitReady } from './temporal.ts';

export interface TemporalOnPostgres extends RunningTemporal {
  /** Its persistence database; visibility is `<database>_visibility`. */
  database: string;
  shards: number;
  /** SIGKILL, as a crashed host: nothing is flushed, the databases keep what was committed. */
  kill(): Promise<void>;
  /** Starts the server again on the same databases and ports, after kill(). */
  restart(): Promise<void>;
}

export interface TemporalOnPostgresOptions {
  /** Superuser URL of the PostgreSQL server to keep Temporal's databases in. */
  adminUrl: string;
  /**
   * Name of the persistence database and of the role that owns both databases (default
   * `temporal`). An existing database is reused: its schema is brought up to date, and it keeps
   * the shard count it was created with.
   */
  database?: string;
  /** History shards (default 4); fixed for the life of the database. */
  shards?: number;
  log?: (m: string) => void;
  /** For tests that provoke a lost port race. */
  pickPort?: () => Promise<number>;
}

export const DEFAULT_HISTORY_SHARDS = 4;
const NAMESPACE = 'default';
const RETENTION_S = 3 * 24 * 3600;
const READY_TIMEOUT_MS = 90_000;
const ATTEMPTS = 3;
// Temporal keeps membership ports in a small-integer column.
const MEMBERSHIP_BELOW = 32768;
const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;

interface Ports {
  grpc: Record<(typeof SERVICES)[number], number>;
  membership: Record<(typeof SERVICES)[number], number>;
  http: number;
}

export async function startTemporalOnPostgres(
  opts: TemporalOnPostgresOptions,
): Promise<TemporalOnPostgres> {
  const log = opts.log ?? (() => {});
  const pickPort = opts.pickPort ?? freePort;
  const database = opts.database ?? 'temporal';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(database)) throw new Error(`bad database name ${database}`);
  const shards = opts.shards ?? DEFAULT_HISTORY_SHARDS;
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`bad shard count ${shards}`);
  const bins = await ensureTemporalServer(log);

  const admin = new URL(opts.adminUrl);
  const password = randomBytes(16).toString('hex');
  const created = await prepareDatabases(opts.adminUrl, database, password);
  const db = { host: admin.hostname, port: Number(admin.port || 5432), user: database, password };
  await Promise.all([
    applySchema(bins, db, database, 'temporal', created.persistence),
    applySchema(bins, db, `${database}_visibility`, 'visibility', created.visibility),
  ]);

  // The config holds the role's password: a private directory, removed on stop.
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-temporal-'));
  const dropDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', dropDir);
  const configFile = join(dir, 'config.yaml');

  let current: { child: ChildProcess; watched: WatchedChild } | undefined;
  let ports: Ports | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      ports = await choosePorts(pickPort);
      await writeConfig(configFile, { db, database, shards, ports });
      const started = await launch(bins.server, configFile, ports);
      if ('child' in started) {
        current = started;
        break;
      }
      if (attempt < ATTEMPTS && isAddressInUse(started.output)) {
        log(`temporal server (${describe(ports)}) lost a port to another process; restarting`);
        continue;
      }
      throw new Error(`temporal server (${describe(ports)}) ${started.reason}:\n${started.output}`);
    }
  } catch (err) {
    process.off('exit', dropDir);
    dropDir();
    throw err;
  }
  const chosen = ports;

  let stopped = false;
  return {
    address: `127.0.0.1:${chosen.grpc.frontend}`,
    namespace: NAMESPACE,
    database,
    shards,
    get pid() {
      return current?.child.pid;
    },
    async kill() {
      const running = current;
      current = undefined;
      if (!running) return;
      running.child.kill('SIGKILL');
      await running.watched.closed;
    },
    async restart() {
      if (stopped) throw new Error('temporal server was stopped; start a new one');
      if (current) throw new Error('temporal server is running; kill() it first');
      const started = await launch(bins.server, configFile, chosen);
      if (!('child' in started))
        throw new Error(
          `temporal server (${describe(chosen)}) did not come back: ${started.reason}:\n${started.output}`,
        );
      current = started;
    },
    async stop() {
      stopped = true;
      const running = current;
      current = undefined;
      if (running) await stopChild(running.child, 'SIGTERM', 10_000);
      process.off('exit', dropDir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates the role and its two databases unless they exist, and sets the role's password.
 * Says which databases are new: only those get the initial schema.
 */
async function prepareDatabases(
  adminUrl: string,
  name: string,
  password: string,
): Promise<{ persistence: boolean; visibility: boolean }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Roles are cluster-wide: another run on the same server may create it at the same time.
    await client.query(`do $$ begin
      create role ${name} login nosuperuser nocreatedb nocreaterole nobypassrls;
    exception when duplicate_object or unique_violation then null; end $$`);
    await client.query(`alter role ${name} with password '${password}'`);
    const create = async (db: string) => {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [db]);
      if (rowCount) return false;
      await client.query(`create database ${db} owner ${name}`);
      return true;
    };
    return { persistence: await create(name), visibility: await create(`${name}_visibility`) };
  } finally {
    await client.end();
  }
}

interface DbLogin {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** Temporal's own schema tool: the base tables on a new database, then every versioned step. */
async function applySchema(
  bins: TemporalServerBinaries,
  db: DbLogin,
  database: string,
  kind: 'temporal' | 'visibility',
  isNew: boolean,
): Promise<void> {
  const base = [
    '--plugin',
    'postgres12',
    '--endpoint',
    db.host,
    '--port',
    String(db.port),
    '--user',
    db.user,
    '--database',
    database,
  ];
  if (isNew) await runTool(bins.sqlTool, [...base, 'setup-schema', '-v', '0.0'], db.password);
  await runTool(
    bins.sqlTool,
    [...base, 'update-schema', '-d', join(bins.schemaDir, kind, 'versioned')],
    db.password,
  );
}

async function runTool(tool: string, args: string[], password: string): Promise<void> {
  // The password goes by environment, not argv, which every local user can read.
  const child = spawn(tool, args, {
    env: { ...process.env, SQL_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchChild(child);
  const exit = await watched.closed;
  if (exit.code !== 0)
    throw new Error(
      `temporal-sql-tool ${args.slice(-4).join(' ')} ${describeExit(exit)}:\n${watched.tail()}`,
    );
}

async function choosePorts(pickPort: () => Promise<number>): Promise<Ports> {
  const grpc = {} as Ports['grpc'];
  const membership = {} as Ports['membership'];
  for (const s of SERVICES) {
    grpc[s] = await pickPort();
    membership[s] = await freePort({ below: MEMBERSHIP_BELOW });
  }
  return { grpc, membership, http: await pickPort() };
}

const describe = (p: Ports) =>
  `frontend ${p.grpc.frontend}, http ${p.http}, history ${p.grpc.history}, matching ${p.grpc.matching}, worker ${p.grpc.worker}, membership ${SERVICES.map((s) => p.membership[s]).join('/')}`;

/** The server's config. JSON is YAML, and needs no YAML writer. */
async function writeConfig(
  file: string,
  c: { db: DbLogin; database: string; shards: number; ports: Ports },
): Promise<void> {
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${c.db.host}:${c.db.port}`,
      connectProtocol: 'tcp',
      user: c.db.user,
      password: c.db.password,
      // Each of the four services opens its own pool; PostgreSQL's connections are shared
      // with the platform and, in tests, with every test file's database.
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (s: (typeof SERVICES)[number]) => ({
    rpc: {
      grpcPort: c.ports.grpc[s],
      membershipPort: c.ports.membership[s],
      bindOnLocalHost: true,
      ...(s === 'frontend' ? { httpPort: c.ports.http } : {}),
    },
  });
  const frontend = `127.0.0.1:${c.ports.grpc.frontend}`;
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: c.shards,
      datastores: {
        default: store(c.database, 10),
        visibility: store(`${c.database}_visibility`, 2),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: Object.fromEntries(SERVICES.map((s) => [s, service(s)])),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: frontend,
        },
      },
    },
  };
  await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
}

type Launched = { child: ChildProcess; watched: WatchedChild } | { reason: string; output: string };

async function launch(server: string, configFile: string, ports: Ports): Promise<Launched> {
  // Own process group: a terminal's Ctrl-C reaches the runner, which stops the server last.
  const child = spawn(server, ['--config-file', configFile, '--allow-no-auth', 'start'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Detached children outlive a crashed parent unless killed on the way out.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  const watched = watchChild(child);
  const failure = await waitReady(`127.0.0.1:${ports.grpc.frontend}`, child, watched, {
    timeoutMs: READY_TIMEOUT_MS,
    prepare: registerNamespace,
  });
  if (failure) return { reason: failure, output: watched.tail() };
  return { child, watched };
}

/**
 * Registers the namespace (again after a restart: ALREADY_EXISTS is fine); ready then means the
 * history service answers for it, which a fresh namespace needs a cache refresh for.
 */
async function registerNamespace(svc: Connection['workflowService']): Promise<void> {
  await svc
    .registerNamespace({
      namespace: NAMESPACE,
      workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(RETENTION_S) },
    })
    .catch((err: { code?: number }) => {
      if (err.code !== ALREADY_EXISTS) throw err;
    });
}

const ALREADY_EXISTS = 6;
