import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const children = new Set<ChildProcess>();

/**
 * Runs a TypeScript entry point of the repo as its own Node process (through tsx) and keeps
 * its last output for error messages. Every child is remembered so that stopAll() and an
 * unexpected exit of this process leave no orphans.
 */
export function spawnService(
  name: string,
  entry: string,
  env: Record<string, string>,
  onLine?: (line: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let tail = '';
  const take = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
    for (const line of d.toString().split('\n')) if (line.trim()) onLine?.(line);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal === null && !stopping)
      console.error(`\n[${name}] exited with code ${code}:\n${tail}`);
  });
  return child;
}

/** Resolves when `url` answers 2xx; fails early if the process dies first. */
export async function waitHttp(
  url: string,
  child?: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process for ${url} exited`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

let stopping = false;

/** SIGTERM to every child, SIGKILL to those still alive after 5 s. */
export async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const force = setTimeout(() => c.kill('SIGKILL'), 5000);
          c.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}

process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
