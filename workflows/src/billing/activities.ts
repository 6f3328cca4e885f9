import type { Db } from '@switchyard/db';
import { tenantsWithLedgerEntries } from '@switchyard/db';
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
} from '@switchyard/stripe-billing';
import { ApplicationFailure } from '@temporalio/activity';

/** What the billing activities need; the billing service wires the real ones. */
export interface BillingActivityDeps {
  db: Db;
  stripe: Stripe;
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
    async openCloseInvoice(v: CloseRef & { customerId: string; ledgerTotalMinor: string }) {
      return step(() => openCloseInvoice(deps, v, v.customerId, BigInt(v.ledgerTotalMinor)));
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
  };
}

export type BillingActivities = ReturnType<typeof createBillingActivities>;
