// Node timers overflow above 2^31-1 ms (~24.8 days); longer waits are re-armed by run().
const MAX_TIMER_MS = 2_147_483_647;

interface Task {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * The simulator's clock. Time is `base() + offset`; `advance(ms)` moves it forward so tests can
 * cross the ON_HOLD window or the webhook retry schedule instantly. Tasks run when due on this
 * clock: a real timer pokes `run()` for wall-clock use, `advance()` for controlled use.
 */
export class SimClock {
  private offset = 0;
  private seq = 0;
  private tasks: Task[] = [];
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(private readonly base: () => number) {}

  now(): number {
    return this.base() + this.offset;
  }

  nowSec(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Runs `fn` once `delayMs` of simulated time has passed. */
  after(delayMs: number, fn: () => void): void {
    if (this.closed) return;
    this.tasks.push({ at: this.now() + delayMs, seq: this.seq++, fn });
    this.arm(delayMs);
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('time only moves forward');
    this.offset += ms;
    this.run();
  }

  /** Executes every due task, including tasks that due tasks schedule. */
  run(): void {
    for (;;) {
      const now = this.now();
      const due = this.tasks
        .filter((t) => t.at <= now)
        .sort((a, b) => a.at - b.at || a.seq - b.seq);
      if (due.length === 0) return;
      this.tasks = this.tasks.filter((t) => t.at > now);
      for (const t of due) t.fn();
    }
  }

  close(): void {
    this.closed = true;
    this.tasks = [];
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private arm(delayMs: number): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        this.run();
        if (delayMs > MAX_TIMER_MS) this.arm(delayMs - MAX_TIMER_MS);
      },
      Math.max(0, Math.min(delayMs, MAX_TIMER_MS)),
    );
    // The sim must never keep a test process alive on its own.
    t.unref();
    this.timers.add(t);
  }
}
