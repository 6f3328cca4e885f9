import { applyStockFeed, knownItemCodes, withSupplier } from '@switchyard/db';
import { checkStockFeed } from '@switchyard/domain';
import { parseStockFeedCsv } from '@switchyard/domain/csv';
import { z } from 'zod';
import { supplierProcedure } from '../trpc.ts';

const output = z.object({
  applied: z.number(),
  /** Refused rows by their line in the file (the header is line 1), with a stable code. */
  rejected: z.array(z.object({ line: z.number(), code: z.string(), message: z.string() })),
});

/**
 * R-RT-1 data: the supplier's stock and cost as a CSV (sku_code, stock, unit_cost), checked
 * and applied exactly as the partner API's `POST /catalog/stock` feed: good rows kept in one
 * transaction in the supplier's scope, bad rows reported with their line and code.
 */
export const uploadStockProcedure = supplierProcedure
  .input(z.object({ content: z.string().min(1).max(200_000) }))
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const items = parseStockFeedCsv(input.content);
    const report = await withSupplier(ctx.deps.db, ctx.supplierId, async (trx) => {
      const codes = items.flatMap((r) =>
        typeof r.sku_code === 'string' ? [r.sku_code.trim()] : [],
      );
      const checked = checkStockFeed(items, await knownItemCodes(trx, ctx.supplierId, codes));
      await applyStockFeed(trx, ctx.supplierId, checked.updates);
      return checked;
    });
    return {
      applied: report.updates.length,
      rejected: report.rejected.map((r) => ({
        line: r.index + 2,
        code: r.code,
        message: r.message,
      })),
    };
  });
