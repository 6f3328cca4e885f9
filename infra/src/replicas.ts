import type { Service } from './processes.ts';

/** Several processes of one service, each of which can be killed and started again. */
export interface Replicas {
  /** The processes running now (a restarted one is replaced in place). */
  list(): Service[];
  /**
   * Ends replica `i` (SIGKILL: a crash, nothing flushed; SIGTERM: a graceful stop) and starts it
   * again with the same environment and port, appending to its log; resolves once it is ready.
   */
  restart(i: number, how: 'SIGKILL' | 'SIGTERM'): Promise<Service>;
  stop(): Promise<void>;
}

/**
 * Starts `count` replicas with `start(i, again)`, which spawns replica i (`again` when it is a
 * restart) and resolves once it is ready.
 */
export async function startReplicas(
  count: number,
  start: (i: number, again: boolean) => Promise<Service>,
  onStarted: (s: Service) => void = () => {},
): Promise<Replicas> {
  const running: Service[] = [];
  const stopAll = () => Promise.all(running.map((s) => s.stop())).then(() => undefined);
  try {
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        start(i, false).then((s) => {
          running[i] = s;
          onStarted(s);
        }),
      ),
    );
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    list: () => [...running],
    async restart(i, how) {
      const old = running[i];
      if (!old) throw new Error(`no replica ${i}`);
      await (how === 'SIGKILL' ? old.kill() : old.stop());
      const s = await start(i, true);
      running[i] = s;
      onStarted(s);
      return s;
    },
    stop: stopAll,
  };
}
