import { pageSupplierScorecards, SCORECARD_DAYS } from '@switchyard/db';
import { scoreRecord } from '@switchyard/domain';
import { z } from 'zod';
import { pageInput } from '../pagination.ts';
import { operatorProcedure } from '../trpc.ts';

// Optional as a whole: callers from before paging send no input and get the first page.
const input = z.object(pageInput({ default: 50, max: 200 })).default({ limit: 50 });

const rate = z.number().nullable();
const output = z.object({
  windowDays: z.number(),
  /** One keyset page of suppliers in code order; `nextCursor` null on the last. */
  nextCursor: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      active: z.boolean(),
      paused: z.boolean(),
      connector: z.string(),
      dispatched: z.number(),
      shipped: z.number(),
      /** Shares 0..1 over the window; null when there was nothing to count. */
      ackedInTime: rate,
      shippedOnTime: rate,
      validTracking: rate,
      /** The figure routing ranks the record by (scoreRecord), 0..1. */
      score: z.number(),
    }),
  ),
});

const share = (hits: number, of: number) => (of > 0 ? hits / of : null);

/** Every supplier's scorecard (R-RT-1 record, R-SLA-2, R-SLA-3, R-TRK-1) over the window. */
export const supplierScorecardsProcedure = operatorProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const page = await pageSupplierScorecards(ctx.deps.db, input);
    return {
      windowDays: SCORECARD_DAYS,
      nextCursor: page.nextCursor,
      items: page.items.map((s) => {
        const r = {
          dispatched: Number(s.dispatched),
          ackedInTime: Number(s.acked_in_time),
          shipped: Number(s.shipped),
          shippedOnTime: Number(s.shipped_on_time),
          validTracking: Number(s.valid_tracking),
        };
        return {
          id: s.id,
          code: s.code,
          name: s.name,
          active: s.active,
          paused: s.paused_at !== null,
          connector: s.connector,
          dispatched: r.dispatched,
          shipped: r.shipped,
          ackedInTime: share(r.ackedInTime, r.dispatched),
          shippedOnTime: share(r.shippedOnTime, r.shipped),
          validTracking: share(r.validTracking, r.shipped),
          score: Math.round(scoreRecord(r) * 10_000) / 10_000,
        };
      }),
    };
  });
