/**
 * Makes Stripe's own `stripe-mock` available: built from the Go module proxy with `go install`
 * into the project cache, like the Temporal server. stripe-mock validates every request against
 * Stripe's OpenAPI spec; the contract test replays the platform's Stripe calls against it so
 * that the Stripe simulator never accepts a call the real API would refuse.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeExit, watchChild } from './child-output.ts';
import { freePort } from './ports.ts';

/** The newest tag on the module proxy; its go.mod asks for Go 1.22, which these machines exceed. */
export const STRIPE_MOCK_VERSION = 'v0.203.0';
const MODULE = 'github.com/stripe/stripe-mock';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, '.cache', 'stripe-mock', STRIPE_MOCK_VERSION);
const BINARY = join(CACHE, 'stripe-mock');
const HINT =
  `stripe-mock is built from source with Go (\`go install ${MODULE}@${STRIPE_MOCK_VERSION}\`): ` +
  'it needs Go 1.22 or newer on PATH and the Go module proxy (a few MB, seconds).';

let building: Promise<string> | undefined;

/** The cached stripe-mock binary, built on first use; throws saying what is missing. */
export function ensureStripeMock(log: (m: string) => void = () => {}): Promise<string> {
  if (existsSync(BINARY)) return Promise.resolve(BINARY);
  building ??= build(log).finally(() => {
    building = undefined;
  });
  return building;
}

async function build(log: (m: string) => void): Promise<string> {
  const go = [
    spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).stdout.trim(),
    process.env.GOROOT && join(process.env.GOROOT, 'bin', 'go'),
    '/usr/local/go/bin/go',
  ].find((c): c is string => !!c && spawnSync(c, ['version'], { stdio: 'ignore' }).status === 0);
  if (!go) throw new Error(`no Go found. ${HINT}`);
  log(`building stripe-mock ${STRIPE_MOCK_VERSION} with go install`);
  // Built beside the cache and moved in whole, so a build that dies leaves nothing half-made.
  const partial = join(dirname(CACHE), `partial-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  try {
    const child: ChildProcess = spawn(go, ['install', `${MODULE}@${STRIPE_MOCK_VERSION}`], {
      env: { ...process.env, GOBIN: partial },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const watched = watchChild(child);
    const exit = await watched.closed;
    if (exit.code !== 0)
      throw new Error(`go install ${describeExit(exit)}:\n${watched.tail()}\n${HINT}`);
    await mkdir(CACHE, { recursive: true });
    if (!existsSync(BINARY))
      await rename(join(partial, 'stripe-mock'), BINARY).catch((err: NodeJS.ErrnoException) => {
        if (!existsSync(BINARY)) throw err;
      });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return BINARY;
}

export interface RunningStripeMock {
  /** `http://127.0.0.1:<port>` */
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts stripe-mock on a free local port (HTTP only) and waits until it listens. */
export async function startStripeMock(): Promise<RunningStripeMock> {
  const binary = await ensureStripeMock();
  const port = await freePort();
  const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let listening: () => void = () => {};
  const ready = new Promise<void>((r) => {
    listening = r;
  });
  const watched = watchChild(child, (line) => {
    if (line.includes('Listening for HTTP')) listening();
  });
  const gone = watched.closed.then((exit) =>
    Promise.reject(new Error(`stripe-mock ${describeExit(exit)}:\n${watched.tail()}`)),
  );
  await Promise.race([ready, gone]);
  gone.catch(() => {});
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    async stop() {
      if (watched.exit()) return;
      child.kill('SIGTERM');
      await watched.closed;
    },
  };
}
