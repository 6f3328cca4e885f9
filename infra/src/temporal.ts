import { type ChildProcess, spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { ensureTemporal } from './bootstrap-temporal.ts';
import { describeExit, stopChild, type WatchedChild, watchChild } from './child-output.ts';
import { freePort, isAddressInUse } from './ports.ts';

export interface RunningTemporal {
  address: string;
  namespace: string;
  uiUrl?: string;
  /** The server's process, when this started it (for CPU accounting). */
  readonly pid?: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const ATTEMPTS = 3;

/**
 * Starts a Temporal dev server (the real server, SQLite in memory) on free ports.
 * With `ui`, its web UI is served too. `pickPort` is for tests that provoke a lost port race.
 */
export async function startTemporalDevServer(
  opts: { ui?: boolean; log?: (m: string) => void; pickPort?: () => Promise<number> } = {},
): Promise<RunningTemporal> {
  const log = opts.log ?? (() => {});
  const pickPort = opts.pickPort ?? freePort;
  const bins = ensureTemporal(log);
  if (!bins.cli) return startWithSdkDownload();
  for (let attempt = 1; ; attempt++) {
    // Every port the server listens on that the CLI lets us choose, we choose (see freePort).
    const ports: Ports = {
      port: await pickPort(),
      'http-port': await pickPort(),
      'metrics-port': await pickPort(),
      ...(opts.ui ? { 'ui-port': await pickPort() } : {}),
    };
    const started = await start(bins.cli, ports);
    if ('server' in started) return started.server;
    // The history, matching and worker services bind ports the binary picks itself; a race
    // lost on one of those (or on ours) is not ours to prevent, so start again on new ports.
    if (attempt < ATTEMPTS && isAddressInUse(started.output)) {
      log(`temporal dev server (${describe(ports)}) lost a port to another process; restarting`);
      continue;
    }
    throw new Error(
      `temporal dev server (${describe(ports)}) ${started.reason}:\n${started.output}`,
    );
  }
}

type Ports = { port: number; 'http-port': number; 'metrics-port': number; 'ui-port'?: number };

const describe = (ports: Ports) =>
  Object.entries(ports)
    .map(([k, v]) => `${k.replace('-port', '')} ${v}`)
    .join(', ');

async function start(
  cli: string,
  ports: Ports,
): Promise<{ server: RunningTemporal } | { reason: string; output: string }> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--log-level', 'error'];
  for (const [flag, value] of Object.entries(ports)) args.push(`--${flag}`, String(value));
  args.push('--namespace', 'default');
  if (!ports['ui-port']) args.push('--headless');
  // Own process group: a terminal's Ctrl-C reaches the runner, which stops the server last.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // Detached children outlive a crashed parent unless killed on the way out.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  const watched = watchChild(child);
  const address = `127.0.0.1:${ports.port}`;
  const failure = await waitReady(address, child, watched);
  if (failure) return { reason: failure, output: watched.tail() };
  return {
    server: {
      address,
      namespace: 'default',
      uiUrl: ports['ui-port'] ? `http://127.0.0.1:${ports['ui-port']}` : undefined,
      pid: child.pid,
      stop: () => stopChild(child),
    },
  };
}

/**
 * Undefined once the server answers for the default namespace; otherwise why it never will.
 * `prepare` runs on each connection before the question (the PostgreSQL-backed server
 * registers the namespace there) and is retried like it until it succeeds.
 */
export async function waitReady(
  address: string,
  child: ChildProcess,
  watched: WatchedChild,
  opts: {
    timeoutMs?: number;
    prepare?: (svc: Connection['workflowService']) => Promise<void>;
  } = {},
): Promise<string | undefined> {
  const timeoutMs = opts.timeoutMs ?? READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let prepared = !opts.prepare;
  while (Date.now() < deadline) {
    const exit = watched.exit();
    if (exit) return describeExit(exit);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        if (!prepared) {
          await opts.prepare?.(conn.workflowService);
          prepared = true;
        }
        await conn.workflowService.describeNamespace({ namespace: 'default' });
        return undefined;
      } finally {
        await conn.close();
      }
    } catch {
      await Promise.race([watched.closed, new Promise((r) => setTimeout(r, 200))]);
    }
  }
  child.kill('SIGKILL');
  await watched.closed;
  return `not ready after ${timeoutMs / 1000} s`;
}

/** Machines with internet and no CLI: let the SDK fetch its dev server. */
async function startWithSdkDownload(): Promise<RunningTemporal> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal();
  const address = env.connection.options.address;
  return { address, namespace: 'default', stop: () => env.teardown() };
}
