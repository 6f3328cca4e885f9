import { deliverSupplierMessage } from '@switchyard/workflows';
import { z } from 'zod';
import { supplierProcedure } from '../trpc.ts';
import { dispatchIdInput, loadSupplierDispatch, messageOutput } from './dispatch.ts';

const input = z.object({
  dispatchId: dispatchIdInput,
  /** Optional on an order with a platform label: its number is the label's (R-CHK-3). */
  trackingNumber: z.string().trim().min(1).max(64).optional(),
  carrier: z.string().trim().min(1).max(64).optional(),
});

/**
 * R-SLA-3, R-TRK-1: the supplier's tracking number and carrier, checked exactly as the partner
 * API checks them (deliverSupplierMessage): a refusal carries its code (TRACKING_INVALID with
 * the verdict, CARRIER_UNKNOWN, TRACKING_NOT_LABEL, TRACKING_REQUIRED) for the page to explain.
 */
export const shipDispatchProcedure = supplierProcedure
  .input(input)
  .output(messageOutput)
  .mutation(async ({ ctx, input }) => {
    const d = await loadSupplierDispatch(ctx.deps, ctx.supplierId, input.dispatchId);
    const r = await deliverSupplierMessage(ctx.deps, d, {
      kind: 'shipment',
      trackingNumber: input.trackingNumber,
      carrier: input.carrier,
    });
    return 'repeat' in r
      ? { status: r.repeat, repeat: true }
      : { status: 'received', repeat: false };
  });
