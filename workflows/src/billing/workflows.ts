import { previousPeriod } from '@switchyard/domain';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { BillingActivities } from './activities.ts';
import {
  type BillingReconcileInput,
  type BillingReconcileResult,
  DEFAULT_STUCK_AFTER_MS,
  type MonthCloseAllInput,
  type MonthCloseInput,
  type MonthCloseResult,
  monthCloseWorkflowId,
} from './messages.ts';

const stepsFor = (timeoutMs: number) =>
  proxyActivities<BillingActivities>({
    startToCloseTimeout: timeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });

/**
 * One tenant's month close (issue 11): its Stripe customer, then per currency a draft invoice
 * (`auto_advance: false`), one item per ledger kind, Stripe's total checked against the
 * ledger's, finalize. Every step looks up what an earlier run made before making anything, so
 * a close killed between any two steps and resumed makes no second item or invoice.
 */
export async function monthClose(input: MonthCloseInput): Promise<MonthCloseResult> {
  const acts = stepsFor(input.stepTimeoutMs ?? 60_000);
  const { tenantId, period } = input;
  const plan = await acts.planMonthClose({ tenantId, period });
  if (plan.length === 0) return { tenantId, period, invoices: [] };
  const customerId = await acts.ensureBillingCustomer({ tenantId });
  const invoices: MonthCloseResult['invoices'] = [];
  for (const p of plan) {
    const ref = { tenantId, period, currency: p.currency };
    const invoiceId = await acts.openCloseInvoice({
      ...ref,
      customerId,
      ledgerTotalMinor: p.totalMinor,
      // Absent in plans recorded before carry-overs: the field is only passed on.
      ...(p.carried ? { carried: p.carried } : {}),
    });
    for (const line of p.lines)
      await acts.addCloseInvoiceLine({ ref: { ...ref, customerId, invoiceId }, line });
    const done = await acts.finalizeCloseInvoice({
      ref: { ...ref, invoiceId },
      ledgerTotalMinor: p.totalMinor,
      lines: p.lines.length,
    });
    invoices.push({ currency: p.currency, invoiceId, ...done });
  }
  return { tenantId, period, invoices };
}

const listing = proxyActivities<BillingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/**
 * The scheduled close: every tenant with ledger entries in the period gets its own close,
 * started once (a close already started by the command or an earlier run is left to finish).
 */
export async function monthCloseAll(input: MonthCloseAllInput): Promise<number> {
  // Workflow time is deterministic: the start of this run, as recorded in its history.
  const period = input.period ?? previousPeriod(new Date(Date.now()));
  const tenants = await listing.listTenantsToClose({ period });
  let started = 0;
  for (const tenantId of tenants) {
    try {
      await startChild(monthClose, {
        workflowId: monthCloseWorkflowId(tenantId, period),
        taskQueue: workflowInfo().taskQueue,
        args: [{ version: 1, tenantId, period }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      started++;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  return started;
}

const reconciling = proxyActivities<BillingActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/**
 * The billing reconciliation (issue 11): compares the ledger with the facts it charges and
 * Stripe with our invoices, and records what differs as findings an operator is alerted to.
 * It only reports; fixing is an operator's decision (an adjustment, a close re-run).
 */
export async function billingReconcile(
  input: BillingReconcileInput,
): Promise<BillingReconcileResult> {
  return reconciling.reconcileBilling({
    stuckAfterMs: input.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS,
  });
}
