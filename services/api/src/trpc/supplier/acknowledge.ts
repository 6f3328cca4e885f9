import { deliverSupplierMessage } from '@switchyard/workflows';
import { z } from 'zod';
import { supplierProcedure } from '../trpc.ts';
import { dispatchIdInput, loadSupplierDispatch, messageOutput } from './dispatch.ts';

const input = z.object({
  dispatchId: dispatchIdInput,
  /** When the supplier expects to ship (R-SLA-2), an ISO date-time. */
  expectedShipAt: z.iso.datetime({ offset: true }),
});

/** R-SLA-2: the supplier acknowledges its dispatch with an expected ship time, as over the API. */
export const acknowledgeDispatchProcedure = supplierProcedure
  .input(input)
  .output(messageOutput)
  .mutation(async ({ ctx, input }) => {
    const d = await loadSupplierDispatch(ctx.deps, ctx.supplierId, input.dispatchId);
    const r = await deliverSupplierMessage(ctx.deps, d, {
      kind: 'ack',
      expectedShipAt: input.expectedShipAt,
    });
    return 'repeat' in r
      ? { status: r.repeat, repeat: true }
      : { status: 'acknowledged', repeat: false };
  });
