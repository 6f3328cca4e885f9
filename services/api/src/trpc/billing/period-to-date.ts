import { periodToDate } from '@switchyard/billing/operations';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';
import { currencySummary, monthInput, toCurrencySummary } from './schemas.ts';

const output = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  /** One summary per currency billed in; amounts are never converted. */
  currencies: z.array(currencySummary),
});

/**
 * The tenant's bill for the current month so far, or for a given month (UTC): orders, fees,
 * markup, credits, adjustments and total per currency, as the month close will sum them.
 */
export const periodToDateProcedure = tenantProcedure
  .input(z.object({ month: monthInput.optional() }).default({}))
  .output(output)
  .query(async ({ ctx, input }) => {
    const r = await periodToDate(ctx.deps.db, {
      tenantId: ctx.tenantId,
      month: input.month,
      now: new Date(),
    });
    return {
      month: r.period.month,
      from: r.period.from.toISOString(),
      to: r.period.to.toISOString(),
      currencies: r.currencies.map(toCurrencySummary),
    };
  });
