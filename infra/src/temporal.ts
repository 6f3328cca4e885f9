import { type ChildProcess, spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { ensureTemporal } from './bootstrap-temporal.ts';
import { freePort } from './ports.ts';

export interface RunningTemporal {
  address: string;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts a Temporal dev server (the real server, SQLite in memory) on free ports.
 * With `ui`, its web UI is served too.
 */
export async function startTemporalDevServer(
  opts: { ui?: boolean; log?: (m: string) => void } = {},
): Promise<RunningTemporal> {
  const log = opts.log ?? (() => {});
  const bins = ensureTemporal(log);
  if (!bins.cli) return startWithSdkDownload();
  const port = await freePort();
  const uiPort = opts.ui ? await freePort() : undefined;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--log-level',
    'error',
    '--namespace',
    'default',
  ];
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  // Own process group: a terminal's Ctrl-C reaches the runner, which stops the server last.
  const child = spawn(bins.cli, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  // Detached children outlive a crashed parent unless killed on the way out.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const address = `127.0.0.1:${port}`;
  await waitReady(address, child, () => stderr);
  return {
    address,
    namespace: 'default',
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    stop: () => stopChild(child),
  };
}

async function waitReady(
  address: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited: ${stderr()}`);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await conn.close();
      }
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`temporal dev server not ready after 60 s: ${stderr()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Machines with internet and no CLI: let the SDK fetch its dev server. */
async function startWithSdkDownload(): Promise<RunningTemporal> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal();
  const address = env.connection.options.address;
  return { address, namespace: 'default', stop: () => env.teardown() };
}
