/** The task queue of the billing service's worker. */
export const BILLING_TASK_QUEUE = 'billing';

/** Input of one tenant's month close. */
export interface MonthCloseInput {
  version: 1;
  tenantId: string;
  /** `YYYY-MM`, a calendar month in UTC. */
  period: string;
  /**
   * How long one Stripe step may take before Temporal runs it again; a killed worker's step
   * is retried once it has passed. Tests shorten it.
   */
  stepTimeoutMs?: number;
}

export interface MonthCloseInvoiceResult {
  currency: string;
  invoiceId: string;
  number: string | null;
  status: string;
  totalMinor: string;
}

export interface MonthCloseResult {
  tenantId: string;
  period: string;
  invoices: MonthCloseInvoiceResult[];
}

/** Input of the scheduled close of every tenant. */
export interface MonthCloseAllInput {
  version: 1;
  /** Omitted: the month before the one the run starts in. */
  period?: string;
}

/** One close per tenant and period, whoever starts it (schedule, command, operator). */
export const monthCloseWorkflowId = (tenantId: string, period: string) =>
  `billing:month-close:${tenantId}:${period}`;

/** The Temporal Schedule of the monthly close. */
export const MONTH_CLOSE_SCHEDULE_ID = 'billing:month-close';

/** Input of one billing reconciliation run (scheduled, or on demand). */
export interface BillingReconcileInput {
  version: 1;
  /** A close whose invoice is still a draft this long after it was opened is stuck. */
  stuckAfterMs?: number;
}

export interface BillingReconcileResult {
  /** Everything found wrong in this run (open findings), by kind and subject. */
  findings: Array<{ kind: string; subject: string }>;
  /** How many of them are new (or back) and were alerted. */
  opened: number;
}

/** The Temporal Schedule of the daily reconciliation. */
export const BILLING_RECONCILE_SCHEDULE_ID = 'billing:reconcile';

/** Six hours: a close takes minutes; a draft older than this is waiting for an operator. */
export const DEFAULT_STUCK_AFTER_MS = 6 * 3_600_000;
