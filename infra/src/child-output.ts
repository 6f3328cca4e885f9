import type { ChildProcess } from 'node:child_process';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WatchedChild {
  /** The last characters of stdout and stderr together, in the order they arrived. */
  tail(): string;
  /**
   * Resolves once the child has exited and both pipes are drained. Node emits 'exit' while the
   * pipes may still hold the child's last words, so a reason read at 'exit' can come out empty.
   */
  closed: Promise<ChildExit>;
  /** The exit, once `closed` has resolved. */
  exit(): ChildExit | undefined;
}

/** Keeps the tail of a child's output (both streams) and tells when it is really gone. */
export function watchChild(
  child: ChildProcess,
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void,
  limit = 8000,
): WatchedChild {
  let tail = '';
  let exit: ChildExit | undefined;
  const follow = (stream: 'stdout' | 'stderr') => {
    const pipe = child[stream];
    let partial = '';
    pipe?.on('data', (d: Buffer) => {
      const text = d.toString();
      tail = (tail + text).slice(-limit);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine?.(line, stream);
    });
    pipe?.on('end', () => {
      if (partial.trim()) onLine?.(partial, stream);
    });
  };
  follow('stdout');
  follow('stderr');
  // A spawn failure (missing binary, no memory) arrives as 'error', not as output.
  child.on('error', (err) => {
    tail = `${tail}${tail && !tail.endsWith('\n') ? '\n' : ''}${err.message}\n`.slice(-limit);
  });
  const closed = new Promise<ChildExit>((resolve) =>
    child.once('close', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  );
  return { tail: () => tail, closed, exit: () => exit };
}

/** "exited with code 1" / "was killed by SIGKILL", for error messages. */
export function describeExit({ code, signal }: ChildExit): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/** Asks a child to stop with `signal`, and kills it if it is still there after `graceMs`. */
export function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 5000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}
