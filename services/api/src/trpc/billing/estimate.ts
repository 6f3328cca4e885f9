import { projectToPeriodEnd } from '@switchyard/billing';
import { periodToDate } from '@switchyard/billing/operations';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';
import { money, toMoney } from './schemas.ts';

const output = z.object({
  month: z.string(),
  asOf: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      /** What the next invoice holds so far. */
      toDate: money,
      /** The month's pace so far, carried on to its end. */
      projected: money,
    }),
  ),
});

/** The running estimate of the tenant's next invoice: this month's total so far and projected. */
export const estimateProcedure = tenantProcedure.output(output).query(async ({ ctx }) => {
  const now = new Date();
  const r = await periodToDate(ctx.deps.db, { tenantId: ctx.tenantId, now });
  return {
    month: r.period.month,
    asOf: now.toISOString(),
    currencies: r.currencies.map((c) => ({
      currency: c.currency,
      toDate: toMoney(c.totalMinor, c.currency),
      projected: toMoney(projectToPeriodEnd(c.totalMinor, r.period, now), c.currency),
    })),
  };
});
