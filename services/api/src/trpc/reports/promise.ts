import { promiseFigures, withTenant } from '@switchyard/db';
import { PLATFORM_SHIPPING_RESPONSE_MS } from '@switchyard/domain';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const input = z.object({ days: z.number().int().min(1).max(90).default(30) });

const output = z.object({
  since: z.string(),
  /** The promise: mean minutes from an order's receipt to its tracking handed back (R-SLA-5). */
  promiseMinutes: z.number(),
  orders: z.number(),
  shipped: z.number(),
  meanResponseMinutes: z.number().nullable(),
  /** Whether the mean keeps the promise; null until an order has shipped. */
  promiseKept: z.boolean().nullable(),
  /** Share of shipped orders handed back within the promise, 0–1; null: none shipped. */
  withinPromiseShare: z.number().nullable(),
  /** Share of shipped orders with a marketplace deadline that met it (R-SLA-1); null: none. */
  beforeDeadlineShare: z.number().nullable(),
});

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** R-SLA-5: the platform's own promise to the tenant, measured on its orders of the last days. */
export const promiseReportProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const since = new Date(Date.now() - input.days * DAY_MS);
    const promiseS = PLATFORM_SHIPPING_RESPONSE_MS / 1000;
    const f = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      promiseFigures(trx, { since, promiseS }),
    );
    const meanMinutes = f.meanResponseS === null ? null : f.meanResponseS / 60;
    return {
      since: since.toISOString(),
      promiseMinutes: promiseS / 60,
      orders: f.orders,
      shipped: f.shipped,
      meanResponseMinutes: meanMinutes,
      promiseKept: meanMinutes === null ? null : meanMinutes <= promiseS / 60,
      withinPromiseShare: share(f.withinPromise, f.shipped),
      beforeDeadlineShare: share(f.beforeDeadline, f.withDeadline),
    };
  });
