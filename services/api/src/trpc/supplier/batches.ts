import { getSupplierBatch, listSupplierBatches, withSupplier } from '@switchyard/db';
import { DEFAULT_FULFILLMENT_POLICY } from '@switchyard/domain';
import { buildBatchCsv } from '@switchyard/workflows';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { supplierProcedure } from '../trpc.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The supplier's dispatch batches (R-RT-2, file connector), newest first. */
export const listBatchesProcedure = supplierProcedure
  .output(
    z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        slotAt: z.string(),
        dispatchCount: z.number(),
        sentAt: z.string().nullable(),
      }),
    ),
  )
  .query(async ({ ctx }) => {
    const rows = await withSupplier(ctx.deps.db, ctx.supplierId, (trx) =>
      listSupplierBatches(trx, ctx.supplierId, 50),
    );
    return rows.map((b) => ({
      id: b.id,
      fileName: b.file_name,
      slotAt: iso(b.slot_at)!,
      dispatchCount: b.dispatch_count,
      sentAt: iso(b.sent_at),
    }));
  });

/**
 * One batch's CSV, built as the connector builds the file it mails or uploads (buildBatchCsv),
 * for a supplier that lost the mail or prefers the page. Another supplier's id: NOT_FOUND.
 */
export const downloadBatchProcedure = supplierProcedure
  .input(z.object({ batchId: z.uuid() }))
  .output(z.object({ fileName: z.string(), csv: z.string() }))
  .query(async ({ ctx, input }) => {
    const batch = await withSupplier(ctx.deps.db, ctx.supplierId, (trx) =>
      getSupplierBatch(trx, input.batchId),
    );
    if (!batch) throw new AppError('NOT_FOUND', 'no such batch');
    const { csv } = await buildBatchCsv(ctx.deps, {
      supplierId: ctx.supplierId,
      batchId: batch.id,
      slotAt: new Date(batch.slot_at),
      ackWindowMs: DEFAULT_FULFILLMENT_POLICY.ackWindowMs,
    });
    return { fileName: batch.file_name, csv };
  });
