import { decrypt } from '@switchyard/auth';
import { getDispatchLabel, withSupplier } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { supplierProcedure } from '../trpc.ts';
import { dispatchIdInput, loadSupplierDispatch } from './dispatch.ts';

const output = z.object({
  fileName: z.string(),
  contentType: z.string(),
  /** The document itself, base64: the page saves it as a file (no URL to leak or cache). */
  base64: z.string(),
  trackingNumber: z.string(),
});

/**
 * The platform label of a TikTok Shipping order (R-CHK-3) for the supplier its open dispatch
 * is addressed to, as `GET /partner/v1/dispatches/:id/label` gives it. It shows the buyer's
 * address, so it is fetched when asked for, never listed.
 */
export const dispatchLabelProcedure = supplierProcedure
  .input(z.object({ dispatchId: dispatchIdInput }))
  .output(output)
  .query(async ({ ctx, input }) => {
    const d = await loadSupplierDispatch(ctx.deps, ctx.supplierId, input.dispatchId);
    const label = await withSupplier(ctx.deps.db, ctx.supplierId, (trx) =>
      getDispatchLabel(trx, d.id),
    );
    if (!label?.document_enc)
      throw new AppError('LABEL_NOT_FOUND', `dispatch ${d.id} has no label to print`);
    const ext = label.document_type === 'application/pdf' ? 'pdf' : 'bin';
    return {
      fileName: `label-${label.package_id}.${ext}`,
      contentType: label.document_type,
      base64: decrypt(ctx.deps.keyring, label.document_enc),
      trackingNumber: label.tracking_number,
    };
  });
