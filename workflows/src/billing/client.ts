import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import {
  BILLING_RECONCILE_SCHEDULE_ID,
  BILLING_TASK_QUEUE,
  type BillingReconcileInput,
  type BillingReconcileResult,
  MONTH_CLOSE_SCHEDULE_ID,
  type MonthCloseInput,
  type MonthCloseResult,
  monthCloseWorkflowId,
} from './messages.ts';
import { billingReconcile, monthClose, monthCloseAll } from './workflows.ts';

/**
 * Starts a tenant's month close, or joins the one already running or finished for that
 * period, and waits for its result.
 */
export async function runMonthClose(
  client: Client,
  input: Omit<MonthCloseInput, 'version'>,
  taskQueue = BILLING_TASK_QUEUE,
): Promise<MonthCloseResult> {
  const workflowId = monthCloseWorkflowId(input.tenantId, input.period);
  try {
    const handle = await client.workflow.start(monthClose, {
      workflowId,
      taskQueue,
      args: [{ version: 1, ...input }],
    });
    return await handle.result();
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return client.workflow.getHandle<typeof monthClose>(workflowId).result();
  }
}

/**
 * The monthly close as a Temporal Schedule: on the 1st at 02:00 UTC, every tenant's previous
 * month. Created once; an existing schedule is left as operators may have tuned it.
 */
export async function ensureMonthCloseSchedule(
  client: Client,
  taskQueue = BILLING_TASK_QUEUE,
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: MONTH_CLOSE_SCHEDULE_ID,
      spec: { calendars: [{ dayOfMonth: 1, hour: 2, minute: 0 }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
      action: {
        type: 'startWorkflow',
        workflowType: monthCloseAll,
        taskQueue,
        args: [{ version: 1 }],
      },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}

/**
 * Starts a tenant's month close without waiting for it (an operator's button): false when that
 * close already runs or ran, as its workflow id is the tenant and period.
 */
export async function startMonthClose(
  client: Client,
  input: Omit<MonthCloseInput, 'version'>,
  taskQueue = BILLING_TASK_QUEUE,
): Promise<{ workflowId: string; started: boolean }> {
  const workflowId = monthCloseWorkflowId(input.tenantId, input.period);
  try {
    await client.workflow.start(monthClose, {
      workflowId,
      taskQueue,
      args: [{ version: 1, ...input }],
    });
    return { workflowId, started: true };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return { workflowId, started: false };
  }
}

/** Runs one reconciliation now (an operator's command) and waits for its findings. */
export async function runBillingReconcile(
  client: Client,
  input: Omit<BillingReconcileInput, 'version'> = {},
  taskQueue = BILLING_TASK_QUEUE,
): Promise<BillingReconcileResult> {
  return client.workflow.execute(billingReconcile, {
    // One run per start; two at once would only record the same findings twice over.
    workflowId: `billing:reconcile:${new Date().toISOString()}`,
    taskQueue,
    args: [{ version: 1, ...input }],
  });
}

/**
 * The daily reconciliation as a Temporal Schedule (03:00 UTC, after the monthly close at
 * 02:00 on the 1st); runs never overlap. Created once, like the close's schedule.
 */
export async function ensureReconcileSchedule(
  client: Client,
  taskQueue = BILLING_TASK_QUEUE,
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: BILLING_RECONCILE_SCHEDULE_ID,
      spec: { calendars: [{ hour: 3, minute: 0 }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: {
        type: 'startWorkflow',
        workflowType: billingReconcile,
        taskQueue,
        args: [{ version: 1 }],
      },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
