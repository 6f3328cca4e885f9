import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeExit, stopChild, watchChild } from './child-output.ts';
import { printAbove } from './console-lines.ts';
import { errorSummary } from './log-lines.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Service {
  name: string;
  child: ChildProcess;
  /** Once the process is gone: how it ended, on which port, and its last output. */
  whyGone(): string | undefined;
  /** Resolves with whyGone() when the process is gone. */
  gone: Promise<string>;
  /** SIGTERM, then SIGKILL after 5 s; an exit asked for is not reported as a failure. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash: nothing is flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
}

const children = new Set<ChildProcess>();
let stopping = false;

/**
 * Runs a TypeScript entry point of the repo as its own Node process (through tsx). Its whole
 * output goes to `<logDir>/<name>.log` (truncated at each start unless `append`); lines that report errors also
 * reach the console, prefixed with the service's name. Every child is remembered so that
 * stopAll() and an unexpected exit of this process leave no orphans.
 */
export function spawnService(
  name: string,
  entry: string,
  env: Record<string, string>,
  opts: {
    logDir: string;
    port?: number;
    onLine?: (line: string) => void;
    /** Add to the log file instead of truncating it: the same service started again. */
    append?: boolean;
  },
): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const file = createWriteStream(join(opts.logDir, `${name}.log`), {
    flags: opts.append ? 'a' : 'w',
  });
  child.stdout?.on('data', (d) => file.write(d));
  child.stderr?.on('data', (d) => file.write(d));
  const watched = watchChild(child, (line, stream) => {
    opts.onLine?.(line);
    const error = errorSummary(line, stream);
    if (error) printAbove(`[${name}] ${error}`);
  });
  const where = opts.port ? ` (port ${opts.port})` : '';
  const ending = () => {
    const exit = watched.exit();
    return exit && `${describeExit(exit)}${where}:\n${watched.tail()}`;
  };
  let stopped = false;
  void watched.closed.then((exit) => {
    file.end();
    if (!stopping && !stopped && (exit.code !== 0 || exit.signal !== null))
      printAbove(`\n[${name}] ${ending()}`);
  });
  const whyGone = () => {
    const how = ending();
    return how && `${name} ${how}`;
  };
  const gone = watched.closed.then(() => whyGone() ?? name);
  const stop = () => {
    stopped = true;
    return stopChild(child);
  };
  const kill = async () => {
    stopped = true;
    child.kill('SIGKILL');
    await watched.closed;
  };
  return { name, child, whyGone, gone, stop, kill };
}

/** Resolves when `url` answers 2xx; fails with the service's last words if it dies first. */
export async function waitHttp(url: string, service?: Service, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const gone = service?.whyGone();
    if (gone) throw new Error(gone);
    try {
      // Bounded: if another process holds the port, it may accept and never answer.
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** SIGTERM to every child, SIGKILL to those still alive after 5 s. */
export async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all([...children].map((c) => stopChild(c)));
}

process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
