import type { FeePlan } from '@switchyard/billing';
import { ledgerFindings } from '@switchyard/billing/operations';
import type { Db } from '@switchyard/db';
import { recordBillingFindings, tenantsWithLedgerEntries } from '@switchyard/db';
import { periodRange } from '@switchyard/domain';
import {
  addCloseInvoiceLine,
  BillingError,
  type CloseRef,
  ensureStripeCustomer,
  finalizeCloseInvoice,
  openCloseInvoice,
  planMonthClose,
  type Stripe,
  stripeFindings,
} from '@switchyard/stripe-billing';
import { ApplicationFailure } from '@temporalio/activity';

/** What the billing activities need; the billing service wires the real ones. */
export interface BillingActivityDeps {
  db: Db;
  stripe: Stripe;
  /** The platform's default plan: what a tenant without a plan of its own is charged. */
  fees: FeePlan;
}

/** Business refusals end the step for good, with their code; anything else is retried. */
async function step<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BillingError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    throw err;
  }
}

/** Activities of the month close, one Stripe step each, every one safe to run again. */
export function createBillingActivities(deps: BillingActivityDeps) {
  return {
    async ensureBillingCustomer({ tenantId }: { tenantId: string }): Promise<string> {
      return step(() => ensureStripeCustomer(deps, tenantId));
    },
    async planMonthClose({ tenantId, period }: { tenantId: string; period: string }) {
      return step(() => planMonthClose(deps, tenantId, period));
    },
    async openCloseInvoice(
      v: CloseRef & {
        customerId: string;
        ledgerTotalMinor: string;
        carried?: Array<{ forPeriod: string; amountMinor: string }>;
      },
    ) {
      const ref = { tenantId: v.tenantId, period: v.period, currency: v.currency };
      return step(() =>
        openCloseInvoice(deps, ref, v.customerId, BigInt(v.ledgerTotalMinor), v.carried),
      );
    },
    async addCloseInvoiceLine(v: {
      ref: CloseRef & { customerId: string; invoiceId: string };
      line: { key: string; amountMinor: string; description: string };
    }) {
      return step(() => addCloseInvoiceLine(deps, v.ref, v.line));
    },
    async finalizeCloseInvoice(v: {
      ref: CloseRef & { invoiceId: string };
      ledgerTotalMinor: string;
      lines: number;
    }) {
      return step(() => finalizeCloseInvoice(deps, v.ref, BigInt(v.ledgerTotalMinor), v.lines));
    },
    /** Tenants with ledger entries in the period: whom the scheduled close bills. */
    async listTenantsToClose({ period }: { period: string }): Promise<string[]> {
      const { from, to } = periodRange(period);
      return tenantsWithLedgerEntries(deps.db, from, to);
    },
    /**
     * One reconciliation run: the ledger's and Stripe's findings, recorded (open ones seen
     * again, gone ones resolved, new ones alerted). Safe to run again: a retry records the
     * same findings under its own time.
     */
    async reconcileBilling({ stuckAfterMs }: { stuckAfterMs: number }) {
      const now = new Date();
      const findings = [
        ...(await ledgerFindings(deps.db, deps.fees)),
        ...(await stripeFindings(deps, { now, stuckAfterMs })),
      ];
      const opened = await recordBillingFindings(deps.db, findings, now);
      return {
        findings: findings.map((f) => ({ kind: f.kind, subject: f.subject })),
        opened: opened.length,
      };
    },
  };
}

export type BillingActivities = ReturnType<typeof createBillingActivities>;
