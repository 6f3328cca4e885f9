import { getBillingCustomer, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const output = z.object({
  /** Stripe holds a default payment method for the tenant's invoices (saved on its page). */
  saved: z.boolean(),
  /** Since when an invoice is unpaid after a failed charge; null: nothing is past due. */
  pastDueSince: z.string().nullable(),
});

/** Whether the tenant's invoices have a card to be charged to, and whether one is past due. */
export const paymentMethodProcedure = tenantProcedure.output(output).query(async ({ ctx }) => {
  const customer = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
    getBillingCustomer(trx, ctx.tenantId),
  );
  return {
    saved: Boolean(customer?.default_payment_method),
    pastDueSince: customer?.past_due_since ? new Date(customer.past_due_since).toISOString() : null,
  };
});
