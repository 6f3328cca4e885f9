import { dailyFigures, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { tenantProcedure } from '../trpc.ts';

/** An IANA zone name (`Asia/Shanghai`, `UTC`); never an offset, which PostgreSQL reads inverted. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

const timeZone = z
  .string()
  .max(64)
  .regex(ZONE_NAME, 'an IANA time zone name')
  .transform((zone, ctx) => {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'an IANA time zone name' });
      return z.NEVER;
    }
  });

const input = z.object({ days: z.number().int().min(7).max(90).default(30), timeZone });

const output = z.object({
  timeZone: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      received: z.number(),
      shipped: z.number(),
      /** Shipped ones with a marketplace deadline, and those that met it (R-SLA-1). */
      withDeadline: z.number(),
      onTime: z.number(),
      /** Share of the day's shipped orders with a deadline that met it (R-SLA-1); null: none. */
      onTimeShare: z.number().nullable(),
    }),
  ),
});

/** PostgreSQL's "invalid parameter value": a zone the browser knows and the database does not. */
const UNKNOWN_ZONE = '22023';

/**
 * The dashboard's chart: the tenant's orders per day received, in the reader's time zone, with
 * how many shipped and the share of those that beat the marketplace deadline, as
 * `reports.promise` counts them (R-SLA-5).
 */
export const dailyReportProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const rows = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      dailyFigures(trx, { days: input.days, timeZone: input.timeZone, now: new Date() }),
    ).catch((err: unknown) => {
      if ((err as { code?: string }).code === UNKNOWN_ZONE)
        throw new AppError('BAD_REQUEST', `unknown time zone ${input.timeZone}`);
      throw err;
    });
    return {
      timeZone: input.timeZone,
      days: rows.map((r) => ({
        day: r.day,
        received: r.received,
        shipped: r.shipped,
        withDeadline: r.withDeadline,
        onTime: r.beforeDeadline,
        onTimeShare: r.withDeadline === 0 ? null : r.beforeDeadline / r.withDeadline,
      })),
    };
  });
