import { z } from 'zod';
import { uploadStock } from '../../files/supplier-uploads.ts';
import { supplierProcedure } from '../trpc.ts';

const output = z.object({
  applied: z.number(),
  /** Refused rows by their line in the file (the header is line 1), with a stable code. */
  rejected: z.array(z.object({ line: z.number(), code: z.string(), message: z.string() })),
});

/**
 * R-RT-1 data: the supplier's stock and cost as a CSV (sku_code, stock, unit_cost), checked
 * and applied exactly as the partner API's `POST /catalog/stock` feed (files/supplier-uploads.ts).
 * The portal sends files by its file route instead (files/portal-routes.ts), past tRPC's limit.
 */
export const uploadStockProcedure = supplierProcedure
  .input(z.object({ content: z.string().min(1).max(200_000) }))
  .output(output)
  .mutation(({ ctx, input }) => uploadStock(ctx.deps, ctx.supplierId, input.content));
