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
