import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { marketplaceReleasedSignal, OrderWorkflowInput } from '../order/messages.ts';
import { type OrderOutcome, orderFulfillment } from '../order/workflows.ts';
import {
  type ActivityCall,
  type FakeOrderOptions,
  fakeOrderActivities,
} from './fake-order-activities.ts';

export type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** Drives one order workflow from outside: supplier messages, tenant signals, passing time. */
export type Drive = (
  handle: WorkflowHandle<typeof orderFulfillment>,
  calls: ActivityCall[],
) => Promise<void>;

/**
 * Runs one order workflow on a test server with fake activities while `drive` plays the
 * outside world, and returns its outcome, the activities' calls and the recorded history.
 */
export async function runOrder(
  env: TestWorkflowEnvironment,
  bundle: { code: string },
  run: {
    taskQueue: string;
    workflowId: string;
    input: OrderWorkflowInput;
    fake?: FakeOrderOptions;
    /** Delivered with the start, so before the workflow has done anything. */
    signalAtStart?: typeof marketplaceReleasedSignal;
  },
  drive: Drive,
): Promise<{ result: OrderOutcome; calls: ActivityCall[]; history: History }> {
  const { acts, calls } = fakeOrderActivities(run.fake);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: run.taskQueue,
    workflowBundle: bundle,
    activities: acts,
  });
  const options = {
    taskQueue: run.taskQueue,
    workflowId: run.workflowId,
    args: [run.input] as [OrderWorkflowInput],
  };
  return worker.runUntil(async () => {
    const handle = run.signalAtStart
      ? await env.client.workflow.signalWithStart(orderFulfillment, {
          ...options,
          signal: run.signalAtStart,
        })
      : await env.client.workflow.start(orderFulfillment, options);
    await drive(handle, calls);
    return { result: await handle.result(), calls, history: await handle.fetchHistory() };
  });
}

/** Polls until `ok` holds (activities run asynchronously to the test), for up to 4 s. */
export async function until(ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 20));
}

/** The dispatch id of the workflow's `n`-th dispatch, once it has happened. */
export async function dispatched(calls: ActivityCall[], n: number): Promise<string> {
  const nth = () => calls.filter((c) => c.name === 'dispatchToSupplier')[n - 1];
  await until(() => nth() !== undefined);
  const d = nth();
  if (!d) throw new Error(`dispatch #${n} never happened`);
  return d.args.dispatchId as string;
}

/** The dispatch id of line group `index`'s `n`-th dispatch (groups are dispatched at once). */
export async function groupDispatched(
  calls: ActivityCall[],
  index: number,
  n: number,
): Promise<string> {
  const nth = () =>
    calls.filter(
      (c) =>
        c.name === 'dispatchToSupplier' &&
        (c.args.group as { index: number } | undefined)?.index === index,
    )[n - 1];
  await until(() => nth() !== undefined);
  const d = nth();
  if (!d) throw new Error(`dispatch #${n} of line group ${index} never happened`);
  return d.args.dispatchId as string;
}

/** Waits until the workflow has started `n` timers: time skipped before then is lost on it. */
export async function timersArmed(handle: WorkflowHandle, n: number): Promise<void> {
  await until(
    async () =>
      ((await handle.fetchHistory()).events ?? []).filter((e) => e.timerStartedEventAttributes)
        .length >= n,
  );
}
