import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One request as the client saw it: when it left (epoch ms, to compare with other clocks). */
export interface Shot {
  sentAt: number;
  ms: number;
  status: number;
}

/**
 * POSTs every request with at most `concurrency` in flight over keep-alive connections, as a
 * marketplace delivering a burst would. With `perSecond`, request i leaves no earlier than
 * i / perSecond after the start (a steady rate; concurrency still caps what is in flight).
 * node:http rather than fetch: the client shares the machine with what it measures.
 */
export async function fire(
  url: string,
  requests: ReadonlyArray<{ body: string; headers: Record<string, string> }>,
  opts: { concurrency: number; perSecond?: number },
): Promise<{ shots: Shot[]; wallMs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const shots: Shot[] = new Array(requests.length);
  let next = 0;
  const t0 = performance.now();
  const one = (i: number) =>
    new Promise<void>((done, fail) => {
      const { body, headers } = requests[i]!;
      const sentAt = Date.now();
      const start = performance.now();
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            shots[i] = { sentAt, ms: performance.now() - start, status: res.statusCode ?? 0 };
            done();
          });
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  const lane = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      if (opts.perSecond) {
        const due = t0 + (i * 1000) / opts.perSecond - performance.now();
        if (due > 0) await new Promise((r) => setTimeout(r, due));
      }
      await one(i);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  const wallMs = performance.now() - t0;
  agent.destroy();
  return { shots, wallMs };
}

/** The value at quantile q of ascending `sorted`. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export const ascending = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

/**
 * Runs a TypeScript entry of the repo as its own Node process, as `pnpm start` runs the api
 * (infra/src/processes.ts); resolves once `ready` answers 2xx. Its output is kept for errors.
 */
export async function spawnEntry(
  entry: string,
  env: Record<string, string>,
  ready: string,
): Promise<{ child: ChildProcess; output: () => string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited:\n${output}`);
    const up = await fetch(ready, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${entry} did not answer ${ready}:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
