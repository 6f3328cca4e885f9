import { deliverSupplierMessage } from '@switchyard/workflows';
import { z } from 'zod';
import { supplierProcedure } from '../trpc.ts';
import { dispatchIdInput, loadSupplierDispatch, messageOutput } from './dispatch.ts';

const input = z.object({
  dispatchId: dispatchIdInput,
  reason: z.string().trim().min(1).max(500),
});

/** The supplier turns a dispatch down with its reason; the order is routed elsewhere (R-SLA-2). */
export const rejectDispatchProcedure = supplierProcedure
  .input(input)
  .output(messageOutput)
  .mutation(async ({ ctx, input }) => {
    const d = await loadSupplierDispatch(ctx.deps, ctx.supplierId, input.dispatchId);
    const r = await deliverSupplierMessage(ctx.deps, d, { kind: 'reject', reason: input.reason });
    return 'repeat' in r
      ? { status: r.repeat, repeat: true }
      : { status: 'rejected', repeat: false };
  });
