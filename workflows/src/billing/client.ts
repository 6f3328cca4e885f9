import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import {
  BILLING_TASK_QUEUE,
  MONTH_CLOSE_SCHEDULE_ID,
  type MonthCloseInput,
  type MonthCloseResult,
  monthCloseWorkflowId,
} from './messages.ts';
import { monthClose, monthCloseAll } from './workflows.ts';

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
