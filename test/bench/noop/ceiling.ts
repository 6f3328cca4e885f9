import { randomUUID } from 'node:crypto';
import { type Service, spawnService } from '@switchyard/infra/processes';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { noopOrder } from './workflows.ts';

/** The no-op worker as its own process, on its own task queue; resolves once it polls. */
export async function startNoopWorker(opts: {
  temporalAddress: string;
  taskQueue: string;
  logDir: string;
  delays: { ackMs: number; shipMs: number };
  env?: Record<string, string>;
}): Promise<Service> {
  let ready: () => void = () => {};
  const running = new Promise<void>((r) => {
    ready = r;
  });
  const worker = spawnService(
    'noop-worker',
    'test/bench/noop/worker.ts',
    {
      ...opts.env,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TASK_QUEUE: opts.taskQueue,
      ACK_DELAY_MS: String(opts.delays.ackMs),
      SHIP_DELAY_MS: String(opts.delays.shipMs),
    },
    { logDir: opts.logDir, onLine: (line) => line.includes('noop worker running') && ready() },
  );
  await Promise.race([running, worker.gone.then((why) => Promise.reject(new Error(why)))]);
  return worker;
}

/**
 * Starts `n` no-op workflows at once (at most `concurrency` starts in flight, as the api's inbox
 * dispatcher hands on) and waits for them all, or until `timeoutMs`. The span runs from the
 * first start to the last completion seen.
 */
export async function runNoopBatch(
  client: Client,
  taskQueue: string,
  n: number,
  opts: { concurrency?: number; timeoutMs: number },
): Promise<{ spanMs: number; done: number; workflowIds: string[] }> {
  const run = randomUUID().slice(0, 8);
  const workflowIds = Array.from({ length: n }, (_, i) => `noop-${run}-${i}`);
  const t0 = Date.now();
  let last = t0;
  let done = 0;
  const finished: Array<Promise<void>> = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      const handle = await client.workflow.start(noopOrder, {
        taskQueue,
        workflowId: workflowIds[i]!,
      });
      finished.push(
        closed(handle).then((at) => {
          if (at === undefined) return;
          done++;
          last = Math.max(last, at);
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 32 }, lane));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(finished),
    new Promise((r) => {
      timer = setTimeout(r, opts.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return { spanMs: last - t0, done, workflowIds };
}

/**
 * When the workflow completed (epoch ms), or undefined if it ended otherwise. A long poll for
 * the result can fail under load while the workflow runs on: then it is asked again.
 */
async function closed(handle: WorkflowHandle): Promise<number | undefined> {
  for (;;) {
    const ok = await handle.result().then(
      () => true,
      () => false,
    );
    if (ok) return Date.now();
    const d = await handle.describe().catch(() => undefined);
    if (d && d.status.name !== 'RUNNING')
      return d.status.name === 'COMPLETED' ? (d.closeTime?.getTime() ?? Date.now()) : undefined;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
